import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { publicationDeadline } from '../workflow/approval';
import { rowsOf } from '../monitoring/sql';
import { ACT_CLASSES } from './documents';
import { todayOf } from './today';

// Publication overdue (ч. 3 ст. 29 273-ФЗ), one definition for the head's dashboard and monitoring:
// an act (class act or appendix) approved and not ended is awaiting publication until it is both
// published and signed with an electronic signature (п. 18 Правил № 1802: an act the organisation
// approves itself is placed as an electronic document signed with an electronic signature) — a published act without a signature still awaits it;
// its term starts on the approving order's date, or without one on the day of approval in the
// organisation's zone, and ends publicationDeadline (10 working days) later; it is overdue when the
// organisation's today is past that last day.

/**
 * The latest start of the term whose deadline has passed by `today`: the deadline grows with the
 * start, so every act started on or before it is overdue — a date the SQL can compare with.
 */
export function latestOverdueStart(today: string): string {
	const d = new Date(`${today}T00:00:00Z`);
	while (publicationDeadline(d.toISOString().slice(0, 10)) >= today)
		d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}

const shift = (iso: string, days: number) => {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
};

/** The cutoff for the organisation's today: every zone's date is within a day of UTC's. */
function overdueCutoffSql(now: Date, today: SQL): SQL {
	const utc = now.toISOString().slice(0, 10);
	const cases = [-1, 0, 1]
		.map((n) => shift(utc, n))
		.map((day) => sql`when ${day}::date then ${latestOverdueStart(day)}::date`);
	return sql`(case ${today} ${sql.join(cases, sql` `)} end)`;
}

export interface AwaitingPublication {
	documentId: string;
	organizationId: string;
	organizationName: string;
	title: string;
	approvalOrderNumber: string | null;
	approvalOrderDate: string | null;
	/** The order's date, or the day of approval without one: the term starts from it. */
	startsOn: string;
	/** The last day to publish. */
	dueOn: string;
	overdue: boolean;
	/** Published already, only the signature missing. */
	published: boolean;
}

/**
 * Acts awaiting publication in organisations matching `scope` (a condition on `o`), the earliest
 * term first; `overdueOnly` keeps those past their last day. `total` counts every matching act.
 */
export async function actsAwaitingPublication(
	db: Database,
	scope: SQL,
	options: { now?: Date; overdueOnly?: boolean; limit?: number } = {}
): Promise<{ rows: AwaitingPublication[]; total: number }> {
	const now = options.now ?? new Date();
	const rows = await rowsOf<{
		id: string;
		organization_id: string;
		short_name: string;
		title: string;
		approval_order_number: string | null;
		approval_order_date: string | null;
		starts_on: string;
		overdue: boolean;
		published: boolean;
		total: number;
	}>(
		db,
		sql`select d.id, d.organization_id, o.short_name, d.title, d.approval_order_number, d.approval_order_date::text as approval_order_date,
			x.starts_on::text as starts_on, x.overdue, d.published_at is not null as published, count(*) over ()::int as total
		from organizations o
		join documents d on d.organization_id = o.id
			and d.approved_at is not null and (d.published_at is null or d.signed_at is null) and d.status not in ('superseded', 'repealed') and d.document_class in ${ACT_CLASSES}
		cross join lateral (select coalesce(d.approval_order_date, (d.approved_at at time zone o.time_zone)::date) as starts_on) s
		cross join lateral (select s.starts_on, s.starts_on <= ${overdueCutoffSql(now, todayOf(now))} as overdue) x
		where ${scope} ${options.overdueOnly ? sql`and x.overdue` : sql``}
		order by x.starts_on asc, o.short_name asc, d.title asc
		${options.limit ? sql`limit ${options.limit}` : sql``}`
	);
	return {
		rows: rows.map((r) => ({
			documentId: r.id,
			organizationId: r.organization_id,
			organizationName: r.short_name,
			title: r.title,
			approvalOrderNumber: r.approval_order_number,
			approvalOrderDate: r.approval_order_date,
			startsOn: r.starts_on,
			dueOn: publicationDeadline(r.starts_on),
			overdue: r.overdue,
			published: r.published
		})),
		total: rows[0]?.total ?? 0
	};
}
