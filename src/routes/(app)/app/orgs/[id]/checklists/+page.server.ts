import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { checklistsOf, openRemarkCount } from '$lib/server/checklists/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'checklist.view');
	const today = new Date().toISOString().slice(0, 10);
	return { checklists: await checklistsOf(database(), org.id, today), openRemarks: await openRemarkCount(database(), org.id) };
};
