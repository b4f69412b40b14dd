import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { submitOrganizationForm } from '$lib/server/web/organization-form';
import { createOrganization } from '$lib/server/orgs/save-organization';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!requireActor(locals, url).isAdmin)
		error(403, 'Регион может создать только администратор платформы.');
};

export const actions: Actions = {
	default: ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		return submitOrganizationForm(request, (input) =>
			createOrganization(database(), actor, { parent: null, kind: 'region', input })
		);
	}
};
