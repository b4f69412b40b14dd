// npx tsx scripts/render-template.ts <template id> [out dir]: fills a model template with the demo
// school's sample values and writes <id>.docx and, when LibreOffice is installed, <id>.pdf — to read
// the act as the director who signs it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { documentKindTitles, type DocumentKind } from '../src/lib/documents/labels';
import { renderDocx } from '../src/lib/server/render';
import { demoScope } from '../src/lib/server/templates/check-templates';
import { fillTemplate } from '../src/lib/server/templates/fill-template';
import { readTemplateLibrary } from '../src/lib/server/templates/library';
import { parseVariableValues, sampleValues } from '../src/lib/server/templates/variables';

const [id, outDir = '/tmp/rendered'] = process.argv.slice(2);
const template = readTemplateLibrary().byId.get(id ?? '');
if (!template) {
	console.error(`Шаблон «${id}» не найден.`);
	process.exit(1);
}
const scope = demoScope(template.level);
const values = parseVariableValues(template, sampleValues(template, scope));
if (!values.ok) {
	console.error(values.errors);
	process.exit(1);
}
const body = await fillTemplate(template, scope, values.value);
const org = scope.org as {
	full_name: string;
	short_name: string;
	head_name?: string;
	head_position?: string;
	place?: string;
};
const docx = await renderDocx({
	organizationName: org.full_name,
	kindTitle: template.kind_title ?? documentKindTitles[template.kind as DocumentKind],
	heading: template.heading,
	dateLine: template.documentClass === 'order' || template.documentClass === 'record',
	place: org.place ?? null,
	signature:
		template.signature === 'head' && org.head_name
			? { position: org.head_position ?? 'Директор', name: org.head_name }
			: null,
	body
});
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `${template.id}.docx`);
writeFileSync(file, docx);
console.log(file);
try {
	execFileSync(
		'soffice',
		[
			`-env:UserInstallation=file:///tmp/lo-${process.pid}`,
			'--headless',
			'--convert-to',
			'pdf',
			'--outdir',
			outDir,
			file
		],
		{ stdio: 'ignore' }
	);
	console.log(file.replace(/\.docx$/, '.pdf'));
} catch {
	console.log('LibreOffice не найден: PDF не сделан.');
}
