import { error, type RequestEvent } from '@sveltejs/kit';
import { database } from '../db/runtime';
import { loadDocumentLayout } from '../documents/layout';
import { contentDisposition, downloadName } from '../documents/file-types';
import { findVersion } from '../documents/queries';
import { publishedActFile } from '../public/act-page';
import { RENDERED_FORMATS, renderedFileFor, type RenderedFormat } from '../render';
import { CACHE_TAGS_HEADER } from './public-pages';
import { requireActor } from './guards';
import { documentFor, versionParam } from './document-page';

/** A published act's approved version in the format asked for, as the public act page links it. */
export async function publicActFileResponse(
	params: { slug: string; id: string },
	format: RenderedFormat
): Promise<Response> {
	const file = await publishedActFile(database(), params.slug, params.id, format);
	if (!file) error(404, 'Документ не найден.');
	return new Response(Buffer.from(file.bytes), {
		headers: {
			'Content-Type': RENDERED_FORMATS[format].contentType,
			'Content-Disposition': contentDisposition(downloadName(file.title, format)),
			[CACHE_TAGS_HEADER]: file.cacheTags.join(' ')
		}
	});
}

/** A version of a document in the cabinet (?v=N, the current one by default), to whoever may view the document. */
export async function cabinetDocumentFileResponse(
	{
		locals,
		url,
		params
	}: Pick<RequestEvent<{ id: string; docId: string }>, 'locals' | 'url' | 'params'>,
	format: RenderedFormat
): Promise<Response> {
	const { org, doc } = await documentFor(
		requireActor(locals, url),
		params.id,
		params.docId,
		'document.view'
	);
	const v = versionParam(url, doc);
	const version = await findVersion(database(), doc.id, v);
	if (!version?.source) error(404, 'У этой версии нет текста: это файл, скачайте его.');
	const bytes = await renderedFileFor(
		format,
		await loadDocumentLayout(database(), doc, org, version.source, 'internal')
	);
	return new Response(Buffer.from(bytes), {
		headers: {
			'Content-Type': RENDERED_FORMATS[format].contentType,
			'Content-Disposition': contentDisposition(downloadName(doc.title, format, `(версия ${v})`))
		}
	});
}
