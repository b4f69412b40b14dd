import {
	and,
	asc,
	count,
	countDistinct,
	desc,
	eq,
	exists,
	isNotNull,
	max,
	notExists,
	sql,
	type SQL,
	type SQLWrapper
} from 'drizzle-orm';
import type { Database } from '../db';
import {
	acknowledgements,
	documents,
	documentVersions,
	memberships,
	organizations,
	users,
	workingGroupMembers,
	type DocumentRow,
	type Organization
} from '../db/schema';
import { can, type Actor } from '../auth/permissions';
import { isUuid } from '../orgs/queries';

/**
 * The membership row names a person who must acknowledge the act of the documents row: the act
 * names no roles (everyone of its organisation) or names this one, and the person is not the one
 * who approved or signed it — the employer's representative issues the act, the staff are
 * acquainted with it (ст. 22 ТК РФ). Both rows come from the query.
 */
export const roleMustAcknowledge: SQL = sql`((${documents.acknowledgementRoles} is null or ${documents.acknowledgementRoles} @> jsonb_build_array(${memberships.role}::text)) and ${memberships.userId} is distinct from ${documents.approvedBy})`;

/** An act in force that people acknowledge: published, with its approved version fixed. */
const inForce = and(
	eq(documents.status, 'published'),
	isNotNull(documents.publishedAt),
	isNotNull(documents.approvedVersion)
);

function pendingFor(db: Database, userId: string) {
	const mustOne = db
		.select({ one: sql`1` })
		.from(memberships)
		.where(
			and(
				eq(memberships.userId, userId),
				eq(memberships.organizationId, documents.organizationId),
				roleMustAcknowledge
			)
		);
	const done = db
		.select({ one: sql`1` })
		.from(acknowledgements)
		.where(
			and(
				eq(acknowledgements.documentId, documents.id),
				eq(acknowledgements.userId, userId),
				eq(acknowledgements.version, documents.approvedVersion)
			)
		);
	return and(inForce, exists(mustOne), notExists(done));
}

export interface ActToAcknowledge {
	id: string;
	organizationId: string;
	organizationName: string;
	timeZone: string;
	title: string;
	number: string | null;
	approvalOrderNumber: string | null;
	approvalOrderDate: string | null;
	publishedAt: Date;
}

/** The acts a person must still acknowledge, in every organisation they belong to, oldest first. */
export async function mustAcknowledge(db: Database, userId: string): Promise<ActToAcknowledge[]> {
	const rows = await db
		.select({
			id: documents.id,
			organizationId: documents.organizationId,
			organizationName: organizations.shortName,
			timeZone: organizations.timeZone,
			title: documents.title,
			number: documents.number,
			approvalOrderNumber: documents.approvalOrderNumber,
			approvalOrderDate: documents.approvalOrderDate,
			publishedAt: documents.publishedAt
		})
		.from(documents)
		.innerJoin(organizations, eq(organizations.id, documents.organizationId))
		.where(pendingFor(db, userId))
		.orderBy(asc(documents.publishedAt), asc(documents.title));
	return rows.map((r) => ({ ...r, publishedAt: r.publishedAt! }));
}

/** How many acts are waiting for the person: the figure in the navigation. */
export async function mustAcknowledgeCount(db: Database, userId: string): Promise<number> {
	const [row] = await db.select({ n: count() }).from(documents).where(pendingFor(db, userId));
	return row?.n ?? 0;
}

/**
 * A published act the actor may read and acknowledge (they work in its organisation), with the
 * approved version and when they acknowledged it; null when there is no such act for them.
 */
export async function actForAcknowledgement(db: Database, actor: Actor, docId: string) {
	if (!isUuid(docId)) return null;
	const [row] = await db
		.select({ doc: documents, org: organizations })
		.from(documents)
		.innerJoin(organizations, eq(organizations.id, documents.organizationId))
		.where(and(eq(documents.id, docId), inForce));
	if (!row || !can(actor, 'document.acknowledge', row.org)) return null;
	const [version] = await db
		.select()
		.from(documentVersions)
		.where(
			and(
				eq(documentVersions.documentId, docId),
				eq(documentVersions.version, row.doc.approvedVersion!)
			)
		);
	return {
		doc: row.doc,
		org: row.org,
		version: version ?? null,
		acknowledgedAt: await acknowledgedAt(db, row.doc, actor.id)
	};
}

/** When the person acknowledged the approved version of the act, or null. */
export async function acknowledgedAt(
	db: Database,
	doc: Pick<DocumentRow, 'id' | 'approvedVersion'>,
	userId: string
): Promise<Date | null> {
	if (doc.approvedVersion === null) return null;
	const [row] = await db
		.select({ at: acknowledgements.acknowledgedAt })
		.from(acknowledgements)
		.where(
			and(
				eq(acknowledgements.documentId, doc.id),
				eq(acknowledgements.userId, userId),
				eq(acknowledgements.version, doc.approvedVersion)
			)
		);
	return row?.at ?? null;
}

/** Who must acknowledge the act and has not yet, read in the caller's transaction. */
export async function yetToAcknowledgeIds(db: Database, docId: string): Promise<string[]> {
	const done = db
		.select({ one: sql`1` })
		.from(acknowledgements)
		.where(
			and(
				eq(acknowledgements.documentId, documents.id),
				eq(acknowledgements.userId, memberships.userId),
				eq(acknowledgements.version, documents.approvedVersion)
			)
		);
	const rows = await db
		.selectDistinct({ userId: memberships.userId })
		.from(memberships)
		.innerJoin(documents, eq(documents.organizationId, memberships.organizationId))
		.where(and(eq(documents.id, docId), roleMustAcknowledge, notExists(done)));
	return rows.map((r) => r.userId);
}

export interface AcknowledgementPerson {
	userId: string;
	fullName: string;
	position: string | null;
	acknowledgedAt: Date | null;
}

export interface AcknowledgementStatus {
	people: AcknowledgementPerson[];
	total: number;
	acknowledged: number;
}

/**
 * Everyone who must acknowledge the act, by name, with the position from their membership or
 * the working group, and when they acknowledged its approved version (null: not yet).
 */
export async function acknowledgementStatus(
	db: Database,
	org: Pick<Organization, 'id'>,
	doc: Pick<DocumentRow, 'id' | 'organizationId'>
): Promise<AcknowledgementStatus> {
	if (doc.organizationId !== org.id) return { people: [], total: 0, acknowledged: 0 };
	const rows = await db
		.select({
			userId: users.id,
			fullName: users.fullName,
			position: sql<
				string | null
			>`coalesce(${max(memberships.position)}, ${max(workingGroupMembers.position)})`,
			acknowledgedAt: max(acknowledgements.acknowledgedAt)
		})
		.from(memberships)
		.innerJoin(documents, eq(documents.organizationId, memberships.organizationId))
		.innerJoin(users, eq(users.id, memberships.userId))
		.leftJoin(
			workingGroupMembers,
			and(
				eq(workingGroupMembers.organizationId, memberships.organizationId),
				eq(workingGroupMembers.userId, memberships.userId),
				sql`${workingGroupMembers.removedAt} is null`
			)
		)
		.leftJoin(
			acknowledgements,
			and(
				eq(acknowledgements.documentId, documents.id),
				eq(acknowledgements.userId, memberships.userId),
				eq(acknowledgements.version, documents.approvedVersion)
			)
		)
		.where(and(eq(documents.id, doc.id), roleMustAcknowledge))
		.groupBy(users.id, users.fullName)
		.orderBy(asc(users.fullName));
	const people = rows.map((r) => ({
		...r,
		acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt) : null
	}));
	return {
		people,
		total: people.length,
		acknowledged: people.filter((p) => p.acknowledgedAt).length
	};
}

/** The people of the act's organisation who must acknowledge it, and each one's acknowledgement of the approved version. */
const mustAcknowledgeMember = and(
	eq(memberships.organizationId, documents.organizationId),
	roleMustAcknowledge
);
const theirAcknowledgement = and(
	eq(acknowledgements.documentId, documents.id),
	eq(acknowledgements.userId, memberships.userId),
	eq(acknowledgements.version, documents.approvedVersion)
);

export interface AcknowledgementProgress {
	id: string;
	title: string;
	publishedAt: Date;
	total: number;
	acknowledged: number;
}

/** For the head: how far acknowledgement of each act in force has got, newest publication first. */
export async function acknowledgementProgress(
	db: Database,
	orgId: string,
	limit = 20
): Promise<AcknowledgementProgress[]> {
	const rows = await db
		.select({
			id: documents.id,
			title: documents.title,
			publishedAt: documents.publishedAt,
			total: countDistinct(memberships.userId),
			acknowledged: countDistinct(acknowledgements.userId)
		})
		.from(documents)
		.leftJoin(memberships, mustAcknowledgeMember)
		.leftJoin(acknowledgements, theirAcknowledgement)
		.where(and(eq(documents.organizationId, orgId), inForce))
		.groupBy(documents.id)
		.orderBy(desc(documents.publishedAt))
		.limit(limit);
	return rows.map((r) => ({ ...r, publishedAt: r.publishedAt! }));
}

export interface AcknowledgementSummary {
	/** Acts in force that somebody must acknowledge. */
	acts: number;
	/** Person-and-act pairs: who must acknowledge, over all those acts. */
	total: number;
	acknowledged: number;
}

/** The head's one line: «ознакомлены 12 из 40 по 8 актам», over every act in force (same joins as the progress). */
export async function acknowledgementSummary(
	db: Database,
	orgId: string
): Promise<AcknowledgementSummary> {
	// A person may hold two roles in the school: pairs are counted once (the text is null without a person).
	const pair = (userId: SQLWrapper) => sql`${documents.id}::text || ':' || ${userId}::text`;
	const [row] = await db
		.select({
			acts: sql<number>`count(distinct case when ${memberships.userId} is not null then ${documents.id} end)::int`,
			total: sql<number>`count(distinct ${pair(memberships.userId)})::int`,
			acknowledged: sql<number>`count(distinct ${pair(acknowledgements.userId)})::int`
		})
		.from(documents)
		.leftJoin(memberships, mustAcknowledgeMember)
		.leftJoin(acknowledgements, theirAcknowledgement)
		.where(and(eq(documents.organizationId, orgId), inForce));
	return { acts: row?.acts ?? 0, total: row?.total ?? 0, acknowledged: row?.acknowledged ?? 0 };
}

/** The person's acknowledgement of an act, for the confirmation after the button. */
export async function acknowledgementOf(db: Database, userId: string, docId: string) {
	if (!isUuid(docId)) return null;
	const [row] = await db
		.select({
			title: documents.title,
			acknowledgedAt: acknowledgements.acknowledgedAt,
			timeZone: organizations.timeZone
		})
		.from(acknowledgements)
		.innerJoin(documents, eq(documents.id, acknowledgements.documentId))
		.innerJoin(organizations, eq(organizations.id, documents.organizationId))
		.where(
			and(
				eq(acknowledgements.documentId, docId),
				eq(acknowledgements.userId, userId),
				eq(acknowledgements.version, documents.approvedVersion)
			)
		);
	return row ?? null;
}
