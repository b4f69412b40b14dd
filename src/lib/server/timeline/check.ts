import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Database } from '../db';
import { discussions, documentVersions, documents, type Organization } from '../db/schema';
import { ValidationError, type FieldErrors } from '../forms/errors';
import { todayIn } from '../../format';
import {
	timelineFindings,
	type Finding,
	type TimelineDocument,
	type TimelineSnapshot
} from './rules';

export type TimelineStep = 'generate' | 'submit' | 'approve';

/** A document about to be generated: its registry fields and the prepared template values. */
export type TimelineDraft = Pick<
	TimelineDocument,
	| 'title'
	| 'kind'
	| 'documentClass'
	| 'templateId'
	| 'number'
	| 'documentDate'
	| 'effectiveDate'
	| 'variables'
>;

export interface TimelineCheck {
	step: TimelineStep;
	/** Findings about these documents only; all of the organisation's when absent. */
	documentIds?: string[];
	/** Generation: the documents not yet written, checked as if they were. */
	drafts?: TimelineDraft[];
	/** Approval: the order's date and effective date, as they would be set on `documentIds`. */
	approval?: { orderNumber?: string; orderDate: string; effectiveDate?: string | null };
}

/** The organisation's documents in force or on their way, each with its current values and latest discussion: two queries. */
export async function loadTimeline(db: Database, org: Organization): Promise<TimelineSnapshot> {
	const [rows, held] = await Promise.all([
		db
			.select({
				id: documents.id,
				title: documents.title,
				kind: documents.kind,
				documentClass: documents.documentClass,
				templateId: documents.templateId,
				status: documents.status,
				number: documents.number,
				documentDate: documents.documentDate,
				effectiveDate: documents.effectiveDate,
				approvalOrderNumber: documents.approvalOrderNumber,
				approvalOrderDate: documents.approvalOrderDate,
				variables: documentVersions.variables
			})
			.from(documents)
			.leftJoin(
				documentVersions,
				and(
					eq(documentVersions.documentId, documents.id),
					eq(documentVersions.version, documents.currentVersion)
				)
			)
			.where(
				and(
					eq(documents.organizationId, org.id),
					notInArray(documents.status, ['superseded', 'repealed'])
				)
			),
		db
			.select({
				documentId: discussions.documentId,
				startsOn: discussions.startsOn,
				endsOn: discussions.endsOn
			})
			.from(discussions)
			.where(eq(discussions.organizationId, org.id))
			.orderBy(desc(discussions.openedAt))
	]);
	const latest = new Map<string, { startsOn: string; endsOn: string }>();
	for (const h of held)
		if (!latest.has(h.documentId))
			latest.set(h.documentId, { startsOn: h.startsOn, endsOn: h.endsOn });
	return {
		today: todayIn(org.timeZone),
		profile: { paperlessSince: org.paperlessSince, discussionMinDays: org.discussionMinDays },
		documents: rows.map((r) => ({
			...r,
			variables: (r.variables as Record<string, unknown> | null) ?? {},
			discussion: latest.get(r.id) ?? null
		}))
	};
}

const draftId = (i: number) => `new:${i}`;

function withStep(snapshot: TimelineSnapshot, check: TimelineCheck): TimelineSnapshot {
	const { approval, documentIds = [], drafts = [] } = check;
	const ids = new Set(documentIds);
	const docs = snapshot.documents.map((doc) =>
		approval && ids.has(doc.id)
			? {
					...doc,
					status: 'published' as const,
					approvalOrderNumber: approval.orderNumber ?? null,
					approvalOrderDate: approval.orderDate,
					effectiveDate: approval.effectiveDate || approval.orderDate
				}
			: doc
	);
	return {
		...snapshot,
		documents: [
			...docs,
			...drafts.map((draft, i) => ({
				...draft,
				id: draftId(i),
				status: 'new' as const,
				approvalOrderNumber: null,
				approvalOrderDate: null,
				discussion: null
			}))
		]
	};
}

const focusOf = (check: TimelineCheck) => [
	...(check.documentIds ?? []),
	...(check.drafts ?? []).map((_, i) => draftId(i))
];

/** The findings a step sees: about its documents (or all), computed on the organisation as it would be after the step. */
export async function checkTimeline(
	db: Database,
	org: Organization,
	check: TimelineCheck
): Promise<Finding[]> {
	const findings = timelineFindings(withStep(await loadTimeline(db, org), check));
	const focus = new Set(focusOf(check));
	return focus.size || check.documentIds
		? findings.filter((f) => f.documentIds.some((id) => focus.has(id)))
		: findings;
}

/** Where the step's form shows a finding: the field the person can change, else the form's top. */
function fieldFor(step: TimelineStep, f: Finding, focus: string[]): string {
	const blamed = focus.map((id) => f.fields[id]).find(Boolean);
	if (step === 'generate' && blamed?.startsWith('var:')) return `var_${blamed.slice(4)}`;
	if (step === 'generate' && (blamed === 'documentDate' || blamed === 'effectiveDate'))
		return blamed;
	if (step === 'approve' && blamed === 'approvalOrderDate') return 'orderDate';
	if (step === 'approve' && blamed === 'effectiveDate') return 'effectiveDate';
	return 'form';
}

/** Refuses the step with every error finding about its documents; warnings never refuse. Writes nothing. */
export async function assertTimeline(
	db: Database,
	org: Organization,
	check: TimelineCheck
): Promise<Finding[]> {
	const findings = await checkTimeline(db, org, check);
	const errors = findings.filter((f) => f.severity === 'error');
	if (!errors.length) return findings;
	const focus = focusOf(check);
	const out: FieldErrors = {};
	for (const f of errors) {
		const field = fieldFor(check.step, f, focus);
		out[field] = out[field] ? `${out[field]} ${f.message}` : f.message;
	}
	throw new ValidationError(out);
}
