import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import type { Organization } from '../db/schema';
import { todayIn } from '../../format';
import { averageProgressSql, itemClosed, itemOverdue, progressSql } from '../figures/checklist';
import { actPublishedSql } from '../figures/documents';
import { actsAwaitingPublication, type AwaitingPublication } from '../figures/publication';
import { todayOf } from '../figures/today';
import { monitoringOverview, type OverviewRow } from './overview';
import { defaultOverviewParams } from '../../monitoring/query';
import { listedKinds, rowsOf, underAuthority } from './sql';

export interface OverdueMeasure {
	code: string;
	title: string;
	schools: number;
}

/** The catalogue's measures overdue in the most organisations under the authority. */
export async function mostOverdueMeasures(
	db: Database,
	authority: Organization,
	now = new Date(),
	limit = 15
): Promise<OverdueMeasure[]> {
	return rowsOf<OverdueMeasure>(
		db,
		// Per organisation over its own index range (the distinct keeps the planner from flattening it
		// into a scan of the country's items): a region's work, whatever the size of the table.
		sql`select m.code, m.title, count(*)::int as schools
		from organizations o
		cross join lateral (
			select distinct ca.code, ca.title
			from checklist_items ci join catalogue_items ca on ca.id = ci.catalogue_item_id
			where ci.organization_id = o.id and ${itemOverdue(sql`ci.status`, sql`ci.due_on`, todayOf(now))}
		) m
		where ${underAuthority(authority)} and ${listedKinds(authority)}
		group by m.code, m.title
		order by schools desc, m.code asc
		limit ${limit}`
	);
}

/** Organisations with no recorded action (checklist changes included) for `days` days, longest idle first. */
export async function staleOrganizations(
	db: Database,
	authority: Organization,
	days: number,
	now = new Date()
): Promise<{ rows: OverviewRow[]; total: number }> {
	const overview = await monitoringOverview(
		db,
		authority,
		{ ...defaultOverviewParams, staleDays: days, sort: 'lastActivity', dir: 'asc' },
		{ now }
	);
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
export async function progressByMunicipality(
	db: Database,
	region: Organization,
	now = new Date()
): Promise<MunicipalityProgress[]> {
	if (region.kind !== 'region') return [];
	// The path segment right below the region names the school's municipality: "/<region…>/<municipality>/<school>/".
	const segment = region.path.split('/').filter(Boolean).length + 2;
	const rows = await rowsOf<{
		id: string;
		short_name: string;
		schools: number;
		average: number | null;
		overdue: number;
		schools_overdue: number;
	}>(
		db,
		sql`with schools as (
			select o.id, split_part(o.path, '/', ${segment}) as municipality_id, ${todayOf(now)} as today
			from organizations o where ${underAuthority(region)} and o.kind = 'school'
		),
		items as (
			select ci.organization_id as id, count(*)::int as total,
				count(*) filter (where ${itemClosed(sql`ci.status`)})::int as closed,
				count(*) filter (where ${itemOverdue(sql`ci.status`, sql`ci.due_on`, sql`s.today`)})::int as overdue
			from checklist_items ci join schools s on s.id = ci.organization_id
			group by ci.organization_id
		)
		select m.id, m.short_name, count(s.id)::int as schools,
			(${averageProgressSql(progressSql(sql`i.closed`, sql`i.total`), sql`i.total`)})::float8 as average,
			coalesce(sum(i.overdue), 0)::int as overdue,
			(count(*) filter (where i.overdue > 0))::int as schools_overdue
		from organizations m
		left join schools s on s.municipality_id = m.id::text
		left join items i on i.id = s.id
		where ${underAuthority(region, 'm')} and m.kind = 'municipality'
		group by m.id, m.short_name
		order by m.short_name`
	);
	return rows.map((r) => ({
		id: r.id,
		shortName: r.short_name,
		schools: r.schools,
		averageProgress: Math.round(r.average ?? 0),
		overdue: r.overdue,
		schoolsOverdue: r.schools_overdue
	}));
}

export interface JournalShare {
	journalSystem: Organization['journalSystem'];
	schools: number;
	averageProgress: number;
}

/** How many schools work in each journal system, and how far along they are. */
export async function journalDistribution(
	db: Database,
	authority: Organization
): Promise<JournalShare[]> {
	const rows = await rowsOf<{
		journal_system: Organization['journalSystem'];
		schools: number;
		average: number | null;
	}>(
		db,
		sql`with schools as (select o.id, o.journal_system from organizations o where ${underAuthority(authority)} and o.kind = 'school'),
		items as (
			select ci.organization_id as id, count(*)::int as total, count(*) filter (where ${itemClosed(sql`ci.status`)})::int as closed
			from checklist_items ci join schools s on s.id = ci.organization_id
			group by ci.organization_id
		)
		select s.journal_system, count(*)::int as schools,
			(${averageProgressSql(progressSql(sql`i.closed`, sql`i.total`), sql`i.total`)})::float8 as average
		from schools s left join items i on i.id = s.id
		group by s.journal_system
		order by schools desc, s.journal_system nulls last`
	);
	return rows.map((r) => ({
		journalSystem: r.journal_system,
		schools: r.schools,
		averageProgress: Math.round(r.average ?? 0)
	}));
}

export type OverduePublication = AwaitingPublication;

/** Acts approved more than 10 working days ago and still not published (ч. 3 ст. 29 273-ФЗ), under the authority. */
export async function publicationOverdue(
	db: Database,
	authority: Organization,
	now = new Date(),
	limit = 200
): Promise<{ rows: OverduePublication[]; total: number }> {
	return actsAwaitingPublication(db, underAuthority(authority), { now, overdueOnly: true, limit });
}

/**
 * Writes the day's figures of every organisation, once: a second call the same day changes
 * nothing. The figures are those of figures/: done means closed (done or not needed), acts are acts.
 */
export async function takeProgressSnapshot(db: Database, day: string): Promise<void> {
	await db.execute(sql`insert into progress_snapshots (day, organization_id, items_total, items_done, items_overdue, acts_published)
		select ${day}::date, o.id, coalesce(i.total, 0), coalesce(i.done, 0), coalesce(i.overdue, 0), coalesce(d.published, 0)
		from organizations o
		left join (
			select ci.organization_id, count(*)::int as total,
				count(*) filter (where ${itemClosed(sql`ci.status`)})::int as done,
				count(*) filter (where ${itemOverdue(sql`ci.status`, sql`ci.due_on`, sql`${day}::date`)})::int as overdue
			from checklist_items ci group by ci.organization_id
		) i on i.organization_id = o.id
		left join (
			select d.organization_id, count(*)::int as published from documents d where ${actPublishedSql()} group by d.organization_id
		) d on d.organization_id = o.id
		on conflict do nothing`);
}

export interface ProgressPoint {
	day: string;
	averageProgress: number;
	organizations: number;
}

/** The scope's mean progress per day from the snapshots, over the last `days` days. */
export async function progressOverTime(
	db: Database,
	authority: Organization,
	now = new Date(),
	days = 90
): Promise<ProgressPoint[]> {
	const rows = await rowsOf<{ day: string; average: number; organizations: number }>(
		db,
		sql`select p.day::text as day, avg(${progressSql(sql`p.items_done`, sql`p.items_total`)})::float8 as average, count(*)::int as organizations
		from progress_snapshots p join organizations o on o.id = p.organization_id
		where ${underAuthority(authority)} and ${listedKinds(authority)} and p.items_total > 0
			and p.day > ${todayIn(authority.timeZone, now)}::date - ${days}::int
		group by p.day order by p.day`
	);
	return rows.map((r) => ({
		day: r.day,
		averageProgress: Math.round(r.average),
		organizations: r.organizations
	}));
}
