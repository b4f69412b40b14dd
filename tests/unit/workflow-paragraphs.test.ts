import { describe, expect, it } from 'vitest';
import { demoScope } from '../../src/lib/server/templates/check-templates';
import { fillTemplate } from '../../src/lib/server/templates/fill-template';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { parseVariableValues, sampleValues } from '../../src/lib/server/templates/variables';
import { paragraphsOf, paragraphView } from '../../src/lib/server/workflow/paragraphs';

// A remark on a draft is anchored to «абзац N of version V»: these are the paragraphs a reviewer
// clicks, so each must be one thing a person would comment on, and the list must not change
// for the same text.
describe('paragraphsOf', () => {
	it('splits blocks at blank lines and joins the lines of one block into one paragraph', () => {
		const source =
			'## I. Общие положения\n\nПервая строка абзаца\nи его продолжение.\n\nВторой абзац.';
		expect(paragraphsOf(source)).toEqual([
			'## I. Общие положения',
			'Первая строка абзаца и его продолжение.',
			'Второй абзац.'
		]);
	});

	it('treats a line of spaces as a blank line, trims lines and drops empty blocks', () => {
		const source = '\n\n  Первый.  \n   \n\t\n\n  Второй  \n\n\n';
		expect(paragraphsOf(source)).toEqual(['Первый.', 'Второй']);
		expect(paragraphsOf('')).toEqual([]);
		expect(paragraphsOf('   \n\n  \n')).toEqual([]);
	});

	it('reads Windows line ends as Unix ones', () => {
		const unix = 'Абзац один\nпродолжение.\n\n1. Пункт.\n2. Пункт.';
		expect(paragraphsOf(unix.replace(/\n/g, '\r\n'))).toEqual(paragraphsOf(unix));
		expect(paragraphsOf(unix)).toEqual(['Абзац один продолжение.', '1. Пункт.', '2. Пункт.']);
	});

	it('gives every list item its own paragraph, whatever the marker, nested items included', () => {
		const source = [
			'- дефис;',
			'* звёздочка;',
			'+ плюс;',
			'1. номер с точкой;',
			'2) номер со скобкой;',
			'    1. вложенный пункт;',
			'    2. ещё вложенный.'
		].join('\n');
		expect(paragraphsOf(source)).toEqual([
			'- дефис;',
			'* звёздочка;',
			'+ плюс;',
			'1. номер с точкой;',
			'2) номер со скобкой;',
			'1. вложенный пункт;',
			'2. ещё вложенный.'
		]);
	});

	it('keeps a block with text before its list as one paragraph (a list only when every line is an item)', () => {
		const source = 'Положение разработано в соответствии с:\n1. Законом;\n2. уставом.';
		expect(paragraphsOf(source)).toEqual([
			'Положение разработано в соответствии с: 1. Законом; 2. уставом.'
		]);
	});

	it('gives every table row its own paragraph and skips the separator rows', () => {
		const source = [
			'| № | Автор | Предложение |',
			'| --- | --- | --- |',
			'| 1 | Иванова | Продлить срок |',
			'|:---|:---:|---:|',
			'|---|---|---|',
			'| 2 | Петров | Уточнить пункт 3 |'
		].join('\n');
		expect(paragraphsOf(source)).toEqual([
			'| № | Автор | Предложение |',
			'| 1 | Иванова | Продлить срок |',
			'| 2 | Петров | Уточнить пункт 3 |'
		]);
	});

	it('numbers paragraphs the same way across blocks of different kinds', () => {
		const source =
			'Вступление.\n\n- первый;\n- второй.\n\n| А | Б |\n| - | - |\n| 1 | 2 |\n\nЗаключение\nв две строки.';
		const paragraphs = paragraphsOf(source);
		expect(paragraphs).toEqual([
			'Вступление.',
			'- первый;',
			'- второй.',
			'| А | Б |',
			'| 1 | 2 |',
			'Заключение в две строки.'
		]);
		// The same text always gives the same anchors.
		expect(paragraphsOf(source)).toEqual(paragraphs);
	});

	it('splits a real model act into many non-empty paragraphs, none containing a blank line', async () => {
		const template = readTemplateLibrary().byId.get('school-regulation-journal')!;
		const scope = demoScope('school');
		const values = parseVariableValues(template, sampleValues(template, scope));
		if (!values.ok) throw new Error(JSON.stringify(values.errors));
		const paragraphs = paragraphsOf(await fillTemplate(template, scope, values.value));
		expect(paragraphs.length).toBeGreaterThan(20);
		for (const p of paragraphs) {
			expect(p).toBe(p.trim());
			expect(p).not.toBe('');
			expect(p).not.toMatch(/\n/);
		}
		expect(paragraphs[0]).toBe('## I. Общие положения');
	});
});

// A reviewer picks a paragraph by what the document says, not by its Markdown («1. ## I. …»).
describe('paragraphView', () => {
	it('shows a heading without its marks and inline formatting rendered', () => {
		expect(paragraphView('## I. Общие положения')).toMatchObject({
			kind: 'heading',
			html: 'I. Общие положения',
			text: 'I. Общие положения'
		});
		expect(paragraphView('Срок — **до 1 сентября**, см. *приложение*.')).toMatchObject({
			kind: 'text',
			html: 'Срок — <strong>до 1 сентября</strong>, см. <em>приложение</em>.',
			text: 'Срок — до 1 сентября, см. приложение.'
		});
	});

	it("keeps a point's number as the document shows it and a dash for a bullet", () => {
		expect(paragraphView('3) Пункт **важный**;')).toMatchObject({
			kind: 'item',
			marker: '3.',
			html: 'Пункт <strong>важный</strong>;',
			text: '3. Пункт важный;'
		});
		expect(paragraphView('- вариант;')).toMatchObject({ marker: '–', text: '– вариант;' });
	});

	it("gives a table row's cells, an escaped «|» kept inside its cell", () => {
		expect(paragraphView('| 1 | Иванова | да \\| нет |')).toMatchObject({
			kind: 'row',
			cells: ['1', 'Иванова', 'да | нет'],
			text: '1 · Иванова · да | нет'
		});
	});

	it('escapes what would be HTML', () => {
		expect(paragraphView('<script>alert(1)</script> & текст').html).toBe(
			'&lt;script&gt;alert(1)&lt;/script&gt; &amp; текст'
		);
	});
});
