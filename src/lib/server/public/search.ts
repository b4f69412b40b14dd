import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { documentVersions, documents, organizations } from '../db/schema';
import { withoutNul } from '../forms/errors';
import { rowsOf } from '../monitoring/sql';
import { isUuid } from '../orgs/queries';
import { documentKinds, type DocumentKind } from '../../documents/labels';
import { highlightHtml, START_SEL, STOP_SEL } from './highlight';
import { organizationAt, publicStatus } from './visibility';

export const SEARCH_PAGE_SIZE = 20;
const QUERY_MAX = 200;
// Deeper pages than this are not worth reading: nobody reads 2000 texts.
export const SEARCH_PAGE_MAX = 100;
/**
 * The texts ranked for one page: the most widely published of those matching, never fewer than the
 * pages up to the one asked. A common word matches almost every text; ranking them all would read
 * every vector, and the first page is the model acts most organisations adopted anyway.
 */
export const RANKED_TEXTS_MIN = 200;
const BODY_HEADLINE = `StartSel=${START_SEL}, StopSel=${STOP_SEL}, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "`;
const TITLE_HEADLINE = `StartSel=${START_SEL}, StopSel=${STOP_SEL}, HighlightAll=true`;

export interface SearchParams {
	q: string;
	/** Slug of the organisation whose subtree is searched; empty for all. */
	org: string;
	kind: DocumentKind | null;
	/** Also acts that are no longer in force (superseded or repealed). */
	ended: boolean;
	/** One text's acts: every organisation that published it. */
	same: string | null;
	page: number;
}

/** The search form from the query string: values that make no sense are dropped and reported, never an error page. */
export function parseSearch(query: URLSearchParams): {
	params: SearchParams;
	problems: Record<string, string>;
} {
	const problems: Record<string, string> = {};
	const text = (name: string, max: number) =>
		withoutNul(query.get(name) ?? '')
			.trim()
			.slice(0, max);
	const kind = text('kind', 50);
	const same = text('same', 50);
	const rawPage = text('page', 10);
	const page = /^\d+$/.test(rawPage) ? Number(rawPage) : 1;
	const params: SearchParams = {
		q: text('q', QUERY_MAX),
		org: text('org', 200),
		kind: (documentKinds as string[]).includes(kind) ? (kind as DocumentKind) : null,
		ended: query.has('ended'),
		same: isUuid(same) ? same : null,
		page: page >= 1 && page <= SEARCH_PAGE_MAX ? page : 1
	};
	if (kind && !params.kind) problems.kind = 'Такого вида документа нет: поиск идёт по всем видам.';
	if (same && !params.same) problems.same = 'Такого текста нет: показаны все результаты.';
	if (rawPage && params.page !== page)
		problems.page = `Такой страницы нет: показана первая (страниц не больше ${SEARCH_PAGE_MAX}).`;
	return { params, problems };
}

export interface SearchHit {
	id: string;
	kind: DocumentKind;
	title: string;
	/** The title with the matched words in <mark>, escaped. */
	titleHtml: string;
	/** Up to two fragments of the text with the matched words in <mark>, escaped. */
	fragmentHtml: string;
	status: ReturnType<typeof publicStatus>;
	/** The document's own requisites (an order's number and date), and the order that approved an act. */
	number: string | null;
	documentDate: string | null;
	approvalOrderNumber: string | null;
	approvalOrderDate: string | null;
	effectiveDate: string | null;
	orgSlug: string;
	orgName: string;
	/** The text this act publishes (its text family). */
	textId: string;
	/** Whether the text is a model act unchanged, a model act with changes, or an act of its own. */
	modelText: 'unchanged' | 'changed' | null;
	/** Acts in the search's scope publishing this very text, and those publishing its model act with changes (matching too). */
	sameText: number;
	changedText: number;
}

interface Scope {
	slug: string;
	shortName: string;
	path: string;
}

type PageRow = {
	text_id: string;
	key: string;
	origin: string;
	n: number;
	n_changed: number;
	document_id: string;
};

export interface SearchResult {
	params: SearchParams;
	problems: Record<string, string>;
	scope: { slug: string; shortName: string } | null;
	/** Results to page through: texts, or with `same` that text's acts. */
	total: number;
	/** Published acts all the matching texts have, in scope. */
	acts: number;
	/** With `same`: the text's title. */
	sameTitle: string | null;
	hits: SearchHit[];
	/** The query has no word to look for (stop words only). */
	noWords: boolean;
}

/**
 * Full-text search over published acts, grouped by text (public/text-families.ts): a model act that
 * 1 240 schools published unchanged is one result «у 1 240 организаций», shown by its newest
 * publication. Texts are matched by their stored vector (title weight A, text D, PostgreSQL's
 * `russian` configuration); the most widely published of the matches are ranked by ts_rank times the
 * logarithm of their spread, so a title match wins and, among equals, the text more organisations use.
 * With `same`, the acts of one text, newest first. Only the page's hits get highlighted fragments.
 */
export async function searchActs(db: Database, query: URLSearchParams): Promise<SearchResult> {
	const { params, problems } = parseSearch(query);
	let scope: Scope | null = null;
	if (params.org) {
		const org = await organizationAt(db, params.org);
		if (org) scope = { slug: org.slug, shortName: org.shortName, path: org.path };
		else problems.org = 'Такой организации нет: поиск идёт по всем.';
	}
	const result: SearchResult = {
		params,
		problems,
		scope: scope && { slug: scope.slug, shortName: scope.shortName },
		total: 0,
		acts: 0,
		sameTitle: null,
		hits: [],
		noWords: false
	};
	if (!params.q) return result;

	const { tsquery, statuses } = searchTerms(params);
	const inScope = scope ? sql`o.path like ${scope.path + '%'}` : sql`true`;
	const offset = (params.page - 1) * SEARCH_PAGE_SIZE;

	let rows: PageRow[];
	if (params.same) {
		const [text] = await rowsOf<{ title: string; origin: string; matches: boolean }>(
			db,
			sql`select title, origin, search_vector @@ ${tsquery} as matches from text_families where id = ${params.same}`
		);
		if (!text || !text.matches) {
			problems.same = 'Этот текст не подходит под запрос: показаны все результаты.';
			params.same = null;
			return searchWithout(db, query, 'same', problems);
		}
		result.sameTitle = text.title;
		// The model act's texts that match: unchanged and changed, the unchanged first.
		const texts = sql`select id from text_families where origin = ${text.origin} and search_vector @@ ${tsquery}`;
		const [counted] = await rowsOf<{ n: number }>(
			db,
			scope
				? sql`select count(*)::int as n from documents d join organizations o on o.id = d.organization_id
					where d.text_family_id in (${texts}) and d.published_at is not null and ${statuses} and ${inScope}`
				: sql`select coalesce(sum(in_force + ${params.ended ? sql`ended` : sql`0`}), 0)::int as n from text_families where id in (${texts})`
		);
		result.total = result.acts = Number(counted?.n ?? 0);
		// The chosen text's acts, then the other matching texts of its model act, each read in its index order,
		// newest first, no more than the page needs. The chosen text is named as a value, so the planner
		// knows from the statistics that it may have thousands of acts, and reads them in order.
		const acts = (
			family: SQL
		) => sql`select d.id, d.published_at from documents d join organizations o on o.id = d.organization_id
			where d.text_family_id = ${family} and d.published_at is not null and ${statuses} and ${inScope}
			order by d.published_at desc nulls last, d.id limit ${offset + SEARCH_PAGE_SIZE}`;
		rows = await searchRows<PageRow>(
			db,
			sql`with others as materialized (
					select id, key, origin from text_families where origin = ${text.origin} and id <> ${params.same} and search_vector @@ ${tsquery}
				)
				select text_id, key, origin, 0 as n, 0 as n_changed, document_id from (
					select f.id as text_id, f.key, f.origin, a.id as document_id, a.published_at, 0 as part
					from (${acts(sql`${params.same}::uuid`)}) a, text_families f where f.id = ${params.same}
					union all
					select t.id, t.key, t.origin, a.id, a.published_at, 1
					from others t cross join lateral (${acts(sql`t.id`)}) a
				) page
				order by part, published_at desc nulls last, document_id limit ${SEARCH_PAGE_SIZE} offset ${offset}`
		);
	} else {
		// The totals come on every row, and on a lone row of nulls when the page is past the end.
		const page = await searchRows<PageRow & { texts: number; acts: number }>(
			db,
			textsPageQuery(params, scope?.path ?? null)
		);
		result.total = Number(page[0]?.texts ?? 0);
		result.acts = Number(page[0]?.acts ?? 0);
		rows = page.filter((r) => r.text_id);
		if (!rows.length && params.page > 1 && result.total)
			problems.page = 'На этой странице результатов нет: их меньше.';
	}

	if (!rows.length) {
		// A query of stop words only («и», «по») has nothing to look for: say so instead of «не найдено».
		const [check] = await rowsOf<{ nodes: number }>(db, sql`select numnode(${tsquery}) as nodes`);
		result.noWords = Number(check?.nodes) === 0;
		return result;
	}
	result.hits = await describeHits(db, rows, tsquery);
	return result;
}

/**
 * A search statement's rows. Without JIT (`rowsOf`), and without sequential scans: a common word
 * matches nearly every text, so the planner prefers reading `text_families` whole — which detoasts
 * every vector to test it (about 100 ms at 11,000 texts) — while the GIN index answers a word or an
 * AND of words exactly, reading no vector at all (bench:search, EXPLAIN in ARCHITECTURE).
 */
export const SEARCH_PLANNER = { enable_seqscan: 'off' };

function searchRows<T>(db: Database, query: SQL): Promise<T[]> {
	return rowsOf<T>(db, query, SEARCH_PLANNER);
}

/** The query as PostgreSQL reads it, and which published acts (alias `d`) count: in force, or also ended. */
function searchTerms(params: SearchParams) {
	return {
		tsquery: sql`websearch_to_tsquery('russian', ${params.q})`,
		statuses: params.ended ? sql`true` : sql`d.status not in ('superseded', 'repealed')`
	};
}

/**
 * One page of matching texts with the acts counted in scope, the newest act of each to show it by, and
 * the totals (texts, acts) on every row. Exported for bench:search's EXPLAIN.
 */
export function textsPageQuery(params: SearchParams, scopePath: string | null): SQL {
	const { tsquery, statuses } = searchTerms(params);
	const kind = params.kind ? sql`and f.kind = ${params.kind}` : sql``;
	const offset = (params.page - 1) * SEARCH_PAGE_SIZE;
	// How many acts in scope publish each matching text: kept on the text country-wide, counted within a scope.
	const counted: SQL = scopePath
		? sql`select m.id, m.key, m.origin, count(*)::int as n, (array_agg(d.id order by d.published_at desc nulls last, d.id))[1] as newest
			from documents d join organizations o on o.id = d.organization_id join matched m on m.id = d.text_family_id
			where o.path like ${scopePath + '%'} and d.published_at is not null and ${statuses}
			group by m.id, m.key, m.origin`
		: sql`select id, key, origin, n, null::uuid as newest from (select id, key, origin, (in_force + ${params.ended ? sql`ended` : sql`0`})::int as n from matched) m where n > 0`;
	const ranked = Math.max(RANKED_TEXTS_MIN, offset + SEARCH_PAGE_SIZE);
	// One result per model act: its most published matching text (the unchanged one on a tie) shows it.
	return sql`with matched as materialized (
			select f.id, f.key, f.origin, f.in_force, f.ended from text_families f where f.search_vector @@ ${tsquery} ${kind}
		), counted as materialized (${counted}),
		grouped as materialized (select origin, max(n) as n, (sum(n) - max(n))::int as n_changed from counted group by origin),
		candidates as (select origin, n, n_changed from grouped order by n + n_changed desc, origin limit ${ranked}),
		shown as (
			select distinct on (c.origin) k.id, k.newest, c.n, c.n_changed
			from candidates c join counted k on k.origin = c.origin and k.n = c.n
			order by c.origin, k.key like 'template:%' desc, k.id
		),
		scored as (
			select c.id, c.n, c.n_changed, c.newest, ts_rank(f.search_vector, ${tsquery}) * ln(2.718281828 + c.n + c.n_changed) as score
			from shown c join text_families f on f.id = c.id
			order by score desc, c.n desc, c.id limit ${SEARCH_PAGE_SIZE} offset ${offset}
		), totals as (select count(*)::int as texts, coalesce(sum(n + n_changed), 0)::bigint as acts from grouped)
		select s.id as text_id, f.key, f.origin, s.n, s.n_changed, coalesce(s.newest, newest.id) as document_id, totals.texts, totals.acts
		from totals
		left join scored s on true
		left join text_families f on f.id = s.id
		left join lateral (
			select d.id from documents d
			where s.newest is null and d.text_family_id = s.id and d.published_at is not null and ${statuses}
			order by d.published_at desc nulls last, d.id limit 1
		) newest on true
		order by s.score desc, s.n desc, s.id`;
}

/** The same search without one parameter, its problem kept: a stale link still finds something. */
async function searchWithout(
	db: Database,
	query: URLSearchParams,
	name: string,
	problems: Record<string, string>
): Promise<SearchResult> {
	const rest = new URLSearchParams(query);
	rest.delete(name);
	rest.delete('page');
	const result = await searchActs(db, rest);
	return { ...result, problems: { ...result.problems, ...problems } };
}

/** The page's acts with their requisites and highlighted fragments (ts_headline reads the whole text: only these). */
async function describeHits(db: Database, rows: PageRow[], tsquery: SQL): Promise<SearchHit[]> {
	const details = await db
		.select({
			id: documents.id,
			kind: documents.kind,
			title: documents.title,
			status: documents.status,
			number: documents.number,
			documentDate: documents.documentDate,
			approvalOrderNumber: documents.approvalOrderNumber,
			approvalOrderDate: documents.approvalOrderDate,
			effectiveDate: documents.effectiveDate,
			orgSlug: organizations.slug,
			orgName: organizations.shortName,
			titleHtml: sql<string>`ts_headline('russian', ${documents.title}, ${tsquery}, ${TITLE_HEADLINE})`,
			bodyHtml: sql<string>`ts_headline('russian', coalesce(${documentVersions.source}, ''), ${tsquery}, ${BODY_HEADLINE})`
		})
		.from(documents)
		.innerJoin(organizations, eq(organizations.id, documents.organizationId))
		.leftJoin(
			documentVersions,
			sql`${documentVersions.documentId} = ${documents.id} and ${documentVersions.version} = ${documents.approvedVersion}`
		)
		.where(
			inArray(
				documents.id,
				rows.map((r) => r.document_id)
			)
		);
	const byId = new Map(details.map((d) => [d.id, d]));
	return rows.flatMap((r) => {
		const d = byId.get(r.document_id);
		if (!d) return [];
		return [
			{
				id: d.id,
				kind: d.kind,
				title: d.title,
				titleHtml: highlightHtml(d.titleHtml ?? d.title, false),
				fragmentHtml: highlightHtml(d.bodyHtml ?? ''),
				status: publicStatus(d.status),
				number: d.number,
				documentDate: d.documentDate,
				approvalOrderNumber: d.approvalOrderNumber,
				approvalOrderDate: d.approvalOrderDate,
				effectiveDate: d.effectiveDate,
				orgSlug: d.orgSlug,
				orgName: d.orgName,
				textId: r.text_id,
				modelText: r.origin.startsWith('template:')
					? r.key.startsWith('template:')
						? ('unchanged' as const)
						: ('changed' as const)
					: null,
				sameText: Number(r.n),
				changedText: Number(r.n_changed)
			}
		];
	});
}

/** The regions a search may be narrowed to: the form's list (a municipality or school is chosen from its own page). */
export async function searchRegions(db: Database) {
	return db
		.select({ slug: organizations.slug, shortName: organizations.shortName })
		.from(organizations)
		.where(eq(organizations.kind, 'region'))
		.orderBy(asc(organizations.shortName));
}
