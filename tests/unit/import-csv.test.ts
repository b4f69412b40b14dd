import { describe, expect, it } from 'vitest';
import {
	decodeCsv,
	IMPORT_COLUMNS,
	importTemplateCsv,
	MAX_IMPORT_ROWS,
	parseSchoolsCsv
} from '../../src/lib/server/orgs/import-schools';
import { organizationFieldLabels } from '../../src/lib/orgs/labels';
import { encodeCp1251 } from '../helpers/cp1251';

const HEADER =
	'Полное наименование;Краткое наименование;Адрес страницы в портале;ИНН;Безбумажный режим с;Система электронного журнала';

const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

describe('importTemplateCsv', () => {
	it('opens in Excel: BOM, semicolons, CRLF, every column in order', () => {
		const text = importTemplateCsv();
		expect(text.startsWith('\uFEFF')).toBe(true);
		const [header] = text.slice(1).split('\r\n');
		expect(header!.split(';')).toEqual(IMPORT_COLUMNS.map((c) => organizationFieldLabels[c]));
	});

	it('parses back clean, as it comes and after a round trip through bytes', () => {
		for (const text of [
			importTemplateCsv(),
			decodeCsv(new TextEncoder().encode(importTemplateCsv()))
		]) {
			const { rows, problems } = parseSchoolsCsv(text);
			expect(problems).toEqual([]);
			expect(rows).toHaveLength(1);
			expect(rows[0]!.line).toBe(2);
			expect(rows[0]!.input).toMatchObject({
				shortName: 'МБОУ «СШ № 1»',
				headName: 'Иванова Мария Петровна',
				website: 'https://school1.example.ru',
				journalSystem: 'eljur',
				paperlessSince: '2021-09-01',
				timeZone: 'Europe/Simferopol',
				slug: ''
			});
		}
	});
});

describe('parseSchoolsCsv', () => {
	it('reports every bad row with its line number and reason, and keeps the good ones apart', () => {
		const { rows, problems } = parseSchoolsCsv(
			csv(
				HEADER,
				'МБОУ «СОШ № 1»;СОШ № 1;sosh-1;7707083893;01.09.2021;ЭлЖур',
				';СОШ № 2;;;;',
				'МБОУ «СОШ № 3»;СОШ № 3;;7707083894;31.02.2021;',
				'МБОУ «СОШ № 4»;СОШ № 4;;;;Блокнот',
				'МБОУ «СОШ № 5»;СОШ № 5;sosh-5;;2021-09-01;Дневник.ру'
			)
		);
		expect(problems).toEqual([
			{ line: 3, message: 'Полное наименование: Укажите полное наименование.' },
			{ line: 4, message: expect.stringMatching(/^ИНН неверен/) },
			{
				line: 4,
				message: 'Безбумажный режим с: Укажите дату в виде ДД.ММ.ГГГГ, например 01.09.2021.'
			},
			{
				line: 5,
				message: expect.stringMatching(/^Система электронного журнала: Выберите систему из списка/)
			}
		]);
		expect(rows.map((r) => r.line)).toEqual([2, 6]);
		expect(rows[1]!.input.journalSystem).toBe('dnevnik_ru');
	});

	it('counts lines as a text editor does, past blank lines and cells spanning lines', () => {
		const { problems } = parseSchoolsCsv(
			csv(
				HEADER,
				'МБОУ «СОШ № 1»;СОШ № 1;;;;',
				'',
				'"МБОУ «СОШ № 2»\r\nим. Гагарина";СОШ № 2;;;;',
				'МБОУ «СОШ № 3»;СОШ № 3;;;32.01.2021;'
			)
		);
		expect(problems.map((p) => p.line)).toEqual([6]);
		const lf = parseSchoolsCsv(
			['Полное наименование;Краткое наименование', '"А\nБ";АБ', ';В', ''].join('\n')
		);
		expect(lf.problems.map((p) => p.line)).toEqual([4]);
	});

	it('refuses an unknown column before reading any row', () => {
		const { rows, problems } = parseSchoolsCsv(
			csv(`${HEADER};Телефон`, 'МБОУ «СОШ № 1»;СОШ № 1;;;;;+7 900')
		);
		expect(rows).toEqual([]);
		expect(problems).toEqual([
			{ line: 1, message: 'Неизвестный столбец «Телефон». Скачайте шаблон и сверьте заголовки.' }
		]);
	});

	it('names a missing required column', () => {
		const { problems } = parseSchoolsCsv(csv('Полное наименование;ИНН', 'МБОУ «СОШ № 1»;'));
		expect(problems).toEqual([
			{ line: 1, message: 'Нет обязательного столбца «Краткое наименование».' }
		]);
	});

	it('finds the same name or the same address twice in one file', () => {
		const { problems } = parseSchoolsCsv(
			csv(
				HEADER,
				'МБОУ «СОШ № 1»;СОШ № 1;sosh-1;;;',
				'МБОУ «СОШ № 2»;СОШ № 2;sosh-1;;;',
				'мбоу «сош № 1»;СОШ № 1 (ещё раз);;;;'
			)
		);
		expect(problems).toEqual([
			{ line: 3, message: 'Адрес «sosh-1» уже указан в строке 2.' },
			{ line: 4, message: 'Школа с таким полным наименованием уже есть в строке 2.' }
		]);
	});

	it('reads a comma-separated file with English column names too', () => {
		const { rows, problems } = parseSchoolsCsv(
			csv(
				'fullName,shortName,inn',
				'"МБОУ «СОШ № 1», г. Саки",СОШ № 1,7707083893',
				'МБОУ «СОШ № 2»,СОШ № 2,'
			)
		);
		expect(problems).toEqual([]);
		expect(rows.map((r) => r.input.fullName)).toEqual([
			'МБОУ «СОШ № 1», г. Саки',
			'МБОУ «СОШ № 2»'
		]);
		expect(rows[0]!.input.inn).toBe('7707083893');
	});

	it('accepts headers written with other case, quotes, asterisks and spacing', () => {
		const { problems } = parseSchoolsCsv(
			csv('ПОЛНОЕ  наименование*;"Краткое наименование";ИНН ', 'А;Б;')
		);
		expect(problems).toEqual([]);
	});

	it('says so when the file is empty or has no schools', () => {
		expect(parseSchoolsCsv('').problems).toEqual([
			{ line: 1, message: 'Файл пуст: нет ни заголовка, ни строк.' }
		]);
		expect(parseSchoolsCsv(csv(HEADER)).problems).toEqual([
			{ line: 2, message: 'В файле нет ни одной школы.' }
		]);
	});

	it('explains a file that is not CSV instead of failing', () => {
		const { problems } = parseSchoolsCsv(csv(HEADER, '"МБОУ «СОШ № 1»;СОШ № 1;;;;', 'x;y'));
		expect(problems).toHaveLength(1);
		expect(problems[0]!.message).toBe('Файл не читается как CSV: проверьте кавычки в этой строке.');
	});

	it('refuses more than the row limit', () => {
		const body = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Школа ${i};Ш${i}`);
		const { problems } = parseSchoolsCsv(csv('Полное наименование;Краткое наименование', ...body));
		expect(problems).toEqual([
			{ line: MAX_IMPORT_ROWS + 2, message: `Не больше ${MAX_IMPORT_ROWS} школ в одном файле.` }
		]);
	});

	it('reports over-long cells as a problem of the row, not a failure', () => {
		const { problems } = parseSchoolsCsv(csv(HEADER, `${'Ш'.repeat(600)};СОШ;;;;`));
		expect(problems).toEqual([
			{ line: 2, message: expect.stringMatching(/не больше 500 символов\.$/) }
		]);
	});
});

describe('decodeCsv', () => {
	it('reads Windows-1251 bytes, as Excel in Russian saves them', () => {
		const text = csv(
			'Полное наименование;Краткое наименование;ФИО руководителя',
			'МБОУ «Щёлкинская СОШ № 1»;Щёлкинская СОШ;Ёлкина Юлия Эдуардовна'
		);
		const bytes = encodeCp1251(text);
		expect(decodeCsv(bytes)).toBe(text);
		const { rows, problems } = parseSchoolsCsv(decodeCsv(bytes));
		expect(problems).toEqual([]);
		expect(rows[0]!.input).toMatchObject({
			fullName: 'МБОУ «Щёлкинская СОШ № 1»',
			headName: 'Ёлкина Юлия Эдуардовна'
		});
	});

	it('drops NUL characters, which no school name has and PostgreSQL cannot store', () => {
		const text = decodeCsv(
			new TextEncoder().encode('Полное наименование;Краткое наименование\r\nШкола\u0000;Ш\r\n')
		);
		expect(text).not.toContain('\u0000');
		expect(parseSchoolsCsv(text).rows[0]!.input.fullName).toBe('Школа');
	});

	it('reads UTF-8 and drops its BOM', () => {
		const bytes = new TextEncoder().encode('\uFEFFПолное наименование;Краткое наименование\r\n');
		expect(decodeCsv(bytes)).toBe('Полное наименование;Краткое наименование\r\n');
	});
});
