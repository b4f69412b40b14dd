import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { checklistsOf, openRemarkCount } from '$lib/server/checklists/queries';
import { todayIn } from '$lib/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'checklist.view');
	const today = todayIn(org.timeZone);
	return {
		checklists: await checklistsOf(database(), org.id, today),
		openRemarks: await openRemarkCount(database(), org.id)
	};
};
