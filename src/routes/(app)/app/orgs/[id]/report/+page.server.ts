import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { schoolReadiness } from '$lib/server/readiness/readiness';
import { registerSummary } from '$lib/server/registers/registers';
import { helpLog } from '$lib/server/help-requests/help-requests';
import { todayIn } from '$lib/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'monitoring.view');
	const db = database();
	const today = todayIn(org.timeZone);
	const [readiness, summary, openRequests] = await Promise.all([
		schoolReadiness(db, org),
		registerSummary(db, org),
		helpLog(db, org, { status: 'open', organizationId: null, topic: null })
	]);
	return { today, schools: readiness.schools, totals: readiness.totals, summary, openRequests };
};
