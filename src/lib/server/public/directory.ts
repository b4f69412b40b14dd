import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import { discussions, documents, organizations, type OrganizationKind } from '../db/schema';
import { todayIn } from '../../format';
import type { DocumentKind } from '../../documents/labels';
import { containsPattern } from '../db/contains';

export const HOME_LIST = 8;
export const NAME_QUERY_MAX = 100;
const NAME_RESULTS = 20;

export interface HomeRegion {
	id: string;
	shortName: string;
	slug: string;
	municipalities: number;
	schools: number;
}

export interface HomeAct {
	id: string;
	kind: DocumentKind;
	title: string;
	orgShortName: string;
	orgSlug: string;
	/** ISO date-time of publication, or the last day of the discussion. */
	date: string;
}

export interface FoundOrganization {
	kind: OrganizationKind;
	shortName: string;
	slug: string;
	parentShortName: string | null;
}

/**
 * The portal's front page, the same size for 40 schools or 40,000: the regions with how many
 * municipalities and schools each has (the rest is a click away, on each region's page), the acts
 * published last, the drafts now in public discussion, and the organisations whose name has `name`.
 */
export async function publicHome(db: Database, rawName: string | null, now = new Date()) {
	const name = (rawName ?? '').trim();
	const problems: Record<string, string> = {};
	if (name.length > NAME_QUERY_MAX)
		problems.name = `Название — не длиннее ${NAME_QUERY_MAX} символов: сократите запрос.`;
	else if (rawName !== null && name.length < 2)
		problems.name = 'Напишите хотя бы две буквы названия.';
	const [regions, recent, candidates, found] = await Promise.all([
		regionsWithCounts(db),
		recentlyPublished(db),
		// The window is checked below in each organisation's own zone; a day either side covers them all.
		db
			.select({
				id: documents.id,
				kind: documents.kind,
				title: documents.title,
				orgShortName: organizations.shortName,
				orgSlug: organizations.slug,
				timeZone: organizations.timeZone,
				startsOn: discussions.startsOn,
				endsOn: discussions.endsOn
			})
			.from(discussions)
			.innerJoin(documents, eq(documents.id, discussions.documentId))
			.innerJoin(organizations, eq(organizations.id, documents.organizationId))
			.where(
				and(
					isNull(discussions.closedAt),
					eq(documents.status, 'discussion'),
					sql`${discussions.endsOn} >= (${now.toISOString()}::timestamptz at time zone 'UTC')::date - 1`
				)
			)
			.orderBy(asc(discussions.endsOn), asc(documents.title))
			.limit(HOME_LIST * 4),
		name && !problems.name ? organizationsNamed(db, name) : Promise.resolve([])
	]);
	const discussed = candidates
		.filter((d) => {
			const today = todayIn(d.timeZone, now);
			return d.startsOn <= today && today <= d.endsOn;
		})
		.slice(0, HOME_LIST)
		.map(({ timeZone: _zone, startsOn: _start, endsOn, ...d }): HomeAct => ({
			...d,
			date: endsOn
		}));
	return { regions, recent, discussed, name, found, problems };
}

async function regionsWithCounts(db: Database): Promise<HomeRegion[]> {
	// Counted from organizations_kind_parent_idx alone (a country's 40,000 rows read in a few milliseconds):
	// municipalities and schools by parent, then each municipality's schools added to its region.
	const [regions, counts, municipalities] = await Promise.all([
		db
			.select({
				id: organizations.id,
				shortName: organizations.shortName,
				slug: organizations.slug
			})
			.from(organizations)
			.where(isNull(organizations.parentId))
			.orderBy(asc(organizations.shortName)),
		db
			.select({ kind: organizations.kind, parentId: organizations.parentId, n: count() })
			.from(organizations)
			.where(inArray(organizations.kind, ['municipality', 'school']))
			.groupBy(organizations.kind, organizations.parentId),
		db
			.select({ id: organizations.id, regionId: organizations.parentId })
			.from(organizations)
			.where(eq(organizations.kind, 'municipality'))
	]);
	const regionOf = new Map(municipalities.map((m) => [m.id, m.regionId]));
	const totals = new Map<string, { municipalities: number; schools: number }>(
		regions.map((r) => [r.id, { municipalities: 0, schools: 0 }])
	);
	for (const c of counts) {
		if (!c.parentId) continue;
		// A school sits under a municipality or, regional, directly under its region.
		const region = totals.get(
			c.kind === 'school' ? (regionOf.get(c.parentId) ?? c.parentId) : c.parentId
		);
		if (region) region[c.kind === 'school' ? 'schools' : 'municipalities'] += c.n;
	}
	return regions.map((r) => ({ ...r, ...totals.get(r.id)! }));
}

async function recentlyPublished(db: Database): Promise<HomeAct[]> {
	const rows = await db
		.select({
			id: documents.id,
			kind: documents.kind,
			title: documents.title,
			orgShortName: organizations.shortName,
			orgSlug: organizations.slug,
			publishedAt: documents.publishedAt
		})
		.from(documents)
		.innerJoin(organizations, eq(organizations.id, documents.organizationId))
		.where(and(isNotNull(documents.publishedAt), eq(documents.status, 'published')))
		// The index's own order (documents_published_at_idx): eight rows read, not a country's sorted.
		.orderBy(sql`${documents.publishedAt} desc nulls last`, asc(documents.id))
		.limit(HOME_LIST);
	return rows.map(({ publishedAt, ...r }) => ({ ...r, date: publishedAt!.toISOString() }));
}

async function organizationsNamed(db: Database, name: string): Promise<FoundOrganization[]> {
	const pattern = containsPattern(name);
	const parent = alias(organizations, 'parent');
	return db
		.select({
			kind: organizations.kind,
			shortName: organizations.shortName,
			slug: organizations.slug,
			parentShortName: parent.shortName
		})
		.from(organizations)
		.leftJoin(parent, eq(parent.id, organizations.parentId))
		.where(or(ilike(organizations.shortName, pattern), ilike(organizations.fullName, pattern)))
		.orderBy(asc(organizations.kind), asc(organizations.shortName))
		.limit(NAME_RESULTS);
}
