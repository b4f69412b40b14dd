import { redirect } from '@sveltejs/kit';
import { and, asc, eq } from 'drizzle-orm';
import { database } from '$lib/server/db/runtime';
import { documents } from '$lib/server/db/schema';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { findTemplateFor } from '$lib/server/documents/generate-document';
import { loadTemplateContext } from '$lib/server/templates/context';
import { defaultFormValues } from '$lib/server/templates/variables';
import { variableView } from '$lib/server/web/template-form';
import { APPROVAL_ORDER_TEMPLATE, approveDocuments, councilsOpinionLine, prepareApprovalOrder } from '$lib/server/workflow/approval';
import { todayIn } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

// Filled from the chosen acts and the order's own fields, so the form does not ask for them.
const DERIVED = new Set(['acts', 'effective_date']);

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.approve');
	const db = database();
	const waiting = await db
		.select({ id: documents.id, title: documents.title, kind: documents.kind, currentVersion: documents.currentVersion })
		.from(documents)
		.where(and(eq(documents.organizationId, org.id), eq(documents.status, 'approval')))
		.orderBy(asc(documents.title));
	const template = findTemplateFor(org, APPROVAL_ORDER_TEMPLATE);
	const defaults = defaultFormValues(template, await loadTemplateContext(db, org));
	const opinions = await councilsOpinionLine(db, waiting.map((d) => d.id));
	return {
		waiting,
		variables: template.variables.filter((v) => !DERIVED.has(v.name)).map(variableView),
		defaults: { ...defaults, var_councils_opinion: opinions || defaults.var_councils_opinion || '', orderDate: todayIn(org.timeZone), publish: 'on' }
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'document.approve');
		const form = await request.formData();
		const values = formFields(form);
		const ids = form.getAll('documentId').map(String);
		let orderId: string | null;
		try {
			const db = database();
			const { order } = await approveDocuments(db, actor, org, ids, values, await prepareApprovalOrder(db, org, values));
			orderId = order?.id ?? null;
		} catch (e) {
			return refusal(e, { ...values, documentIds: ids.join(',') });
		}
		redirect(303, `/app/orgs/${org.id}/documents/${orderId}?approvedBatch=${ids.length}`);
	}
};
