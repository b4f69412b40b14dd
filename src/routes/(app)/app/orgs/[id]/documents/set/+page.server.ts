import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import {
	generateSet,
	missingSetTemplates,
	setVariables,
	templatesFor
} from '$lib/server/documents/generate-document';
import { loadTemplateContext } from '$lib/server/templates/context';
import { defaultFormValues } from '$lib/server/templates/variables';
import { variableView } from '$lib/server/web/template-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.edit');
	const db = database();
	const missing = await missingSetTemplates(db, org);
	const scope = await loadTemplateContext(db, org);
	const defaults = Object.assign({}, ...missing.map((t) => defaultFormValues(t, scope)));
	return {
		missing: missing.map((t) => ({ id: t.id, title: t.title })),
		present: templatesFor(org).filter((t) => t.in_set).length - missing.length,
		variables: setVariables(missing).map(variableView),
		defaults
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'document.edit');
		const values = formFields(await request.formData());
		let result: Awaited<ReturnType<typeof generateSet>>;
		try {
			result = await generateSet(database(), actor, org, values);
		} catch (e) {
			return refusal(e, values);
		}
		redirect(
			303,
			`/app/orgs/${org.id}/documents?generated=${result.created.length}&skipped=${result.skipped}`
		);
	}
};
