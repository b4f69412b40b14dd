import { error, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import {
	formsToShow,
	membershipWithForms,
	updatePositionForms,
	MEMBERSHIP_NOT_FOUND
} from '$lib/server/people/position-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'people.invite');
	const person = await membershipWithForms(database(), org, params.membershipId);
	if (!person) error(404, MEMBERSHIP_NOT_FOUND);
	return { person: { ...person, forms: formsToShow(person.position, person.forms) } };
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'people.invite');
		const values = formFields(await request.formData());
		try {
			await updatePositionForms(database(), actor, org, params.membershipId, values);
		} catch (e) {
			return refusal(e, values);
		}
		redirect(303, `/app/orgs/${org.id}/people?saved=${params.membershipId}`);
	}
};
