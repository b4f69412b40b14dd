import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import {
	acknowledgementProgress,
	acknowledgementSummary
} from '$lib/server/acknowledgements/queries';
import type { PageServerLoad } from './$types';

// Every act in force of the organisation: the full list behind the dashboard's one summary line.
const ACTS_LISTED = 500;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'document.view');
	const db = database();
	return {
		org,
		summary: await acknowledgementSummary(db, org.id),
		acts: await acknowledgementProgress(db, org.id, ACTS_LISTED)
	};
};
