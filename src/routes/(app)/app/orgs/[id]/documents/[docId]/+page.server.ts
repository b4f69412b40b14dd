import { database } from '$lib/server/db/runtime';
import { refusal, requireActor } from '$lib/server/web/guards';
import { documentFor, versionParam } from '$lib/server/web/document-page';
import { formFields } from '$lib/server/forms/errors';
import { findVersion, linksOf, listDocuments, versionsOf } from '$lib/server/documents/queries';
import { loadDocumentLayout } from '$lib/server/documents/layout';
import { updateDocumentDetails } from '$lib/server/documents/update-details';
import { attachFile, signRecord } from '$lib/server/documents/register-record';
import { linkDocuments } from '$lib/server/documents/link-documents';
import { peopleOf } from '$lib/server/people/memberships';
import { renderDocumentHtml } from '$lib/server/render';
import { uploadFrom } from '$lib/server/web/uploads';
import { redirect } from '@sveltejs/kit';
import { documentAction } from '$lib/server/web/document-page';
import { workflowView } from '$lib/server/workflow/view';
import { closeRoundByChair, decideReview, submitDocument } from '$lib/server/workflow/review';
import { closeDiscussion, openDiscussion, returnToDraft } from '$lib/server/workflow/discussion';
import { recordOpinion, requestOpinions, setRouteOptions } from '$lib/server/workflow/councils';
import {
	approveDocuments,
	publishDocument,
	repealDocument,
	signOrder,
	startNewEdition
} from '$lib/server/workflow/approval';
import { nextOrderNumber, registeredOrders, seriesOf } from '$lib/server/documents/registration';
import { todayIn } from '$lib/format';
import { stateLabels } from '$lib/server/workflow/state-machine';
import { remindOnRoute } from '$lib/server/workflow/remind';
import { checkTimeline } from '$lib/server/timeline/check';
import { can } from '$lib/server/auth/permissions';
import { signaturesOf } from '$lib/server/signatures/queries';
import { signWithPassword } from '$lib/server/signatures/sign';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { org, doc } = await documentFor(
		requireActor(locals, url),
		params.id,
		params.docId,
		'document.view'
	);
	const db = database();
	const shown = versionParam(url, doc);
	const version = await findVersion(db, doc.id, shown);
	const people = await peopleOf(db, org.id);
	const actor = requireActor(locals, url);
	const signatures = await signaturesOf(db, doc.id, doc.approvedVersion);
	return {
		workflow: await workflowView(db, actor, org, doc),
		signing: {
			signatures,
			// Offered to the head for an approved act in force whose version she has not signed yet.
			may:
				can(actor, 'document.sign', org) &&
				doc.status === 'published' &&
				doc.approvedVersion !== null &&
				!signatures.some((s) => s.kind === 'simple')
		},
		journal:
			doc.status === 'approval' || doc.status === 'published'
				? {
						series: seriesOf(org).map(
							(s) => [s.suffix, `${s.suffix} — ${s.title}`] as [string, string]
						),
						next: await nextOrderNumber(db, org, seriesOf(org)[0]!.suffix, todayIn(org.timeZone)),
						orders: (await registeredOrders(db, org.id))
							.filter((o) => o.id !== doc.id)
							.map(
								(o) =>
									[
										o.id,
										`№ ${o.number} от ${o.documentDate?.split('-').reverse().join('.')} — ${o.title}`
									] as [string, string]
							)
					}
				: null,
		timeline: await checkTimeline(db, org, { step: 'submit', documentIds: [doc.id] }),
		shown,
		html:
			version?.source != null
				? renderDocumentHtml(
						await loadDocumentLayout(database(), doc, org, version.source, 'internal'),
						{ headingLevel: 2 }
					)
				: null,
		shownVersion: version
			? {
					version: version.version,
					sha256: version.sha256,
					fileId: version.fileId,
					createdAt: version.createdAt,
					variables: version.variables
				}
			: null,
		versions: (await versionsOf(db, doc.id)).map((v) => ({
			...v,
			hasSource: v.hasSource !== null
		})),
		links: await linksOf(db, doc.id),
		people: [...new Map(people.map((p) => [p.userId, p.fullName])).entries()],
		responsibleName: people.find((p) => p.userId === doc.responsibleId)?.fullName ?? null,
		others: (await listDocuments(db, org.id, { kind: null, status: null, q: '' }))
			.filter((d) => d.id !== doc.id)
			.map((d) => [d.id, d.title] as const)
	};
};

export const actions: Actions = {
	submit: documentAction('document.edit', async ({ actor, org, doc }) => ({
		moved: stateLabels[await submitDocument(database(), actor, org, doc.id)]
	})),
	decide: documentAction('document.view', async ({ actor, org, doc, values }) => {
		const { closed, status } = await decideReview(database(), actor, org, doc.id, values);
		return closed ? { moved: stateLabels[status] } : { decided: true };
	}),
	closeRound: documentAction('document.view', async ({ actor, org, doc, values }) => ({
		moved: stateLabels[await closeRoundByChair(database(), actor, org, doc.id, values)]
	})),
	openDiscussion: documentAction('document.view', async ({ actor, org, doc, values }) => {
		await openDiscussion(database(), actor, org, doc.id, values);
		return { discussionOpened: true };
	}),
	closeDiscussion: documentAction('document.view', async ({ actor, org, doc, values }) => ({
		summaryId: (await closeDiscussion(database(), actor, org, doc.id, values)).id
	})),
	remind: documentAction('document.view', async ({ actor, org, doc }) => {
		const { reminded, alreadyToday } = await remindOnRoute(database(), actor, org, doc.id);
		return { reminded: reminded.join(', '), alreadyToday: alreadyToday.join(', ') };
	}),
	returnToDraft: documentAction('document.view', async ({ actor, org, doc, values }) => {
		await returnToDraft(database(), actor, org, doc.id, values);
		return { moved: stateLabels.draft };
	}),
	routeOptions: documentAction('document.edit', async ({ actor, org, doc, values }) => {
		await setRouteOptions(database(), actor, org, doc.id, values);
		return { optionsSaved: true };
	}),
	requestOpinions: documentAction('document.edit', async ({ actor, org, doc, values }) => ({
		requested: (await requestOpinions(database(), actor, org, doc.id, values)).dueOn
	})),
	recordOpinion: documentAction('document.edit', async ({ actor, org, doc, values, form }) => {
		await recordOpinion(database(), actor, org, doc.id, values, await uploadFrom(form));
		return { opinionRecorded: true };
	}),
	approve: documentAction('document.approve', async ({ actor, org, doc, values }) => {
		await approveDocuments(database(), actor, org, [doc.id], values);
		return { approved: true };
	}),
	sign: documentAction('document.approve', async ({ actor, org, doc, values }) => ({
		signed: (await signOrder(database(), actor, org, doc.id, values)).number
	})),
	signRecord: documentAction('document.edit', async ({ actor, org, doc, values }) => {
		await signRecord(database(), actor, org, doc.id, values);
		return { recordSigned: true };
	}),
	// Not a documentAction: the password never goes back to the page with the entries kept.
	esign: async ({ locals, url, params, request, getClientAddress }) => {
		const actor = requireActor(locals, url);
		const { org, doc } = await documentFor(actor, params.id, params.docId, 'document.sign');
		const password = String((await request.formData()).get('password') ?? '');
		try {
			const signature = await signWithPassword(
				database(),
				actor,
				org,
				doc.id,
				{ password },
				{ ipAddress: getClientAddress() }
			);
			return { esigned: signature.key };
		} catch (e) {
			return refusal(e, { esign: '1' });
		}
	},
	publish: documentAction('document.approve', async ({ actor, org, doc }) => {
		await publishDocument(database(), actor, org, doc.id);
		return { publishedNow: true };
	}),
	repeal: documentAction('document.approve', async ({ actor, org, doc, values }) => {
		await repealDocument(database(), actor, org, doc.id, values);
		return { repealed: true };
	}),
	newEdition: documentAction(
		'document.edit',
		async ({ actor, org, doc }) => ({
			editionId: (await startNewEdition(database(), actor, org, doc.id)).id
		}),
		(result, { org }) =>
			redirect(303, `/app/orgs/${org.id}/documents/${result?.editionId}?edition=1`)
	),
	details: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const { org, doc } = await documentFor(actor, params.id, params.docId, 'document.edit');
		const values = formFields(await request.formData());
		try {
			await updateDocumentDetails(database(), actor, org, doc, values);
			return { saved: true };
		} catch (e) {
			return refusal(e, values);
		}
	},
	link: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const { org, doc } = await documentFor(actor, params.id, params.docId, 'document.edit');
		const values = formFields(await request.formData());
		try {
			await linkDocuments(
				database(),
				actor,
				org,
				doc,
				values.targetId ?? '',
				values.relation ?? ''
			);
			return { linked: true };
		} catch (e) {
			return refusal(e, values);
		}
	},
	attach: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const { org, doc } = await documentFor(actor, params.id, params.docId, 'document.edit');
		const form = await request.formData();
		const values = formFields(form);
		try {
			const version = await attachFile(
				database(),
				actor,
				org,
				doc,
				await uploadFrom(form),
				values.note ?? ''
			);
			return { attached: version };
		} catch (e) {
			return refusal(e, values);
		}
	}
};
