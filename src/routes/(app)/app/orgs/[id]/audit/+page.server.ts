import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { actorsInLog, listEvents, parseAuditFilter } from '$lib/server/audit/list-events';
import { describeEvents } from '$lib/server/audit/describe-events';
import { verifyChain } from '$lib/server/audit/verify-chain';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'audit.view');
	const db = database();
	const { filter, problems } = parseAuditFilter(url.searchParams);
	const { events, hasMore } = await listEvents(db, org.id, filter, org.timeZone);
	return {
		filter,
		problems,
		raw: Object.fromEntries(
			['actor', 'entity', 'from', 'to'].map((k) => [k, url.searchParams.get(k) ?? ''])
		),
		events: await describeEvents(db, org.id, events, actor.isAdmin),
		hasMore,
		actors: await actorsInLog(db, org.id),
		verdict: url.searchParams.get('verify') ? await verifyChain(db, org.id) : null
	};
};
