import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { refusal, requireActor } from '$lib/server/web/guards';
import { documentFor } from '$lib/server/web/document-page';
import { latestTextVersion } from '$lib/server/documents/queries';
import { EDITABLE_STATUSES, saveVersion } from '$lib/server/documents/save-version';
import { renderMarkdownHtml } from '$lib/server/render';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { org, doc } = await documentFor(
		requireActor(locals, url),
		params.id,
		params.docId,
		'document.edit'
	);
	// Not a refusal: the document's page says why it cannot be edited now and what to do instead.
	if (doc.isRecord || !EDITABLE_STATUSES.includes(doc.status))
		redirect(303, `/app/orgs/${org.id}/documents/${doc.id}?locked=1`);
	const latest = await latestTextVersion(database(), doc.id);
	return { source: latest?.source ?? '', baseVersion: doc.currentVersion };
};

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const { org, doc } = await documentFor(actor, params.id, params.docId, 'document.edit');
		const form = await request.formData();
		const values = {
			source: String(form.get('source') ?? ''),
			note: String(form.get('note') ?? ''),
			baseVersion: String(form.get('baseVersion') ?? '')
		};
		let version: number;
		try {
			version = await saveVersion(database(), actor, org, doc, {
				source: values.source,
				note: values.note,
				baseVersion: Number(values.baseVersion)
			});
		} catch (e) {
			return refusal(e, values);
		}
		redirect(303, `/app/orgs/${org.id}/documents/${doc.id}?saved=${version}`);
	},
	// Without JavaScript the preview is drawn by the server, the text kept in the field.
	preview: async ({ locals, url, params, request }) => {
		await documentFor(requireActor(locals, url), params.id, params.docId, 'document.edit');
		const form = await request.formData();
		const values = {
			source: String(form.get('source') ?? ''),
			note: String(form.get('note') ?? ''),
			baseVersion: String(form.get('baseVersion') ?? '')
		};
		return fail(200, {
			values,
			preview: renderMarkdownHtml(values.source.slice(0, 200_000)),
			errors: null
		});
	}
};
