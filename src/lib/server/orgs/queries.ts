import { asc, count, eq, inArray, isNull, like } from 'drizzle-orm';
import type { Database } from '../db';
import { memberships, organizations, type Organization } from '../db/schema';

export async function findOrganization(db: Database, id: string): Promise<Organization | null> {
	if (!isUuid(id)) return null;
	const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
	return row ?? null;
}

export async function findOrganizationBySlug(
	db: Database,
	slug: string
): Promise<Organization | null> {
	const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
	return row ?? null;
}

export const isUuid = (v: string) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** The organisation's ancestors from the top down, for breadcrumbs. */
export async function ancestorsOf(db: Database, org: Organization): Promise<Organization[]> {
	const ids = org.path.split('/').filter((id) => id && id !== org.id);
	if (!ids.length) return [];
	const rows = await db.select().from(organizations).where(inArray(organizations.id, ids));
	return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is Organization => !!r);
}

export interface TreeNode {
	id: string;
	kind: Organization['kind'];
	shortName: string;
	slug: string;
	depth: number;
	people: number;
}

/** The organisation and everything under it, depth-first by name, with head counts. */
export async function subtree(db: Database, root: Pick<Organization, 'path'>): Promise<TreeNode[]> {
	const rows = await db
		.select({
			id: organizations.id,
			kind: organizations.kind,
			shortName: organizations.shortName,
			slug: organizations.slug,
			path: organizations.path,
			parentId: organizations.parentId,
			people: count(memberships.id)
		})
		.from(organizations)
		.leftJoin(memberships, eq(memberships.organizationId, organizations.id))
		.where(like(organizations.path, `${root.path}%`))
		.groupBy(organizations.id)
		.orderBy(asc(organizations.shortName));
	const children = new Map<string | null, typeof rows>();
	for (const r of rows) {
		const list = children.get(r.parentId) ?? [];
		list.push(r);
		children.set(r.parentId, list);
	}
	const rootDepth = root.path.split('/').filter(Boolean).length;
	const out: TreeNode[] = [];
	const visit = (r: (typeof rows)[number]) => {
		out.push({
			id: r.id,
			kind: r.kind,
			shortName: r.shortName,
			slug: r.slug,
			depth: r.path.split('/').filter(Boolean).length - rootDepth,
			people: r.people
		});
		for (const c of children.get(r.id) ?? []) visit(c);
	};
	const top = rows.find((r) => r.path === root.path);
	if (top) visit(top);
	return out;
}

export async function topLevelOrganizations(db: Database): Promise<Organization[]> {
	return db
		.select()
		.from(organizations)
		.where(isNull(organizations.parentId))
		.orderBy(asc(organizations.shortName));
}
