import { database } from '$lib/server/db/runtime';
import { loadDashboard } from '$lib/server/dashboard/load-dashboard';
import { requireActor } from '$lib/server/web/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	const { cards, platform } = await loadDashboard(database(), actor);
	return { cards, platform, isAdmin: actor.isAdmin };
};
