import { error, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { findContract, updateContract } from '$lib/server/contracts/contracts';
import { contractBasis, legalScope } from '$lib/server/legal/applicability';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.view');
	const contract = await findContract(database(), org.id, params.docId);
	if (!contract) error(404, 'Договор не найден.');
	const { chain } = await legalScope(database(), org);
	return { contract, basis: contractBasis(org, chain) };
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'document.edit');
		const values = formFields(await request.formData());
		try {
			await updateContract(database(), actor, org, params.docId, values);
		} catch (e) {
			return refusal(e, values);
		}
		redirect(303, `/app/orgs/${org.id}/contracts?saved=1`);
	}
};
