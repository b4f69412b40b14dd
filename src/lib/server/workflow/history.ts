import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { auditEvents, type DocumentRow } from '../db/schema';
import { auditActionLabels } from '../../audit/labels';
import { actingForChairNote, reviewOutcomeLabels } from '../../workflow/labels';
import type { ActingForChair } from './acting-chair';

const ROUTE_ACTIONS = [
	'document.submitted',
	'review.opened',
	'review.closed',
	'discussion.opened',
	'discussion.closed',
	'document.returned_to_draft',
	'council.requested',
	'document.approved',
	'document.published',
	'route.reminded'
] as const;

export interface RouteHistoryEntry {
	at: Date;
	actorName: string | null;
	what: string;
	/** The step's particulars: a round's outcome, a reason, whom a reminder went to, a step taken for the chair. */
	note: string | null;
	actingForChair: boolean;
}

type After = Partial<ActingForChair> & {
	outcome?: string;
	reason?: string | null;
	reminded?: { fullName: string }[];
};

/** The route of one document as its audit events tell it, oldest first. */
export async function routeHistory(
	db: Database,
	doc: Pick<DocumentRow, 'id' | 'organizationId'>
): Promise<RouteHistoryEntry[]> {
	const rows = await db
		.select({
			at: auditEvents.occurredAt,
			actorName: auditEvents.actorName,
			action: auditEvents.action,
			after: auditEvents.after
		})
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.organizationId, doc.organizationId),
				inArray(auditEvents.action, [...ROUTE_ACTIONS]),
				or(eq(auditEvents.entityId, doc.id), sql`${auditEvents.after}->>'documentId' = ${doc.id}`)
			)
		)
		.orderBy(asc(auditEvents.occurredAt), asc(auditEvents.id));
	return rows.map((r) => {
		const after = (r.after ?? {}) as After;
		const acting = after.onBehalfOf === 'chair' && !!after.chair;
		const notes = [
			after.outcome
				? (reviewOutcomeLabels[after.outcome as keyof typeof reviewOutcomeLabels] ?? after.outcome)
				: '',
			after.reason ?? '',
			after.reminded ? `напомнили: ${after.reminded.map((p) => p.fullName).join(', ')}` : '',
			acting ? actingForChairNote(after.chair!, after.onBehalfReason ?? '') : ''
		].filter(Boolean);
		return {
			at: r.at,
			actorName: r.actorName,
			what: auditActionLabels[r.action as keyof typeof auditActionLabels] ?? r.action,
			note: notes.join('; ') || null,
			actingForChair: acting
		};
	});
}
