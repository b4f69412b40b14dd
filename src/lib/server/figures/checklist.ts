import { sql, type SQL } from 'drizzle-orm';

// Progress, overdue and due-soon of a checklist: one definition for every page and export.
// An item is closed when done or not needed: a measure the school does not need is no work left,
// so it counts in the total and among the closed alike.

export const CLOSED = sql.raw(`('done', 'not_needed')`);
export const CLOSED_STATUSES = ['done', 'not_needed'] as const;
/** «Срок в 7 дней»: open items due from today to today + 7, both included. */
export const DUE_SOON_DAYS = 7;

export const itemClosed = (status: SQL) => sql`(${status} in ${CLOSED})`;
/** Open and due before today (the organisation's today, a date expression). */
export const itemOverdue = (status: SQL, dueOn: SQL, today: SQL) =>
	sql`(${status} not in ${CLOSED} and ${dueOn} < ${today})`;
export const itemDueSoon = (status: SQL, dueOn: SQL, today: SQL) =>
	sql`(${status} not in ${CLOSED} and ${dueOn} >= ${today} and ${dueOn} <= ${today} + ${sql.raw(String(DUE_SOON_DAYS))})`;

/** Closed over all, as a whole percentage; 0 without items. */
export const progressOf = (closed: number, total: number) =>
	total ? Math.round((100 * closed) / total) : 0;

/** Same as progressOf, in SQL so that rows can be sorted and averaged by it. */
export const progressSql = (closed: SQL, total: SQL) =>
	sql`(case when ${total} > 0 then round(100.0 * ${closed} / ${total}) else 0 end)::int`;

/**
 * An organisation's checklist figures, for `cross join lateral`: items_total, items_closed,
 * overdue, due_soon over its own index range of checklist_items.
 */
export const checklistFigures = (organizationId: SQL, today: SQL) => {
	const status = sql.raw('ci.status');
	const dueOn = sql.raw('ci.due_on');
	return sql`(select count(*)::int as items_total,
			count(*) filter (where ${itemClosed(status)})::int as items_closed,
			count(*) filter (where ${itemOverdue(status, dueOn, today)})::int as overdue,
			count(*) filter (where ${itemDueSoon(status, dueOn, today)})::int as due_soon
		from checklist_items ci where ci.organization_id = ${organizationId})`;
};

/** The mean of the organisations' own percentages, among those with a checklist (an aggregate or window over rows). */
export const averageProgressSql = (progress: SQL, total: SQL) =>
	sql`avg(${progress}) filter (where ${total} > 0)`;
