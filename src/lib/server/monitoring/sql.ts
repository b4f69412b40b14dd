import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import type { Organization } from '../db/schema';

/**
 * Rows of a raw query: postgres-js answers an array, PGlite an object holding `rows`. PostgreSQL's
 * JIT is off for them: over a region's thousand schools these statements are costed far above its
 * threshold yet run in tens of milliseconds, and compiling them took a second (bench:monitoring).
 * `settings` are further planner settings for this statement only.
 */
export async function rowsOf<T>(
	db: Database,
	query: SQL,
	settings: Record<string, string> = {}
): Promise<T[]> {
	const result = (await db.transaction(async (tx) => {
		await tx.execute(sql`set local jit = off`);
		for (const [name, value] of Object.entries(settings))
			await tx.execute(sql`select set_config(${name}, ${value}, true)`);
		return tx.execute(query);
	})) as unknown as T[] | { rows: T[] };
	return Array.isArray(result) ? result : result.rows;
}

/** Everything under the authority (not itself), by the materialised path's indexed prefix match. */
export const underAuthority = (authority: Pick<Organization, 'id' | 'path'>, alias = 'o') =>
	sql`${sql.raw(alias)}.path like ${authority.path + '%'} and ${sql.raw(alias)}.id <> ${authority.id}`;

/** The organisations a dashboard lists: schools, and for a region also its municipalities. */
export const listedKinds = (authority: Pick<Organization, 'kind'>, alias = 'o') =>
	authority.kind === 'region'
		? sql`${sql.raw(alias)}.kind in ('school', 'municipality')`
		: sql`${sql.raw(alias)}.kind = 'school'`;
