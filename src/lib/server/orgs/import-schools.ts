import { parse } from 'csv-parse/sync';
import type { Database } from '../db';
import { inArray } from 'drizzle-orm';
import { organizations, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { validate, withoutNul } from '../forms/errors';
import { journalSystemLabels, organizationFieldLabels } from '../../orgs/labels';
import { auditView, insertOrganizations } from './save-organization';
import { organizationInput, type OrganizationInput } from './validation';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

/** The columns of the file, in the order of the downloadable template. */
export const IMPORT_COLUMNS = [
	'fullName',
	'shortName',
	'slug',
	'headName',
	'headPosition',
	'address',
	'website',
	'inn',
	'journalSystem',
	'journalSystemOther',
	'founderName',
	'paperlessSince',
	'timeZone'
] as const satisfies readonly (keyof typeof organizationFieldLabels)[];

type Column = (typeof IMPORT_COLUMNS)[number];

const REQUIRED: Column[] = ['fullName', 'shortName'];

export interface ImportRow {
	line: number;
	input: OrganizationInput;
}

export interface ImportProblem {
	line: number;
	message: string;
}

export type ImportResult =
	{ ok: true; created: Organization[] } | { ok: false; problems: ImportProblem[] };

/** A template people open in Excel: semicolons, a BOM, one example row. */
export function importTemplateCsv(): string {
	const header = IMPORT_COLUMNS.map((c) => organizationFieldLabels[c]);
	const example = [
		'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
		'МБОУ «СШ № 1»',
		'',
		'Иванова Мария Петровна',
		'Директор',
		'296500, Республика Крым, г. Саки, ул. Школьная, д. 1',
		'https://school1.example.ru',
		'',
		journalSystemLabels.eljur,
		'',
		'Администрация Сакского района Республики Крым',
		'01.09.2021',
		'Europe/Simferopol'
	];
	return (
		'\uFEFF' + [header, example].map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n'
	);
}

function csvCell(value: string): string {
	return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Excel in Russian saves CSV as Windows-1251 unless told otherwise; accept both. */
export function decodeCsv(bytes: Uint8Array): string {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		text = new TextDecoder('windows-1251').decode(bytes);
	}
	return withoutNul(text);
}

const headerToColumn = new Map<string, Column>(
	IMPORT_COLUMNS.flatMap((c) => [
		[normaliseHeader(organizationFieldLabels[c]), c],
		[normaliseHeader(c), c]
	])
);
const journalByLabel = new Map<string, string>(
	Object.entries(journalSystemLabels).flatMap(([key, label]) => [
		[normaliseHeader(label), key],
		[key, key]
	])
);

function normaliseHeader(s: string): string {
	return s
		.toLowerCase()
		.replace(/[«»"*]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Reads and checks the whole file; reports every bad line, and returns rows only when all are good. */
export function parseSchoolsCsv(source: string): { rows: ImportRow[]; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	// csv-parse counts a CRLF inside a quoted cell as two lines; with LF only, lines match the file's.
	const text = source.replace(/\r\n?/g, '\n');
	const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
	const delimiter =
		(firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(text, {
			delimiter,
			info: true,
			relax_column_count: true,
			skip_empty_lines: true,
			bom: true
		}) as unknown as typeof records;
	} catch (e) {
		const line = (e as { lines?: number }).lines ?? 1;
		return {
			rows: [],
			problems: [{ line, message: 'Файл не читается как CSV: проверьте кавычки в этой строке.' }]
		};
	}
	if (!records.length)
		return { rows: [], problems: [{ line: 1, message: 'Файл пуст: нет ни заголовка, ни строк.' }] };

	const [head, ...body] = records;
	const columns: (Column | null)[] = head!.record.map(
		(h) => headerToColumn.get(normaliseHeader(h)) ?? null
	);
	head!.record.forEach((h, i) => {
		if (!columns[i] && h.trim() !== '')
			problems.push({
				line: 1,
				message: `Неизвестный столбец «${h.trim()}». Скачайте шаблон и сверьте заголовки.`
			});
	});
	for (const c of REQUIRED)
		if (!columns.includes(c))
			problems.push({
				line: 1,
				message: `Нет обязательного столбца «${organizationFieldLabels[c]}».`
			});
	if (problems.length) return { rows: [], problems };
	if (!body.length)
		return { rows: [], problems: [{ line: 2, message: 'В файле нет ни одной школы.' }] };
	if (body.length > MAX_IMPORT_ROWS)
		return {
			rows: [],
			problems: [
				{ line: MAX_IMPORT_ROWS + 2, message: `Не больше ${MAX_IMPORT_ROWS} школ в одном файле.` }
			]
		};

	const rows: ImportRow[] = [];
	const slugLines = new Map<string, number>();
	const nameLines = new Map<string, number>();
	for (const { record, info } of body) {
		const line = info.lines;
		const raw: Record<string, string> = {};
		columns.forEach((c, i) => {
			if (c) raw[c] = (record[i] ?? '').trim();
		});
		if (raw.journalSystem)
			raw.journalSystem =
				journalByLabel.get(normaliseHeader(raw.journalSystem)) ?? raw.journalSystem;
		const result = validate(organizationInput, {
			...Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ''])),
			...raw
		});
		if (!result.ok) {
			for (const [field, message] of Object.entries(result.errors)) {
				const label = organizationFieldLabels[field as Column] ?? field;
				problems.push({
					line,
					message: message.startsWith(label) ? message : `${label}: ${message}`
				});
			}
			continue;
		}
		const key = result.value.fullName.toLowerCase();
		if (nameLines.has(key))
			problems.push({
				line,
				message: `Школа с таким полным наименованием уже есть в строке ${nameLines.get(key)}.`
			});
		else nameLines.set(key, line);
		if (result.value.slug) {
			if (slugLines.has(result.value.slug))
				problems.push({
					line,
					message: `Адрес «${result.value.slug}» уже указан в строке ${slugLines.get(result.value.slug)}.`
				});
			else slugLines.set(result.value.slug, line);
		}
		rows.push({ line, input: result.value });
	}
	return { rows, problems };
}

/**
 * Imports schools into a municipality: all rows or none. Problems name the line of the file
 * (1 is the header) and say what to fix.
 */
export async function importSchools(
	db: Database,
	actor: Actor,
	municipality: Organization,
	bytes: Uint8Array
): Promise<ImportResult> {
	assertCan(actor, 'organization.import_schools', municipality);
	if (bytes.byteLength > MAX_IMPORT_BYTES)
		return {
			ok: false,
			problems: [{ line: 0, message: 'Файл больше 2 МБ: разделите его на части.' }]
		};
	const { rows, problems } = parseSchoolsCsv(decodeCsv(bytes));
	const wantedSlugs = rows.map((r) => r.input.slug).filter(Boolean);
	const taken = new Set(
		wantedSlugs.length
			? (
					await db
						.select({ slug: organizations.slug })
						.from(organizations)
						.where(inArray(organizations.slug, wantedSlugs))
				).map((r) => r.slug)
			: []
	);
	for (const { line, input } of rows)
		if (taken.has(input.slug))
			problems.push({ line, message: `Адрес «${input.slug}» уже занят другой организацией.` });
	if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };

	const created = await db.transaction(async (tx) => {
		const schools = await insertOrganizations(
			tx,
			municipality,
			'school',
			rows.map((r) => r.input)
		);
		for (const school of schools)
			await recordEvent(tx, {
				actor,
				organizationId: school.id,
				action: 'organization.created',
				entityType: 'organization',
				entityId: school.id,
				after: { ...auditView(school), importedInto: municipality.id }
			});
		await recordEvent(tx, {
			actor,
			organizationId: municipality.id,
			action: 'organization.schools_imported',
			entityType: 'organization',
			entityId: municipality.id,
			after: { count: schools.length, slugs: schools.map((s) => s.slug) }
		});
		return schools;
	});
	return { ok: true, created };
}
