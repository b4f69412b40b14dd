import { describe, expect, it } from 'vitest';
import { demoScope } from '../../src/lib/server/templates/check-templates';
import { fillTemplate } from '../../src/lib/server/templates/fill-template';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { parseVariableValues, sampleValues } from '../../src/lib/server/templates/variables';
import { renderMarkdownHtml } from '../../src/lib/server/render/markdown';
import { parseSource, schema, serializeDoc } from '../../src/lib/editor/markdown';

async function filledTemplates() {
	const out: { id: string; source: string }[] = [];
	for (const t of readTemplateLibrary().templates) {
		const scope = demoScope(t.level);
		const values = parseVariableValues(t, sampleValues(t, scope));
		if (values.ok) out.push({ id: t.id, source: await fillTemplate(t, scope, values.value) });
	}
	return out;
}

const templates = await filledTemplates();
const p = (text: string) => schema.nodes.paragraph.create(null, text ? schema.text(text) : null);

// A director who opens a document in the visual mode and saves without touching it must not get a new
// version with a changed text: every untouched block is written back as it was.
describe('the visual editor over the templates', () => {
	it('has every template to check', () => {
		expect(templates.length).toBeGreaterThanOrEqual(28);
	});

	it.each(templates.map((t) => [t.id, t.source] as const))(
		'gives back %s unchanged, byte for byte',
		(_, source) => {
			const parsed = parseSource(source);
			expect(parsed.spans).toHaveLength(parsed.doc.childCount);
			expect(serializeDoc(parsed.doc, parsed)).toBe(source);
		}
	);

	// Written anew (every block edited) the text may differ only in form: sub-points indented by four
	// spaces, an empty table cell as «|   |», a blank line before a list, list numbers in order.
	it.each(templates.map((t) => [t.id, t.source] as const))(
		'writes %s anew as the same document, and that writing is stable',
		(_, source) => {
			const fresh = serializeDoc(parseSource(source).doc);
			expect(renderMarkdownHtml(fresh)).toBe(renderMarkdownHtml(source));
			expect(serializeDoc(parseSource(fresh).doc)).toBe(fresh);
		}
	);
});

describe('an edit in the visual mode', () => {
	const source =
		'## I. Общие положения\n\n1. Первый пункт.\n2. Второй пункт:\n    1. подпункт.\n\nАбзац с подписью ____________.\n';

	it('rewrites only the block that was edited', () => {
		const parsed = parseSource(source);
		const edited = parsed.doc.copy(parsed.doc.content.replaceChild(2, p('Новый абзац.')));
		expect(serializeDoc(edited, parsed)).toBe(
			'## I. Общие положения\n\n1. Первый пункт.\n2. Второй пункт:\n    1. подпункт.\n\nНовый абзац.\n'
		);
	});

	it('writes a new numbered point and sub-point in the house style', () => {
		const parsed = parseSource(source);
		const list = parsed.doc.child(1);
		const item = schema.nodes.list_item.create(null, [
			p('Третий пункт:'),
			schema.nodes.ordered_list.create(
				{ order: 1, tight: true },
				schema.nodes.list_item.create(null, p('его подпункт.'))
			)
		]);
		const longer = list.copy(list.content.addToEnd(item));
		const doc = parsed.doc.copy(parsed.doc.content.replaceChild(1, longer));
		expect(serializeDoc(doc, parsed)).toBe(
			'## I. Общие положения\n\n1. Первый пункт.\n2. Второй пункт:\n    1. подпункт.\n3. Третий пункт:\n    1. его подпункт.\n\nАбзац с подписью ____________.\n'
		);
	});

	it('escapes typed text only where it would otherwise become markup', () => {
		const doc = schema.nodes.doc.create(null, [
			p('1. не пункт, а текст'),
			p('- и не список'),
			p('дата «____» 20__ г.'),
			p('звёздочка * и *слово*')
		]);
		const written = serializeDoc(doc);
		expect(written).toBe(
			'1\\. не пункт, а текст\n\n\\- и не список\n\nдата «____» 20__ г.\n\nзвёздочка \\* и \\*слово\\*\n'
		);
		expect(parseSource(written).doc.eq(doc)).toBe(true);
	});

	it('writes a table with a header row and escapes «|» in a cell', () => {
		const cell = (type: 'table_header' | 'table_cell', text: string) =>
			schema.nodes[type].create(null, text ? schema.text(text) : null);
		const table = schema.nodes.table.create(null, [
			schema.nodes.table_row.create(null, [
				cell('table_header', '№'),
				cell('table_header', 'Мероприятие')
			]),
			schema.nodes.table_row.create(null, [
				cell('table_cell', '1'),
				cell('table_cell', 'да | нет')
			]),
			schema.nodes.table_row.create(null, [cell('table_cell', '2'), cell('table_cell', '')])
		]);
		const written = serializeDoc(schema.nodes.doc.create(null, table));
		expect(written).toBe('| № | Мероприятие |\n| --- | --- |\n| 1 | да \\| нет |\n| 2 |   |\n');
		expect(parseSource(written).doc.firstChild!.eq(table)).toBe(true);
	});

	it('keeps **bold** and an address written as text', () => {
		const source = 'Сайт https://school.example.ru и **важное** слово.\n';
		const parsed = parseSource(source);
		expect(serializeDoc(parsed.doc)).toBe(source);
	});
});
