import { json } from '@sveltejs/kit';
import { isDatabaseReachable } from '$lib/server/db';
import { database, databaseIsOpen } from '$lib/server/db/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const reachable = databaseIsOpen() && (await isDatabaseReachable(database()));
	return json(
		{ status: reachable ? 'ok' : 'unavailable', database: reachable ? 'reachable' : 'unreachable' },
		{ status: reachable ? 200 : 503, headers: { 'Cache-Control': 'no-store' } }
	);
};
