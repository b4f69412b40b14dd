import { documentCss } from '$lib/server/render';
import { CACHE_TAGS_HEADER, STATIC_TAG } from '$lib/server/web/public-pages';
import type { RequestHandler } from './$types';

// The printed-page look of documents, shared by the cabinet and the public pages.
export const GET: RequestHandler = () =>
	new Response(documentCss, {
		headers: { 'Content-Type': 'text/css; charset=utf-8', [CACHE_TAGS_HEADER]: STATIC_TAG }
	});
