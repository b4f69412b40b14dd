// npm run templates:check — every template parses and renders with the demo organisation.
import { checkTemplates } from '../src/lib/server/templates/check-templates';
import { readTemplateLibrary } from '../src/lib/server/templates/library';

const library = readTemplateLibrary();
const problems = await checkTemplates(library);
for (const p of problems) console.error(`✗ ${p}`);
console.log(`Шаблонов: ${library.templates.length}, ошибок: ${problems.length}.`);
if (process.argv.includes('--print')) {
	const { demoScope } = await import('../src/lib/server/templates/check-templates');
	const { fillTemplate } = await import('../src/lib/server/templates/fill-template');
	const { parseVariableValues, sampleValues } =
		await import('../src/lib/server/templates/variables');
	const id = process.argv[process.argv.indexOf('--print') + 1];
	const t = library.byId.get(id ?? '');
	if (t) {
		const scope = demoScope(t.level);
		const values = parseVariableValues(t, sampleValues(t, scope));
		if (values.ok) console.log(await fillTemplate(t, scope, values.value));
	}
}
process.exit(problems.length ? 1 : 0);
