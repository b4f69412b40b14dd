import { sha256Hex } from '../documents/hash';
import { renderDocx } from './docx';
import type { DocumentLayout } from './layout';
import { renderOdt } from './odt';
import { renderPdf } from './pdf';

/** The paper formats a document is given out in, with their media types. */
export const RENDERED_FORMATS = {
	docx: {
		contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		render: renderDocx
	},
	pdf: { contentType: 'application/pdf', render: renderPdf },
	odt: { contentType: 'application/vnd.oasis.opendocument.text', render: renderOdt }
} as const satisfies Record<
	string,
	{ contentType: string; render: (layout: DocumentLayout) => Promise<Uint8Array> }
>;
export type RenderedFormat = keyof typeof RENDERED_FORMATS;

export function isRenderedFormat(value: string): value is RenderedFormat {
	return Object.hasOwn(RENDERED_FORMATS, value);
}

/**
 * A document's file, made once per state and format. The key is the format and the hash of everything the file
 * shows (the layout: text, requisites, profile names), so an edit, a new version or a renamed school makes a new
 * file by itself and nothing has to be invalidated. Least recently used go first beyond the limit
 * (`DOCX_CACHE_MB`, 32), shared by the three formats.
 */
const limitBytes = Math.max(1, Number(process.env.DOCX_CACHE_MB) || 32) * 1024 * 1024;
const files = new Map<string, Uint8Array>();
const pending = new Map<string, Promise<Uint8Array>>();
let usedBytes = 0;

export async function renderedFileFor(
	format: RenderedFormat,
	layout: DocumentLayout
): Promise<Uint8Array> {
	const key = `${format}:${sha256Hex(JSON.stringify(layout))}`;
	const hit = files.get(key);
	if (hit) {
		files.delete(key);
		files.set(key, hit);
		return hit;
	}
	// Many downloads of one new file at once wait for one rendering.
	const running = pending.get(key);
	if (running) return running;
	const rendering = RENDERED_FORMATS[format].render(layout).then((bytes) => {
		remember(key, bytes);
		return bytes;
	});
	pending.set(key, rendering);
	try {
		return await rendering;
	} finally {
		pending.delete(key);
	}
}

export function docxFor(layout: DocumentLayout): Promise<Uint8Array> {
	return renderedFileFor('docx', layout);
}

function remember(key: string, bytes: Uint8Array) {
	if (bytes.length > limitBytes) return;
	files.set(key, bytes);
	usedBytes += bytes.length;
	for (const [oldest, old] of files) {
		if (usedBytes <= limitBytes) break;
		files.delete(oldest);
		usedBytes -= old.length;
	}
}
