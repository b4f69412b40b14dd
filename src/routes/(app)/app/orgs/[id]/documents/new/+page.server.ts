import { error, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import {
	findTemplateFor,
	generateDocument,
	manualTemplatesFor
} from '$lib/server/documents/generate-document';
import { loadTemplateContext } from '$lib/server/templates/context';
import { defaultFormValues } from '$lib/server/templates/variables';
import { peopleOf } from '$lib/server/people/memberships';
import { templateSummary, variableView } from '$lib/server/web/template-form';
import { newSubmissionKey, submitOnce } from '$lib/server/forms/submission';
import { legalScope } from '$lib/server/legal/applicability';
import { formatSources } from '$lib/server/legal/seed-sources';
import type { Actions, PageServerLoad } from './$types';

function templateOr404(org: Parameters<typeof findTemplateFor>[0], id: string) {
	const template = manualTemplatesFor(org).find((t) => t.id === id);
	if (!template) error(404, 'Такого шаблона нет в библиотеке.');
	return template;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.edit');
	// Without a template chosen, the library is where one is chosen.
	if (!url.searchParams.get('template')) redirect(303, `/app/orgs/${org.id}/documents/templates`);
	const template = templateOr404(org, url.searchParams.get('template') ?? '');
	const db = database();
	const scope = await loadTemplateContext(db, org);
	const people = await peopleOf(db, org.id);
	const { regionLaw } = await legalScope(db, org);
	return {
		template: templateSummary(template),
		references: formatSources(template.sources, { regionLaw }).map((r) => r.text),
		variables: template.variables.map(variableView),
		defaults: {
			...defaultFormValues(template, scope),
			title: template.title,
			place: (scope.org as Record<string, string>).place ?? ''
		},
		people: [...new Map(people.map((p) => [p.userId, p.fullName])).entries()],
		submissionKey: newSubmissionKey()
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'document.edit');
		const values = formFields(await request.formData());
		let id: string;
		try {
			const done = await submitOnce(
				database(),
				actor.id,
				'document.create',
				values.submissionKey,
				(tx) => generateDocument(tx, actor, org, url.searchParams.get('template') ?? '', values),
				(doc) => ({ id: doc.id })
			);
			id = done.repeated ? String(done.remembered.id) : done.value.id;
		} catch (e) {
			return refusal(e, values);
		}
		redirect(303, `/app/orgs/${org.id}/documents/${id}?created=1`);
	}
};
