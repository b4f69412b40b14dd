import { and, asc, count, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import { documentVersions, documents, organizations } from '../db/schema';
import { withoutNul } from '../forms/errors';
import { documentKinds, type DocumentKind } from '../../documents/labels';
import { highlightHtml, START_SEL, STOP_SEL } from './highlight';
import { isPublished, organizationAt, publicStatus } from './visibility';

export const SEARCH_PAGE_SIZE = 20;
const QUERY_MAX = 200;
// Deeper pages than this are not worth an OFFSET scan: nobody reads 2000 results.
export const SEARCH_PAGE_MAX = 100;
const BODY_HEADLINE = `StartSel=${START_SEL}, StopSel=${STOP_SEL}, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "`;
const TITLE_HEADLINE = `StartSel=${START_SEL}, StopSel=${STOP_SEL}, HighlightAll=true`;

export interface SearchParams {
	q: string;
	/** Slug of the organisation whose subtree is searched; empty for all. */
	org: string;
	kind: DocumentKind | null;
	/** Also acts that are no longer in force (superseded or repealed). */
	ended: boolean;
	page: number;
}

/** The search form from the query string: values that make no sense are dropped and reported, never an error page. */
export function parseSearch(query: URLSearchParams): { params: SearchParams; problems: Record<string, string> } {
	const problems: Record<string, string> = {};
	const text = (name: string, max: number) => withoutNul(query.get(name) ?? '').trim().slice(0, max);
	const kind = text('kind', 50);
	const rawPage = text('page', 10);
	const page = /^\d+$/.test(rawPage) ? Number(rawPage) : 1;
	const params: SearchParams = {
		q: text('q', QUERY_MAX),
		org: text('org', 200),
		kind: (documentKinds as string[]).includes(kind) ? (kind as DocumentKind) : null,
		ended: query.has('ended'),
		page: page >= 1 && page <= SEARCH_PAGE_MAX ? page : 1
	};
	if (kind && !params.kind) problems.kind = 'Такого вида документа нет: поиск идёт по всем видам.';
	if (rawPage && params.page !== page) problems.page = `Такой страницы нет: показана первая (страниц не больше ${SEARCH_PAGE_MAX}).`;
	return { params, problems };
}

/**
 * Full-text search over the approved text and the title of published acts (PostgreSQL's `russian`
 * configuration), ranked by ts_rank with the title weighted A and the text D, so a title match comes first
 * (the text's weight stays below A's however often a word recurs); highlighted fragments of the page's hits.
 */
export async function searchActs(db: Database, query: URLSearchParams) {
	const { params, problems } = parseSearch(query);
	let scope: { slug: string; shortName: string; path: string } | null = null;
	if (params.org) {
		const org = await organizationAt(db, params.org);
		if (org) scope = { slug: org.slug, shortName: org.shortName, path: org.path };
		else problems.org = 'Такой организации нет: поиск идёт по всем.';
	}
	const result = { params, problems, scope: scope && { slug: scope.slug, shortName: scope.shortName }, total: 0, hits: [] as SearchHit[], noWords: false };
	if (!params.q) return result;

	const tsquery = sql`websearch_to_tsquery('russian', ${params.q})`;
	// The stored vector (document_versions_search_idx): matching and ranking parse no text.
	const bodyVector = sql`${documentVersions.searchVector}`;
	const titleVector = sql`to_tsvector('russian', ${documents.title})`;
	const approvedVersion = and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.approvedVersion));
	const inScope: (SQL | undefined)[] = [isPublished, inArray(documents.status, params.ended ? ['published', 'superseded', 'repealed'] : ['published'])];
	if (scope) inScope.push(like(organizations.path, `${scope.path}%`));
	if (params.kind) inScope.push(eq(documents.kind, params.kind));

	// Two branches, each ranked where it matches, so the text's vector is built once per hit: the approved
	// version's text (through the index), and the title. An act matched by both keeps its better rank, which
	// is the text branch's: a title match adds weight A there too. A text never outranks a title match
	// with weight D alone, however often the word recurs.
	const byText = db
		.select({ id: documents.id, rank: sql<number>`ts_rank(setweight(${titleVector}, 'A') || setweight(${bodyVector}, 'D'), ${tsquery})`.as('rank') })
		.from(documentVersions)
		.innerJoin(documents, approvedVersion)
		.innerJoin(organizations, eq(organizations.id, documents.organizationId))
		.where(and(...inScope, sql`${bodyVector} @@ ${tsquery}`));
	const byTitle = db
		.select({ id: documents.id, rank: sql<number>`ts_rank(setweight(${titleVector}, 'A'), ${tsquery})`.as('rank') })
		.from(documents)
		.innerJoin(organizations, eq(organizations.id, documents.organizationId))
		.where(and(...inScope, sql`${titleVector} @@ ${tsquery}`));
	const matches = unionAll(byText, byTitle).as('matches');
	const ranked = db
		.select({ id: matches.id, rank: sql<number>`max(${matches.rank})`.as('best') })
		.from(matches)
		.groupBy(matches.id)
		.as('ranked');

	const rows = await db
		.select({
			id: documents.id,
			versionId: documentVersions.id,
			kind: documents.kind,
			title: documents.title,
			status: documents.status,
			approvalOrderNumber: documents.approvalOrderNumber,
			approvalOrderDate: documents.approvalOrderDate,
			effectiveDate: documents.effectiveDate,
			orgSlug: organizations.slug,
			orgName: organizations.shortName,
			total: sql<number>`count(*) over ()`.mapWith(Number)
		})
		.from(ranked)
		.innerJoin(documents, eq(documents.id, ranked.id))
		.innerJoin(documentVersions, approvedVersion)
		.innerJoin(organizations, eq(organizations.id, documents.organizationId))
		.orderBy(desc(ranked.rank), desc(documents.publishedAt), asc(documents.id))
		.limit(SEARCH_PAGE_SIZE)
		.offset((params.page - 1) * SEARCH_PAGE_SIZE);

	result.total = rows[0]?.total ?? 0;
	if (!rows.length && params.page > 1) {
		const [n] = await db.select({ n: count() }).from(ranked);
		result.total = n?.n ?? 0;
		if (result.total) problems.page = 'На этой странице результатов нет: их меньше.';
	}
	if (!rows.length) {
		// A query of stop words only («и», «по») has nothing to look for: say so instead of «не найдено».
		const [check] = await db.select({ nodes: sql<number>`numnode(${tsquery})`.mapWith(Number) }).from(sql`(select 1) as one`);
		result.noWords = check?.nodes === 0;
		return result;
	}

	// ts_headline reads the whole text, so only the page's hits get one.
	const headlines = await db
		.select({
			versionId: documentVersions.id,
			title: sql<string>`ts_headline('russian', ${documents.title}, ${tsquery}, ${TITLE_HEADLINE})`,
			body: sql<string>`ts_headline('russian', coalesce(${documentVersions.source}, ''), ${tsquery}, ${BODY_HEADLINE})`
		})
		.from(documentVersions)
		.innerJoin(documents, eq(documents.id, documentVersions.documentId))
		.where(inArray(documentVersions.id, rows.map((r) => r.versionId)));
	const byVersion = new Map(headlines.map((h) => [h.versionId, h]));
	result.hits = rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		title: r.title,
		titleHtml: highlightHtml(byVersion.get(r.versionId)?.title ?? r.title, false),
		fragmentHtml: highlightHtml(byVersion.get(r.versionId)?.body ?? ''),
		status: publicStatus(r.status),
		approvalOrderNumber: r.approvalOrderNumber,
		approvalOrderDate: r.approvalOrderDate,
		effectiveDate: r.effectiveDate,
		orgSlug: r.orgSlug,
		orgName: r.orgName
	}));
	return result;
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
	approvalOrderNumber: string | null;
	approvalOrderDate: string | null;
	effectiveDate: string | null;
	orgSlug: string;
	orgName: string;
}

/** The regions, each with its municipalities, a search may be narrowed to: the form's list. */
export async function searchScopes(db: Database) {
	const rows = await db
		.select({ id: organizations.id, parentId: organizations.parentId, kind: organizations.kind, slug: organizations.slug, shortName: organizations.shortName })
		.from(organizations)
		.where(inArray(organizations.kind, ['region', 'municipality']))
		.orderBy(asc(organizations.shortName));
	return rows
		.filter((r) => r.kind === 'region')
		.map((region) => ({
			slug: region.slug,
			shortName: region.shortName,
			municipalities: rows.filter((m) => m.parentId === region.id).map((m) => ({ slug: m.slug, shortName: m.shortName }))
		}));
}
