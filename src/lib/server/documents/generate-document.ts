import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { documentVersions, documents, type DocumentRow, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, validate, type FieldErrors } from '../forms/errors';
import { loadTemplateContext } from '../templates/context';
import { TemplateRenderError } from '../templates/engine';
import { fillTemplate } from '../templates/fill-template';
import { templateLibrary } from '../templates/library';
import type { ModelTemplate, TemplateVariable } from '../templates/template-file';
import { parseVariableValues, type VariableValue } from '../templates/variables';
import {
	detailsFormValues,
	documentDetailsInput,
	RESPONSIBLE_OUTSIDE,
	responsibleBelongs,
	type DocumentDetails
} from './details';
import { sha256Hex } from './hash';
import { approvedByOrder } from '../../documents/classes';
import { documentStatusLabels } from '../../documents/labels';
import { formatDate } from '../../format';
import { assertTimeline, type TimelineDraft } from '../timeline/check';

export const UNKNOWN_TEMPLATE = 'Такого шаблона нет в библиотеке.';

/** Templates an organisation of this kind can use: schools their own, authorities the municipal ones. */
export function templatesFor(org: Pick<Organization, 'kind'>): ModelTemplate[] {
	const level = org.kind === 'school' ? 'school' : 'municipality';
	return templateLibrary().templates.filter((t) => t.level === level);
}

/** Templates a person fills in: not those the system fills from the route (the approval order, a council letter). */
export function manualTemplatesFor(org: Pick<Organization, 'kind'>): ModelTemplate[] {
	return templatesFor(org).filter((t) => !t.variables.some((v) => v.source === 'route'));
}

/**
 * An act or appendix the organisation already has — in force, or being prepared — from the same template
 * or of the same kind and title: a second one would be a rival, so the change goes in as a new edition.
 */
export async function rivalAct(
	db: Database,
	orgId: string,
	candidate: {
		templateId: string | null;
		kind: DocumentRow['kind'];
		title: string;
		documentClass: DocumentRow['documentClass'];
	}
): Promise<DocumentRow | null> {
	if (!approvedByOrder(candidate.documentClass)) return null;
	const sameAct = candidate.templateId
		? or(
				eq(documents.templateId, candidate.templateId),
				and(
					eq(documents.kind, candidate.kind),
					sql`lower(${documents.title}) = lower(${candidate.title})`
				)
			)
		: and(
				eq(documents.kind, candidate.kind),
				sql`lower(${documents.title}) = lower(${candidate.title})`
			);
	const [row] = await db
		.select()
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, orgId),
				inArray(documents.documentClass, ['act', 'appendix']),
				inArray(documents.status, [
					'published',
					'registered',
					'draft',
					'review',
					'discussion',
					'approval'
				]),
				sameAct
			)
		)
		.orderBy(sql`${documents.status} = 'published' desc`, sql`${documents.createdAt} desc`)
		.limit(1);
	return row ?? null;
}

/** The refusal that offers the existing act instead of a rival: field `existing` carries its id for the page's link. */
export function rivalRefusal(rival: DocumentRow): ValidationError {
	const inForce = rival.status === 'published' || rival.status === 'registered';
	return new ValidationError({
		form: inForce
			? `«${rival.title}» уже действует${rival.approvalOrderNumber ? ` (утверждён приказом от ${formatDate(rival.approvalOrderDate!)} № ${rival.approvalOrderNumber})` : ''}. Второй такой акт создавать нельзя: изменения вносятся новой редакцией действующего.`
			: `«${rival.title}» уже готовится (${documentStatusLabels[rival.status].toLowerCase()}): продолжите его, а не начинайте второй.`,
		existing: rival.id
	});
}

export function findTemplateFor(
	org: Pick<Organization, 'kind'>,
	templateId: string
): ModelTemplate {
	const template = templatesFor(org).find((t) => t.id === templateId);
	if (!template) throw new ValidationError({ form: UNKNOWN_TEMPLATE });
	return template;
}

interface Prepared {
	template: ModelTemplate;
	details: DocumentDetails;
	values: Record<string, VariableValue>;
	source: string;
}

/** Validates the form for one template and fills it; every problem is reported, nothing is saved. */
async function prepare(
	db: Database,
	org: Organization,
	template: ModelTemplate,
	raw: Record<string, string>,
	scope: Record<string, unknown>,
	withDetails: boolean
): Promise<Prepared> {
	const errors: FieldErrors = {};
	const details = withDetails
		? validate(documentDetailsInput, detailsFormValues(raw))
		: ({
				ok: true,
				value: {
					title: template.title,
					number: null,
					documentDate: null,
					place: null,
					effectiveDate: null,
					responsibleId: null
				}
			} as const);
	if (!details.ok) Object.assign(errors, details.errors);
	const values = parseVariableValues(template, raw);
	if (!values.ok) Object.assign(errors, values.errors);
	if (details.ok && !(await responsibleBelongs(db, org.id, details.value.responsibleId)))
		errors.responsibleId = RESPONSIBLE_OUTSIDE;
	if (Object.keys(errors).length || !details.ok || !values.ok) throw new ValidationError(errors);
	let source: string;
	try {
		source = await fillTemplate(template, scope, values.value);
	} catch (e) {
		if (e instanceof TemplateRenderError)
			throw new ValidationError({ form: `«${template.title}»: ${e.message}` });
		throw e;
	}
	return {
		template,
		details: { ...details.value, place: details.value.place ?? placeFrom(scope) },
		values: values.value,
		source
	};
}

/** The prepared document as the timeline check sees it before it is written. */
const draftOf = (p: Prepared): TimelineDraft => ({
	title: p.details.title,
	kind: p.template.kind as DocumentRow['kind'],
	documentClass: p.template.documentClass,
	templateId: p.template.id,
	number: p.details.number,
	documentDate: p.details.documentDate,
	effectiveDate: p.details.effectiveDate,
	variables: p.values
});

const placeFrom = (scope: Record<string, unknown>) =>
	((scope.org as Record<string, unknown>)?.place as string | undefined) ?? null;

async function insertGenerated(
	tx: Database,
	actor: Actor,
	org: Organization,
	p: Prepared
): Promise<DocumentRow> {
	const [doc] = await tx
		.insert(documents)
		.values({
			organizationId: org.id,
			kind: p.template.kind as DocumentRow['kind'],
			documentClass: p.template.documentClass,
			affectsStudents: p.template.affects.includes('students'),
			affectsWorkers: p.template.affects.includes('workers'),
			kindTitle: p.template.kind_title ?? null,
			title: p.details.title,
			heading: p.template.heading,
			number: p.details.number,
			documentDate: p.details.documentDate,
			place: p.details.place,
			effectiveDate: p.details.effectiveDate,
			responsibleId: p.details.responsibleId,
			status: 'draft',
			authorId: actor.id,
			templateId: p.template.id,
			templateHash: p.template.hash,
			needsApproval: p.template.approval,
			signature: p.template.signature,
			currentVersion: 1
		})
		.returning();
	await tx.insert(documentVersions).values({
		documentId: doc!.id,
		version: 1,
		source: p.source,
		variables: p.values,
		templateHash: p.template.hash,
		sha256: sha256Hex(p.source),
		note: 'Сформирован по шаблону',
		authorId: actor.id
	});
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'document.created',
		entityType: 'document',
		entityId: doc!.id,
		after: {
			title: doc!.title,
			kind: doc!.kind,
			templateId: p.template.id,
			templateHash: p.template.hash,
			version: 1
		}
	});
	return doc!;
}

/** Makes a draft, version 1, from a template and the filled form. */
export async function generateDocument(
	db: Database,
	actor: Actor,
	org: Organization,
	templateId: string,
	raw: Record<string, string>
): Promise<DocumentRow> {
	assertCan(actor, 'document.edit', org);
	const template = manualTemplatesFor(org).find((t) => t.id === templateId);
	if (!template) throw new ValidationError({ form: UNKNOWN_TEMPLATE });
	const prepared = await prepare(db, org, template, raw, await loadTemplateContext(db, org), true);
	const candidate = {
		templateId: template.id,
		kind: template.kind as DocumentRow['kind'],
		title: prepared.details.title,
		documentClass: template.documentClass
	};
	// A rival act is refused first: the person is offered the act itself, not a complaint about its dates.
	const existing = await rivalAct(db, org.id, candidate);
	if (existing) throw rivalRefusal(existing);
	await assertTimeline(db, org, { step: 'generate', drafts: [draftOf(prepared)] });
	return db.transaction(async (tx) => {
		// Serialised per organisation, so two people generating the same act at once cannot both succeed.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'document-set:' + org.id}))`);
		const rival = await rivalAct(tx, org.id, candidate);
		if (rival) throw rivalRefusal(rival);
		return insertGenerated(tx, actor, org, prepared);
	});
}

/** Templates of the school set that the organisation has not generated yet. */
export async function missingSetTemplates(
	db: Database,
	org: Organization
): Promise<ModelTemplate[]> {
	const set = templatesFor(org).filter((t) => t.in_set);
	if (!set.length) return [];
	const present = await db
		.select({ templateId: documents.templateId })
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, org.id),
				isNotNull(documents.templateId),
				inArray(
					documents.templateId,
					set.map((t) => t.id)
				)
			)
		);
	const have = new Set(present.map((p) => p.templateId));
	return set.filter((t) => !have.has(t.id));
}

/** One form for a whole set: each variable once, by name, as the first template declares it. */
export function setVariables(templates: ModelTemplate[]): TemplateVariable[] {
	const byName = new Map<string, TemplateVariable>();
	for (const t of templates)
		for (const v of t.variables) if (!byName.has(v.name)) byName.set(v.name, v);
	return [...byName.values()];
}

/**
 * «Сформировать комплект»: generates every document of the set that is not there yet, from one
 * form; all or none, so a problem in one leaves no half-made set.
 */
export async function generateSet(
	db: Database,
	actor: Actor,
	org: Organization,
	raw: Record<string, string>
): Promise<{ created: DocumentRow[]; skipped: number }> {
	assertCan(actor, 'document.edit', org);
	const all = templatesFor(org).filter((t) => t.in_set);
	const missing = await missingSetTemplates(db, org);
	if (!missing.length) return { created: [], skipped: all.length };
	const scope = await loadTemplateContext(db, org);
	const errors: FieldErrors = {};
	const prepared: Prepared[] = [];
	for (const t of missing) {
		try {
			prepared.push(await prepare(db, org, t, raw, scope, false));
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			for (const [k, v] of Object.entries(e.errors)) errors[k] ??= v;
		}
	}
	if (Object.keys(errors).length) throw new ValidationError(errors);
	await assertTimeline(db, org, { step: 'generate', drafts: prepared.map(draftOf) });
	const created = await db.transaction(async (tx) => {
		// A double click or two people at once: the second run waits here and then finds the set made.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'document-set:' + org.id}))`);
		const stillMissing = new Set((await missingSetTemplates(tx, org)).map((t) => t.id));
		const out: DocumentRow[] = [];
		for (const p of prepared)
			if (stillMissing.has(p.template.id)) out.push(await insertGenerated(tx, actor, org, p));
		return out;
	});
	return { created, skipped: all.length - created.length };
}
