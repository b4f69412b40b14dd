import { error, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { refusal, requireActor } from '$lib/server/web/guards';
import { actForAcknowledgement } from '$lib/server/acknowledgements/queries';
import { acknowledgeDocument, APPROVED_IT } from '$lib/server/acknowledgements/acknowledge';
import { loadDocumentLayout } from '$lib/server/documents/layout';
import { renderDocumentHtml } from '$lib/server/render';
import type { Actor } from '$lib/server/auth/permissions';
import type { Actions, PageServerLoad } from './$types';

async function actFor(actor: Actor, docId: string) {
	const act = await actForAcknowledgement(database(), actor, docId);
	if (!act) error(404, 'Акт не найден, ещё не опубликован или относится к другой организации.');
	return act;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { doc, org, version, acknowledgedAt } = await actFor(
		requireActor(locals, url),
		params.docId
	);
	return {
		act: {
			id: doc.id,
			title: doc.title,
			approvalOrderNumber: doc.approvalOrderNumber,
			approvalOrderDate: doc.approvalOrderDate,
			publishedAt: doc.publishedAt!,
			version: doc.approvedVersion!
		},
		org: { id: org.id, shortName: org.shortName, timeZone: org.timeZone },
		html:
			version?.source != null
				? renderDocumentHtml(
						await loadDocumentLayout(database(), doc, org, version.source, 'internal'),
						{ headingLevel: 2 }
					)
				: null,
		fileId: version?.fileId ?? null,
		acknowledgedAt,
		approvedIt: doc.approvedBy === locals.actor?.id ? APPROVED_IT : null
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params }) => {
		const actor = requireActor(locals, url);
		const { doc, org } = await actFor(actor, params.docId);
		try {
			await acknowledgeDocument(database(), actor, org, doc);
		} catch (e) {
			return refusal(e, {});
		}
		redirect(303, `/app/acknowledge?done=${doc.id}`);
	}
};
