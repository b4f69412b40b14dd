import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import { discussions, documents, organizations, type OrganizationKind } from '../db/schema';
import { todayIn } from '../../format';
import type { DocumentKind } from '../../documents/labels';

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
	if (name.length > NAME_QUERY_MAX) problems.name = `Название — не длиннее ${NAME_QUERY_MAX} символов: сократите запрос.`;
	else if (rawName !== null && name.length < 2) problems.name = 'Напишите хотя бы две буквы названия.';
	const [regions, recent, candidates, found] = await Promise.all([
		regionsWithCounts(db),
		recentlyPublished(db),
		// The window is checked below in each organisation's own zone; a day either side covers them all.
		db
			.select({ id: documents.id, kind: documents.kind, title: documents.title, orgShortName: organizations.shortName, orgSlug: organizations.slug, timeZone: organizations.timeZone, startsOn: discussions.startsOn, endsOn: discussions.endsOn })
			.from(discussions)
			.innerJoin(documents, eq(documents.id, discussions.documentId))
			.innerJoin(organizations, eq(organizations.id, documents.organizationId))
			.where(and(isNull(discussions.closedAt), eq(documents.status, 'discussion'), sql`${discussions.endsOn} >= (${now.toISOString()}::timestamptz at time zone 'UTC')::date - 1`))
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
		.map(({ timeZone: _zone, startsOn: _start, endsOn, ...d }): HomeAct => ({ ...d, date: endsOn }));
	return { regions, recent, discussed, name, found, problems };
}

async function regionsWithCounts(db: Database): Promise<HomeRegion[]> {
	// The materialised path starts with the region's id: one pass over the organisations counts them all.
	const root = sql<string>`split_part(${organizations.path}, '/', 2)`;
	const [regions, counts] = await Promise.all([
		db.select({ id: organizations.id, shortName: organizations.shortName, slug: organizations.slug }).from(organizations).where(isNull(organizations.parentId)).orderBy(asc(organizations.shortName)),
		db
			.select({
				root,
				municipalities: sql<number>`count(*) filter (where ${organizations.kind} = 'municipality')`.mapWith(Number),
				schools: sql<number>`count(*) filter (where ${organizations.kind} = 'school')`.mapWith(Number)
			})
			.from(organizations)
			.groupBy(root)
	]);
	const byRoot = new Map(counts.map((c) => [c.root, c]));
	return regions.map((r) => ({ ...r, municipalities: byRoot.get(r.id)?.municipalities ?? 0, schools: byRoot.get(r.id)?.schools ?? 0 }));
}

async function recentlyPublished(db: Database): Promise<HomeAct[]> {
	const rows = await db
		.select({ id: documents.id, kind: documents.kind, title: documents.title, orgShortName: organizations.shortName, orgSlug: organizations.slug, publishedAt: documents.publishedAt })
		.from(documents)
		.innerJoin(organizations, eq(organizations.id, documents.organizationId))
		.where(and(isNotNull(documents.publishedAt), eq(documents.status, 'published')))
		.orderBy(desc(documents.publishedAt), asc(documents.id))
		.limit(HOME_LIST);
	return rows.map(({ publishedAt, ...r }) => ({ ...r, date: publishedAt!.toISOString() }));
}

async function organizationsNamed(db: Database, name: string): Promise<FoundOrganization[]> {
	const pattern = `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const parent = alias(organizations, 'parent');
	return db
		.select({ kind: organizations.kind, shortName: organizations.shortName, slug: organizations.slug, parentShortName: parent.shortName })
		.from(organizations)
		.leftJoin(parent, eq(parent.id, organizations.parentId))
		.where(or(ilike(organizations.shortName, pattern), ilike(organizations.fullName, pattern)))
		.orderBy(asc(organizations.kind), asc(organizations.shortName))
		.limit(NAME_RESULTS);
}
