import { sql, type SQL } from 'drizzle-orm';
import { approvedByOrder, documentClasses } from '../../documents/classes';

// Acts published, acts awaiting approval and the personal-data set: one definition each.
// «Акты» are the classes approved by an order (local normative acts and their appendices);
// orders and records are never counted as acts.

const actClassList = `(${documentClasses
	.filter(approvedByOrder)
	.map((c) => `'${c}'`)
	.join(', ')})`;
export const ACT_CLASSES = sql.raw(actClassList);

const col = (d: string, name: string) => sql.raw(`${d}.${name}`);

/** An act on the public portal: published and given its moment of publication. */
export const actPublishedSql = (d = 'd') =>
	sql`(${col(d, 'document_class')} in ${ACT_CLASSES} and ${col(d, 'status')} = 'published' and ${col(d, 'published_at')} is not null)`;

/** An act on the route's last step, waiting for the director's order. */
export const actInApprovalSql = (d = 'd') =>
	sql`(${col(d, 'document_class')} in ${ACT_CLASSES} and ${col(d, 'status')} = 'approval')`;

/**
 * The personal-data set (catalogue 001, items 15 and 23; the rule printed under the monitoring table,
 * monitoring/labels personalDataRule): in force — published or registered — the regulation on personal
 * data, the order naming the person responsible, the basis of processing (the agreement on
 * processing by instruction, or the parents' consent form), the act determining the protection level
 * (ПП РФ № 1119, п. 5–12) and the act of harm assessment (ст. 18.1 ч. 1 п. 5 152-ФЗ; приказ РКН № 178).
 */
export const PERSONAL_DATA_SET = {
	regulation: 'school-regulation-personal-data',
	order: 'school-order-pd-responsible',
	basis: ['school-agreement-pd-processing', 'school-consent-parent'],
	level: 'school-act-protection-level',
	harm: 'school-act-harm-assessment'
} as const;

const inForce = (d: string) => sql`${col(d, 'status')} in ('published', 'registered')`;
const templateIn = (d: string, ids: readonly string[]) =>
	sql`${col(d, 'template_id')} in (${sql.join(
		ids.map((t) => sql`${t}`),
		sql`, `
	)})`;

/** An aggregate over the organisation's documents (alias `d`): true when the set is complete. */
export const personalDataCompleteSql = (d = 'd') =>
	sql`(coalesce(bool_or(${templateIn(d, [PERSONAL_DATA_SET.regulation])} and ${inForce(d)}), false)
		and coalesce(bool_or(${templateIn(d, [PERSONAL_DATA_SET.order])} and ${inForce(d)}), false)
		and coalesce(bool_or(${templateIn(d, PERSONAL_DATA_SET.basis)} and ${inForce(d)}), false)
		and coalesce(bool_or(${templateIn(d, [PERSONAL_DATA_SET.level])} and ${inForce(d)}), false)
		and coalesce(bool_or(${templateIn(d, [PERSONAL_DATA_SET.harm])} and ${inForce(d)}), false))`;

/**
 * An organisation's document figures, for `cross join lateral`: published (acts on the portal),
 * in_approval (acts awaiting the order), pd_complete — one pass over its own documents.
 */
export const documentFigures = (organizationId: SQL) =>
	sql`(select count(*) filter (where ${actPublishedSql()})::int as published,
			count(*) filter (where ${actInApprovalSql()})::int as in_approval,
			${personalDataCompleteSql()} as pd_complete
		from documents d where d.organization_id = ${organizationId})`;
