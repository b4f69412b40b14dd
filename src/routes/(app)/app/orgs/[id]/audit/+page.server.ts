import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { actorsInLog, listEvents, parseAuditFilter } from '$lib/server/audit/list-events';
import { verifyChain } from '$lib/server/audit/verify-chain';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'audit.view');
	const db = database();
	const { filter, problems } = parseAuditFilter(url.searchParams);
	const { events, hasMore } = await listEvents(db, org.id, filter, org.timeZone);
	return {
		filter,
		problems,
		raw: Object.fromEntries(['actor', 'entity', 'from', 'to'].map((k) => [k, url.searchParams.get(k) ?? ''])),
		events,
		hasMore,
		actors: await actorsInLog(db, org.id),
		verdict: url.searchParams.get('verify') ? await verifyChain(db, org.id) : null
	};
};
