import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { journalSystem, type Organization } from '../db/schema';
import { isUuid } from '../orgs/queries';
import {
	averageProgressSql,
	checklistFigures,
	progressOf,
	progressSql
} from '../figures/checklist';
import { contractMissingSql, contractStatusSql, countingContract } from '../figures/contract';
import { documentFigures } from '../figures/documents';
import { todayOf } from '../figures/today';
import type { ContractStatus } from '../../contracts/labels';
import { filterMessages, overviewSortKeys, type OverviewSortKey } from '../../monitoring/labels';
import {
	defaultOverviewParams,
	overviewColumnChoice,
	type JournalFilter,
	type OverviewParams
} from '../../monitoring/query';
import { listedKinds, rowsOf, underAuthority } from './sql';

export const PAGE_SIZE = 50;

/** Reads the dashboard's filters from the address; nonsense gives a Russian message, never an error. */
export function parseOverviewParams(
	search: URLSearchParams,
	region = true
): { params: OverviewParams; messages: string[] } {
	const messages: string[] = [];
	const params = { ...defaultOverviewParams };
	const sort = search.get('sort');
	if (sort) {
		if ((overviewSortKeys as readonly string[]).includes(sort))
			params.sort = sort as OverviewSortKey;
		else messages.push(filterMessages.sort);
	}
	const dir = search.get('dir');
	if (dir === 'asc' || dir === 'desc') params.dir = dir;
	else if (dir) messages.push(filterMessages.sort);
	const municipality = search.get('municipality')?.trim();
	if (municipality) {
		if (isUuid(municipality)) params.municipality = municipality;
		else {
			messages.push(filterMessages.municipality);
			params.impossible = true;
		}
	}
	const journal = search.get('journal')?.trim();
	if (journal) {
		if (journal === 'none' || (journalSystem.enumValues as readonly string[]).includes(journal))
			params.journal = journal as JournalFilter;
		else {
			messages.push(filterMessages.journal);
			params.impossible = true;
		}
	}
	params.overdueOnly = ['1', 'on', 'true'].includes(search.get('overdue') ?? '');
	const stale = search.get('stale')?.trim();
	if (stale) {
		const n = /^\d{1,4}$/.test(stale) ? Number(stale) : NaN;
		if (n >= 1 && n <= 3650) params.staleDays = n;
		else messages.push(filterMessages.stale);
	}
	const q = (search.get('q') ?? '').trim();
	if (q.length > 200) messages.push(filterMessages.query);
	params.q = q.slice(0, 200);
	const page = search.get('page');
	if (page) {
		const n = /^\d{1,6}$/.test(page) ? Number(page) : NaN;
		if (n >= 1) params.page = n;
		else messages.push(filterMessages.page);
	}
	params.columns = overviewColumnChoice(search.getAll('cols'), region);
	return { params, messages };
}

export interface OverviewRow {
	id: string;
	kind: Organization['kind'];
	shortName: string;
	municipalityId: string | null;
	municipalityName: string | null;
	itemsTotal: number;
	itemsClosed: number;
	progress: number;
	overdue: number;
	dueSoon: number;
	openRemarks: number;
	journalSystem: Organization['journalSystem'];
	journalSystemOther: string | null;
	paperlessSince: string | null;
	/** The operator contract that counts (figures/contract): none, expired, incomplete, complete. */
	contractStatus: ContractStatus;
	/** Guarantees missing from the contract in force; null without one. */
	missingGuarantees: number | null;
	personalDataComplete: boolean;
	published: number;
	inApproval: number;
	lastActivity: Date | null;
}

export interface OverviewTotals {
	organizations: number;
	itemsTotal: number;
	itemsClosed: number;
	/** The mean of the organisations' own percentages, among those with a checklist. */
	averageProgress: number;
	overdue: number;
	dueSoon: number;
	openRemarks: number;
	withoutContract: number;
	personalDataIncomplete: number;
	published: number;
	inApproval: number;
}

export interface Overview {
	rows: OverviewRow[];
	totals: OverviewTotals;
	page: number;
	pages: number;
}

const emptyTotals: OverviewTotals = {
	organizations: 0,
	itemsTotal: 0,
	itemsClosed: 0,
	averageProgress: 0,
	overdue: 0,
	dueSoon: 0,
	openRemarks: 0,
	withoutContract: 0,
	personalDataIncomplete: 0,
	published: 0,
	inApproval: 0
};

const sortColumn: Record<OverviewSortKey, string> = {
	name: 'short_name',
	municipality: 'municipality_name',
	progress: 'progress',
	overdue: 'overdue',
	dueSoon: 'due_soon',
	remarks: 'open_remarks',
	journal: 'journal_system',
	paperless: 'paperless_since',
	contract: 'contract_rank',
	personalData: 'pd_complete',
	published: 'published',
	inApproval: 'in_approval',
	lastActivity: 'last_activity'
};

/**
 * The figures of every organisation the dashboard lists (see listedKinds) under the authority,
 * filtered and sorted in SQL: one statement of per-table aggregates joined by organisation.
 */
function overviewCte(authority: Organization, params: OverviewParams, now: Date): SQL {
	const filters: SQL[] = [underAuthority(authority), listedKinds(authority)];
	if (params.municipality)
		filters.push(
			sql`o.path like (select m.path || '%' from organizations m where m.id = ${params.municipality} and m.kind = 'municipality')`
		);
	if (params.journal === 'none') filters.push(sql`o.journal_system is null`);
	else if (params.journal) filters.push(sql`o.journal_system = ${params.journal}`);
	if (params.q) {
		const like = `%${params.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		filters.push(sql`(o.short_name ilike ${like} or o.full_name ilike ${like})`);
	}
	const where = sql.join(filters, sql` and `);
	const rows = sql`
		scope as (
			select o.id, o.kind, o.short_name, o.path, o.parent_id, o.journal_system, o.journal_system_other, o.paperless_since, ${todayOf(now)} as today
			from organizations o where ${where}
		),
		-- Each figure is a lateral subquery over the organisation's own index range (server/figures, the one
		-- definition every page shares): the work grows with the authority's schools, never with the
		-- country's tables (a join to aggregated CTEs was estimated blind and read all of them).
		figures as (
			select s.id, s.kind, s.short_name, s.path, m.id as municipality_id, m.short_name as municipality_name,
				i.items_total, i.items_closed,
				${progressSql(sql`i.items_closed`, sql`i.items_total`)} as progress,
				i.overdue, i.due_soon, r.n as open_remarks,
				s.journal_system, s.journal_system_other, s.paperless_since::text as paperless_since,
				${contractStatusSql()} as contract_status, ${contractMissingSql()} as missing_guarantees,
				-- Worst last when sorted descending: none, expired, then by guarantees missing.
				(case when s.kind <> 'school' then null when k.document_id is null then 9 when not k.in_force then 8 else k.missing end) as contract_rank,
				d.pd_complete, d.published, d.in_approval,
				a.last_activity
			from scope s
			left join organizations m on m.id = s.parent_id and m.kind = 'municipality'
			cross join lateral ${checklistFigures(sql`s.id`, sql`s.today`)} i
			cross join lateral (
				select count(*)::int as n from remarks r where r.organization_id = s.id and r.reply_to is null and r.resolved_at is null
			) r
			cross join lateral ${documentFigures(sql`s.id`)} d
			left join lateral ${countingContract(sql`s.id`, sql`s.today`)} k on true
			cross join lateral (select max(e.occurred_at) as last_activity from audit_events e where e.organization_id = s.id) a
		),
		filtered as (
			select * from figures f where true
			${params.overdueOnly ? sql`and f.overdue > 0` : sql``}
			${params.staleDays ? sql`and (f.last_activity is null or f.last_activity < ${now.toISOString()}::timestamptz - make_interval(days => ${params.staleDays}))` : sql``}
		)`;
	return rows;
}

interface RawRow {
	id: string;
	kind: Organization['kind'];
	short_name: string;
	municipality_id: string | null;
	municipality_name: string | null;
	items_total: number;
	items_closed: number;
	progress: number;
	overdue: number;
	due_soon: number;
	open_remarks: number;
	journal_system: Organization['journalSystem'];
	journal_system_other: string | null;
	paperless_since: string | null;
	contract_status: ContractStatus;
	missing_guarantees: number | null;
	pd_complete: boolean;
	published: number;
	in_approval: number;
	last_activity: number | null;
	// Totals over every filtered row, repeated on each (window aggregates).
	t_count: number;
	t_items_total: number;
	t_items_closed: number;
	t_average: number | null;
	t_overdue: number;
	t_due_soon: number;
	t_remarks: number;
	t_without_contract: number;
	t_pd_incomplete: number;
	t_published: number;
	t_in_approval: number;
}

/**
 * The authority's dashboard: one row per organisation under it with its checklist, remarks,
 * documents, contract and activity figures, and totals over every row the filters keep.
 * `pageSize: null` gives every filtered row (for exports).
 */
export async function monitoringOverview(
	db: Database,
	authority: Organization,
	params: OverviewParams,
	options: { now?: Date; pageSize?: number | null } = {}
): Promise<Overview> {
	const now = options.now ?? new Date();
	const pageSize = options.pageSize === undefined ? PAGE_SIZE : options.pageSize;
	if (params.impossible || authority.kind === 'school')
		return { rows: [], totals: emptyTotals, page: 1, pages: 1 };
	const column = sql.raw(sortColumn[params.sort]);
	const dir = sql.raw(params.dir === 'asc' ? 'asc' : 'desc');
	const limit =
		pageSize === null ? sql`` : sql`limit ${pageSize} offset ${(params.page - 1) * pageSize}`;
	const raw = await rowsOf<RawRow>(
		db,
		sql`with ${overviewCte(authority, params, now)}
		select f.id, f.kind, f.short_name, f.municipality_id, f.municipality_name, f.items_total, f.items_closed, f.progress, f.overdue, f.due_soon,
			f.open_remarks, f.journal_system, f.journal_system_other, f.paperless_since, f.contract_status, f.missing_guarantees, f.pd_complete,
			f.published, f.in_approval, (extract(epoch from f.last_activity) * 1000)::float8 as last_activity,
			count(*) over ()::int as t_count,
			sum(f.items_total) over ()::int as t_items_total,
			sum(f.items_closed) over ()::int as t_items_closed,
			(${averageProgressSql(sql`f.progress`, sql`f.items_total`)} over ())::float8 as t_average,
			sum(f.overdue) over ()::int as t_overdue,
			sum(f.due_soon) over ()::int as t_due_soon,
			sum(f.open_remarks) over ()::int as t_remarks,
			(count(*) filter (where f.kind = 'school' and f.contract_status in ('none', 'expired')) over ())::int as t_without_contract,
			(count(*) filter (where f.kind = 'school' and not f.pd_complete) over ())::int as t_pd_incomplete,
			sum(f.published) over ()::int as t_published,
			sum(f.in_approval) over ()::int as t_in_approval
		from filtered f
		order by f.${column} ${dir} nulls last, f.short_name asc, f.id asc
		${limit}`
	);
	const first = raw[0];
	const totals: OverviewTotals = first
		? {
				organizations: first.t_count,
				itemsTotal: first.t_items_total,
				itemsClosed: first.t_items_closed,
				averageProgress: Math.round(first.t_average ?? 0),
				overdue: first.t_overdue,
				dueSoon: first.t_due_soon,
				openRemarks: first.t_remarks,
				withoutContract: first.t_without_contract,
				personalDataIncomplete: first.t_pd_incomplete,
				published: first.t_published,
				inApproval: first.t_in_approval
			}
		: params.page > 1 && pageSize !== null
			? await overviewTotals(db, authority, params, now)
			: emptyTotals;
	const pages = pageSize === null ? 1 : Math.max(1, Math.ceil(totals.organizations / pageSize));
	return {
		rows: raw.map((r) => ({
			id: r.id,
			kind: r.kind,
			shortName: r.short_name,
			municipalityId: r.municipality_id,
			municipalityName: r.municipality_name,
			itemsTotal: r.items_total,
			itemsClosed: r.items_closed,
			progress: progressOf(r.items_closed, r.items_total),
			overdue: r.overdue,
			dueSoon: r.due_soon,
			openRemarks: r.open_remarks,
			journalSystem: r.journal_system,
			journalSystemOther: r.journal_system_other,
			paperlessSince: r.paperless_since,
			contractStatus: r.contract_status,
			missingGuarantees: r.missing_guarantees,
			personalDataComplete: r.pd_complete,
			published: r.published,
			inApproval: r.in_approval,
			lastActivity: r.last_activity === null ? null : new Date(r.last_activity)
		})),
		totals,
		page: params.page,
		pages
	};
}

/** Totals alone, for a page past the last one (its window aggregates have no row to ride on). */
async function overviewTotals(
	db: Database,
	authority: Organization,
	params: OverviewParams,
	now: Date
): Promise<OverviewTotals> {
	const all = await monitoringOverview(db, authority, { ...params, page: 1 }, { now, pageSize: 1 });
	return all.totals;
}

/** The municipalities under a region, for the filter's list. */
export async function municipalitiesUnder(
	db: Database,
	authority: Organization
): Promise<{ id: string; shortName: string }[]> {
	if (authority.kind !== 'region') return [];
	const rows = await rowsOf<{ id: string; short_name: string }>(
		db,
		sql`select o.id, o.short_name from organizations o where ${underAuthority(authority)} and o.kind = 'municipality' order by o.short_name`
	);
	return rows.map((r) => ({ id: r.id, shortName: r.short_name }));
}
