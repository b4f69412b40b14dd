import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx, type DocumentLayout } from '../../src/lib/server/render';
import { ACT_LAYOUT, AGREEMENT_LAYOUT, CONSENT_LAYOUT, ORDER_LAYOUT } from '../helpers/layouts';

const BODY = [
	'Во исполнение Федерального закона от 29.12.2012 № 273-ФЗ, в целях **повышения качества** образовательных услуг и *информационной открытости*',
	'',
	'ПРИКАЗЫВАЮ:',
	'',
	'1. Перейти с 01.09.2025 на ведение электронного журнала в системе «ЭлЖур».',
	'2. Назначить ответственными:',
	'   1. за администрирование — Петрова П.П.;',
	'      1. пункт третьего уровня.',
	'   2. за методическое сопровождение — Сидорову С.С.',
	'3. Утвердить:',
	'   - регламент ведения ЭЖ;',
	'     - вложенный маркер.',
	'',
	'## Раздел второй',
	'',
	'Первая строка\\',
	'вторая строка <script>alert("x")</script> & \u0001кон\uFFFEец.',
	'',
	'> Цитата из регламента.',
	'',
	'| № | Мероприятие | Срок |',
	'|---|---|:-:|',
	'| 1 | Издать приказ | до 01.09.2025 |',
	'| 2 | Обучить педагогов | август |',
	'',
	'1. Новый список с единицы.',
	'2. Второй пункт.'
].join('\n');

const ORDER: DocumentLayout = {
	organizationName:
		'Муниципальное бюджетное общеобразовательное учреждение «Новофедоровская школа-лицей»',
	kindTitle: 'приказ',
	heading: 'О переходе на ведение электронного журнала',
	number: '112-о',
	date: '2025-08-28',
	place: 'пгт Новофедоровка',
	signature: { position: 'Директор', name: 'Иванова Мария Петровна' },
	body: BODY
};

const POLICY: DocumentLayout = {
	organizationName: 'МБОУ «Школа № 1»',
	kindTitle: 'Положение',
	heading: 'об электронном журнале',
	approval: {
		authority: 'директора МБОУ «Школа № 1»',
		orderNumber: '112-о',
		orderDate: '2025-08-28'
	},
	body: '1. Общие положения'
};

type Files = Record<string, string>;

async function unpack(layout: DocumentLayout): Promise<Files> {
	const bytes = await renderDocx(layout);
	expect(bytes).toBeInstanceOf(Uint8Array);
	const zip = unzipSync(bytes);
	const decoder = new TextDecoder();
	return Object.fromEntries(
		Object.entries(zip).map(([name, data]) => [name, decoder.decode(data)])
	);
}

/** Each w:p of a part with its text, the w:t contents joined. */
function paragraphs(xml: string): { xml: string; text: string }[] {
	return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map(([p]) => ({
		xml: p,
		text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
	}));
}

function paragraph(xml: string, text: string) {
	const found = paragraphs(xml).find((p) => p.text.includes(text));
	if (!found) throw new Error(`no paragraph with «${text}»`);
	return found;
}

function attrs(xml: string, element: string): Record<string, string> {
	const tag = new RegExp(`<${element}( [^>]*)/?>`).exec(xml);
	if (!tag) throw new Error(`no <${element}>`);
	return Object.fromEntries(
		[...tag[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!])
	);
}

/** The definition of a style in styles.xml. */
function styleDef(files: Files, id: string): string {
	const found = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(
		files['word/styles.xml']!
	);
	if (!found) throw new Error(`no style ${id}`);
	return found[0];
}

/** The style a paragraph refers to. */
function styleOf(p: string): string | undefined {
	return /<w:pStyle w:val="([^"]+)"\/>/.exec(p)?.[1];
}

/** The style and the styles it is based on, nearest first. */
function styleChain(files: Files, id: string | undefined): string[] {
	const chain: string[] = [];
	for (
		let at = id;
		at && chain.length < 10;
		at = /<w:basedOn w:val="([^"]+)"\/>/.exec(chain.at(-1)!)?.[1]
	)
		chain.push(styleDef(files, at));
	return chain;
}

const section = (xml: string, tag: 'w:pPr' | 'w:rPr') =>
	new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`).exec(xml)?.[0] ?? '';

/**
 * What a paragraph property comes to, as Word resolves it: the paragraph's own, else its style's, else the style
 * that one is based on, else the document defaults. `attr` of the element (w:val by default); '' for an element
 * present without it; undefined when nothing sets it.
 */
function pProp(files: Files, p: string, element: string, attr = 'w:val'): string | undefined {
	const defaults =
		/<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/.exec(files['word/styles.xml']!)?.[0] ?? '';
	return firstSet(
		[
			section(p, 'w:pPr'),
			...styleChain(files, styleOf(p)).map((x) => section(x, 'w:pPr')),
			defaults
		],
		element,
		attr
	);
}

/** The same for a run property of the paragraph's first run with text: the run's own, then its paragraph's styles. */
function rProp(files: Files, p: string, element: string, attr = 'w:val'): string | undefined {
	const runXml = /<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:t[ >][\s\S]*?<\/w:r>/.exec(p)?.[0] ?? '';
	const defaults =
		/<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(files['word/styles.xml']!)?.[0] ?? '';
	return firstSet(
		[
			section(runXml, 'w:rPr'),
			...styleChain(files, styleOf(p)).map((x) => section(x, 'w:rPr')),
			defaults
		],
		element,
		attr
	);
}

function firstSet(parts: string[], element: string, attr: string): string | undefined {
	for (const part of parts) {
		const tag = new RegExp(`<${element}(?=[ />])([^>]*?)/?>`).exec(part);
		if (!tag) continue;
		const value = new RegExp(`${attr}="([^"]*)"`).exec(tag[1]!)?.[1];
		if (value !== undefined) return value;
		// An on/off element written without a value is on.
		if (attr === 'w:val') return '';
	}
	return undefined;
}

/** The header part a section's headerReference of that type points to. */
function header(files: Files, type: 'default' | 'first'): string {
	const id = new RegExp(`<w:headerReference w:type="${type}" r:id="(\\w+)"`).exec(
		files['word/document.xml']!
	)?.[1];
	const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(
		files['word/_rels/document.xml.rels']!
	);
	const name = target?.[1] ?? target?.[2];
	if (!id || !name) throw new Error(`no ${type} header`);
	return files[`word/${name}`]!;
}

describe('renderDocx', () => {
	let order: Files;
	let doc: string;
	let policy: Files;

	beforeAll(async () => {
		order = await unpack(ORDER);
		doc = order['word/document.xml']!;
		policy = await unpack(POLICY);
	});

	it('is a Word package', () => {
		expect(Object.keys(order)).toEqual(
			expect.arrayContaining([
				'[Content_Types].xml',
				'word/document.xml',
				'word/styles.xml',
				'word/numbering.xml'
			])
		);
		expect(order['[Content_Types].xml']).toContain('wordprocessingml.document.main+xml');
	});

	it('has an A4 page with margins 20/10/20/20 mm', () => {
		expect(attrs(doc, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
		expect(attrs(doc, 'w:pgMar')).toMatchObject({
			'w:left': '1134',
			'w:right': '567',
			'w:top': '1134',
			'w:bottom': '1134'
		});
	});

	it('sets Times New Roman 14 pt in the styles, the runs carrying no font of their own', () => {
		const styles = order['word/styles.xml']!;
		const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
		expect(defaults).toMatch(
			/<w:rFonts [^>]*w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/
		);
		expect(defaults).toContain('<w:sz w:val="28"/>');
		expect(defaults).toContain('w:val="ru-RU"');
		const body = paragraph(doc, 'Во исполнение').xml;
		expect(rProp(order, body, 'w:rFonts', 'w:ascii')).toBe('Times New Roman');
		expect(rProp(order, body, 'w:sz')).toBe('28');
		// A font or size on a run would outweigh the style a school changes in Word.
		expect(doc).not.toContain('<w:rFonts');
		expect(doc).not.toMatch(/<w:sz w:val/);
		expect(styles).not.toMatch(/w:ascii="(?!Times New Roman)/);
	});

	it('carries the texts, Cyrillic intact, the requisites in order', () => {
		const texts = paragraphs(doc).map((p) => p.text);
		const at = (text: string) => texts.findIndex((t) => t.includes(text));
		const sequence = [
			'Муниципальное бюджетное общеобразовательное учреждение «Новофедоровская школа-лицей»',
			'ПРИКАЗ',
			'28.08.2025',
			'пгт Новофедоровка',
			'О переходе на ведение электронного журнала',
			'Во исполнение Федерального закона от 29.12.2012 № 273-ФЗ',
			'Перейти с 01.09.2025 на ведение электронного журнала в системе «ЭлЖур».',
			'Новый список с единицы.',
			'М.П. Иванова'
		];
		const positions = sequence.map(at);
		expect(
			positions.every((p) => p >= 0),
			JSON.stringify(positions)
		).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);
		expect(texts[at('ПРИКАЗ')]).toBe('ПРИКАЗ');
		expect(pProp(order, paragraph(doc, 'ПРИКАЗ').xml, 'w:jc')).toBe('center');
		expect(pProp(order, paragraph(doc, 'Новофедоровская школа-лицей').xml, 'w:jc')).toBe('center');
	});

	it('puts the date on the left and the number on the right margin', () => {
		const line = paragraph(doc, '28.08.2025');
		expect(line.text).toBe('28.08.2025№ 112-о');
		expect(pProp(order, line.xml, 'w:tab')).toBe('right');
		expect(pProp(order, line.xml, 'w:tab', 'w:pos')).toBe('10205');
		expect(line.xml).toMatch(/28\.08\.2025<\/w:t><\/w:r><w:r><w:tab\/><w:t[^>]*>№ 112-о/);
	});

	it('prints blanks for a missing date and number and leaves out a missing place', () => {
		const xml = policy['word/document.xml']!;
		expect(paragraphs(xml).map((p) => p.text)).toContain('«___» ________ 20__ г.№ ____');
		expect(xml).not.toContain('пгт');
	});

	it('justifies body paragraphs with a 1.25 cm first-line indent', () => {
		const body = paragraph(doc, 'Во исполнение Федерального закона').xml;
		expect(pProp(order, body, 'w:jc')).toBe('both');
		expect(pProp(order, body, 'w:ind', 'w:firstLine')).toBe('709');
		expect(pProp(order, body, 'w:spacing', 'w:line')).toBe('240');
		expect(pProp(order, paragraph(doc, 'О переходе на ведение').xml, 'w:ind', 'w:firstLine')).toBe(
			'0'
		);
	});

	it('carries bold and italic over as runs', () => {
		const p = paragraph(doc, 'повышения качества').xml;
		const runs = [...p.matchAll(/<w:r>[\s\S]*?<\/w:r>/g)].map(([r]) => r);
		expect(runs.find((r) => r.includes('>повышения качества<'))).toContain('<w:b/>');
		expect(runs.find((r) => r.includes('>информационной открытости<'))).toContain('<w:i/>');
		expect(runs.find((r) => r.includes('образовательных услуг'))).not.toMatch(/<w:[bi]\/>/);
	});

	it('numbers ordered lists with Word numbering, nested to three levels, restarting each list', () => {
		const numbering = order['word/numbering.xml']!;
		expect(numbering).toContain('<w:lvlText w:val="%1."/>');
		expect(numbering).toContain('<w:lvlText w:val="%1.%2."/>');
		expect(numbering).toContain('<w:lvlText w:val="%1.%2.%3."/>');
		expect(numbering).toContain('<w:lvlText w:val="–"/>');
		const numPr = (text: string) => {
			const m = /<w:numPr><w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/.exec(
				paragraph(doc, text).xml
			);
			if (!m) throw new Error(`«${text}» is not a list item`);
			return { level: Number(m[1]), id: m[2] };
		};
		const first = numPr('Перейти с 01.09.2025');
		expect(first.level).toBe(0);
		expect(numPr('Назначить ответственными')).toEqual(first);
		expect(numPr('за администрирование')).toEqual({ level: 1, id: first.id });
		expect(numPr('пункт третьего уровня')).toEqual({ level: 2, id: first.id });
		expect(numPr('регламент ведения ЭЖ').level).toBe(0);
		expect(numPr('вложенный маркер').level).toBe(1);
		expect(numPr('регламент ведения ЭЖ').id).not.toBe(first.id);
		const again = numPr('Новый список с единицы.');
		expect(again.level).toBe(0);
		expect(again.id).not.toBe(first.id);
		expect(numbering).toMatch(
			new RegExp(`<w:num w:numId="${again.id}">[\\s\\S]*?<w:startOverride w:val="1"/>`)
		);
		// The numbers are Word's own, not typed text.
		expect(paragraph(doc, 'Перейти с 01.09.2025').text).toBe(
			'Перейти с 01.09.2025 на ведение электронного журнала в системе «ЭлЖур».'
		);
	});

	it('goes on counting points numbered on across headings, and starts a list where Markdown says', async () => {
		const files = await unpack({
			...POLICY,
			body: '## I. Общие\n\n1. Первый\n2. Второй\n\n## II. Задачи\n\n3. Третий\n   1. Третий-первый\n\n## III\n\n7. Седьмой'
		});
		const xml = files['word/document.xml']!;
		const numId = (text: string) => /<w:numId w:val="(\d+)"\/>/.exec(paragraph(xml, text).xml)?.[1];
		expect(numId('Третий')).toBe(numId('Первый'));
		expect(paragraph(xml, 'Третий-первый').xml).toContain('<w:ilvl w:val="1"/>');
		const seventh = numId('Седьмой');
		expect(seventh).not.toBe(numId('Первый'));
		const num = new RegExp(`<w:num w:numId="${seventh}"><w:abstractNumId w:val="(\\d+)"/>`).exec(
			files['word/numbering.xml']!
		);
		const abstract = new RegExp(
			`<w:abstractNum [^>]*w:abstractNumId="${num?.[1]}"[\\s\\S]*?</w:abstractNum>`
		).exec(files['word/numbering.xml']!)?.[0];
		expect(abstract).toMatch(/<w:lvl w:ilvl="0"[^>]*><w:start w:val="7"\/>/);
		expect(files['word/numbering.xml']).toMatch(
			new RegExp(`<w:num w:numId="${seventh}">[\\s\\S]*?<w:startOverride w:val="7"/>`)
		);
	});

	it('makes tables with borders and a bold header row', () => {
		expect(doc).toContain('<w:tbl>');
		const table =
			/<w:tbl>(?:(?!<\/w:tbl>)[\s\S])*Мероприятие[\s\S]*?<\/w:tbl>/.exec(doc)?.[0] ?? '';
		expect(table).toMatch(/<w:tblBorders>[\s\S]*<w:insideH w:val="single"/);
		expect(table).toContain('<w:tblHeader/>');
		const head = paragraph(table, 'Мероприятие').xml;
		expect(rProp(order, head, 'w:b')).toBe('');
		expect(pProp(order, head, 'w:jc')).toBe('center');
		expect(rProp(order, paragraph(table, 'Издать приказ').xml, 'w:b')).toBeUndefined();
		expect(rProp(order, paragraph(table, 'Издать приказ').xml, 'w:sz')).toBe('24');
		// The column marked :-: is centred in the body rows too.
		expect(pProp(order, paragraph(table, 'до 01.09.2025').xml, 'w:jc')).toBe('center');
		const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
		expect(grid).toHaveLength(3);
		expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10205);
		expect(grid.reduce((a, b) => a + b, 0)).toBeGreaterThan(10150);
		expect(grid[0]).toBeLessThan(grid[1]!);
		// Room for the longest word: «Мероприятие» (11 letters at 12 pt) is not broken.
		expect(grid[1]).toBeGreaterThan(11 * 120);
	});

	it('keeps headings, hard breaks, quotes and escapes what is not text', () => {
		const heading = paragraph(doc, 'Раздел второй').xml;
		expect(heading).toContain('<w:pStyle w:val="Heading2"/>');
		expect(rProp(order, heading, 'w:b')).toBe('');
		expect(paragraph(doc, 'Первая строка').xml).toMatch(
			/Первая строка<\/w:t><\/w:r><w:r>[\s\S]*?<w:br\/>/
		);
		expect(doc).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; конец.');
		// Characters XML does not allow would make Word refuse the file.
		expect(doc).not.toContain('\u0001');
		expect(doc).not.toContain('\uFFFE');
		expect(pProp(order, paragraph(doc, 'Цитата из регламента').xml, 'w:ind', 'w:left')).toBe('709');
		expect(pProp(order, paragraph(doc, 'Цитата из регламента').xml, 'w:ind', 'w:firstLine')).toBe(
			'0'
		);
	});

	it('numbers pages at the top centre from page 2', () => {
		expect(doc).toContain('<w:titlePg/>');
		const pages = header(order, 'default');
		expect(pages).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
		expect(pages).toContain('<w:jc w:val="center"/>');
		expect(header(order, 'first')).not.toContain('PAGE');
	});

	it('ends with the signature block: position on the left, И.О. Фамилия at the right margin', async () => {
		const last = paragraphs(doc).at(-1)!;
		expect(last.text).toBe('ДиректорМ.П. Иванова');
		expect(pProp(order, last.xml, 'w:tab', 'w:pos')).toBe('10205');
		expect(last.xml).toMatch(/>Директор<\/w:t>[\s\S]*<w:tab\/><w:t[^>]*>М\.П\. Иванова</);
		expect(policy['word/document.xml']).not.toContain('М.П.');
		// It does not stand alone on a page: the last paragraph of the text keeps with it.
		expect(paragraphs(doc).at(-2)!.text).toBe('Второй пункт.');
		expect(paragraphs(doc).at(-2)!.xml).toContain('<w:keepNext/>');
		expect(paragraphs(doc).at(-3)!.xml).not.toContain('<w:keepNext/>');
		// A long position goes over several lines on the left, the name on the last of them.
		const long = await unpack({
			...ORDER,
			signature: {
				position: 'Директор муниципального бюджетного общеобразовательного учреждения «Школа № 1»',
				name: 'Петров Пётр Петрович'
			}
		});
		const sign = paragraphs(long['word/document.xml']!).at(-1)!.xml;
		expect(sign.match(/<w:br\/>/g)?.length).toBeGreaterThanOrEqual(1);
		expect(sign).toMatch(/<w:tab\/><w:t[^>]*>П\.П\. Петров<\/w:t>/);
	});

	it('has the approval stamp above the organisation only when approved', () => {
		expect(doc).not.toContain('УТВЕРЖДЕН');
		const xml = policy['word/document.xml']!;
		const texts = paragraphs(xml).map((p) => p.text);
		expect(texts.slice(0, 4)).toEqual([
			'УТВЕРЖДЕНО',
			'приказом директора МБОУ «Школа № 1»',
			'от 28.08.2025 № 112-о',
			'МБОУ «Школа № 1»'
		]);
		expect(pProp(policy, paragraph(xml, 'УТВЕРЖДЕНО').xml, 'w:ind', 'w:left')).toBe('5103');
		expect(texts).toContain('ПОЛОЖЕНИЕ');
		expect(pProp(policy, paragraph(xml, 'об электронном журнале').xml, 'w:jc')).toBe('center');
	});

	it('renders an empty body and odd Markdown without failing', async () => {
		const files = await unpack({ ...POLICY, body: '' });
		expect(files['word/document.xml']).toContain('ПОЛОЖЕНИЕ');
		const odd = await unpack({
			...POLICY,
			body: '- \n- [ ] x\n\n1.\n\n---\n\n```\ncode\there\n```\n\n![рисунок](x.png)\n\n|a|\n|-|\n'
		});
		expect(odd['word/document.xml']).toContain('code    here');
		expect(odd['word/document.xml']).toContain('рисунок');
	});
});

/** The w:tbl elements of a part, outermost, in order. */
function tables(xml: string): string[] {
	return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([t]) => t);
}

/** The texts of a table's cells, row by row. */
function cells(table: string): string[][] {
	return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([tr]) =>
		[...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) =>
			paragraphs(tc)
				.map((p) => p.text)
				.join('\n')
		)
	);
}

/** What Word insists on: every cell holds a paragraph, and the elements open as often as they close. */
function expectWellFormed(xml: string) {
	for (const tag of ['w:tbl', 'w:tr', 'w:tc', 'w:p'])
		expect(xml.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0, tag).toBe(
			xml.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0
		);
	for (const [tc] of xml.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)) expect(tc).toMatch(/<w:p[ >/]/);
}

const NBSP = '\u00a0';
const SHEET: NonNullable<DocumentLayout['approvalSheet']> = [
	{
		name: 'Петрова Анна Сергеевна',
		position: 'Заместитель директора по УВР',
		decision: 'Согласовано',
		date: '2025-08-20'
	},
	{
		name: 'Сидоров Илья Павлович',
		position: 'Руководитель рабочей группы',
		decision: 'Согласовано с замечаниями',
		date: '2025-08-21'
	}
];

describe('renderDocx: the requisites of each class', () => {
	it('sets ПРИНЯТО and УЧТЕНО МНЕНИЕ beside the approval stamp in a borderless two-column table above the organisation', async () => {
		const files = await unpack({
			...POLICY,
			adopted: { body: 'педагогическим советом', minutesNumber: '1', minutesDate: '2025-08-27' },
			opinions: [
				{ council: 'Совета обучающихся', minutesNumber: '2', minutesDate: '2025-08-25' },
				{ council: 'Совета родителей', minutesNumber: null, minutesDate: '2025-08-26' }
			]
		});
		const xml = files['word/document.xml']!;
		expectWellFormed(xml);
		const [stamps] = tables(xml);
		expect(xml.indexOf('<w:tbl>')).toBeLessThan(xml.indexOf('МБОУ «Школа № 1»</w:t>'));
		expect(cells(stamps!)).toEqual([
			[
				[
					'ПРИНЯТО',
					'педагогическим советом',
					`протокол${NBSP}от${NBSP}27.08.2025${NBSP}№${NBSP}1`,
					'УЧТЕНО МНЕНИЕ',
					`Совета обучающихся (протокол${NBSP}от${NBSP}25.08.2025${NBSP}№${NBSP}2)`,
					`Совета родителей (протокол${NBSP}от${NBSP}26.08.2025)`
				].join('\n'),
				['УТВЕРЖДЕНО', 'приказом директора МБОУ «Школа № 1»', 'от 28.08.2025 № 112-о'].join('\n')
			]
		]);
		expect(stamps).toMatch(/<w:tblBorders>[\s\S]*<w:top w:val="none"/);
		expect(stamps).not.toMatch(/w:val="single"/);
		// The stamp starts where it would alone: 9 cm from the left margin.
		expect([...stamps!.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))).toEqual([
			5103,
			10205 - 5103
		]);
		// Only ПРИНЯТО, nothing on the right: still the table, its right cell empty.
		const adoptedOnly = await unpack({
			...POLICY,
			approval: null,
			adopted: { body: 'педагогическим советом', minutesNumber: null, minutesDate: null }
		});
		expect(cells(tables(adoptedOnly['word/document.xml']!)[0]!)).toEqual([
			['ПРИНЯТО\nпедагогическим советом', '']
		]);
	});

	it('marks an appendix «Приложение N к приказу … от … № …» in the top right corner, without УТВЕРЖДЕН', async () => {
		const files = await unpack({
			...POLICY,
			kindTitle: 'План',
			appendix: {
				index: 2,
				authority: 'МБОУ «Школа № 1»',
				orderNumber: '112-о',
				orderDate: '2025-08-28'
			}
		});
		const xml = files['word/document.xml']!;
		const texts = paragraphs(xml).map((p) => p.text);
		expect(texts.slice(0, 4)).toEqual([
			'Приложение 2',
			'к приказу МБОУ «Школа № 1»',
			'от 28.08.2025 № 112-о',
			'МБОУ «Школа № 1»'
		]);
		expect(pProp(files, paragraph(xml, 'Приложение 2').xml, 'w:ind', 'w:left')).toBe('5103');
		expect(xml).not.toContain('УТВЕРЖДЕН');
	});

	it('follows the signature with the acquaintance list, the executor in 12 pt and the лист согласования on a page of its own', async () => {
		const files = await unpack({
			...ORDER,
			executor: { name: 'Петрова Анна Сергеевна', position: 'заместитель директора по УВР' },
			acquainted: [
				{
					name: 'Петрова Анна Сергеевна',
					position: 'Заместитель директора по УВР',
					date: '2025-08-29'
				},
				{ name: 'Сидоров Илья Павлович', position: 'Учитель информатики', date: null }
			],
			approvalSheet: SHEET
		});
		const xml = files['word/document.xml']!;
		expectWellFormed(xml);
		const texts = paragraphs(xml).map((p) => p.text);
		const at = (text: string) => texts.findIndex((t) => t.includes(text));
		const sequence = [
			'М.П. Иванова',
			'С приказом ознакомлены:',
			'ознакомлена в электронной форме 29.08.2025',
			'«___» ________ 20__ г.',
			'Исп.: Петрова Анна Сергеевна',
			'заместитель директора по УВР',
			'ЛИСТ СОГЛАСОВАНИЯ',
			'Приказ «О переходе на ведение электронного журнала»',
			'Согласовано с замечаниями'
		];
		const positions = sequence.map(at);
		expect(
			positions.every((p) => p >= 0),
			JSON.stringify(positions)
		).toBe(true);
		expect([...positions].sort((a, b) => a - b)).toEqual(positions);

		// The body's own table comes first, then the acquaintance list and the sheet.
		const [, acquainted, sheet] = tables(xml);
		expect(tables(xml)).toHaveLength(3);
		expect(cells(acquainted!)).toEqual([
			[
				'Заместитель директора по УВР',
				'А.С. Петрова',
				'ознакомлена в электронной форме 29.08.2025'
			],
			['Учитель информатики', 'И.П. Сидоров', '________ «___» ________ 20__ г.']
		]);
		expect(acquainted).not.toMatch(/w:val="single"/);

		expect(rProp(files, paragraph(xml, 'Исп.: Петрова').xml, 'w:sz')).toBe('24');
		expect(pProp(files, paragraph(xml, 'Исп.: Петрова').xml, 'w:jc')).toBe('left');

		expect(paragraph(xml, 'ЛИСТ СОГЛАСОВАНИЯ').xml).toContain('<w:pageBreakBefore/>');
		expect(cells(sheet!)).toEqual([
			['№', 'Должность', 'Ф.И.О.', 'Решение', 'Дата'],
			['1', 'Заместитель директора по УВР', 'А.С. Петрова', 'Согласовано', '20.08.2025'],
			[
				'2',
				'Руководитель рабочей группы',
				'И.П. Сидоров',
				'Согласовано с замечаниями',
				'21.08.2025'
			]
		]);
		expect(sheet).toMatch(/<w:tblBorders>[\s\S]*<w:insideV w:val="single"/);
		expect(sheet).toContain('<w:tblHeader/>');
		// The sheet is the last thing in the document.
		expect(xml.slice(xml.indexOf(sheet!) + sheet!.length)).not.toMatch(/<w:t[ >]/);
	});

	it('prints nothing for a requisite absent or empty', async () => {
		const plain = await unpack(ORDER);
		const empty = await unpack({
			...ORDER,
			adopted: null,
			opinions: [],
			executor: null,
			acquainted: [],
			approvalSheet: [],
			appendix: null
		});
		for (const xml of [plain['word/document.xml']!, empty['word/document.xml']!]) {
			for (const text of [
				'ПРИНЯТО',
				'УЧТЕНО',
				'Приложение',
				'ознакомлен',
				'Исп.',
				'ЛИСТ СОГЛАСОВАНИЯ',
				'pageBreakBefore'
			])
				expect(xml).not.toContain(text);
			expect(paragraphs(xml).at(-1)!.text).toBe('ДиректорМ.П. Иванова');
		}
		expect(tables(empty['word/document.xml']!)).toHaveLength(1);
	});
});

/** The rows of a table with their height, if any: the value and the rule. */
function rowHeights(table: string): { text: string; height: number | null; rule: string | null }[] {
	return [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([tr]) => {
		const h = /<w:trHeight ([^>]*)\/>/.exec(tr)?.[1] ?? '';
		return {
			text: paragraphs(tr)
				.map((p) => p.text)
				.join(' | '),
			height: /w:val="(\d+)"/.exec(h) ? Number(/w:val="(\d+)"/.exec(h)![1]) : null,
			rule: /w:hRule="(\w+)"/.exec(h)?.[1] ?? null
		};
	});
}

const ROOM_TO_SIGN = 454; // 8 mm

describe('renderDocx: a file a records manager restyles in Word', () => {
	let order: Files;
	let act: Files;
	let consent: Files;
	let agreement: Files;

	beforeAll(async () => {
		[order, act, consent, agreement] = (await Promise.all(
			[ORDER_LAYOUT, ACT_LAYOUT, CONSENT_LAYOUT, AGREEMENT_LAYOUT].map(unpack)
		)) as [Files, Files, Files, Files];
	});

	it('turns automatic hyphenation on', () => {
		expect(order['word/settings.xml']).toMatch(
			/<w:autoHyphenation\/>|<w:autoHyphenation w:val="(true|1|on)"\/>/
		);
	});

	it('defines the named paragraph styles, in Russian, and every paragraph refers to one', () => {
		const names: Record<string, string> = {
			Body: 'Основной текст',
			Heading1: 'Заголовок 1',
			Heading2: 'Заголовок 2',
			ListItem1: 'Пункт списка 1',
			ListItem2: 'Пункт списка 2',
			ListItem3: 'Пункт списка 3',
			Requisite: 'Реквизит',
			Stamp: 'Гриф',
			Addressee: 'Адресат',
			SignatureBlock: 'Подпись',
			TableText: 'Таблица',
			Operative: 'Распорядительное слово'
		};
		for (const [id, name] of Object.entries(names))
			expect(styleDef(order, id)).toContain(`<w:name w:val="${name}"/>`);
		const body = styleDef(order, 'Body');
		expect(pProp(order, '<w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr></w:p>', 'w:jc')).toBe('both');
		expect(body).toMatch(/<w:ind [^>]*w:firstLine="709"/);
		for (const files of [order, act, consent, agreement]) {
			const xml = files['word/document.xml']!;
			const unstyled = paragraphs(xml).filter((p) => p.text && !styleOf(p.xml));
			expect(unstyled.map((p) => p.text)).toEqual([]);
			// The body's look is in its style, not on each paragraph.
			expect(xml).not.toContain('<w:jc w:val="both"/>');
			expect(xml).not.toMatch(/w:firstLine="709"/);
		}
	});

	it('changes the whole body when a school changes «Основной текст»: lists, headings and ПРИКАЗЫВАЮ are based on it', () => {
		const restyled: Files = {
			...order,
			'word/styles.xml': order['word/styles.xml']!.replace(
				/(<w:style [^>]*w:styleId="Body"[^>]*>[\s\S]*?<w:rPr>)[\s\S]*?(<\/w:rPr>)/,
				'$1<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="26"/>$2'
			)
		};
		expect(restyled['word/styles.xml']).not.toBe(order['word/styles.xml']);
		const xml = order['word/document.xml']!;
		for (const text of [
			'В соответствии с Федеральным законом',
			'ПРИКАЗЫВАЮ:',
			'Перейти с 01.09.2025',
			'за администрирование системы',
			'за резервное копирование'
		])
			expect([
				text,
				rProp(restyled, paragraph(xml, text).xml, 'w:rFonts', 'w:ascii'),
				rProp(restyled, paragraph(xml, text).xml, 'w:sz')
			]).toEqual([text, 'Arial', '26']);
		const actXml = act['word/document.xml']!;
		expect(
			rProp(
				{ ...act, 'word/styles.xml': restyled['word/styles.xml']! },
				paragraph(actXml, 'Общие положения').xml,
				'w:rFonts',
				'w:ascii'
			)
		).toBe('Arial');
		// The requisites are not the body: the organisation's line keeps its font.
		expect(
			rProp(restyled, paragraph(xml, 'Новофедоровская школа-лицей').xml, 'w:rFonts', 'w:ascii')
		).toBe('Times New Roman');
	});

	it('starts every list line at the 1.25 cm indent and wraps it to the margin, nested levels no further right', () => {
		const numbering = order['word/numbering.xml']!;
		// The levels of the lists the paragraphs are in (the library keeps a default list of its own, unused).
		const used = new Set(
			[...order['word/document.xml']!.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1])
		);
		const abstracts = [...used].map(
			(id) =>
				new RegExp(`<w:num w:numId="${id}"><w:abstractNumId w:val="(\\d+)"/>`).exec(numbering)![1]
		);
		const levels = abstracts.flatMap((id) =>
			[
				...new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${id}"[\\s\\S]*?</w:abstractNum>`)
					.exec(numbering)![0]
					.matchAll(/<w:lvl [\s\S]*?<\/w:lvl>/g)
			].map(([l]) => l)
		);
		expect(levels.length).toBeGreaterThanOrEqual(9);
		for (const level of levels) {
			expect(level).toMatch(/<w:ind w:left="0" w:firstLine="709"\/>/);
			expect(level).not.toContain('w:hanging');
		}
		const xml = order['word/document.xml']!;
		const items = [
			['Перейти с 01.09.2025', 'ListItem1'],
			['за администрирование системы', 'ListItem2'],
			['за резервное копирование', 'ListItem3']
		] as const;
		for (const [text, style] of items) {
			const p = paragraph(xml, text).xml;
			expect(styleOf(p)).toBe(style);
			expect(p).not.toContain('<w:ind');
			expect(pProp(order, p, 'w:ind', 'w:left')).toBe('0');
			expect(pProp(order, p, 'w:ind', 'w:firstLine')).toBe('709');
		}
	});

	it('prints ПРИКАЗЫВАЮ: of an order flush left on its own line, and nothing else so', async () => {
		const xml = order['word/document.xml']!;
		const word = paragraph(xml, 'ПРИКАЗЫВАЮ:');
		expect(word.text).toBe('ПРИКАЗЫВАЮ:');
		expect(styleOf(word.xml)).toBe('Operative');
		expect(pProp(order, word.xml, 'w:ind', 'w:firstLine')).toBe('0');
		expect(pProp(order, word.xml, 'w:jc')).toBe('left');
		const others = await unpack({
			...ORDER_LAYOUT,
			body: '**ПОСТАНОВЛЯЮ:**\n\nРЕШИЛИ:\n\nПРИКАЗЫВАЮ: назначить'
		});
		const other = others['word/document.xml']!;
		expect(styleOf(paragraph(other, 'ПОСТАНОВЛЯЮ:').xml)).toBe('Operative');
		expect(styleOf(paragraph(other, 'РЕШИЛИ:').xml)).toBe('Body');
		expect(styleOf(paragraph(other, 'ПРИКАЗЫВАЮ: назначить').xml)).toBe('Body');
		const notAnOrder = await unpack({ ...POLICY, body: 'ПРИКАЗЫВАЮ:' });
		expect(styleOf(paragraph(notAnOrder['word/document.xml']!, 'ПРИКАЗЫВАЮ:').xml)).toBe('Body');
	});

	it('gives rows to fill in or sign by hand at least 8 mm', async () => {
		const [acquainted, sheet] = tables(order['word/document.xml']!);
		for (const row of rowHeights(acquainted!))
			expect(row).toMatchObject({ height: ROOM_TO_SIGN, rule: 'atLeast' });
		const sheetRows = rowHeights(sheet!);
		expect(sheetRows[0]!.height).toBeNull();
		for (const row of sheetRows.slice(1))
			expect(row).toMatchObject({ height: ROOM_TO_SIGN, rule: 'atLeast' });
		// A body table: the rows with a blank cell, empty or underscores, and only those.
		const plan = rowHeights(
			tables(act['word/document.xml']!).find((t) => t.includes('Мероприятие'))!
		);
		expect(plan.map((r) => r.height)).toEqual([null, ROOM_TO_SIGN, ROOM_TO_SIGN]);
		const form = rowHeights(tables(consent['word/document.xml']!)[0]!);
		expect(form.map((r) => r.height)).toEqual([null, ROOM_TO_SIGN, ROOM_TO_SIGN]);
		// A table filled in already has no room added.
		const filled = rowHeights(tables((await unpack(ORDER))['word/document.xml']!)[0]!);
		expect(filled.map((r) => r.height)).toEqual([null, null, null]);
	});

	it('heads a citizen’s consent with the addressee at the upper right instead of the letterhead, and ends with the citizen’s signature', () => {
		const xml = consent['word/document.xml']!;
		const texts = paragraphs(xml).map((p) => p.text);
		expect(texts.slice(0, 8)).toEqual([
			'Директору МБОУ «Новофедоровская школа-лицей»',
			'М.\u00a0П.\u00a0Ивановой',
			'от ______________________________',
			'(фамилия, имя, отчество заявителя)',
			'проживающего(-ей) по адресу:',
			'__________________________________',
			'телефон: __________________________',
			''
		]);
		for (const p of paragraphs(xml).slice(0, 7))
			expect(pProp(consent, p.xml, 'w:ind', 'w:left')).toBe('5103');
		expect(rProp(consent, paragraph(xml, '(фамилия, имя').xml, 'w:sz')).toBe('20');
		expect(pProp(consent, paragraph(xml, '(фамилия, имя').xml, 'w:jc')).toBe('center');
		expect(texts[8]).toBe('СОГЛАСИЕ');
		expect(pProp(consent, paragraph(xml, 'СОГЛАСИЕ').xml, 'w:jc')).toBe('center');
		// The heading goes on from the kind word in lower case.
		expect(texts[9]).toBe(
			'на обработку персональных данных обучающегося в электронном журнале и электронном дневнике'
		);
		// No organisation line, no date and number.
		expect(texts.some((t) => t.startsWith('Муниципальное бюджетное'))).toBe(false);
		expect(xml).not.toContain('№ ____');
		// The citizen signs: a date, a signature and its decoding, each caption under its blank.
		const signature = tables(xml).at(-1)!;
		expect(cells(signature)).toEqual([
			['«___» ____________ 20__ г.', '____________', '/ ______________________'],
			['', '(подпись)', '(расшифровка подписи)']
		]);
		expect(rowHeights(signature)[0]).toMatchObject({ height: ROOM_TO_SIGN, rule: 'atLeast' });
		expect(signature).not.toMatch(/w:val="single"/);
		expect(xml.slice(xml.indexOf(signature) + signature.length)).not.toMatch(/<w:t[ >]/);
	});

	it('prints the parties of an agreement in two equal borderless columns, kept together, room to sign', () => {
		const xml = agreement['word/document.xml']!;
		const all = tables(xml);
		expect(all).toHaveLength(2);
		const [body, parties] = all as [string, string];
		expect(body).toMatch(/w:val="single"/);
		expect(parties).not.toMatch(/w:val="single"/);
		const grid = [...parties.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
		expect(grid).toHaveLength(2);
		expect(grid[0]).toBe(grid[1]);
		expect(grid[0]! * 2).toBeGreaterThan(10200);
		const rows = cells(parties);
		expect(rows[0]).toEqual(['Оператор', 'Обработчик']);
		expect(rows.at(-1)![0]).toContain('Подпись:');
		for (const p of paragraphs(parties)) expect(pProp(agreement, p.xml, 'w:jc')).toBe('left');
		expect(rProp(agreement, paragraph(parties, 'Оператор').xml, 'w:b')).toBe('');
		expect(rProp(agreement, paragraph(parties, 'Обработчик').xml, 'w:b')).toBe('');
		const trs = [...parties.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([tr]) => tr);
		for (const tr of trs) expect(tr).toContain('<w:cantSplit/>');
		// Kept on one page: every row keeps with the next but the last.
		for (const tr of trs.slice(0, -1))
			for (const p of paragraphs(tr)) expect(pProp(agreement, p.xml, 'w:keepNext')).toBe('');
		expect(rowHeights(parties).at(-1)).toMatchObject({ height: ROOM_TO_SIGN, rule: 'atLeast' });
		// Its heading goes over with it.
		expect(pProp(agreement, paragraph(xml, 'Реквизиты и подписи Сторон').xml, 'w:keepNext')).toBe(
			''
		);
		// Without «parties» the same table is an ordinary one.
		return unpack({ ...AGREEMENT_LAYOUT, parties: false }).then((plain) => {
			expect(tables(plain['word/document.xml']!).at(-1)).toMatch(/w:val="single"/);
		});
	});

	it('writes the core properties: the full title, the organisation as author, Russian, the document’s own date', async () => {
		const core = order['docProps/core.xml']!;
		expect(core).toContain(
			'<dc:title>Приказ «О переходе на ведение электронного журнала и электронного дневника успеваемости обучающихся»</dc:title>'
		);
		expect(core).toContain('<dc:creator>МБОУ «Новофедоровская школа-лицей»</dc:creator>');
		expect(core).toContain(
			'<cp:lastModifiedBy>МБОУ «Новофедоровская школа-лицей»</cp:lastModifiedBy>'
		);
		expect(core).toContain('<dc:language>ru-RU</dc:language>');
		expect(core).toContain(
			'<dcterms:created xsi:type="dcterms:W3CDTF">2025-08-28T00:00:00Z</dcterms:created>'
		);
		expect(core).toContain(
			'<dcterms:modified xsi:type="dcterms:W3CDTF">2025-08-28T00:00:00Z</dcterms:modified>'
		);
		expect(core).toContain('<dc:subject>Приказ</dc:subject>');
		expect(core).toMatch(
			/<dc:description>Муниципальное бюджетное[^<]*от 28\.08\.2025 № 112-о<\/dc:description>/
		);
		expect(core).not.toContain('Un-named');
		expect(act['docProps/core.xml']).toContain(
			'<dc:title>Положение об электронном журнале и электронном дневнике</dc:title>'
		);
		// No short name: the full one; no date: today.
		const undated = (await unpack({ ...POLICY, organizationShortName: null }))[
			'docProps/core.xml'
		]!;
		expect(undated).toContain('<dc:creator>МБОУ «Школа № 1»</dc:creator>');
		const created = /<dcterms:created[^>]*>([^<]+)</.exec(undated)![1]!;
		expect(Math.abs(Date.parse(created) - Date.now())).toBeLessThan(60_000);
		expect(order['word/styles.xml']).toMatch(/<w:rPrDefault>[\s\S]*<w:lang w:val="ru-RU"/);
	});

	it('puts the heading of an act under the kind word in lower case, keeping an abbreviation; an order’s keeps its capital', async () => {
		const heading = async (layout: DocumentLayout) => {
			const xml = (await unpack(layout))['word/document.xml']!;
			const p = paragraphs(xml).find(
				(x) => styleOf(x.xml) === 'DocTitle' || styleOf(x.xml) === 'OrderTitle'
			)!;
			return { text: p.text, style: styleOf(p.xml) };
		};
		expect(await heading({ ...POLICY, heading: 'Об электронном журнале' })).toEqual({
			text: 'об электронном журнале',
			style: 'DocTitle'
		});
		expect(
			await heading({ ...POLICY, kindTitle: 'Регламент', heading: 'О переходе на ведение журнала' })
		).toEqual({ text: 'о переходе на ведение журнала', style: 'DocTitle' });
		expect((await heading({ ...POLICY, heading: 'ЭлЖур: порядок работы' })).text).toBe(
			'ЭлЖур: порядок работы'
		);
		expect((await heading({ ...POLICY, heading: 'ИКТ-компетентности педагогов' })).text).toBe(
			'ИКТ-компетентности педагогов'
		);
		expect((await heading({ ...POLICY, heading: '«Школа № 1»: правила' })).text).toBe(
			'«Школа № 1»: правила'
		);
		const orderHeading = await heading(ORDER);
		expect(orderHeading).toEqual({
			text: 'О переходе на ведение электронного журнала',
			style: 'OrderTitle'
		});
		const ordered = await unpack(ORDER);
		const p = paragraph(ordered['word/document.xml']!, 'О переходе').xml;
		expect(pProp(ordered, p, 'w:jc')).toBe('left');
		expect(pProp(ordered, p, 'w:ind', 'w:right')).toBe('4535');
	});

	it('puts the place of an order on its own line under the date and number, centred', () => {
		const texts = paragraphs(order['word/document.xml']!).map((p) => p.text);
		const dateLine = texts.indexOf('28.08.2025№ 112-о');
		expect(dateLine).toBeGreaterThan(0);
		expect(texts[dateLine + 1]).toBe('пгт Новофедоровка');
		expect(
			pProp(order, paragraph(order['word/document.xml']!, 'пгт Новофедоровка').xml, 'w:jc')
		).toBe('center');
	});
});
