import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { refusal, requireActor } from '$lib/server/web/guards';
import { documentFor } from '$lib/server/web/document-page';
import { can } from '$lib/server/auth/permissions';
import { acknowledgementStatus } from '$lib/server/acknowledgements/queries';
import { generateAcknowledgementSheet } from '$lib/server/acknowledgements/sheet';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const { org, doc } = await documentFor(actor, params.id, params.docId, 'document.view');
	return {
		status: await acknowledgementStatus(database(), org, doc),
		mayGenerate: can(actor, 'document.edit', org) && doc.approvedVersion !== null
	};
};

export const actions: Actions = {
	sheet: async ({ locals, url, params }) => {
		const actor = requireActor(locals, url);
		const { org, doc } = await documentFor(actor, params.id, params.docId, 'document.edit');
		let sheetId: string;
		try {
			sheetId = (await generateAcknowledgementSheet(database(), actor, org, doc)).id;
		} catch (e) {
			return refusal(e, {});
		}
		redirect(303, `/app/orgs/${org.id}/documents/${sheetId}?created=1`);
	}
};
