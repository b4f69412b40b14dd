import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { cataloguesFor, createCatalogueDraft } from '$lib/server/checklists/edit-catalogue';
import { formatCatalogueSource } from '$lib/server/legal/seed-sources';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'catalogue.edit');
	return { catalogues: (await cataloguesFor(database(), org)).map((c) => ({ ...c, source: formatCatalogueSource(c.source ?? '') })) };
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'catalogue.edit');
		const values = formFields(await request.formData());
		let id: string;
		try {
			id = (await createCatalogueDraft(database(), actor, org, values)).id;
		} catch (e) {
			return refusal(e, values);
		}
		redirect(303, `/app/orgs/${org.id}/catalogues/${id}`);
	}
};
