import { error, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { createContract } from '$lib/server/contracts/contracts';
import { uploadFrom } from '$lib/server/web/uploads';
import { newSubmissionKey, submitOnce } from '$lib/server/forms/submission';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.edit');
	if (org.kind !== 'school') error(404, 'Реестр договоров ведёт школа.');
	return { submissionKey: newSubmissionKey() };
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'document.edit');
		const form = await request.formData();
		const values = formFields(form);
		try {
			const upload = await uploadFrom(form);
			await submitOnce(
				database(),
				actor.id,
				'contract.create',
				values.submissionKey,
				(tx) => createContract(tx, actor, org, values, upload),
				(doc) => ({ id: doc.id })
			);
		} catch (e) {
			return refusal(e, values);
		}
		redirect(303, `/app/orgs/${org.id}/contracts?saved=1`);
	}
};
