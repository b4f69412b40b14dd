import type { RequestEvent } from '@sveltejs/kit';
import { chooseEncoding, etagOf, isNotModified, PageCache, preparePage, type CachedPage } from '../public/page-cache';
import type { DatabaseHandle } from '../db';
import { PUBLIC_CHANGES_CHANNEL } from '../public/changes';

/** Set by a public page's load (or endpoint) to be cached: the tags whose change makes it stale. */
export const CACHE_TAGS_HEADER = 'x-reglament-cache-tags';

const MB = 1024 * 1024;
export const pageCache = new PageCache(Number(process.env.PUBLIC_CACHE_MB ?? 64) * MB);

// A proxy may keep a published page a minute and serve it stale while it asks again (with the ETag).
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=86400';
// Only canonical addresses: an organisation, an act, its DOCX — never a query string, so no
// request can make the cache hold anything but the pages that exist.
const CACHEABLE = /^(\/o\/[a-z0-9-]{1,100}(\/d\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\/docx)?)?|\/document\.css)$/;

/** The cache key of a request for a public page that may be served from memory, or null. */
export function publicCacheKey(event: Pick<RequestEvent, 'url' | 'request'>): string | null {
	const { method } = event.request;
	if (method !== 'GET' && method !== 'HEAD') return null;
	if (event.url.search !== '' || !CACHEABLE.test(event.url.pathname)) return null;
	return event.url.pathname;
}

/** The tag of what no change makes stale: it lives until the cache's hourly expiry. */
export const STATIC_TAG = 'static';

/** Marks what a page's load renders as cacheable under these tags. */
export function cacheAs(setHeaders: (headers: Record<string, string>) => void, tags: string[]): void {
	setHeaders({ [CACHE_TAGS_HEADER]: tags.join(' ') });
}

/** The cached page as this request wants it: compressed if it may be, 304 if its copy is current. */
export function respondWithPage(page: CachedPage, request: Request, state: 'hit' | 'miss'): Response {
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	const headers = new Headers(page.headers);
	headers.set('etag', etagOf(page, encoding));
	headers.set('last-modified', page.lastModified);
	headers.set('cache-control', CACHE_CONTROL);
	headers.set('vary', 'Accept-Encoding');
	headers.set('x-reglament-cache', state);
	if (isNotModified(page, request.headers.get('if-none-match'), request.headers.get('if-modified-since')))
		return new Response(null, { status: 304, headers });
	const body = page.bodies[encoding];
	if (body !== page.bodies.identity) headers.set('content-encoding', encoding);
	headers.set('content-length', String(body.byteLength));
	return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/**
 * Serves a public page from memory, or renders it with `render` and keeps it when its load said it
 * may be kept. A hit reads no session and no database.
 */
export async function servePublicPage(key: string, request: Request, render: () => Response | Promise<Response>): Promise<Response> {
	const hit = pageCache.get(key);
	if (hit) return respondWithPage(hit, request, 'hit');
	const epoch = pageCache.epoch;
	const response = await render();
	const tags = response.headers.get(CACHE_TAGS_HEADER);
	if (!tags || response.status !== 200 || request.method !== 'GET' || response.headers.has('set-cookie')) {
		response.headers.delete(CACHE_TAGS_HEADER);
		return response;
	}
	const headers = [...response.headers].filter(([name]) => name !== CACHE_TAGS_HEADER && name !== 'x-sveltekit-page');
	const page = await preparePage(Buffer.from(await response.arrayBuffer()), headers, tags.split(' '));
	pageCache.set(key, page, epoch);
	return respondWithPage(page, request, 'miss');
}

/** Drops cached pages as changes commit, in this process and in every other on the same database. */
export function followPublicChanges(handle: DatabaseHandle): Promise<() => Promise<void>> {
	return handle.listen(
		PUBLIC_CHANGES_CHANNEL,
		(payload) => pageCache.invalidate(payload.split(' ')),
		() => pageCache.clear()
	);
}
