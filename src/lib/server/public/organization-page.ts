import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { discussions, documents, organizations, type Organization } from '../db/schema';
import { ancestorsOf } from '../orgs/queries';
import { orgTag, profileTag, publicPageTags } from './changes';
import { todayIn } from '../../format';
import { documentKinds, type DocumentKind } from '../../documents/labels';
import {
	discussionOpenOn,
	isPublished,
	organizationAt,
	publicStatus,
	type PublicStatus
} from './visibility';

/** An address people may follow: only http(s), so a profile cannot smuggle a script link into the page. */
export function websiteHref(website: string | null): string | null {
	const value = website?.trim();
	if (!value) return null;
	const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
	try {
		const url = new URL(withScheme);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

/** The profile fields the public page shows: the organisation's public requisites, nothing about its people's accounts. */
export function publicProfile(org: Organization) {
	return {
		id: org.id,
		kind: org.kind,
		slug: org.slug,
		fullName: org.fullName,
		shortName: org.shortName,
		headName: org.headName,
		headPosition: org.headPosition,
		address: org.address,
		website: org.website,
		websiteHref: websiteHref(org.website),
		inn: org.inn,
		journalSystem: org.journalSystem,
		journalSystemOther: org.journalSystemOther,
		paperlessSince: org.paperlessSince,
		timeZone: org.timeZone,
		readinessPublic: org.readinessPublic
	};
}

export type PublicProfile = ReturnType<typeof publicProfile>;

export interface PublicActRow {
	id: string;
	kind: DocumentKind;
	title: string;
	number: string | null;
	documentDate: string | null;
	approvalOrderNumber: string | null;
	approvalOrderDate: string | null;
	effectiveDate: string | null;
	status: PublicStatus;
	/** The act's earlier editions (no longer in force), newest first. */
	earlier: Omit<PublicActRow, 'earlier'>[];
}

/** Breadcrumbs of a public page: the organisation's authorities from the top down. */
export async function publicAncestors(db: Database, org: Organization) {
	return (await ancestorsOf(db, org)).map((a) => ({
		id: a.id,
		slug: a.slug,
		shortName: a.shortName
	}));
}

/**
 * An organisation's public page: its profile, its published acts grouped by kind (as the «Документы»
 * subsection of a school's site), the drafts now in public discussion and, for an authority, the
 * organisations under it. Null when there is no such organisation.
 */
export async function publicOrganization(db: Database, slug: string, now = new Date()) {
	const org = await organizationAt(db, slug);
	if (!org) return null;
	const today = todayIn(org.timeZone, now);
	const [ancestors, acts, open, children] = await Promise.all([
		publicAncestors(db, org),
		db
			.select({
				id: documents.id,
				kind: documents.kind,
				title: documents.title,
				number: documents.number,
				documentDate: documents.documentDate,
				approvalOrderNumber: documents.approvalOrderNumber,
				approvalOrderDate: documents.approvalOrderDate,
				effectiveDate: documents.effectiveDate,
				status: documents.status,
				editionOf: documents.editionOf
			})
			.from(documents)
			.where(and(eq(documents.organizationId, org.id), isPublished))
			// Acts in force first, then the newest approval.
			.orderBy(
				sql`${documents.status} = 'published' desc`,
				sql`coalesce(${documents.approvalOrderDate}, ${documents.documentDate}) desc nulls last`,
				asc(documents.title)
			),
		db
			.select({
				id: documents.id,
				kind: documents.kind,
				title: documents.title,
				startsOn: discussions.startsOn,
				endsOn: discussions.endsOn
			})
			.from(discussions)
			.innerJoin(documents, eq(documents.id, discussions.documentId))
			.where(
				and(
					eq(discussions.organizationId, org.id),
					eq(documents.organizationId, org.id),
					discussionOpenOn(today)
				)
			)
			.orderBy(asc(discussions.endsOn), asc(documents.title)),
		childrenWithActs(db, org.id)
	]);
	// One entry per act: its edition in force (or, when none is, its latest), the earlier editions under it.
	const byAct = new Map<string, PublicActRow>();
	for (const { editionOf, ...row } of acts) {
		const act = { ...row, status: publicStatus(row.status) };
		const root = editionOf ?? row.id;
		const head = byAct.get(root);
		if (!head) byAct.set(root, { ...act, earlier: [] });
		else head.earlier.push(act);
	}
	const byKind = new Map<DocumentKind, PublicActRow[]>();
	for (const act of byAct.values()) {
		const list = byKind.get(act.kind) ?? [];
		list.push(act);
		byKind.set(act.kind, list);
	}
	return {
		org: publicProfile(org),
		ancestors,
		groups: documentKinds
			.filter((k) => byKind.has(k))
			.map((kind) => ({ kind, acts: byKind.get(kind)! })),
		discussions: open,
		children,
		// The list of organisations under it shows their names and how many acts each has in force.
		cacheTags: [
			...publicPageTags(org, ancestors),
			...children.flatMap((c) => [orgTag(c.id), profileTag(c.id)])
		]
	};
}

/** The organisations directly under an authority, each with the number of its acts in force. */
async function childrenWithActs(db: Database, parentId: string) {
	const children = await db
		.select({
			id: organizations.id,
			kind: organizations.kind,
			shortName: organizations.shortName,
			slug: organizations.slug
		})
		.from(organizations)
		.where(eq(organizations.parentId, parentId))
		.orderBy(asc(organizations.shortName));
	if (!children.length) return [];
	const counts = await db
		.select({ organizationId: documents.organizationId, acts: count() })
		.from(documents)
		.where(
			and(
				inArray(
					documents.organizationId,
					children.map((c) => c.id)
				),
				isPublished,
				eq(documents.status, 'published')
			)
		)
		.groupBy(documents.organizationId);
	const actsOf = new Map(counts.map((c) => [c.organizationId, c.acts]));
	return children.map((c) => ({ ...c, acts: actsOf.get(c.id) ?? 0 }));
}
