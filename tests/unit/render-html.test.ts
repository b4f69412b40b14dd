import { describe, expect, it } from 'vitest';
import {
	approvalWord,
	documentCss,
	formatDate,
	renderDocumentHtml,
	renderMarkdownHtml,
	signatureName,
	type DocumentLayout
} from '../../src/lib/server/render';

const layout: DocumentLayout = {
	organizationName: 'МБОУ «Школа <b>№ 1</b>» & филиал',
	kindTitle: 'приказ',
	heading: 'О переходе на ведение <i>электронного</i> журнала',
	number: '112-о',
	date: '2025-08-28',
	place: 'пгт Новофедоровка',
	signature: { position: 'Директор', name: 'Иванова Мария Петровна' },
	body: 'Во исполнение закона\n\nПРИКАЗЫВАЮ:\n\n1. Перейти на ЭЖ.\n2. Назначить ответственных.\n'
};

describe('renderMarkdownHtml', () => {
	it('escapes raw HTML instead of passing it through', () => {
		const html = renderMarkdownHtml('До\n\n<script>alert(1)</script>\n\nТекст <img src=x onerror="alert(1)"> после');
		expect(html).not.toContain('<script');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
	});

	it('refuses javascript: links and links plain addresses', () => {
		const html = renderMarkdownHtml('[нажми](javascript:alert(1)) и https://elschool.ru');
		expect(html).not.toMatch(/href="javascript:/i);
		expect(html).toContain('<a href="https://elschool.ru">https://elschool.ru</a>');
	});

	it('renders tables, nested lists and emphasis', () => {
		const html = renderMarkdownHtml(
			[
				'Текст с **жирным**, *курсивом* и ~~зачёркнутым~~.',
				'',
				'1. Первый',
				'   1. Вложенный',
				'2. Второй',
				'',
				'- пункт',
				'  - подпункт',
				'',
				'| № | Мероприятие |',
				'|---|:-:|',
				'| 1 | Издать приказ |'
			].join('\n')
		);
		expect(html).toContain('<strong>жирным</strong>');
		expect(html).toContain('<em>курсивом</em>');
		expect(html).toContain('<s>зачёркнутым</s>');
		expect(html).toMatch(/<ol>\s*<li>Первый\s*<ol>\s*<li>Вложенный<\/li>/);
		expect(html).toMatch(/<ul>\s*<li>пункт\s*<ul>\s*<li>подпункт<\/li>/);
		expect(html).toContain('<table>');
		expect(html).toContain('<th>№</th>');
		expect(html).toContain('<td style="text-align:center">Издать приказ</td>');
	});

	it('keeps quotes and dashes as typed (no typographer)', () => {
		expect(renderMarkdownHtml('"кавычки" -- (c)')).toContain('&quot;кавычки&quot; -- (c)');
	});

	it('moves headings down by the offset and marks their written level', () => {
		expect(renderMarkdownHtml('# Раздел')).toContain('<h1>Раздел</h1>');
		expect(renderMarkdownHtml('# Раздел\n\n###### Мелкий', { headingOffset: 2 })).toMatch(
			/<h3 class="doc-h1">Раздел<\/h3>[\s\S]*<h6 class="doc-h6">Мелкий<\/h6>/
		);
	});
});

describe('renderDocumentHtml', () => {
	it('puts the requisites in order, escaped, then the body and the signature', () => {
		const html = renderDocumentHtml(layout);
		expect(html).toMatch(/^<article class="doc doc--order" lang="ru">/);
		expect(html).toContain('<p class="doc-org">МБОУ «Школа &lt;b&gt;№ 1&lt;/b&gt;» &amp; филиал</p>');
		expect(html).toContain('<p class="doc-kind">ПРИКАЗ</p>');
		expect(html).toContain('<time datetime="2025-08-28">28.08.2025</time>');
		expect(html).toContain('<span class="doc-number">№ 112-о</span>');
		expect(html).toContain('<p class="doc-place">пгт Новофедоровка</p>');
		expect(html).toContain(
			'<h2 class="doc-heading">О переходе на ведение &lt;i&gt;электронного&lt;/i&gt; журнала</h2>'
		);
		expect(html).toContain('<li>Перейти на ЭЖ.</li>');
		expect(html).toContain('<span class="doc-signature-position">Директор</span>');
		expect(html).toContain('<span class="doc-signature-name">М.П. Иванова</span>');
		expect(html).not.toContain('<b>');
		expect(html).not.toContain('doc-approval');
		const order = ['doc-org', 'doc-kind', 'doc-dateline', 'doc-place', 'doc-heading', 'doc-body', 'doc-signature'];
		const positions = order.map((c) => html.indexOf(`class="${c}"`));
		expect(positions.every((p) => p >= 0)).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
	});

	it('prints blanks for a missing date and number and leaves out a missing place', () => {
		const html = renderDocumentHtml({ ...layout, date: null, number: '', place: null });
		expect(html).toContain('«___» ________ 20__ г.');
		expect(html).toContain('№ ____');
		expect(html).not.toContain('doc-place');
		expect(html).not.toContain('<time');
	});

	it('shows the approval stamp above the organisation when approved, agreed with the kind', () => {
		const html = renderDocumentHtml({
			...layout,
			kindTitle: 'Положение',
			heading: 'об электронном журнале',
			approval: { authority: 'директора МБОУ «Школа № 1»', orderNumber: '112-о', orderDate: '2025-08-28' }
		});
		expect(html).toContain(
			'<p class="doc-approval">УТВЕРЖДЕНО<br>приказом директора МБОУ «Школа № 1»<br>от 28.08.2025 № 112-о</p>'
		);
		expect(html.indexOf('doc-approval')).toBeLessThan(html.indexOf('doc-org'));
		expect(html).toContain('<article class="doc" lang="ru">');
		expect(html).toContain('<p class="doc-kind">ПОЛОЖЕНИЕ</p>');
	});

	it('escapes a script in the body and keeps body headings under the document heading', () => {
		const html = renderDocumentHtml({ ...layout, body: '# 1. Общие положения\n\n<script>alert("x")</script>' });
		expect(html).not.toContain('<script');
		expect(html).toContain('&lt;script&gt;');
		expect(html).toContain('<h3 class="doc-h1">1. Общие положения</h3>');
		expect(renderDocumentHtml(layout, { headingLevel: 1 })).toContain('<h1 class="doc-heading">');
	});

	it('puts the text’s top headings one level under the document’s, written as # or ## (no skipped level)', () => {
		const html = renderDocumentHtml({ ...layout, body: '## I. Общие положения\n\nТекст.\n\n### 1.1. Термины' });
		expect(html).toContain('<h3 class="doc-h2">I. Общие положения</h3>');
		expect(html).toContain('<h4 class="doc-h3">1.1. Термины</h4>');
		expect(renderDocumentHtml({ ...layout, body: '## Раздел' }, { headingLevel: 1 })).toContain('<h2 class="doc-h2">Раздел</h2>');
	});

	it('comes with print styles after ГОСТ Р 7.0.97-2016', () => {
		expect(documentCss).toContain("'Times New Roman'");
		expect(documentCss).toContain('font-size: 14pt');
		expect(documentCss).toMatch(/\.doc-body p \{ text-indent: 1\.25cm; \}/);
		expect(documentCss).toContain('text-align: justify');
		expect(documentCss).toContain('@page { size: A4; margin: 20mm 10mm 20mm 20mm; }');
	});
});

describe('requisite helpers', () => {
	it('writes names as И.О. Фамилия', () => {
		expect(signatureName('Иванова Мария Петровна')).toBe('М.П. Иванова');
		expect(signatureName('  Петров   Пётр ')).toBe('П. Петров');
		expect(signatureName('Алиев Рашид Ахмед оглы')).toBe('Р.А. Алиев');
		expect(signatureName('Сидорова Анна-Мария Ивановна')).toBe('А.-М.И. Сидорова');
		expect(signatureName('И. О. Фамилия')).toBe('И.О. Фамилия');
		expect(signatureName('Фамилия И.О.')).toBe('И.О. Фамилия');
		expect(signatureName('Фамилия')).toBe('Фамилия');
	});

	it('formats ISO dates as ДД.ММ.ГГГГ and keeps anything else', () => {
		expect(formatDate('2025-09-01')).toBe('01.09.2025');
		expect(formatDate('2025-09-01T10:00:00Z')).toBe('01.09.2025');
		expect(formatDate('1 сентября 2025 г.')).toBe('1 сентября 2025 г.');
	});

	it('agrees the approval word with the kind', () => {
		expect(approvalWord('ПОЛОЖЕНИЕ')).toBe('УТВЕРЖДЕНО');
		expect(approvalWord('регламент')).toBe('УТВЕРЖДЕН');
		expect(approvalWord('Инструкция')).toBe('УТВЕРЖДЕНА');
		expect(approvalWord('ПРАВИЛА')).toBe('УТВЕРЖДЕНЫ');
		expect(approvalWord('Что-то иное')).toBe('УТВЕРЖДЕНО');
	});
});

describe('the date-and-number line', () => {
	it('is left out for an act awaiting approval, whose date and number come from the approving order', () => {
		const html = renderDocumentHtml({ ...layout, number: null, date: null, dateLine: false });
		expect(html).not.toContain('doc-dateline');
		expect(html).not.toContain('20__ г.');
		expect(renderDocumentHtml({ ...layout, number: null, date: null })).toContain('20__ г.');
	});
});
