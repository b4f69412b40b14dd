import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import {
	assignableCatalogues,
	campaignTargets,
	campaignsOf,
	createCampaign
} from '$lib/server/checklists/campaigns';
import { formFields } from '$lib/server/forms/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'checklist.assign');
	const db = database();
	return {
		campaigns: await campaignsOf(db, org.id),
		catalogues: (await assignableCatalogues(db, org)).map((c) => ({
			id: c.id,
			label: `${c.title} (версия ${c.version}) — для ${c.level === 'school' ? 'школ' : 'муниципалитетов'}`
		})),
		targets: await campaignTargets(db, org)
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'checklist.assign');
		const form = await request.formData();
		const values = formFields(form);
		const schoolIds = form.getAll('schoolIds').map(String);
		let id: string;
		try {
			id = (
				await createCampaign(database(), actor, org, { ...values, schoolIds } as Parameters<
					typeof createCampaign
				>[3])
			).campaign.id;
		} catch (e) {
			return refusal(e, { ...values, schoolIds });
		}
		redirect(303, `/app/orgs/${org.id}/campaigns/${id}?created=1`);
	}
};
