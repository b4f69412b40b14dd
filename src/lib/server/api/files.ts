import type { SchemaObject } from './openapi-types';

/**
 * The files a published act can be downloaded as, one entry per format: a new format (PDF, ODT) is
 * one more entry here with the public route that serves it, and the API and its description follow.
 */
export interface PublicFileFormat {
	format: string;
	mediaType: string;
	label: string;
	/** The public download route of the act's approved version. */
	path(slug: string, id: string): string;
	/** Whether the act has this file: a DOCX is made from the approved text, so a file-only version has none. */
	available(act: { hasText: boolean }): boolean;
}

export const publicFileFormats: PublicFileFormat[] = [
	{
		format: 'docx',
		mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		label: 'Документ DOCX (Office Open XML)',
		path: (slug, id) => `/o/${slug}/d/${id}/docx`,
		available: (act) => act.hasText
	}
];

export interface ApiFile {
	format: string;
	mediaType: string;
	label: string;
	version: number | null;
	url: string;
}

export function filesOf(
	origin: string,
	act: { slug: string; id: string; hasText: boolean; approvedVersion: number | null }
): ApiFile[] {
	return publicFileFormats
		.filter((f) => f.available(act))
		.map((f) => ({
			format: f.format,
			mediaType: f.mediaType,
			label: f.label,
			version: act.approvedVersion,
			url: `${origin}${f.path(act.slug, act.id)}`
		}));
}

export const fileSchemas: Record<string, SchemaObject> = {
	File: {
		type: 'object',
		description:
			'Файл утверждённой редакции документа для скачивания. Список форматов будет пополняться (PDF, ODT): клиент пропускает незнакомый формат.',
		required: ['format', 'mediaType', 'label', 'version', 'url'],
		additionalProperties: false,
		properties: {
			format: {
				type: 'string',
				description: `Формат; сейчас: ${publicFileFormats.map((f) => f.format).join(', ')}.`,
				examples: publicFileFormats.map((f) => f.format)
			},
			mediaType: { type: 'string', description: 'Тип содержимого (MIME).' },
			label: { type: 'string', description: 'Название формата по-русски.' },
			version: {
				type: ['integer', 'null'],
				minimum: 1,
				description: 'Номер утверждённой версии текста, из которой сделан файл.'
			},
			url: { type: 'string', format: 'uri', description: 'Адрес для скачивания.' }
		}
	}
};
