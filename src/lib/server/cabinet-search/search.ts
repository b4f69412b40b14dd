import { and, asc, desc, eq, ilike, like, or, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import {
	catalogueItems,
	checklistItems,
	documents,
	memberships,
	organizations,
	users
} from '../db/schema';
import { viewRoots, type Actor } from '../auth/permissions';
import { containsPattern } from '../db/contains';
import { withoutNul } from '../forms/errors';
import { documentKindLabels, documentStatusLabels } from '../../documents/labels';
import { itemStatusLabels } from '../../checklists/labels';
import { roleLabels } from '../../people/labels';
import { organizationKindShort } from '../../orgs/labels';

/** Rows shown per group; one more is read to know that there are more. */
export const GROUP_SIZE = 10;
const MIN_LENGTH = 2;
const MAX_LENGTH = 100;

export interface CabinetHit {
	href: string;
	title: string;
	/** What and where: the kind and state, and the organisation when the view spans several. */
	detail: string;
}

export interface CabinetGroup {
	key: 'organizations' | 'documents' | 'items' | 'people';
	hits: CabinetHit[];
	more: boolean;
}

export type CabinetSearch = { query: string; problem: string | null; groups: CabinetGroup[] };

/**
 * One box for everything a person may open in the cabinet: the documents, checklist items and
 * people of the organisations she may see (her own, and for an authority every one under it),
 * and for an authority those organisations themselves. Nothing outside her view is read.
 */
export async function searchCabinet(
	db: Database,
	actor: Actor,
	raw: string
): Promise<CabinetSearch> {
	const query = withoutNul(raw).trim().replace(/\s+/g, ' ').slice(0, MAX_LENGTH);
	if (query.length < MIN_LENGTH)
		return { query, problem: query ? 'Введите хотя бы два знака.' : null, groups: [] };
	const scope = scopeOf(actor);
	if (scope === 'nothing') return { query, problem: null, groups: [] };
	const pattern = containsPattern(query);
	const inScope = (extra: SQL | undefined) => (scope ? and(scope, extra) : extra);
	const wide =
		actor.isAdmin ||
		actor.memberships.some((m) => m.role === 'authority') ||
		viewRoots(actor).length > 1;
	const where = (shortName: string) => (wide ? ` · ${shortName}` : '');

	const [orgRows, docRows, itemRows, peopleRows] = await Promise.all([
		wide
			? db
					.select({
						id: organizations.id,
						shortName: organizations.shortName,
						kind: organizations.kind
					})
					.from(organizations)
					.where(
						inScope(
							or(
								ilike(organizations.shortName, pattern),
								ilike(organizations.fullName, pattern),
								eq(organizations.inn, query)
							)
						)
					)
					.orderBy(asc(organizations.kind), asc(organizations.shortName))
					.limit(GROUP_SIZE + 1)
			: [],
		db
			.select({
				id: documents.id,
				orgId: documents.organizationId,
				title: documents.title,
				number: documents.number,
				kind: documents.kind,
				status: documents.status,
				shortName: organizations.shortName
			})
			.from(documents)
			.innerJoin(organizations, eq(organizations.id, documents.organizationId))
			.where(inScope(or(ilike(documents.title, pattern), ilike(documents.number, pattern))))
			.orderBy(desc(documents.updatedAt), asc(documents.id))
			.limit(GROUP_SIZE + 1),
		db
			.select({
				id: checklistItems.id,
				orgId: checklistItems.organizationId,
				checklistId: checklistItems.checklistId,
				code: catalogueItems.code,
				title: catalogueItems.title,
				status: checklistItems.status,
				dueOn: checklistItems.dueOn,
				shortName: organizations.shortName
			})
			.from(checklistItems)
			.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
			.innerJoin(organizations, eq(organizations.id, checklistItems.organizationId))
			.where(inScope(or(ilike(catalogueItems.title, pattern), eq(catalogueItems.code, query))))
			.orderBy(asc(checklistItems.dueOn), asc(checklistItems.id))
			.limit(GROUP_SIZE + 1),
		db
			.select({
				membershipId: memberships.id,
				orgId: memberships.organizationId,
				fullName: users.fullName,
				email: users.email,
				role: memberships.role,
				position: memberships.position,
				shortName: organizations.shortName
			})
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.innerJoin(organizations, eq(organizations.id, memberships.organizationId))
			.where(inScope(or(ilike(users.fullName, pattern), ilike(users.email, pattern))))
			.orderBy(asc(users.fullName), asc(memberships.id))
			.limit(GROUP_SIZE + 1)
	]);

	const groups: CabinetGroup[] = [
		group('organizations', orgRows, (o) => ({
			href: `/app/orgs/${o.id}`,
			title: o.shortName,
			detail: organizationKindShort[o.kind]
		})),
		group('documents', docRows, (d) => ({
			href: `/app/orgs/${d.orgId}/documents/${d.id}`,
			title: d.number ? `${d.title}, № ${d.number}` : d.title,
			detail: `${documentKindLabels[d.kind]} · ${documentStatusLabels[d.status].toLowerCase()}${where(d.shortName)}`
		})),
		group('items', itemRows, (i) => ({
			href: `/app/orgs/${i.orgId}/checklists/${i.checklistId}/items/${i.id}`,
			title: `${i.code}. ${i.title}`,
			detail: `${itemStatusLabels[i.status]}${where(i.shortName)}`
		})),
		group('people', peopleRows, (p) => ({
			href: `/app/orgs/${p.orgId}/people`,
			title: p.fullName,
			detail: `${p.position || roleLabels[p.role]}${where(p.shortName)}`
		}))
	];
	return { query, problem: null, groups: groups.filter((g) => g.hits.length) };
}

function group<R>(key: CabinetGroup['key'], rows: R[], hit: (row: R) => CabinetHit): CabinetGroup {
	return { key, hits: rows.slice(0, GROUP_SIZE).map(hit), more: rows.length > GROUP_SIZE };
}

/** The organisations the actor may look into, as a condition on `organizations`; none for an administrator. */
function scopeOf(actor: Actor): SQL | undefined | 'nothing' {
	if (actor.isAdmin) return undefined;
	const roots = viewRoots(actor);
	if (!roots.length) return 'nothing';
	return or(...roots.map((r) => like(organizations.path, `${r.organizationPath}%`)));
}
