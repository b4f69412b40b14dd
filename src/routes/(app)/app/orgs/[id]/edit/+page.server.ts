import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { submitOrganizationForm } from '$lib/server/web/organization-form';
import { updateOrganization } from '$lib/server/orgs/save-organization';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	await organizationFor(requireActor(locals, url), params.id, 'organization.edit');
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'organization.edit');
		return submitOrganizationForm(request, (input) =>
			updateOrganization(database(), actor, org, input)
		);
	}
};
