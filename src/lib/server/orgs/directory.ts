import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import { organizations } from '../db/schema';

/** Public names of regions and their municipalities with school counts: nothing private. */
export async function publicDirectory(db: Database) {
	const regions = await db
		.select({ id: organizations.id, shortName: organizations.shortName, slug: organizations.slug })
		.from(organizations)
		.where(and(isNull(organizations.parentId), eq(organizations.kind, 'region')))
		.orderBy(asc(organizations.shortName));
	const school = alias(organizations, 'school');
	const municipalities = await db
		.select({
			id: organizations.id,
			parentId: organizations.parentId,
			shortName: organizations.shortName,
			slug: organizations.slug,
			schools: count(school.id)
		})
		.from(organizations)
		.leftJoin(school, and(eq(school.parentId, organizations.id), eq(school.kind, 'school')))
		.where(eq(organizations.kind, 'municipality'))
		.groupBy(organizations.id)
		.orderBy(asc(organizations.shortName));
	return regions.map((r) => ({ ...r, municipalities: municipalities.filter((m) => m.parentId === r.id) }));
}
