import { strToU8, zipSync } from 'fflate';
import type { Database } from '../../src/lib/server/db/index';
import {
	auditEvents,
	contracts,
	documentVersions,
	documents,
	files
} from '../../src/lib/server/db/schema';
import { ValidationError } from '../../src/lib/server/forms/errors';
import { renderDocx } from '../../src/lib/server/render';
import type { TemplateVariable } from '../../src/lib/server/templates/template-file';
import { sampleDates } from '../../src/lib/server/templates/variables';

// ---------------------------------------------------------------------------------------------
// Files as they arrive: real formats by their bytes, and impostors.

const ascii = (s: string) => new TextEncoder().encode(s);

/** A small but well-formed PDF 1.4 (one empty page). */
export function samplePdf(text = 'Регламент'): Uint8Array {
	const body = [
		'%PDF-1.4',
		'%\u00e2\u00e3\u00cf\u00d3',
		'1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
		'2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
		'3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
		`% ${encodeURIComponent(text)}`,
		'trailer << /Root 1 0 R >>',
		'%%EOF',
		''
	].join('\n');
	return ascii(body);
}

/** A 1×1 PNG (signature, IHDR, IDAT, IEND). */
export const samplePng = () =>
	Uint8Array.from(
		Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
			'base64'
		)
	);

/** The start of a JPEG (SOI, APP0 JFIF) and an end marker: what the detector reads is real. */
export const sampleJpeg = () =>
	Uint8Array.from([
		0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
		0x00, 0x01, 0x00, 0x00, 0xff, 0xd9
	]);

/** An OpenDocument text: a ZIP whose first entry is the uncompressed «mimetype». */
export function sampleOdt(): Uint8Array {
	return zipSync({
		mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
		'META-INF/manifest.xml': strToU8(
			'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>'
		),
		'content.xml': strToU8(
			'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
		)
	});
}

/** A DOCX made by the application's own renderer. */
export function sampleDocx(): Promise<Uint8Array> {
	return renderDocx({
		organizationName: 'МБОУ «Тестовая школа»',
		kindTitle: 'ПРИКАЗ',
		heading: 'О проверке загрузки',
		number: '1-о',
		date: '2026-09-01',
		place: 'г. Саки',
		approval: null,
		signature: { position: 'Директор', name: 'А.А. Директорова' },
		body: '1. Первый пункт.\n2. Второй пункт.\n'
	});
}

/** A Windows executable: «MZ» and a PE header. */
export const sampleExe = () =>
	Uint8Array.from([
		0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00,
		0x50, 0x45, 0x00, 0x00
	]);
export const sampleHtml = () =>
	ascii('<!doctype html><html><body><script>alert(1)</script>Скан</body></html>');
export const sampleText = () => new TextEncoder().encode('Это просто текст, а не PDF.\n');
/** A spreadsheet is a ZIP too, but neither DOCX nor ODT. */
export const sampleXlsxLike = () =>
	zipSync({
		'[Content_Types].xml': strToU8('<Types/>'),
		'xl/workbook.xml': strToU8('<workbook/>')
	});

/** A PDF of the given total size (valid header, padding after). */
export function pdfOfSize(bytes: number): Uint8Array {
	const out = new Uint8Array(bytes);
	out.set(samplePdf());
	return out;
}

// ---------------------------------------------------------------------------------------------
// Forms for templates.

/** A plausible form value for a template variable, by its type. */
export function plausibleValue(v: Pick<TemplateVariable, 'type' | 'options' | 'name'>): string {
	switch (v.type) {
		case 'string':
			return `Образец ${v.name}`;
		case 'text':
			return 'Образец текста для проверки.';
		case 'date':
			return '2026-09-01';
		case 'number':
			return '3';
		case 'boolean':
			return 'on';
		case 'select':
			return v.options?.[0] ?? '';
		case 'list':
			return 'Первый пункт\nВторой пункт';
		case 'people':
			return 'Иванова Мария Петровна — учитель\nПетров Иван Сергеевич — заместитель директора';
	}
}

/** A complete form for these variables, every one of them filled; dates as the set keeps them (`sampleDates`). */
export function plausibleForm(
	variables: Pick<TemplateVariable, 'type' | 'options' | 'name'>[]
): Record<string, string> {
	const dates = sampleDates(variables.filter((v) => v.type === 'date').map((v) => v.name));
	return Object.fromEntries(
		variables.map((v) => [`var_${v.name}`, v.type === 'date' ? dates[v.name]! : plausibleValue(v)])
	);
}

// ---------------------------------------------------------------------------------------------
// Asserting that nothing changed.

export interface Counts {
	documents: number;
	versions: number;
	files: number;
	contracts: number;
	audit: number;
}

export async function counts(db: Database): Promise<Counts> {
	const [d, v, f, c, a] = await Promise.all([
		db.$count(documents),
		db.$count(documentVersions),
		db.$count(files),
		db.$count(contracts),
		db.$count(auditEvents)
	]);
	return { documents: d, versions: v, files: f, contracts: c, audit: a };
}

/** Runs `action`, expects it to fail, and checks that no row was added anywhere meanwhile. */
export async function refusedWithoutChange<E>(
	db: Database,
	action: () => Promise<unknown>
): Promise<E> {
	const before = await counts(db);
	let caught: unknown = undefined;
	let failed = false;
	try {
		await action();
	} catch (e) {
		failed = true;
		caught = e;
	}
	if (!failed) throw new Error('expected a refusal, but the action succeeded');
	const after = await counts(db);
	if (JSON.stringify(after) !== JSON.stringify(before))
		throw new Error(
			`the refusal changed the database: ${JSON.stringify(before)} → ${JSON.stringify(after)}`
		);
	return caught as E;
}

/** The field errors of a ValidationError; anything else fails the test. */
export function fieldErrorsOf(e: unknown): Record<string, string> {
	if (e instanceof ValidationError) return e.errors;
	throw new Error(
		`expected a ValidationError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`
	);
}
