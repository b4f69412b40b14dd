import { redirect } from '@sveltejs/kit';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { database } from '$lib/server/db/runtime';
import { documents } from '$lib/server/db/schema';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { findTemplateFor } from '$lib/server/documents/generate-document';
import { loadTemplateContext } from '$lib/server/templates/context';
import { defaultFormValues } from '$lib/server/templates/variables';
import { variableView } from '$lib/server/web/template-form';
import {
	APPROVAL_ORDER_TEMPLATE,
	approveDocuments,
	councilsOpinionLine,
	prepareApprovalOrder
} from '$lib/server/workflow/approval';
import { nextOrderNumber, seriesOf } from '$lib/server/documents/registration';
import { adoptingBodyLabels } from '$lib/workflow/labels';
import { todayIn } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.approve');
	const db = database();
	const waiting = await db
		.select({
			id: documents.id,
			title: documents.title,
			kind: documents.kind,
			documentClass: documents.documentClass,
			currentVersion: documents.currentVersion
		})
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, org.id),
				eq(documents.status, 'approval'),
				inArray(documents.documentClass, ['act', 'appendix'])
			)
		)
		.orderBy(asc(documents.title));
	const template = findTemplateFor(org, APPROVAL_ORDER_TEMPLATE);
	const defaults = defaultFormValues(template, await loadTemplateContext(db, org));
	const only = url.searchParams.get('doc');
	const series = seriesOf(org);
	return {
		waiting,
		chosen: only && waiting.some((d) => d.id === only) ? [only] : waiting.map((d) => d.id),
		opinions: await councilsOpinionLine(
			db,
			waiting.map((d) => d.id)
		),
		series: series.map((s) => [s.suffix, `${s.suffix} — ${s.title}`] as [string, string]),
		next: await nextOrderNumber(db, org, series[0]!.suffix, todayIn(org.timeZone)),
		bodies: Object.entries(adoptingBodyLabels) as [string, string][],
		// What the route recorded fills the order itself (acts, appendices, opinions, adoption, date): the form never asks for it.
		variables: template.variables
			.filter((v) => v.source !== 'route' && v.name !== 'effective_date')
			.map(variableView),
		defaults: { ...defaults, orderDate: todayIn(org.timeZone), publish: 'on' }
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'document.approve');
		const form = await request.formData();
		const values = formFields(form);
		const ids = form.getAll('documentId').map(String);
		let orderId: string;
		try {
			const db = database();
			const { order } = await approveDocuments(
				db,
				actor,
				org,
				ids,
				values,
				await prepareApprovalOrder(db, org, values)
			);
			orderId = order.id;
		} catch (e) {
			return refusal(e, { ...values, documentIds: ids.join(',') });
		}
		redirect(303, `/app/orgs/${org.id}/documents/${orderId}?approvedBatch=${ids.length}`);
	}
};
