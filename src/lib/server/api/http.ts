import { createHash } from 'node:crypto';
import { problemDetails } from '../../api/labels';
import type { Database } from '../db';
import type { ApiContext } from './context';
import { ApiProblem, PROBLEM_TYPE } from './problem';
import { apiRateLimiter, type RateLimiter } from './rate-limit';

export const API_CACHE_CONTROL = 'public, max-age=60';

/** Any site may read the API from a browser; nothing here depends on who asks, so no credentials. */
const CORS: Record<string, string> = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Expose-Headers': 'ETag, Retry-After, Link'
};

export type Endpoint = (ctx: ApiContext) => Promise<unknown>;

export interface ApiRequest {
	db: Database;
	request: Request;
	url: URL;
	params: Record<string, string>;
	address: string;
	now?: Date;
	limiter?: RateLimiter;
}

/** A weak ETag of the body: equal JSON, equal tag, whichever process made it. */
export const weakEtag = (body: string) =>
	`W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Whether `If-None-Match` names this tag (weak comparison, RFC 9110 §13.1.2), or is `*`. */
export function matches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

function problemResponse(problem: ApiProblem, url: URL): Response {
	return new Response(JSON.stringify(problem.body(url.pathname)), {
		status: problem.status,
		headers: {
			'Content-Type': PROBLEM_TYPE,
			'Cache-Control': 'no-store',
			...CORS,
			...problem.headers
		}
	});
}

/**
 * One GET of the API: the address's rate limit, the endpoint's JSON with a weak ETag (304 when the
 * client has it), the cache and CORS headers; any refusal as RFC 9457 problem details, and anything
 * unforeseen as a 500 of the same form, logged, never a stack trace to the client.
 */
export async function answerApi(endpoint: Endpoint, req: ApiRequest): Promise<Response> {
	const { url } = req;
	try {
		const gate = (req.limiter ?? apiRateLimiter).take(req.address);
		if (!gate.allowed)
			throw new ApiProblem(429, problemDetails.rateLimited(gate.retryAfterSeconds), undefined, {
				'Retry-After': String(gate.retryAfterSeconds)
			});
		const data = await endpoint({
			db: req.db,
			url,
			params: req.params,
			now: req.now ?? new Date()
		});
		const body = JSON.stringify(data);
		const etag = weakEtag(body);
		const next = (data as { next?: unknown }).next;
		const headers: Record<string, string> = {
			ETag: etag,
			'Cache-Control': API_CACHE_CONTROL,
			Vary: 'Accept-Encoding',
			...CORS,
			...(typeof next === 'string' ? { Link: `<${next}>; rel="next"` } : {})
		};
		if (matches(req.request.headers.get('if-none-match'), etag))
			return new Response(null, { status: 304, headers });
		return new Response(body, {
			status: 200,
			headers: { 'Content-Type': 'application/json', ...headers }
		});
	} catch (e) {
		if (e instanceof ApiProblem) return problemResponse(e, url);
		console.error(`500 GET ${url.pathname}${url.search}:`, e);
		return problemResponse(new ApiProblem(500, problemDetails.internal), url);
	}
}

/** A browser's preflight before a GET with If-None-Match from another site. */
export function preflight(): Response {
	return new Response(null, {
		status: 204,
		headers: {
			...CORS,
			'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
			'Access-Control-Allow-Headers': 'If-None-Match',
			'Access-Control-Max-Age': '86400'
		}
	});
}

/** Any address under /api/v1 that is not an endpoint, or a method other than GET. */
export function notFound(url: URL): Response {
	return problemResponse(new ApiProblem(404, problemDetails.pathNotFound), url);
}

export function methodNotAllowed(url: URL): Response {
	const response = problemResponse(new ApiProblem(405, problemDetails.methodNotAllowed), url);
	response.headers.set('Allow', 'GET, HEAD, OPTIONS');
	return response;
}
