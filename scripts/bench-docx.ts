// Throughput of the document renderer: npx tsx scripts/bench-docx.ts [seconds per measurement, default 3]
// Renders the largest model act of templates/ (Liquid tags stripped, placeholders filled with a sample value)
// and a synthetic large document (40 sections, nested lists, a 30-row table) to DOCX, PDF, ODT and HTML, then times
// a set of 25 medium documents, as «Сформировать комплект» makes for a school.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	renderDocumentHtml,
	renderDocx,
	renderOdt,
	renderPdf,
	type DocumentLayout
} from '../src/lib/server/render';

const SECONDS = Number(process.argv[2] ?? 3);
const TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));

const base: Omit<DocumentLayout, 'body'> = {
	organizationName:
		'Муниципальное бюджетное общеобразовательное учреждение «Новофедоровская школа-лицей» Сакского района Республики Крым',
	kindTitle: 'ПОЛОЖЕНИЕ',
	heading: 'Об электронном журнале успеваемости и электронном дневнике обучающихся',
	number: '112-о',
	date: '2025-08-28',
	place: 'пгт Новофедоровка',
	approval: {
		authority: 'директора МБОУ «Новофедоровская школа-лицей»',
		orderNumber: '112-о',
		orderDate: '2025-08-28'
	},
	signature: { position: 'Директор', name: 'Иванова Мария Петровна' }
};

/** The Markdown of a template without its front matter and Liquid: tags dropped, output filled with a sample value. */
function stripLiquid(source: string): string {
	return source
		.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '')
		.replace(/\{%-?[\s\S]*?-?%\}/g, '')
		.replace(/\{\{-?[\s\S]*?-?\}\}/g, 'значение');
}

function templates(): { name: string; body: string }[] {
	let files: string[];
	try {
		files = readdirSync(TEMPLATES).filter((f) => f.endsWith('.md') && f !== 'README.md');
	} catch {
		return [];
	}
	return files.map((name) => ({
		name,
		body: stripLiquid(readFileSync(join(TEMPLATES, name), 'utf8'))
	}));
}

function synthetic(sections: number, rows: number): string {
	const sentence =
		'Учитель заполняет электронный журнал в день проведения урока, а домашнее задание вносит не позднее дня проведения урока, с тем чтобы обучающиеся и их родители (законные представители) могли своевременно с ним ознакомиться.';
	const out: string[] = [];
	let point = 1;
	for (let s = 1; s <= sections; s++) {
		out.push(`## ${s}. Раздел ${s}`, '');
		out.push(`${point}. ${sentence} **Срок** — *не позднее* 01.09.2025.`);
		out.push(
			`   1. ${sentence}`,
			`      1. ${sentence}`,
			`      2. ${sentence}`,
			`   2. ${sentence}`
		);
		out.push(
			`${point + 1}. ${sentence}`,
			`   - ${sentence}`,
			`     - ${sentence}`,
			`   - ${sentence}`,
			''
		);
		out.push(sentence + ' ' + sentence, '');
		point += 2;
	}
	out.push(
		'## Приложение. План мероприятий',
		'',
		'| № | Мероприятие | Срок | Ответственный |',
		'|---|---|:-:|---|'
	);
	for (let r = 1; r <= rows; r++)
		out.push(
			`| ${r} | Провести обучение педагогических работников работе в ЭЖ, этап ${r} | до 01.09.2025 | Заместитель директора по УВР |`
		);
	return out.join('\n') + '\n';
}

async function rate(label: string, fn: () => unknown | Promise<unknown>): Promise<number> {
	for (let i = 0; i < 3; i++) await fn(); // warm-up
	const until = performance.now() + SECONDS * 1000;
	const started = performance.now();
	let n = 0;
	while (performance.now() < until) {
		await fn();
		n++;
	}
	const perSecond = n / ((performance.now() - started) / 1000);
	console.log(`${label}: ${perSecond.toFixed(1)} docs/s (${n} in ${SECONDS} s)`);
	return perSecond;
}

const sizes = async (layout: DocumentLayout, docx: Uint8Array) =>
	`DOCX ${docx.length} bytes, PDF ${(await renderPdf(layout)).length} bytes, ODT ${(await renderOdt(layout)).length} bytes`;

async function rates(layout: DocumentLayout): Promise<void> {
	await rate('  renderDocx', () => renderDocx(layout));
	await rate('  renderPdf', () => renderPdf(layout));
	await rate('  renderOdt', () => renderOdt(layout));
	await rate('  renderDocumentHtml', () => renderDocumentHtml(layout));
}

const all = templates();
const largest = all.sort((a, b) => b.body.length - a.body.length)[0];
const big = synthetic(40, 30);

console.log(`node ${process.version}, ${SECONDS} s per measurement`);
if (largest) {
	const layout = { ...base, body: largest.body };
	const bytes = await renderDocx(layout);
	console.log(
		`largest template: ${largest.name}, ${largest.body.length} chars of Markdown, ${await sizes(layout, bytes)}`
	);
	await rates(layout);
} else {
	console.log('largest template: no templates/*.md found');
}
{
	const layout = { ...base, body: big };
	const bytes = await renderDocx(layout);
	console.log(
		`synthetic: 40 sections, nested lists, 30-row table, ${big.length} chars, ${await sizes(layout, bytes)}`
	);
	await rates(layout);
}

// A school set: 25 documents, the templates in turn (or medium synthetic ones when there are none).
const bodies = all.length ? all.map((t) => t.body) : [synthetic(10, 10)];
const set = Array.from({ length: 25 }, (_, i) => ({ ...base, body: bodies[i % bodies.length]! }));
for (const layout of set.slice(0, 3)) await renderDocx(layout); // warm-up
let started = performance.now();
let bytes = 0;
for (const layout of set) bytes += (await renderDocx(layout)).length;
const docxMs = performance.now() - started;
const timed = async (render: (l: DocumentLayout) => Promise<Uint8Array>) => {
	const t0 = performance.now();
	let size = 0;
	for (const layout of set) size += (await render(layout)).length;
	return `${(performance.now() - t0).toFixed(0)} ms (${(size / 1024).toFixed(0)} KiB)`;
};
const pdf = await timed(renderPdf);
const odt = await timed(renderOdt);
started = performance.now();
for (const layout of set) renderDocumentHtml(layout);
const htmlMs = performance.now() - started;
console.log(
	`set of 25 documents (${all.length ? `${all.length} templates in turn` : 'synthetic, 10 sections each'}): ` +
		`DOCX ${docxMs.toFixed(0)} ms (${(bytes / 1024).toFixed(0)} KiB), PDF ${pdf}, ODT ${odt}, HTML ${htmlMs.toFixed(0)} ms`
);

// The real thing: «Сформировать комплект» for the demo school on an embedded database (validate,
// fill every template with Liquid, insert documents, versions and audit events in one transaction),
// then the DOCX of every document made.
{
	const { openDatabase } = await import('../src/lib/server/db/index');
	const { seedDemo } = await import('../src/lib/server/demo/seed-demo');
	const { findOrganizationBySlug } = await import('../src/lib/server/orgs/queries');
	const { loadActor } = await import('../src/lib/server/auth/permissions');
	const { generateSet, missingSetTemplates, setVariables } =
		await import('../src/lib/server/documents/generate-document');
	const { documentLayout } = await import('../src/lib/server/documents/layout');
	const { latestTextVersion } = await import('../src/lib/server/documents/queries');
	const { sampleValues } = await import('../src/lib/server/templates/variables');
	const { loadTemplateContext } = await import('../src/lib/server/templates/context');
	const { memberships, organizations, users } = await import('../src/lib/server/db/schema');
	const { eq } = await import('drizzle-orm');

	const handle = await openDatabase({});
	await seedDemo(handle.db);
	// The demo school's route has made its set already: a neighbouring school of the district starts from none.
	const found = (await findOrganizationBySlug(handle.db, 'veresaevskaya-sh'))!;
	// Its profile dates paperless mode from 2022; a school starting today has not reached it.
	const [school] = await handle.db
		.update(organizations)
		.set({ paperlessSince: null })
		.where(eq(organizations.id, found.id))
		.returning();
	const [director] = await handle.db
		.select()
		.from(users)
		.where(eq(users.email, 'director@demo.test'));
	await handle.db.insert(memberships).values({
		userId: director!.id,
		organizationId: school!.id,
		role: 'director',
		position: 'Директор'
	});
	const actor = await loadActor(handle.db, director!);
	const missing = await missingSetTemplates(handle.db, school);
	const scope = await loadTemplateContext(handle.db, school);
	const form = sampleValues({ ...missing[0]!, variables: setVariables(missing) }, scope);
	let t = performance.now();
	const { created } = await generateSet(handle.db, actor, school, form);
	const generateMs = performance.now() - t;
	t = performance.now();
	for (const doc of created) {
		const v = await latestTextVersion(handle.db, doc.id);
		await renderDocx(documentLayout(doc, school, v!.source!));
	}
	const docxMs = performance.now() - t;
	console.log(
		`whole school set on PGlite: ${created.length} documents generated in ${generateMs.toFixed(0)} ms, their DOCX in ${docxMs.toFixed(0)} ms, total ${(generateMs + docxMs).toFixed(0)} ms`
	);

	// A draft's «Скачать DOCX» as the cabinet's route does it: the version and the layout from the
	// database, then the file — rendered on the first download, the same bytes after (docx-cache).
	const { loadDocumentLayout } = await import('../src/lib/server/documents/layout');
	const { findVersion } = await import('../src/lib/server/documents/queries');
	const { docxFor } = await import('../src/lib/server/render');
	const sources = await Promise.all(
		created.map(async (doc) => ({
			doc,
			source: (await latestTextVersion(handle.db, doc.id))!.source!
		}))
	);
	const largestDraft = sources.sort((a, b) => b.source.length - a.source.length)[0]!.doc;
	const download = async (cached: boolean) => {
		const version = await findVersion(handle.db, largestDraft.id, largestDraft.currentVersion);
		const layout = await loadDocumentLayout(
			handle.db,
			largestDraft,
			school,
			version!.source!,
			'internal'
		);
		return cached ? docxFor(layout) : renderDocx(layout);
	};
	console.log(
		`draft download, largest of the set («${largestDraft.title}», ${sources[0]!.source.length} chars), layout from PGlite:`
	);
	const uncached = await rate('  rendered on every download', () => download(false));
	const cached = await rate('  made once per state (docxFor)', () => download(true));
	console.log(`  ×${(cached / uncached).toFixed(1)}`);
	await handle.close();
}
