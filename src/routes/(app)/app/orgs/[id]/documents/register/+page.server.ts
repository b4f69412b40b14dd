import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { registerRecord } from '$lib/server/documents/register-record';
import { peopleOf } from '$lib/server/people/memberships';
import { uploadFrom } from '$lib/server/web/uploads';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.edit');
	const people = await peopleOf(database(), org.id);
	return { people: [...new Map(people.map((p) => [p.userId, p.fullName])).entries()] };
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'document.edit');
		const form = await request.formData();
		const values = formFields(form);
		let id: string;
		try {
			id = (await registerRecord(database(), actor, org, values, await uploadFrom(form))).id;
		} catch (e) {
			return refusal(e, values);
		}
		redirect(303, `/app/orgs/${org.id}/documents/${id}?registered=1`);
	}
};
