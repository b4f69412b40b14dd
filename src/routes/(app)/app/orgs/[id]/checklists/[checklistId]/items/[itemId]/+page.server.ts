import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { findItem, itemHistory } from '$lib/server/checklists/queries';
import { candidateEvidence, updateItem } from '$lib/server/checklists/update-item';
import { evidenceWanted, needsDocument, proofsWanted } from '$lib/server/checklists/evidence';
import { addRemark, answerRemark, remarksOf, resolveRemark } from '$lib/server/checklists/remarks';
import { peopleOf } from '$lib/server/people/memberships';
import { uploadFrom } from '$lib/server/web/uploads';
import { newSubmissionKey, submitOnce } from '$lib/server/forms/submission';
import { formatLegalBasis, formatSource } from '$lib/server/legal/seed-sources';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'checklist.view');
	const db = database();
	const found = await findItem(db, org.id, params.itemId);
	if (!found || found.item.checklistId !== params.checklistId) error(404, 'Пункт не найден.');
	const people = await peopleOf(db, org.id);
	const e = found.catalogueItem.evidence;
	return {
		crumbs: [
			{ href: `/app/orgs/${org.id}/checklists/${params.checklistId}`, label: 'Перечень' },
			{ label: `${found.catalogueItem.code}. ${found.catalogueItem.title}` }
		],
		found,
		source: formatSource(found.catalogueItem.source),
		legalBasis: formatLegalBasis(found.catalogueItem.legalBasis),
		needsDocument: needsDocument(e),
		wanted: needsDocument(e) ? evidenceWanted(e) : null,
		provedBy: proofsWanted(e),
		firstTemplate: e.templates[0] ?? null,
		candidates: (await candidateEvidence(db, org.id, e)).map((d) => [d.id, d.title] as const),
		people: [...new Map(people.map((p) => [p.userId, p.fullName])).entries()],
		remarks: await remarksOf(db, found.item.id),
		history: await itemHistory(db, found.item.id),
		submissionKey: newSubmissionKey()
	};
};

const act =
	(
		fn: (ctx: {
			values: Record<string, string>;
			form: FormData;
			org: Awaited<ReturnType<typeof organizationFor>>;
			actor: App.Locals['actor'] & object;
		}) => Promise<Record<string, unknown>>
	) =>
	async ({ locals, url, params, request }: Parameters<Actions[string]>[0]) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id!, 'checklist.view');
		const form = await request.formData();
		const values = formFields(form);
		try {
			return await fn({ values, form, org, actor });
		} catch (e) {
			return refusal(e, values);
		}
	};

export const actions: Actions = {
	update: act(async ({ values, form, org, actor }) => {
		await updateItem(database(), actor, org, values.itemId ?? '', values, await uploadFrom(form));
		return { saved: true };
	}),
	remark: act(async ({ values, org, actor }) => {
		const itemId = values.itemId ?? '';
		await submitOnce(
			database(),
			actor.id,
			`remark.create:${itemId}`,
			values.submissionKey,
			(tx) => addRemark(tx, actor, org, itemId, values.body ?? ''),
			(r) => ({ id: r.id })
		);
		return { remarked: true };
	}),
	answer: act(async ({ values, org, actor }) => {
		const remarkId = values.remarkId ?? '';
		await submitOnce(
			database(),
			actor.id,
			`remark.answer:${remarkId}`,
			values.submissionKey,
			(tx) => answerRemark(tx, actor, org, remarkId, values.body ?? ''),
			(r) => ({ id: r.id })
		);
		return { answered: true };
	}),
	resolve: act(async ({ values, org, actor }) => {
		await resolveRemark(database(), actor, org, values.remarkId ?? '');
		return { resolved: true };
	})
};
