import { asc } from 'drizzle-orm';
import type { Database } from '../db';
import { organizations, type OrganizationKind } from '../db/schema';

export interface PublicTreeNode {
	id: string;
	kind: OrganizationKind;
	shortName: string;
	slug: string;
	children: PublicTreeNode[];
}

/** Every organisation as the public tree region → municipality → school, by name: names and addresses only. */
export async function publicTree(db: Database): Promise<PublicTreeNode[]> {
	const rows = await db
		.select({ id: organizations.id, parentId: organizations.parentId, kind: organizations.kind, shortName: organizations.shortName, slug: organizations.slug })
		.from(organizations)
		.orderBy(asc(organizations.shortName));
	const nodes = new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind, shortName: r.shortName, slug: r.slug, children: [] as PublicTreeNode[] }]));
	const roots: PublicTreeNode[] = [];
	for (const r of rows) {
		const node = nodes.get(r.id)!;
		const parent = r.parentId ? nodes.get(r.parentId) : undefined;
		if (parent) parent.children.push(node);
		else roots.push(node);
	}
	return roots;
}
