import { database } from '$lib/server/db/runtime';
import { loadDashboard } from '$lib/server/dashboard/load-dashboard';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { remindOnRoute } from '$lib/server/workflow/remind';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	const { cards, platform } = await loadDashboard(database(), actor);
	return { cards, platform, isAdmin: actor.isAdmin };
};

export const actions: Actions = {
	// «Напомнить» from the director's list of documents on the route.
	remind: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const values = formFields(await request.formData());
		const org = await organizationFor(actor, values.orgId ?? '', 'document.view');
		try {
			return {
				docId: values.docId,
				reminded: await remindOnRoute(database(), actor, org, values.docId ?? '')
			};
		} catch (e) {
			return refusal(e, values);
		}
	}
};
