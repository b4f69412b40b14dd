import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { contentDisposition, downloadName } from '$lib/server/documents/file-types';
import { publishedActDocx } from '$lib/server/public/act-page';
import { CACHE_TAGS_HEADER } from '$lib/server/web/public-pages';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const docx = await publishedActDocx(database(), params.slug, params.id);
	if (!docx) error(404, 'Документ не найден.');
	return new Response(Buffer.from(docx.bytes), {
		headers: {
			'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'Content-Disposition': contentDisposition(downloadName(docx.title, 'docx')),
			[CACHE_TAGS_HEADER]: docx.cacheTags.join(' ')
		}
	});
};
