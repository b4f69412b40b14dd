import { documentCss } from '$lib/server/render';
import type { RequestHandler } from './$types';

// The printed-page look of documents, shared by the cabinet and the public pages.
export const GET: RequestHandler = () =>
	new Response(documentCss, { headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } });
