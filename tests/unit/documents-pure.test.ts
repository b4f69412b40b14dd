import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import {
	contentDisposition,
	detectFileType,
	downloadName,
	nameWithExtension,
	ZipBombError
} from '../../src/lib/server/documents/file-types';
import {
	compareVersions,
	diffWords,
	textBlocks
} from '../../src/lib/server/documents/diff-versions';
import { parseDocumentFilter } from '../../src/lib/server/documents/queries';
import { checkUpload } from '../../src/lib/server/documents/store-file';
import { ValidationError } from '../../src/lib/server/forms/errors';
import { parseVariableValues } from '../../src/lib/server/templates/variables';
import type { ModelTemplate, TemplateVariable } from '../../src/lib/server/templates/template-file';
import {
	pdfOfSize,
	sampleDocx,
	sampleExe,
	sampleHtml,
	sampleJpeg,
	sampleOdt,
	samplePdf,
	samplePng,
	sampleText,
	sampleXlsxLike
} from '../helpers/documents';

describe('detectFileType: the type is read from the bytes', () => {
	it('recognises PDF, PNG, JPEG, DOCX and ODT', async () => {
		expect(detectFileType(samplePdf())).toMatchObject({
			contentType: 'application/pdf',
			extension: 'pdf'
		});
		expect(detectFileType(samplePng())).toMatchObject({
			contentType: 'image/png',
			extension: 'png'
		});
		expect(detectFileType(sampleJpeg())).toMatchObject({
			contentType: 'image/jpeg',
			extension: 'jpg'
		});
		expect(detectFileType(await sampleDocx())).toMatchObject({
			contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			extension: 'docx'
		});
		expect(detectFileType(sampleOdt())).toMatchObject({
			contentType: 'application/vnd.oasis.opendocument.text',
			extension: 'odt'
		});
	});

	it('refuses executables, HTML, plain text, other ZIPs, broken ZIPs and empty input', () => {
		expect(detectFileType(sampleExe())).toBeNull();
		expect(detectFileType(sampleHtml())).toBeNull();
		expect(detectFileType(sampleText())).toBeNull();
		expect(detectFileType(sampleXlsxLike())).toBeNull();
		// A ZIP signature with garbage after it.
		expect(detectFileType(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]))).toBeNull();
		// An OpenDocument spreadsheet is a ZIP with a mimetype, but not a text.
		expect(
			detectFileType(
				zipSync({
					mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }]
				})
			)
		).toBeNull();
		expect(detectFileType(new Uint8Array())).toBeNull();
		// «%PDF» without the dash is not the PDF header; a header further in is not the start.
		expect(detectFileType(new TextEncoder().encode('%PDF'))).toBeNull();
		expect(detectFileType(new TextEncoder().encode(' %PDF-1.4'))).toBeNull();
	});

	it('checkUpload gives Russian messages: no file, over 20 МБ, not an allowed kind', () => {
		const message = (fn: () => unknown) => {
			try {
				fn();
			} catch (e) {
				if (e instanceof ValidationError) return e.errors.file;
				throw e;
			}
			throw new Error('expected a refusal');
		};
		expect(message(() => checkUpload(null))).toBe('Выберите файл.');
		expect(message(() => checkUpload({ name: 'a.pdf', bytes: new Uint8Array() }))).toBe(
			'Выберите файл.'
		);
		expect(message(() => checkUpload({ name: 'scan.pdf', bytes: sampleText() }))).toMatch(
			/^Файл не похож/
		);
		expect(
			message(() => checkUpload({ name: 'big.pdf', bytes: pdfOfSize(20 * 1024 * 1024 + 1) }))
		).toMatch(/20 МБ/);
		// Exactly 20 МБ is allowed.
		expect(checkUpload({ name: 'limit.pdf', bytes: pdfOfSize(20 * 1024 * 1024) }).extension).toBe(
			'pdf'
		);
	});
});

describe('nameWithExtension', () => {
	it('gives a download the extension of what the file is, whatever it was uploaded as', () => {
		expect(nameWithExtension('скан приказа.html', 'pdf')).toBe('скан приказа.pdf');
		expect(nameWithExtension('setup.EXE', 'pdf')).toBe('setup.pdf');
		expect(nameWithExtension('Договор.PDF', 'pdf')).toBe('Договор.PDF');
		expect(nameWithExtension('фото.jpeg', 'jpg')).toBe('фото.jpeg');
		expect(nameWithExtension('без расширения', 'docx')).toBe('без расширения.docx');
		expect(nameWithExtension('Приказ от 01.09.2026', 'pdf')).toBe('Приказ от 01.09.2026.pdf');
		expect(nameWithExtension('точки...', 'odt')).toBe('точки.odt');
		expect(nameWithExtension('.html', 'pdf')).toBe('file.pdf');
	});
});

describe('downloadName and contentDisposition', () => {
	it('keeps a Cyrillic title, removes characters no disk accepts, adds the extension', () => {
		expect(downloadName('Приказ о переходе', 'docx')).toBe('Приказ о переходе.docx');
		expect(downloadName('Приказ: «ЭЖ» / ЭД? *1*\u0000\n', 'pdf')).toBe('Приказ «ЭЖ» ЭД 1.pdf');
		expect(downloadName('  /// ', 'pdf')).toBe('document.pdf');
		expect(downloadName('Я'.repeat(300), 'docx')).toBe(`${'Я'.repeat(120)}….docx`);
	});

	it('shortens a long title at a word and keeps the version suffix whole', () => {
		const name = downloadName(
			`Приказ о назначении ответственного ${'за обработку персональных данных '.repeat(5)}`,
			'docx',
			'(версия 12)'
		);
		expect(name).toMatch(/^Приказ о назначении [^…]* за… \(версия 12\)\.docx$/);
		expect(name.length).toBeLessThanOrEqual(120 + ' (версия 12).docx'.length + 1);
	});

	it('gives an ASCII fallback and the UTF-8 name in filename*', () => {
		const header = contentDisposition('Приказ № 5.docx');
		expect(header.startsWith('attachment; ')).toBe(true);
		expect(header).toContain(`filename*=UTF-8''${encodeURIComponent('Приказ № 5.docx')}`);
		const fallback = /filename="([^"]*)"/.exec(header)?.[1];
		expect(fallback).toBeDefined();
		expect(fallback).toMatch(/^[\x20-\x7e]*\.docx$/);
		// A quote in the name cannot break the quoted fallback.
		expect(contentDisposition('a"b.pdf')).toContain('filename="ab.pdf"');
		// The encoded name decodes back to the original.
		const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
		expect(decodeURIComponent(encoded)).toBe('Приказ № 5.docx');
	});

	it('transliterates the ASCII fallback (ICAO, as in the passport) instead of dropping the Russian letters', () => {
		const fallback = (name: string) => /filename="([^"]*)"/.exec(contentDisposition(name))![1];
		expect(fallback('Положение об электронном журнале.docx')).toBe(
			'Polozhenie ob elektronnom zhurnale.docx'
		);
		expect(fallback('Приказ № 5 (версия 2).docx')).toBe('Prikaz N 5 (versiia 2).docx');
		expect(fallback('Согласие «ЭлЖур» — ЩИТ, Юлия, съезд.docx')).toBe(
			'Soglasie ElZhur - SHCHIT, Iuliia, sieezd.docx'
		);
		expect(fallback('Ёлка Цех Хор Чай Шум Эхо Яма Йод Ь.docx')).toBe(
			'Elka Tsekh Khor Chai Shum Ekho Iama Iod .docx'
		);
		expect(fallback('Документы 日本.zip')).toBe('Dokumenty _.zip');
		expect(contentDisposition('Положение.docx')).toContain(
			`filename*=UTF-8''${encodeURIComponent('Положение.docx')}`
		);
	});

	// The DOCX download name always has «(версия N)»: RFC 8187 wants ( ) encoded too.
	it('filename* holds only RFC 8187 attr-char, even for «(версия 2)» and apostrophes', () => {
		const header = contentDisposition("Приказ (версия 2) д'Артаньяна*.docx");
		const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
		expect(encoded).toMatch(/^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/);
	});
});

describe('diffWords', () => {
	it('counts added and removed words and keeps the text of both sides', () => {
		const before = 'Перейти на ведение электронного журнала с 01.09.2026.';
		const after = 'Перейти на ведение электронного журнала и дневника с 01.10.2026.';
		const d = diffWords(before, after);
		expect(d.added).toBe(3); // «и», «дневника», «01.10.2026.»
		expect(d.removed).toBe(1); // «01.09.2026.»
		const join = (kinds: string[]) =>
			d.segments
				.filter((s) => kinds.includes(s.kind))
				.map((s) => s.text)
				.join('');
		expect(join(['same', 'removed'])).toBe(before);
		expect(join(['same', 'added'])).toBe(after);
		expect(
			d.segments
				.filter((s) => s.kind === 'added')
				.map((s) => s.text)
				.join('')
		).toContain('дневника');
	});

	it('finds nothing between equal texts, and everything against an empty one', () => {
		expect(diffWords('Один два три', 'Один два три')).toMatchObject({ added: 0, removed: 0 });
		expect(diffWords('', 'Один два три')).toMatchObject({ added: 3, removed: 0 });
		expect(diffWords('Один два три', '')).toMatchObject({ added: 0, removed: 3 });
	});

	it('does not count changes of spaces and line breaks alone as words', () => {
		const d = diffWords('Один два', 'Один\n\nдва');
		expect(d.added).toBe(0);
		expect(d.removed).toBe(0);
	});
});

describe('parseDocumentFilter', () => {
	const parse = (qs: string) => parseDocumentFilter(new URLSearchParams(qs));

	it('takes known kinds and statuses and a trimmed search text', () => {
		expect(parse('kind=order&status=draft&q=%20журнал%20')).toEqual({
			filter: { kind: 'order', status: 'draft', q: 'журнал' },
			problems: {}
		});
		expect(parse('')).toEqual({ filter: { kind: null, status: null, q: '' }, problems: {} });
	});

	it('ignores an unknown kind or status and reports it in Russian', () => {
		const r = parse('kind=poem&status=lost');
		expect(r.filter).toEqual({ kind: null, status: null, q: '' });
		expect(r.problems).toEqual({
			kind: 'Такого вида документа нет.',
			status: 'Такого статуса нет.'
		});
	});

	it('is not fooled by inherited property names, and cuts NUL and overlong text', () => {
		const r = parse(
			'kind=constructor&status=toString&q=' + encodeURIComponent('а\u0000б' + 'в'.repeat(500))
		);
		expect(r.filter.kind).toBeNull();
		expect(r.filter.status).toBeNull();
		expect(Object.keys(r.problems).sort()).toEqual(['kind', 'status']);
		expect(r.filter.q.startsWith('аб')).toBe(true);
		expect(r.filter.q).not.toContain('\u0000');
		expect(r.filter.q.length).toBe(200);
	});
});

describe('parseVariableValues', () => {
	const v = (
		name: string,
		type: TemplateVariable['type'],
		extra: Partial<TemplateVariable> = {}
	): TemplateVariable => ({
		name,
		label: `Поле ${name}`,
		type,
		required: false,
		source: 'manual',
		...extra
	});
	const template = (variables: TemplateVariable[]) => ({ variables }) as unknown as ModelTemplate;
	const parse = (variables: TemplateVariable[], raw: Record<string, string>) =>
		parseVariableValues(template(variables), raw);

	it('turns people lines «ФИО — должность» into persons with initials', () => {
		const r = parse([v('staff', 'people')], {
			var_staff:
				'Иванова Мария Петровна — учитель\r\n\r\n  Петров Иван Сергеевич – заместитель директора по УВР  \nСидоров Пётр - учитель - совместитель\nКузнецова Ольга Игоревна'
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.staff).toEqual([
			{ full_name: 'Иванова Мария Петровна', position: 'учитель', initials: 'Иванова М.П.' },
			{
				full_name: 'Петров Иван Сергеевич',
				position: 'заместитель директора по УВР',
				initials: 'Петров И.С.'
			},
			{ full_name: 'Сидоров Пётр', position: 'учитель — совместитель', initials: 'Сидоров П.' },
			{ full_name: 'Кузнецова Ольга Игоревна', position: '', initials: 'Кузнецова О.И.' }
		]);
	});

	it('reads whole numbers and refuses anything else', () => {
		expect(parse([v('n', 'number')], { var_n: ' 42 ' })).toEqual({ ok: true, value: { n: 42 } });
		expect(parse([v('n', 'number')], { var_n: '-7' })).toEqual({ ok: true, value: { n: -7 } });
		for (const bad of ['4.5', 'пять', '1e3', '12345678901', '0x10'])
			expect(parse([v('n', 'number')], { var_n: bad }), bad).toEqual({
				ok: false,
				errors: { var_n: 'Поле n: укажите целое число.' }
			});
	});

	it('takes a select value only from its options', () => {
		const sel = v('mode', 'select', { options: ['веб', 'СМС', 'бумага'] });
		expect(parse([sel], { var_mode: 'СМС' })).toEqual({ ok: true, value: { mode: 'СМС' } });
		expect(parse([sel], { var_mode: 'голубиная почта' })).toEqual({
			ok: false,
			errors: { var_mode: 'Поле mode: выберите значение из списка.' }
		});
	});

	it('splits lists by line, dropping blank lines', () => {
		expect(parse([v('items', 'list')], { var_items: 'Первый\n\n  Второй  \r\nТретий\n' })).toEqual({
			ok: true,
			value: { items: ['Первый', 'Второй', 'Третий'] }
		});
	});

	it('reads dates as ISO or ДД.ММ.ГГГГ, refusing impossible ones', () => {
		expect(parse([v('d', 'date')], { var_d: '01.09.2026' })).toEqual({
			ok: true,
			value: { d: '2026-09-01' }
		});
		expect(parse([v('d', 'date')], { var_d: '2026-09-01' })).toEqual({
			ok: true,
			value: { d: '2026-09-01' }
		});
		for (const bad of ['31.02.2026', '2026-13-01', 'завтра', '1.9.26'])
			expect(parse([v('d', 'date')], { var_d: bad }), bad).toEqual({
				ok: false,
				errors: { var_d: 'Поле d: укажите дату в виде ДД.ММ.ГГГГ.' }
			});
	});

	it('reads booleans from a checkbox; strings and texts as typed, trimmed, without NUL', () => {
		const vars = [v('flag', 'boolean'), v('off', 'boolean'), v('s', 'string'), v('t', 'text')];
		expect(
			parse(vars, { var_flag: 'on', var_s: '  Строка\u0000 ', var_t: 'Абзац 1\n\nАбзац 2' })
		).toEqual({
			ok: true,
			value: { flag: true, off: false, s: 'Строка', t: 'Абзац 1\n\nАбзац 2' }
		});
	});

	it('names every missing required field by its label, and empties the optional ones', () => {
		const vars = [
			v('a', 'string', { required: true }),
			v('b', 'people', { required: true }),
			v('c', 'list'),
			v('d', 'string'),
			v('e', 'people')
		];
		expect(parse(vars, { var_a: '   ', var_b: '' })).toEqual({
			ok: false,
			errors: { var_a: 'Заполните поле «Поле a».', var_b: 'Заполните поле «Поле b».' }
		});
		expect(parse(vars, { var_a: 'x', var_b: 'Иванов Иван — учитель' })).toMatchObject({
			ok: true,
			value: { c: [], d: '', e: [] }
		});
	});

	it('limits the length of each kind of field', () => {
		expect(parse([v('s', 'string')], { var_s: 'я'.repeat(501) })).toEqual({
			ok: false,
			errors: { var_s: 'Поле s: не больше 500 символов.' }
		});
		expect(parse([v('s', 'string')], { var_s: 'я'.repeat(500) }).ok).toBe(true);
		expect(parse([v('t', 'text')], { var_t: 'я'.repeat(20_001) }).ok).toBe(false);
	});
});

describe('a ZIP that unpacks to far more than it weighs', () => {
	it('is refused by its directory, before its content is inflated, with a Russian message', () => {
		const types = strToU8(
			'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
		);
		// 8 MB of one byte packs to a few kilobytes: a ratio no Word file has.
		const bomb = zipSync(
			{ '[Content_Types].xml': types, 'word/document.xml': new Uint8Array(8 * 1024 * 1024) },
			{ level: 9 }
		);
		expect(bomb.byteLength).toBeLessThan(64 * 1024);
		expect(() => detectFileType(bomb)).toThrow(ZipBombError);
		expect(() => checkUpload({ name: 'приказ.docx', bytes: bomb }, 'file')).toThrow(
			ValidationError
		);
		try {
			checkUpload({ name: 'приказ.docx', bytes: bomb }, 'file');
		} catch (e) {
			expect((e as ValidationError).errors.file).toMatch(/слишком большой объём/);
		}
		// A real DOCX still passes.
		const real = zipSync({
			'[Content_Types].xml': types,
			'word/document.xml': strToU8('<w:document>Текст приказа</w:document>')
		});
		expect(detectFileType(real)?.extension).toBe('docx');
	});
});

describe('textBlocks', () => {
	it('reads a text as the document shows it: headings without «##», points numbered «2.1.», table rows by cell', () => {
		const blocks = textBlocks(
			'## I. Общие положения\n\n1. Первый **важный** пункт.\n2. Второй:\n    1. подпункт.\n\n| № | Что |\n| --- | --- |\n| 1 | *да* |\n'
		);
		expect(blocks.map((b) => [b.kind, b.marker, b.depth, b.text])).toEqual([
			['heading', '', 0, 'I. Общие положения'],
			['item', '1.', 0, 'Первый важный пункт.'],
			['item', '2.', 0, 'Второй:'],
			['item', '2.1.', 1, 'подпункт.'],
			['row', '', 0, '№ | Что'],
			['row', '', 0, '1 | да']
		]);
		expect(blocks[1]!.html).toEqual(['Первый <strong>важный</strong> пункт.']);
		expect(blocks[5]!.html).toEqual(['1', '<em>да</em>']);
	});
});

describe('compareVersions', () => {
	const v1 = [
		'## I. Общие положения',
		'',
		'1. Первый пункт.',
		'2. Второй пункт.',
		'3. Третий пункт.',
		'',
		'## II. Порядок',
		'',
		'Абзац о порядке ведения журнала.',
		'',
		'Последний абзац.',
		''
	].join('\n');

	it('finds a point inserted in the middle as one insertion, the points after it renumbered but not changed', () => {
		const v2 = v1.replace(
			'2. Второй пункт.\n3. Третий пункт.',
			'2. Новый пункт о сроках.\n3. Второй пункт.\n4. Третий пункт.'
		);
		const c = compareVersions(v1, v2);
		const changed = c.lines.flatMap((l) =>
			l.type === 'block' && l.item.change !== 'same'
				? [[l.item.change, l.item.block.marker, l.item.block.text]]
				: []
		);
		expect(changed).toEqual([['added', '2.', 'Новый пункт о сроках.']]);
		expect(c).toMatchObject({ changes: 1, changedBlocks: 1, added: 4, removed: 0 });
	});

	it('shows an edited paragraph as one changed block with its words marked, a removed one as removed', () => {
		const v2 = v1
			.replace('Абзац о порядке ведения журнала.', 'Абзац о порядке ведения электронного журнала.')
			.replace('1. Первый пункт.\n', '');
		const c = compareVersions(v1, v2);
		const changed = c.lines.flatMap((l) =>
			l.type === 'block' && l.item.change !== 'same' ? [l.item] : []
		);
		expect(changed.map((x) => [x.change, x.block.text, x.changeNo])).toEqual([
			['removed', 'Первый пункт.', 1],
			['changed', 'Абзац о порядке ведения электронного журнала.', 2]
		]);
		expect(
			changed[1]!.segments!.filter((s) => s.kind !== 'same').map((s) => [s.kind, s.text.trim()])
		).toEqual([['added', 'электронного']]);
		expect(c).toMatchObject({ changes: 2, added: 1, removed: 2 });
	});

	it('«только изменения» keeps the changes and one block either side, the rest counted as gaps', () => {
		const v2 = v1.replace('Абзац о порядке', 'Новый абзац о порядке');
		const lines = compareVersions(v1, v2, { onlyChanges: true }).lines;
		expect(
			lines.map((l) => (l.type === 'gap' ? `…${l.count}` : `${l.item.change}:${l.item.block.text}`))
		).toEqual([
			'…4',
			'same:II. Порядок',
			'changed:Новый абзац о порядке ведения журнала.',
			'same:Последний абзац.'
		]);
	});

	it('finds nothing between a text and itself', () => {
		expect(compareVersions(v1, v1)).toMatchObject({
			changes: 0,
			changedBlocks: 0,
			added: 0,
			removed: 0
		});
		expect(compareVersions(v1, v1, { onlyChanges: true }).lines).toEqual([
			{ type: 'gap', count: 7 }
		]);
	});
});
