import { renderedFileFor, type RenderedFormat } from '../render/docx-cache';
import type { DocumentLayout } from '../render/layout';

/**
 * The files a signature covers, rendered once at signing from the public layout and stored: from
 * then on the stored bytes are served, never a new rendering. Versions signed before a format was
 * added keep the formats they were signed in.
 */
export const SIGNED_FORMATS = (
	['docx', 'pdf', 'odt'] as const satisfies readonly RenderedFormat[]
).map((format) => ({
	format,
	extension: format,
	render: (layout: DocumentLayout): Promise<Uint8Array> => renderedFileFor(format, layout)
}));

export type SignedFormat = (typeof SIGNED_FORMATS)[number]['format'];
