import type { Database } from '../db';
import { encodeCursor, type CursorKey } from './cursor';

/** What an endpoint reads: the database, the request's address and path parameters, and the moment. */
export interface ApiContext {
	db: Database;
	url: URL;
	params: Record<string, string>;
	now: Date;
}

export const API_BASE = '/api/v1';

/** An absolute address on this portal: links in answers work wherever the client stores them. */
export const absolute = (ctx: Pick<ApiContext, 'url'>, path: string) => `${ctx.url.origin}${path}`;

export interface Page<T> {
	items: T[];
	next: string | null;
}

/**
 * A page from `limit + 1` rows read in the list's order: the extra row only says there is more, and
 * `next` is this address with the cursor after the page's last item.
 */
export function pageOf<Row, T>(
	ctx: ApiContext,
	rows: Row[],
	limit: number,
	list: string,
	keyOf: (row: Row) => CursorKey,
	toItem: (row: Row) => T
): Page<T> {
	const more = rows.length > limit;
	const shown = more ? rows.slice(0, limit) : rows;
	let next: string | null = null;
	if (more) {
		const url = new URL(ctx.url.pathname, ctx.url.origin);
		for (const [name, value] of ctx.url.searchParams)
			if (name !== 'cursor') url.searchParams.set(name, value);
		url.searchParams.set('cursor', encodeCursor(list, keyOf(shown.at(-1)!)));
		next = url.href;
	}
	return { items: shown.map(toItem), next };
}

/** A timestamp's exact text (microseconds, UTC) for a cursor: a JavaScript Date keeps only milliseconds. */
export const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
