import { createHmac, timingSafeEqual } from 'node:crypto';
import { problemDetails } from '../../api/labels';
import { badParam } from './problem';

// Signed so that a client can only hand back what this server gave; without SECRET a fixed key still
// refuses a cursor edited by hand or taken from another list, and the decoded key is checked anyway.
const CURSOR_KEY = process.env.SECRET || 'reglament-api-cursor';
const MAX_LENGTH = 600;
const SIGNATURE_BYTES = 16;

/** The position after the last item of a page: the values of its sort key, in the list's order. */
export type CursorKey = (string | number)[];

function signature(payload: string): Buffer {
	return createHmac('sha256', CURSOR_KEY).update(payload).digest().subarray(0, SIGNATURE_BYTES);
}

/**
 * An opaque cursor: base64url JSON of the list it belongs to (its address and filters) and the sort
 * key, then a truncated HMAC of that. A client never builds one; it follows `next`.
 */
export function encodeCursor(list: string, key: CursorKey): string {
	const payload = Buffer.from(JSON.stringify({ l: list, k: key })).toString('base64url');
	return `${payload}.${signature(payload).toString('base64url')}`;
}

/**
 * The sort key of a cursor given for `list`, checked by `check` (the shape of each value), or a 400:
 * a forged or damaged cursor, or one given for another list or other filters.
 */
export function decodeCursor<K extends CursorKey>(
	raw: string,
	list: string,
	check: (key: unknown[]) => key is K
): K {
	const bad = () => badParam('cursor', problemDetails.badCursor);
	if (raw.length > MAX_LENGTH) throw bad();
	const [payload, sig, extra] = raw.split('.');
	if (!payload || !sig || extra !== undefined) throw bad();
	const given = Buffer.from(sig, 'base64url');
	if (given.length !== SIGNATURE_BYTES || !timingSafeEqual(given, signature(payload))) throw bad();
	let decoded: unknown;
	try {
		decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
	} catch {
		throw bad();
	}
	if (typeof decoded !== 'object' || decoded === null) throw bad();
	const { l, k } = decoded as { l?: unknown; k?: unknown };
	if (l !== list) throw badParam('cursor', problemDetails.foreignCursor);
	if (!Array.isArray(k) || !check(k)) throw bad();
	return k;
}
