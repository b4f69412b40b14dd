import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { monitoringAnalysis } from '$lib/server/monitoring/dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'monitoring.view');
	return monitoringAnalysis(database(), actor, org, url.searchParams);
};
