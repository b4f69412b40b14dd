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
import { documentTitle, headingText } from '../../src/lib/server/render/layout';
import { AGREEMENT_LAYOUT, CONSENT_LAYOUT } from '../helpers/layouts';

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
		const html = renderMarkdownHtml(
			'До\n\n<script>alert(1)</script>\n\nТекст <img src=x onerror="alert(1)"> после'
		);
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
		expect(html).toContain(
			'<p class="doc-org">МБОУ «Школа &lt;b&gt;№ 1&lt;/b&gt;» &amp; филиал</p>'
		);
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
		const order = [
			'doc-org',
			'doc-kind',
			'doc-dateline',
			'doc-place',
			'doc-heading',
			'doc-body',
			'doc-signature'
		];
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
			approval: {
				authority: 'директора МБОУ «Школа № 1»',
				orderNumber: '112-о',
				orderDate: '2025-08-28'
			}
		});
		expect(html).toContain(
			'<p class="doc-approval">УТВЕРЖДЕНО<br>приказом директора МБОУ «Школа № 1»<br>от 28.08.2025 № 112-о</p>'
		);
		expect(html.indexOf('doc-approval')).toBeLessThan(html.indexOf('doc-org'));
		expect(html).toContain('<article class="doc" lang="ru">');
		expect(html).toContain('<p class="doc-kind">ПОЛОЖЕНИЕ</p>');
	});

	it('escapes a script in the body and keeps body headings under the document heading', () => {
		const html = renderDocumentHtml({
			...layout,
			body: '# 1. Общие положения\n\n<script>alert("x")</script>'
		});
		expect(html).not.toContain('<script');
		expect(html).toContain('&lt;script&gt;');
		expect(html).toContain('<h3 class="doc-h1">1. Общие положения</h3>');
		expect(renderDocumentHtml(layout, { headingLevel: 1 })).toContain('<h1 class="doc-heading">');
	});

	it('puts the text’s top headings one level under the document’s, written as # or ## (no skipped level)', () => {
		const html = renderDocumentHtml({
			...layout,
			body: '## I. Общие положения\n\nТекст.\n\n### 1.1. Термины'
		});
		expect(html).toContain('<h3 class="doc-h2">I. Общие положения</h3>');
		expect(html).toContain('<h4 class="doc-h3">1.1. Термины</h4>');
		expect(renderDocumentHtml({ ...layout, body: '## Раздел' }, { headingLevel: 1 })).toContain(
			'<h2 class="doc-h2">Раздел</h2>'
		);
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

const NBSP = '\u00a0';
const sheet: NonNullable<DocumentLayout['approvalSheet']> = [
	{
		name: 'Петрова Анна Сергеевна',
		position: 'Заместитель директора по УВР',
		decision: 'Согласовано',
		date: '2025-08-20'
	},
	{
		name: 'Сидоров Илья Павлович',
		position: 'Руководитель <рабочей> группы',
		decision: 'Согласовано с замечаниями',
		date: '2025-08-21'
	}
];
const act: DocumentLayout = {
	organizationName: 'МБОУ «Школа № 1»',
	kindTitle: 'Положение',
	heading: 'об электронном журнале',
	dateLine: false,
	approval: { authority: 'МБОУ «Школа № 1»', orderNumber: '112-о', orderDate: '2025-08-28' },
	adopted: { body: 'педагогическим советом', minutesNumber: '1', minutesDate: '2025-08-27' },
	opinions: [
		{ council: 'Совета обучающихся', minutesNumber: '2', minutesDate: '2025-08-25' },
		{ council: 'Совета родителей & <попечителей>', minutesNumber: null, minutesDate: '2025-08-26' }
	],
	approvalSheet: sheet,
	body: '## 1. Общие положения\n\nТекст положения.'
};
const before = (html: string, ...classes: string[]) => {
	const positions = classes.map((c) => html.indexOf(`class="${c}"`));
	expect(
		positions.every((p) => p >= 0),
		JSON.stringify(positions)
	).toBe(true);
	expect([...positions].sort((a, b) => a - b)).toEqual(positions);
};

describe('the грифы of a local act', () => {
	it('puts ПРИНЯТО and УЧТЕНО МНЕНИЕ on the left of the approval stamp, in one row above the organisation', () => {
		const html = renderDocumentHtml(act);
		expect(html).toContain(
			`<p class="doc-adopted">ПРИНЯТО<br>педагогическим советом<br>протокол${NBSP}от${NBSP}27.08.2025${NBSP}№${NBSP}1</p>`
		);
		expect(html).toContain(
			`<p class="doc-opinions">УЧТЕНО МНЕНИЕ<br>Совета обучающихся (протокол${NBSP}от${NBSP}25.08.2025${NBSP}№${NBSP}2)` +
				`<br>Совета родителей &amp; &lt;попечителей&gt; (протокол${NBSP}от${NBSP}26.08.2025)</p>`
		);
		expect(html).toContain(
			'<p class="doc-approval">УТВЕРЖДЕНО<br>приказом МБОУ «Школа № 1»<br>от 28.08.2025 № 112-о</p>'
		);
		before(
			html,
			'doc-stamps',
			'doc-stamps-left',
			'doc-adopted',
			'doc-opinions',
			'doc-approval',
			'doc-org',
			'doc-kind'
		);
		// The left column closes before the stamp, so the two sit side by side in the row.
		expect(html).toMatch(
			/<div class="doc-stamps">\n<div class="doc-stamps-left">[\s\S]*?<\/div>\n<p class="doc-approval">[\s\S]*?<\/p>\n<\/div>/
		);
	});

	it('leaves out the minutes it does not have, and a body not named', () => {
		const only = (adopted: DocumentLayout['adopted']) =>
			renderDocumentHtml({ ...act, opinions: [], adopted });
		expect(
			only({ body: 'педагогическим советом', minutesNumber: null, minutesDate: null })
		).toContain('<p class="doc-adopted">ПРИНЯТО<br>педагогическим советом</p>');
		expect(
			only({ body: 'педагогическим советом', minutesNumber: '3', minutesDate: null })
		).toContain(`педагогическим советом<br>протокол${NBSP}№${NBSP}3</p>`);
		expect(only({ body: '  ', minutesNumber: '3', minutesDate: '2025-08-27' })).not.toContain(
			'ПРИНЯТО'
		);
		expect(renderDocumentHtml({ ...act, adopted: null, opinions: [] })).not.toContain(
			'doc-stamps-left'
		);
	});

	it('marks an order’s appendix in the top right corner instead of the approval stamp', () => {
		const appendix = {
			index: 2,
			authority: 'МБОУ «Школа № 1» <b>',
			orderNumber: '112-о',
			orderDate: '2025-08-28'
		};
		const html = renderDocumentHtml({
			...act,
			adopted: null,
			opinions: [],
			kindTitle: 'План',
			appendix
		});
		expect(html).toContain(
			'<p class="doc-appendix">Приложение 2<br>к приказу МБОУ «Школа № 1» &lt;b&gt;<br>от 28.08.2025 № 112-о</p>'
		);
		expect(html).not.toContain('УТВЕРЖДЕН');
		before(html, 'doc-appendix', 'doc-org');
		const single = renderDocumentHtml({
			...act,
			appendix: { ...appendix, index: null, authority: 'приказом МБОУ «Школа № 1»' }
		});
		expect(single).toContain(
			'<p class="doc-appendix">Приложение<br>к приказу МБОУ «Школа № 1»<br>'
		);
	});

	it('stacks the грифы on a phone', () => {
		expect(documentCss).toMatch(
			/@media screen and \(max-width: 40rem\) \{[^@]*\.doc \.doc-stamps \{ grid-template-columns: 1fr;/
		);
		expect(documentCss.indexOf('grid-template-columns: 1fr;')).toBeGreaterThan(
			documentCss.indexOf('grid-template-columns: 1fr 1fr;')
		);
	});
});

describe('the requisites after the signature', () => {
	const order: DocumentLayout = {
		...layout,
		executor: { name: 'Петрова Анна Сергеевна', position: 'заместитель директора, 9-12-34' },
		acquainted: [
			{
				name: 'Петрова Анна Сергеевна',
				position: 'Заместитель директора по УВР',
				date: '2025-08-29'
			},
			{ name: 'Сидоров Илья Павлович', position: 'Учитель <информатики>', date: null }
		],
		approvalSheet: sheet
	};

	it('lists who acknowledged the order and when, with a blank to sign for the others', () => {
		const html = renderDocumentHtml(order);
		expect(html).toContain('<p class="doc-acquainted-title">С приказом ознакомлены:</p>');
		expect(html).toContain(
			'<tr><td class="doc-acquainted-position">Заместитель директора по УВР</td><td class="doc-acquainted-name">А.С. Петрова</td>' +
				'<td class="doc-acquainted-mark">ознакомлена в электронной форме <time datetime="2025-08-29">29.08.2025</time></td></tr>'
		);
		expect(html).toContain(
			'<tr><td class="doc-acquainted-position">Учитель &lt;информатики&gt;</td><td class="doc-acquainted-name">И.П. Сидоров</td>' +
				'<td class="doc-acquainted-mark">________ «___» ________ 20__ г.</td></tr>'
		);
		before(html, 'doc-body', 'doc-signature', 'doc-acquainted', 'doc-executor', 'doc-agreement');
	});

	it('says «ознакомлен», «ознакомлена» or «ознакомлен(а)» for one person, as far as the name tells', () => {
		const one = (name: string) =>
			renderDocumentHtml({ ...layout, acquainted: [{ name, position: null, date: null }] });
		expect(one('Сидоров Илья Павлович')).toContain('С приказом ознакомлен:');
		expect(one('Петрова Анна Сергеевна')).toContain('С приказом ознакомлена:');
		expect(one('А.С. Петрова')).toContain('С приказом ознакомлен(а):');
		expect(one('Алиева Лейла Рашид кызы')).toContain('С приказом ознакомлена:');
		expect(renderDocumentHtml({ ...act, acquainted: order.acquainted })).toContain(
			'С документом ознакомлены:'
		);
	});

	it('prints the executor small at the left: «Исп.:» and the position under it', () => {
		const html = renderDocumentHtml(order);
		expect(html).toContain(
			'<p class="doc-executor">Исп.: Петрова Анна Сергеевна<br>заместитель директора, 9-12-34</p>'
		);
		expect(
			renderDocumentHtml({ ...layout, executor: { name: 'Петрова А.С.', position: null } })
		).toContain('<p class="doc-executor">Исп.: Петрова А.С.</p>');
		expect(documentCss).toMatch(/\.doc \.doc-executor \{[^}]*font-size: 12pt/);
	});

	it('ends with the лист согласования: a captioned table of who agreed, their decision and its date', () => {
		const html = renderDocumentHtml(order);
		expect(html).toContain(
			'<caption><span class="doc-agreement-title">ЛИСТ СОГЛАСОВАНИЯ</span>' +
				'<span class="doc-agreement-subject">Приказ «О переходе на ведение &lt;i&gt;электронного&lt;/i&gt; журнала»</span></caption>'
		);
		expect(html).toContain(
			'<thead><tr><th scope="col">№</th><th scope="col">Должность</th><th scope="col">Ф.И.О.</th><th scope="col">Решение</th><th scope="col">Дата</th></tr></thead>'
		);
		expect(html).toContain(
			'<tr><td>2</td><td>Руководитель &lt;рабочей&gt; группы</td><td>И.П. Сидоров</td><td>Согласовано с замечаниями</td>' +
				'<td><time datetime="2025-08-21">21.08.2025</time></td></tr>'
		);
		expect(html.lastIndexOf('</section>')).toBeGreaterThan(html.indexOf('doc-agreement-title'));
		expect(renderDocumentHtml(act)).toContain(
			'<span class="doc-agreement-subject">Положение об электронном журнале</span>'
		);
		expect(documentCss).toMatch(/@media print \{[\s\S]*\.doc-agreement \{[^}]*break-before: page/);
	});

	it('prints nothing for a requisite absent or empty', () => {
		for (const html of [
			renderDocumentHtml(layout),
			renderDocumentHtml({
				...layout,
				adopted: null,
				opinions: [],
				executor: null,
				acquainted: [],
				approvalSheet: [],
				appendix: null
			})
		]) {
			for (const text of [
				'doc-stamps',
				'ПРИНЯТО',
				'УЧТЕНО',
				'Приложение',
				'ознакомлен',
				'Исп.',
				'ЛИСТ СОГЛАСОВАНИЯ',
				'<table'
			])
				expect(html).not.toContain(text);
		}
		expect(
			renderDocumentHtml({ ...layout, executor: { name: ' ', position: 'учитель' } })
		).not.toContain('doc-executor');
	});
});

describe('the HTML as the DOCX prints it (issue #11)', () => {
	it('puts ПРИКАЗЫВАЮ: of an order flush left, and only in an order', () => {
		const html = renderDocumentHtml(layout);
		expect(html).toContain('<p class="doc-operative">ПРИКАЗЫВАЮ:</p>');
		expect(html).toContain('<p>Во исполнение закона</p>');
		expect(
			renderDocumentHtml({ ...layout, kindTitle: 'Протокол', body: 'ПРИКАЗЫВАЮ:\n\nРЕШИЛИ:' })
		).not.toContain('doc-operative');
		expect(renderDocumentHtml({ ...layout, body: 'РЕШИЛИ:' })).not.toContain('doc-operative');
		expect(documentCss).toMatch(
			/\.doc-body p\.doc-operative \{ text-indent: 0; text-align: left; \}/
		);
	});

	it('keeps list lines at the margin with the paragraph indent, nested lists no further right', () => {
		expect(documentCss).toMatch(/\.doc-body li \{ text-indent: 1\.25cm; \}/);
		expect(documentCss).toMatch(
			/\.doc-body ol, \.doc-body ul \{ padding-left: 0; list-style-position: inside; \}/
		);
		expect(documentCss).not.toMatch(/li :is\(ol, ul\) \{ padding-left/);
	});

	it('heads a citizen’s consent with the addressee, without the letterhead, and ends with the citizen’s signature', () => {
		const html = renderDocumentHtml(CONSENT_LAYOUT);
		expect(html).toContain(
			'<div class="doc-addressee">\n<p>Директору МБОУ «Новофедоровская школа-лицей»</p>\n<p>М.\u00a0П.\u00a0Ивановой</p>\n<p>от ______________________________</p>\n' +
				'<p class="doc-caption">(фамилия, имя, отчество заявителя)</p>\n<p>проживающего(-ей) по адресу:</p>\n'
		);
		for (const absent of ['doc-org', 'doc-dateline', 'doc-requisites', 'doc-signature"'])
			expect(html).not.toContain(absent);
		expect(html.indexOf('doc-addressee')).toBeLessThan(html.indexOf('doc-kind'));
		expect(html).toContain('<h2 class="doc-heading">на обработку персональных данных');
		expect(html).toMatch(
			/<table class="doc-applicant-signature"><tbody><tr><td>«___» ____________ 20__ г\.<\/td><td>____________<\/td>/
		);
		expect(html).toContain(
			'<td class="doc-caption">(подпись)</td><td class="doc-caption">(расшифровка подписи)</td>'
		);
		expect(html.indexOf('doc-applicant-signature')).toBeGreaterThan(html.indexOf('doc-body'));
		expect(documentCss).toMatch(/\.doc \.doc-addressee \{ margin: 0 0 24pt 50%;/);
	});

	it('gives rows with a blank to fill 8 mm and prints an agreement’s parties in two equal columns', () => {
		const consent = renderDocumentHtml(CONSENT_LAYOUT);
		expect(consent.match(/<tr class="doc-fill">/g)).toHaveLength(2);
		const agreement = renderDocumentHtml(AGREEMENT_LAYOUT);
		expect(agreement.match(/<table class="doc-parties">/g)).toHaveLength(1);
		expect(agreement.indexOf('<table class="doc-parties">')).toBeGreaterThan(
			agreement.indexOf('Фамилия, имя, отчество')
		);
		expect(agreement).toContain('<th>Оператор</th>');
		expect(renderDocumentHtml({ ...AGREEMENT_LAYOUT, parties: false })).not.toContain(
			'doc-parties'
		);
		expect(documentCss).toMatch(/\.doc-body tr\.doc-fill > td \{ height: 8mm; \}/);
		expect(documentCss).toMatch(
			/\.doc-parties :is\(th, td\) \{ width: 50%; border: 0;[^}]*text-align: left; \}/
		);
		expect(documentCss).toMatch(/\.doc-acquainted td \{[^}]*height: 8mm/);
		expect(documentCss).toMatch(/\.doc-agreement td \{ height: 8mm; \}/);
	});

	it('starts an act’s heading in lower case under the kind word; an order’s keeps its capital', () => {
		expect(
			renderDocumentHtml({ ...layout, kindTitle: 'Положение', heading: 'Об электронном журнале' })
		).toContain('<h2 class="doc-heading">об электронном журнале</h2>');
		expect(
			renderDocumentHtml({ ...layout, kindTitle: 'Регламент', heading: 'ЭлЖур в школе' })
		).toContain('<h2 class="doc-heading">ЭлЖур в школе</h2>');
		expect(renderDocumentHtml(layout)).toContain('<h2 class="doc-heading">О переходе');
	});
});

describe('headingText and documentTitle', () => {
	it('lowers the first letter after the kind word, unless an abbreviation, a name or an order', () => {
		const act = (heading: string) => headingText({ kindTitle: 'Положение', heading });
		expect(act('О переходе на ЭЖ')).toBe('о переходе на ЭЖ');
		expect(act('  Об электронном журнале ')).toBe('об электронном журнале');
		expect(act('ИКТ в школе')).toBe('ИКТ в школе');
		expect(act('ЭлЖур')).toBe('ЭлЖур');
		expect(act('«Цифровая школа»')).toBe('«Цифровая школа»');
		expect(act('1С: порядок')).toBe('1С: порядок');
		expect(headingText({ kindTitle: 'приказ', heading: 'О переходе' })).toBe('О переходе');
		expect(
			headingText({ kindTitle: 'Приказ', heading: 'о переходе на ведение электронного журнала' })
		).toBe('О переходе на ведение электронного журнала');
		expect(documentTitle({ kindTitle: 'ПОЛОЖЕНИЕ', heading: 'Об электронном журнале' })).toBe(
			'Положение об электронном журнале'
		);
		expect(documentTitle({ kindTitle: 'Приказ', heading: 'О переходе' })).toBe(
			'Приказ «О переходе»'
		);
	});
});

describe('images in a document', () => {
	it('are links, never pictures loaded from elsewhere; a dangerous scheme is not even a link', () => {
		const html = renderMarkdownHtml(
			'![Логотип](https://evil.example/t.png) и ![x](javascript:alert(1)) и ![a<b](/x.png)'
		);
		expect(html).not.toContain('<img');
		expect(html).toContain(
			'<a href="https://evil.example/t.png" rel="nofollow noopener noreferrer">Логотип</a>'
		);
		expect(html).toContain('<a href="/x.png" rel="nofollow noopener noreferrer">a&lt;b</a>');
		expect(html).not.toContain('href="javascript:');
	});
});
