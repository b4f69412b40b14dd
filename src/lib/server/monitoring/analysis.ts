import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import type { Organization } from '../db/schema';
import { publicationDeadline } from '../workflow/approval';
import { todayIn } from '../../format';
import { monitoringOverview, type OverviewRow } from './overview';
import { defaultOverviewParams } from '../../monitoring/query';
import { CLOSED, listedKinds, progressSql, rowsOf, todayOf, underAuthority } from './sql';

export interface OverdueMeasure {
	code: string;
	title: string;
	schools: number;
}

/** The catalogue's measures overdue in the most organisations under the authority. */
export async function mostOverdueMeasures(db: Database, authority: Organization, now = new Date(), limit = 15): Promise<OverdueMeasure[]> {
	return rowsOf<OverdueMeasure>(
		db,
		// Per organisation over its own index range (the distinct keeps the planner from flattening it
		// into a scan of the country's items): a region's work, whatever the size of the table.
		sql`select m.code, m.title, count(*)::int as schools
		from organizations o
		cross join lateral (
			select distinct ca.code, ca.title
			from checklist_items ci join catalogue_items ca on ca.id = ci.catalogue_item_id
			where ci.organization_id = o.id and ci.status not in ${CLOSED} and ci.due_on < ${todayOf(now)}
		) m
		where ${underAuthority(authority)} and ${listedKinds(authority)}
		group by m.code, m.title
		order by schools desc, m.code asc
		limit ${limit}`
	);
}

/** Organisations with no recorded action (checklist changes included) for `days` days, longest idle first. */
export async function staleOrganizations(db: Database, authority: Organization, days: number, now = new Date()): Promise<{ rows: OverviewRow[]; total: number }> {
	const overview = await monitoringOverview(db, authority, { ...defaultOverviewParams, staleDays: days, sort: 'lastActivity', dir: 'asc' }, { now });
	return { rows: overview.rows, total: overview.totals.organizations };
}

export interface MunicipalityProgress {
	id: string;
	shortName: string;
	schools: number;
	averageProgress: number;
	overdue: number;
	schoolsOverdue: number;
}

/** A region's municipalities side by side: the mean progress of their schools and what is overdue. */
export async function progressByMunicipality(db: Database, region: Organization, now = new Date()): Promise<MunicipalityProgress[]> {
	if (region.kind !== 'region') return [];
	// The path segment right below the region names the school's municipality: "/<region…>/<municipality>/<school>/".
	const segment = region.path.split('/').filter(Boolean).length + 2;
	const rows = await rowsOf<{ id: string; short_name: string; schools: number; average: number | null; overdue: number; schools_overdue: number }>(
		db,
		sql`with schools as (
			select o.id, split_part(o.path, '/', ${segment}) as municipality_id, ${todayOf(now)} as today
			from organizations o where ${underAuthority(region)} and o.kind = 'school'
		),
		items as (
			select ci.organization_id as id, count(*)::int as total,
				count(*) filter (where ci.status in ${CLOSED})::int as closed,
				count(*) filter (where ci.status not in ${CLOSED} and ci.due_on < s.today)::int as overdue
			from checklist_items ci join schools s on s.id = ci.organization_id
			group by ci.organization_id
		)
		select m.id, m.short_name, count(s.id)::int as schools,
			(avg(${progressSql(sql`i.closed`, sql`i.total`)}) filter (where i.total > 0))::float8 as average,
			coalesce(sum(i.overdue), 0)::int as overdue,
			(count(*) filter (where i.overdue > 0))::int as schools_overdue
		from organizations m
		left join schools s on s.municipality_id = m.id::text
		left join items i on i.id = s.id
		where ${underAuthority(region, 'm')} and m.kind = 'municipality'
		group by m.id, m.short_name
		order by m.short_name`
	);
	return rows.map((r) => ({ id: r.id, shortName: r.short_name, schools: r.schools, averageProgress: Math.round(r.average ?? 0), overdue: r.overdue, schoolsOverdue: r.schools_overdue }));
}

export interface JournalShare {
	journalSystem: Organization['journalSystem'];
	schools: number;
	averageProgress: number;
}

/** How many schools work in each journal system, and how far along they are. */
export async function journalDistribution(db: Database, authority: Organization): Promise<JournalShare[]> {
	const rows = await rowsOf<{ journal_system: Organization['journalSystem']; schools: number; average: number | null }>(
		db,
		sql`with schools as (select o.id, o.journal_system from organizations o where ${underAuthority(authority)} and o.kind = 'school'),
		items as (
			select ci.organization_id as id, count(*)::int as total, count(*) filter (where ci.status in ${CLOSED})::int as closed
			from checklist_items ci join schools s on s.id = ci.organization_id
			group by ci.organization_id
		)
		select s.journal_system, count(*)::int as schools,
			(avg(${progressSql(sql`i.closed`, sql`i.total`)}) filter (where i.total > 0))::float8 as average
		from schools s left join items i on i.id = s.id
		group by s.journal_system
		order by schools desc, s.journal_system nulls last`
	);
	return rows.map((r) => ({ journalSystem: r.journal_system, schools: r.schools, averageProgress: Math.round(r.average ?? 0) }));
}

export interface OverduePublication {
	documentId: string;
	organizationId: string;
	organizationName: string;
	title: string;
	approvalOrderNumber: string | null;
	/** The order's date, or the day of approval without one: the term starts from it. */
	startsOn: string;
	dueOn: string;
}

/**
 * The latest start of the term whose deadline has passed by `today`: the deadline grows with the
 * start, so every act started on or before it is overdue — a date the SQL can compare with.
 */
export function latestOverdueStart(today: string): string {
	const d = new Date(`${today}T00:00:00Z`);
	while (publicationDeadline(d.toISOString().slice(0, 10)) >= today) d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}

/** Acts approved more than 10 working days ago and still not published (ч. 3 ст. 29 273-ФЗ). */
export async function publicationOverdue(db: Database, authority: Organization, now = new Date(), limit = 200): Promise<{ rows: OverduePublication[]; total: number }> {
	const cutoff = latestOverdueStart(todayIn(authority.timeZone, now));
	const rows = await rowsOf<{ id: string; organization_id: string; short_name: string; title: string; approval_order_number: string | null; starts_on: string; total: number }>(
		db,
		sql`select d.id, d.organization_id, o.short_name, d.title, d.approval_order_number, x.starts_on::text as starts_on, count(*) over ()::int as total
		from documents d
		join organizations o on o.id = d.organization_id
		cross join lateral (select coalesce(d.approval_order_date, (d.approved_at at time zone o.time_zone)::date) as starts_on) x
		where ${underAuthority(authority)} and d.approved_at is not null and d.published_at is null
			and d.status not in ('superseded', 'repealed') and x.starts_on <= ${cutoff}::date
		order by x.starts_on asc, o.short_name asc, d.title asc
		limit ${limit}`
	);
	return {
		rows: rows.map((r) => ({ documentId: r.id, organizationId: r.organization_id, organizationName: r.short_name, title: r.title, approvalOrderNumber: r.approval_order_number, startsOn: r.starts_on, dueOn: publicationDeadline(r.starts_on) })),
		total: rows[0]?.total ?? 0
	};
}

/**
 * Writes the day's figures of every organisation, once: a second call the same day changes
 * nothing. Done means done or not needed, as in the checklist's own progress.
 */
export async function takeProgressSnapshot(db: Database, day: string): Promise<void> {
	await db.execute(sql`insert into progress_snapshots (day, organization_id, items_total, items_done, items_overdue, acts_published)
		select ${day}::date, o.id, coalesce(i.total, 0), coalesce(i.done, 0), coalesce(i.overdue, 0), coalesce(d.published, 0)
		from organizations o
		left join (
			select ci.organization_id, count(*)::int as total,
				count(*) filter (where ci.status in ${CLOSED})::int as done,
				count(*) filter (where ci.status not in ${CLOSED} and ci.due_on < ${day}::date)::int as overdue
			from checklist_items ci group by ci.organization_id
		) i on i.organization_id = o.id
		left join (
			select organization_id, count(*)::int as published from documents where status = 'published' and published_at is not null group by organization_id
		) d on d.organization_id = o.id
		on conflict do nothing`);
}

export interface ProgressPoint {
	day: string;
	averageProgress: number;
	organizations: number;
}

/** The scope's mean progress per day from the snapshots, over the last `days` days. */
export async function progressOverTime(db: Database, authority: Organization, now = new Date(), days = 90): Promise<ProgressPoint[]> {
	const rows = await rowsOf<{ day: string; average: number; organizations: number }>(
		db,
		sql`select p.day::text as day, avg(${progressSql(sql`p.items_done`, sql`p.items_total`)})::float8 as average, count(*)::int as organizations
		from progress_snapshots p join organizations o on o.id = p.organization_id
		where ${underAuthority(authority)} and ${listedKinds(authority)} and p.items_total > 0
			and p.day > ${todayIn(authority.timeZone, now)}::date - ${days}::int
		group by p.day order by p.day`
	);
	return rows.map((r) => ({ day: r.day, averageProgress: Math.round(r.average), organizations: r.organizations }));
}
