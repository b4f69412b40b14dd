import { docxFor } from '../render/docx-cache';
import type { DocumentLayout } from '../render/layout';

/**
 * The files a signature covers, rendered once at signing from the public layout and stored: from
 * then on the stored bytes are served, never a new rendering. A new format (PDF, ODT) is one more
 * entry here; versions signed before it keep the formats they were signed in.
 */
export const SIGNED_FORMATS = [
	{
		format: 'docx',
		extension: 'docx',
		render: (layout: DocumentLayout): Promise<Uint8Array> => docxFor(layout)
	}
] as const satisfies readonly {
	format: string;
	extension: string;
	render: (layout: DocumentLayout) => Promise<Uint8Array>;
}[];

export type SignedFormat = (typeof SIGNED_FORMATS)[number]['format'];
