import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestEvent } from '@sveltejs/kit';
import {
	chooseEncoding,
	etagOf,
	isNotModified,
	PageCache,
	preparePage,
	type CachedPage,
	type Encoding
} from '../public/page-cache';
import type { DatabaseHandle } from '../db';
import { PUBLIC_CHANGES_CHANNEL } from '../public/changes';
import { parseSearch } from '../public/search';

/** Set by a public page's load (or endpoint) to be cached: the tags whose change makes it stale. */
export const CACHE_TAGS_HEADER = 'x-reglament-cache-tags';

const MB = 1024 * 1024;
export const pageCache = new PageCache(Number(process.env.PUBLIC_CACHE_MB ?? 64) * MB);
// Search results apart, in a budget of their own: any number of different queries can only churn
// this one, never push the published pages out.
export const searchCache = new PageCache(Number(process.env.PUBLIC_SEARCH_CACHE_MB ?? 16) * MB);
const cacheOf = (key: string) => (key.startsWith('/search?') ? searchCache : pageCache);

// A proxy may keep a published page a minute and serve it stale while it asks again (with the ETag).
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=86400';
// Only canonical addresses: the front page, an organisation, its «Документы» subsection and embeddable
// block, an act, its DOCX — never a query string, so no request can make the cache hold anything but
// the pages that exist.
const CACHEABLE =
	/^(\/|\/o\/[a-z0-9-]{1,100}(\/d\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\/docx)?|\/sveden\/document|\/embed)?|\/document\.css)$/;

/**
 * The cache key of an address that may be served from memory, or null: a canonical public page, or a
 * search with a query, keyed by its parameters as the search reads them (so `?q=журнал&page=1`
 * and `?page=1&q=журнал ` are one page).
 */
export function memoryKey(pathAndQuery: string): string | null {
	if (CACHEABLE.test(pathAndQuery)) return pathAndQuery;
	if (!pathAndQuery.startsWith('/search?') || pathAndQuery.length > 4096) return null;
	const { params, problems } = parseSearch(
		new URLSearchParams(pathAndQuery.slice('/search?'.length))
	);
	// A query the search corrects gets its message each time: it must not find the corrected page.
	if (!params.q || Object.keys(problems).length) return null;
	const canonical = new URLSearchParams({ q: params.q });
	if (params.org) canonical.set('org', params.org);
	if (params.kind) canonical.set('kind', params.kind);
	if (params.ended) canonical.set('ended', 'on');
	if (params.same) canonical.set('same', params.same);
	if (params.page > 1) canonical.set('page', String(params.page));
	return `/search?${canonical}`;
}

/** The cache key of a request for a public page that may be served from memory, or null. */
export function publicCacheKey(event: Pick<RequestEvent, 'url' | 'request'>): string | null {
	const { method } = event.request;
	if (method !== 'GET' && method !== 'HEAD') return null;
	return memoryKey(event.url.pathname + event.url.search);
}

/** The tag of what no change makes stale: it lives until the cache's hourly expiry. */
export const STATIC_TAG = 'static';

/** Marks what a page's load renders as cacheable under these tags. */
export function cacheAs(
	setHeaders: (headers: Record<string, string>) => void,
	tags: string[]
): void {
	setHeaders({ [CACHE_TAGS_HEADER]: tags.join(' ') });
}

/** What every answer of the site carries, cached or not. */
export const SECURITY_HEADERS: [string, string][] = [
	['x-content-type-options', 'nosniff'],
	['referrer-policy', 'same-origin'],
	['x-frame-options', 'DENY'],
	[
		'permissions-policy',
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'
	]
];

/**
 * Set by a page that may be framed (the embeddable block): the `frame-ancestors` sources its CSP
 * gets instead of the site's 'none'. The hook rewrites SvelteKit's own header, so only one remains.
 */
export const FRAME_ANCESTORS_HEADER = 'x-reglament-frame-ancestors';

/** The CSP with its `frame-ancestors` directive replaced by `sources`. */
export function withFrameAncestors(csp: string, sources: string): string {
	const directives = csp
		.split(';')
		.map((d) => d.trim())
		.filter((d) => d && !/^frame-ancestors(\s|$)/i.test(d));
	return [...directives, `frame-ancestors ${sources}`].join('; ');
}

/** Applies the frame policy a page asked for to its answer's CSP, and drops the request for it. */
export function applyFramePolicy(headers: Headers): void {
	const sources = headers.get(FRAME_ANCESTORS_HEADER);
	if (sources === null) return;
	headers.delete(FRAME_ANCESTORS_HEADER);
	const csp = headers.get('content-security-policy');
	if (csp) headers.set('content-security-policy', withFrameAncestors(csp, sources));
}

const FRAMEABLE = /(^|;)\s*frame-ancestors\s+(?!'none'\s*(;|$))/i;

/**
 * The security headers of an answer with this CSP: a page some site may frame goes without
 * `X-Frame-Options: DENY`, which would forbid what its `frame-ancestors` allows.
 */
export const securityHeadersFor = (csp: string | null | undefined): [string, string][] =>
	csp && FRAMEABLE.test(csp)
		? SECURITY_HEADERS.filter(([name]) => name !== 'x-frame-options')
		: SECURITY_HEADERS;

/** A text type with its charset: without one an old browser guesses, and guesses Cyrillic wrong. */
export const withCharset = (type: string) =>
	/^text\/(html|plain|csv|css)\b/.test(type) && !/charset=/i.test(type)
		? `${type}; charset=utf-8`
		: type;

let stopping = false;
/** After SIGTERM every answer asks its client to close the connection. */
export const startStopping = () => void (stopping = true);
export const isStopping = () => stopping;

interface PageAnswer {
	status: 200 | 304;
	headers: [string, string][];
	body: Buffer | null;
}

// The headers of one encoding of a page are the same for every request: made once, on first use.
const prepared = new WeakMap<CachedPage, Partial<Record<Encoding, [string, string][]>>>();

function headersOf(page: CachedPage, encoding: Encoding): [string, string][] {
	let byEncoding = prepared.get(page);
	if (!byEncoding) prepared.set(page, (byEncoding = {}));
	return (byEncoding[encoding] ??= [
		...page.headers,
		...securityHeadersFor(page.headers.find(([k]) => k === 'content-security-policy')?.[1]),
		['etag', etagOf(page, encoding)],
		['last-modified', page.lastModified],
		['cache-control', CACHE_CONTROL],
		['vary', 'Accept-Encoding']
	]);
}

/** The cached page as a request wants it: compressed if it may be, 304 if its copy is current. */
function answer(
	page: CachedPage,
	get: (name: string) => string | null,
	method: string,
	state: 'hit' | 'miss'
): PageAnswer {
	const encoding = chooseEncoding(get('accept-encoding'));
	const headers: [string, string][] = [...headersOf(page, encoding), ['x-reglament-cache', state]];
	if (stopping) headers.push(['connection', 'close']);
	if (isNotModified(page, get('if-none-match'), get('if-modified-since')))
		return { status: 304, headers, body: null };
	const body = page.bodies[encoding];
	if (body !== page.bodies.identity) headers.push(['content-encoding', encoding]);
	headers.push(['content-length', String(body.byteLength)]);
	return { status: 200, headers, body: method === 'HEAD' ? null : body };
}

export function respondWithPage(
	page: CachedPage,
	request: Request,
	state: 'hit' | 'miss'
): Response {
	const { status, headers, body } = answer(
		page,
		(name) => request.headers.get(name),
		request.method,
		state
	);
	return new Response(body && new Uint8Array(body), { status, headers });
}

/**
 * A hit answered on Node's own response, before routing, sessions or streams: the path that
 * makes a published page cost what a static file costs. `scripts/serve.mjs` calls it first for
 * every request; false means «not in memory», and the app handles the request as usual.
 */
export function serveFromMemory(req: IncomingMessage, res: ServerResponse): boolean {
	if (req.method !== 'GET' && req.method !== 'HEAD') return false;
	const key = memoryKey(req.url ?? '');
	const page = key && cacheOf(key).get(key);
	if (!page) return false;
	const header = (name: string) => {
		const value = req.headers[name];
		return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
	};
	const { status, headers, body } = answer(page, header, req.method, 'hit');
	res.writeHead(status, headers.flat());
	res.end(body ?? undefined);
	return true;
}

/** How serve.mjs, outside the app's bundle, finds the fast path once the app has started. */
export const FAST_PATH = Symbol.for('reglament.serveFromMemory');
export function exposeFastPath(): void {
	(globalThis as Record<symbol, unknown>)[FAST_PATH] = serveFromMemory;
}

/**
 * Serves a public page from memory, or renders it with `render` and keeps it when its load said it
 * may be kept. A hit reads no session and no database.
 */
export async function servePublicPage(
	key: string,
	request: Request,
	render: () => Response | Promise<Response>
): Promise<Response> {
	const cache = cacheOf(key);
	const hit = cache.get(key);
	if (hit) return respondWithPage(hit, request, 'hit');
	const epoch = cache.epoch;
	const response = await render();
	applyFramePolicy(response.headers);
	const tags = response.headers.get(CACHE_TAGS_HEADER);
	if (
		!tags ||
		response.status !== 200 ||
		request.method !== 'GET' ||
		response.headers.has('set-cookie')
	) {
		response.headers.delete(CACHE_TAGS_HEADER);
		return response;
	}
	const headers = [...response.headers]
		.filter(([name]) => name !== CACHE_TAGS_HEADER && name !== 'x-sveltekit-page')
		.map(([name, value]): [string, string] => [
			name,
			name === 'content-type' ? withCharset(value) : value
		]);
	const page = await preparePage(
		Buffer.from(await response.arrayBuffer()),
		headers,
		tags.split(' ')
	);
	cache.set(key, page, epoch);
	return respondWithPage(page, request, 'miss');
}

/** Drops cached pages as changes commit, in this process and in every other on the same database. */
export function followPublicChanges(handle: DatabaseHandle): Promise<() => Promise<void>> {
	return handle.listen(
		PUBLIC_CHANGES_CHANNEL,
		(payload) => {
			const tags = payload.split(' ');
			pageCache.invalidate(tags);
			searchCache.invalidate(tags);
		},
		() => {
			pageCache.clear();
			searchCache.clear();
		}
	);
}
