import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { documentFor, versionParam } from '$lib/server/web/document-page';
import { findVersion } from '$lib/server/documents/queries';
import { loadDocumentLayout } from '$lib/server/documents/layout';
import { contentDisposition, downloadName } from '$lib/server/documents/file-types';
import { docxFor } from '$lib/server/render';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { org, doc } = await documentFor(
		requireActor(locals, url),
		params.id,
		params.docId,
		'document.view'
	);
	const v = versionParam(url, doc);
	const version = await findVersion(database(), doc.id, v);
	if (!version?.source) error(404, 'У этой версии нет текста: это файл, скачайте его.');
	const bytes = await docxFor(
		await loadDocumentLayout(database(), doc, org, version.source, 'internal')
	);
	return new Response(Buffer.from(bytes), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'Content-Disposition': contentDisposition(downloadName(doc.title, 'docx', `(версия ${v})`))
		}
	});
};
