import { unzipSync } from 'fflate';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface DetectedType {
	contentType: string;
	extension: string;
	label: string;
}

const PDF: DetectedType = { contentType: 'application/pdf', extension: 'pdf', label: 'PDF' };
const PNG: DetectedType = { contentType: 'image/png', extension: 'png', label: 'PNG' };
const JPEG: DetectedType = { contentType: 'image/jpeg', extension: 'jpg', label: 'JPEG' };
const DOCX: DetectedType = {
	contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	extension: 'docx',
	label: 'DOCX'
};
const ODT: DetectedType = {
	contentType: 'application/vnd.oasis.opendocument.text',
	extension: 'odt',
	label: 'ODT'
};

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** What an upload unpacks to, at most: beyond it a ZIP is a bomb, not a document (a real one is a few megabytes). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_RATIO = 200;
// Only these small entries are ever inflated, to read the type; word/document.xml is only looked for.
const READ_ENTRIES = new Set(['mimetype', '[Content_Types].xml']);
const MAX_READ_ENTRY = 1024 * 1024;

export class ZipBombError extends Error {
	constructor() {
		super(
			'Файл разворачивается в слишком большой объём: так устроены только вредоносные архивы. Сохраните документ заново в Word или LibreOffice и загрузите снова.'
		);
		this.name = 'ZipBombError';
	}
}

/**
 * What a file really is, read from its bytes, never from its name: PDF, PNG, JPEG, or a ZIP
 * that holds a Word (DOCX) or OpenDocument text (ODT). Anything else is refused. A ZIP is judged
 * by its directory — the sizes it declares — and only its two tiny descriptor entries are inflated,
 * so a small file that unpacks to gigabytes is refused (ZipBombError) before it costs memory.
 */
export function detectFileType(bytes: Uint8Array): DetectedType | null {
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
		let unpacked = 0;
		let bomb = false;
		const names = new Set<string>();
		let entries: Record<string, Uint8Array>;
		try {
			entries = unzipSync(bytes, {
				filter: (f) => {
					names.add(f.name);
					unpacked += f.originalSize;
					if (unpacked > MAX_UNPACKED_BYTES || f.originalSize > MAX_RATIO * Math.max(f.size, 1024))
						bomb = true;
					return !bomb && READ_ENTRIES.has(f.name) && f.originalSize <= MAX_READ_ENTRY;
				}
			});
		} catch {
			if (bomb) throw new ZipBombError();
			return null;
		}
		if (bomb) throw new ZipBombError();
		const mimetype = entries['mimetype']
			? new TextDecoder().decode(entries['mimetype']).trim()
			: '';
		if (mimetype === ODT.contentType) return ODT;
		if (entries['[Content_Types].xml'] && names.has('word/document.xml')) return DOCX;
	}
	return null;
}

export const ALLOWED_TYPES_TEXT = 'PDF, DOCX, ODT, JPEG или PNG';

const EXTENSIONS: Record<string, string> = Object.fromEntries(
	[PDF, PNG, JPEG, DOCX, ODT].map((t) => [t.contentType, t.extension])
);

/** The extension a stored file really has, from its detected type rather than its uploaded name. */
export const extensionOf = (contentType: string) => EXTENSIONS[contentType] ?? 'bin';

const SAME_EXTENSION: Record<string, string[]> = { jpg: ['jpg', 'jpeg'] };

/**
 * The uploaded name with the extension of what the file really is: «скан.html» that holds a PDF is
 * saved as «скан.pdf», so no download opens in a program other than the one its content is for.
 */
export function nameWithExtension(name: string, extension: string): string {
	// «от 01.09.2026» ends in a date, not an extension: one has a letter in it.
	const own = /\.([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)$/.exec(name);
	if (own && (SAME_EXTENSION[extension] ?? [extension]).includes(own[1]!.toLowerCase()))
		return name;
	const base = (own ? name.slice(0, own.index) : name).replace(/[.\s]+$/, '');
	return `${base || 'file'}.${extension}`;
}

const NAME_LIMIT = 120;

/**
 * A download name people recognise and any disk accepts: the title, shortened at a word if it is
 * long, then the suffix (such as « (версия 2)») and the real extension, which are never cut.
 */
export function downloadName(title: string, extension: string, suffix = ''): string {
	const clean = (t: string) =>
		t
			// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
			.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
	let base = clean(title) || 'document';
	const room = NAME_LIMIT - suffix.length;
	if (base.length > room) {
		const cut = base.slice(0, room);
		base =
			(cut.lastIndexOf(' ') > room / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut).trim() + '…';
	}
	return `${base}${clean(suffix) ? ` ${clean(suffix)}` : ''}.${extension}`;
}

/** RFC 8187: outside attr-char everything is percent-encoded, including ' ( ) * and !. */
const rfc8187 = (value: string) =>
	encodeURIComponent(value).replace(
		/['()*!]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);

// Transliteration as in the Russian passport since 2014: ICAO Doc 9303 (приказ МИД России № 4271). Unlike
// ГОСТ 7.79-2000 system Б it needs no apostrophes or backticks, which read badly in a file name.
const ICAO: Record<string, string> = {
	а: 'a',
	б: 'b',
	в: 'v',
	г: 'g',
	д: 'd',
	е: 'e',
	ё: 'e',
	ж: 'zh',
	з: 'z',
	и: 'i',
	й: 'i',
	к: 'k',
	л: 'l',
	м: 'm',
	н: 'n',
	о: 'o',
	п: 'p',
	р: 'r',
	с: 's',
	т: 't',
	у: 'u',
	ф: 'f',
	х: 'kh',
	ц: 'ts',
	ч: 'ch',
	ш: 'sh',
	щ: 'shch',
	ъ: 'ie',
	ы: 'y',
	ь: '',
	э: 'e',
	ю: 'iu',
	я: 'ia',
	і: 'i',
	ї: 'i',
	є: 'ie',
	ґ: 'g',
	'№': 'N',
	'–': '-',
	'—': '-'
};

/** A Russian name in Latin letters: «Положение об электронном журнале» → «Polozhenie ob elektronnom zhurnale». */
export function transliterate(text: string): string {
	const chars = [...text];
	return chars
		.map((c, i) => {
			const lower = c.toLocaleLowerCase('ru-RU');
			const latin = ICAO[lower];
			if (latin === undefined) return c;
			if (lower === c || !latin) return latin;
			// «ЖУРНАЛ» → «ZHURNAL», «Журнал» → «Zhurnal»: a capital is all capitals among capitals.
			const next = chars[i + 1] ?? '';
			return next && next !== next.toLocaleLowerCase('ru-RU')
				? latin.toUpperCase()
				: latin.charAt(0).toUpperCase() + latin.slice(1);
		})
		.join('');
}

/** The header of a download: the name transliterated for old clients in filename, the name itself in filename* (RFC 6266). */
export function contentDisposition(fileName: string): string {
	const ascii = transliterate(fileName.normalize('NFC'))
		.replace(/[«»„“”]/g, '')
		.replace(/[^\x20-\x7e]+/g, '_')
		.replace(/["\\]/g, '')
		.replace(/ {2,}/g, ' ');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc8187(fileName)}`;
}
