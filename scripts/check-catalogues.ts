// npm run catalogues:check — every catalogue file parses and cites templates that exist.
import { readCatalogueFiles } from '../src/lib/server/checklists/catalogue-file';
import { readTemplateLibrary } from '../src/lib/server/templates/library';

const { catalogues, problems } = readCatalogueFiles();
const templates = readTemplateLibrary().byId;
for (const c of catalogues)
	for (const item of c.items)
		for (const id of item.evidence.templates)
			if (!templates.has(id))
				problems.push(`${c.fileName}: пункт ${item.code}: нет шаблона ${id}.`);
for (const p of problems) console.error(`✗ ${p}`);
for (const c of catalogues) console.log(`${c.id} v${c.version}: ${c.items.length} пунктов`);
process.exit(problems.length ? 1 : 0);
