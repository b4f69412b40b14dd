import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import {
	acknowledgements,
	campaigns,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	checklists,
	councilOpinions,
	discussions,
	documents,
	helpRequests,
	invitations,
	memberships,
	organizations,
	publicComments,
	reviewRounds,
	users,
	workingGroupMembers,
	type AuditEvent
} from '../db/schema';
import {
	eventChanges,
	eventSentence,
	type FieldChange,
	type Ref,
	type Segment
} from '../../audit/sentences';
import { shortPersonName } from '../../russian/cases';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DescribedEvent {
	id: number;
	seq: number;
	occurredAt: Date;
	sentence: Segment[];
	changes: FieldChange[];
	/** The stored before and after, for platform administrators only. */
	raw: { before: unknown; after: unknown } | null;
}

/** Every id-looking string an event carries, a few levels deep. */
function collectIds(value: unknown, into: Set<string>, depth = 0): void {
	if (depth > 3 || value === null || value === undefined) return;
	if (typeof value === 'string') {
		if (UUID.test(value)) into.add(value.toLowerCase());
	} else if (Array.isArray(value)) for (const v of value) collectIds(v, into, depth + 1);
	else if (typeof value === 'object')
		for (const v of Object.values(value)) collectIds(v, into, depth + 1);
}

/**
 * Names and links of what an organisation's events mention: its documents (and the rounds,
 * discussions, proposals, opinions and acknowledgements of them, which name their document),
 * checklist items, checklists, catalogues, campaigns, people and organisations. Only this
 * organisation's objects are named; an id of anything else stays unnamed and is left out.
 */
export async function resolveRefs(
	db: Database,
	orgId: string,
	ids: Set<string>
): Promise<Map<string, Ref>> {
	const refs = new Map<string, Ref>();
	const list = [...ids];
	if (!list.length) return refs;
	const base = `/app/orgs/${orgId}`;

	const docs = await db
		.select({ id: documents.id, title: documents.title })
		.from(documents)
		.where(and(eq(documents.organizationId, orgId), inArray(documents.id, list)));
	const docRef = new Map(
		docs.map((d) => [d.id, { name: d.title, href: `${base}/documents/${d.id}` }])
	);
	for (const [id, ref] of docRef) refs.set(id, ref);

	// Objects of a document's route are named by their document.
	const children = [
		...(await db
			.select({ id: reviewRounds.id, documentId: reviewRounds.documentId })
			.from(reviewRounds)
			.where(and(eq(reviewRounds.organizationId, orgId), inArray(reviewRounds.id, list)))),
		...(await db
			.select({ id: discussions.id, documentId: discussions.documentId })
			.from(discussions)
			.where(and(eq(discussions.organizationId, orgId), inArray(discussions.id, list)))),
		...(await db
			.select({ id: councilOpinions.id, documentId: councilOpinions.documentId })
			.from(councilOpinions)
			.where(and(eq(councilOpinions.organizationId, orgId), inArray(councilOpinions.id, list)))),
		...(await db
			.select({ id: acknowledgements.id, documentId: acknowledgements.documentId })
			.from(acknowledgements)
			.where(and(eq(acknowledgements.organizationId, orgId), inArray(acknowledgements.id, list)))),
		...(await db
			.select({ id: publicComments.id, documentId: discussions.documentId })
			.from(publicComments)
			.innerJoin(discussions, eq(discussions.id, publicComments.discussionId))
			.where(and(eq(publicComments.organizationId, orgId), inArray(publicComments.id, list))))
	];
	const missingDocs = children.map((c) => c.documentId).filter((id) => !docRef.has(id));
	if (missingDocs.length)
		for (const d of await db
			.select({ id: documents.id, title: documents.title })
			.from(documents)
			.where(and(eq(documents.organizationId, orgId), inArray(documents.id, missingDocs))))
			docRef.set(d.id, { name: d.title, href: `${base}/documents/${d.id}` });
	for (const c of children) {
		const ref = docRef.get(c.documentId);
		if (ref) refs.set(c.id, ref);
	}

	const items = await db
		.select({
			id: checklistItems.id,
			checklistId: checklistItems.checklistId,
			code: catalogueItems.code,
			title: catalogueItems.title
		})
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.where(and(eq(checklistItems.organizationId, orgId), inArray(checklistItems.id, list)));
	for (const i of items)
		refs.set(i.id, {
			name: `${i.code} ${i.title}`,
			href: `${base}/checklists/${i.checklistId}/items/${i.id}`
		});

	const lists = await db
		.select({ id: checklists.id, title: campaigns.title })
		.from(checklists)
		.innerJoin(campaigns, eq(campaigns.id, checklists.campaignId))
		.where(and(eq(checklists.organizationId, orgId), inArray(checklists.id, list)));
	for (const l of lists) refs.set(l.id, { name: l.title, href: `${base}/checklists/${l.id}` });

	for (const c of await db
		.select({ id: campaigns.id, title: campaigns.title })
		.from(campaigns)
		.where(and(eq(campaigns.authorityId, orgId), inArray(campaigns.id, list))))
		refs.set(c.id, { name: c.title, href: `${base}/campaigns/${c.id}` });

	for (const c of await db
		.select({ id: checklistCatalogues.id, title: checklistCatalogues.title })
		.from(checklistCatalogues)
		.where(
			and(eq(checklistCatalogues.ownerOrganizationId, orgId), inArray(checklistCatalogues.id, list))
		))
		refs.set(c.id, { name: c.title, href: `${base}/catalogues/${c.id}` });

	for (const o of await db
		.select({ id: organizations.id, name: organizations.shortName })
		.from(organizations)
		.where(inArray(organizations.id, list)))
		refs.set(o.id, { name: o.name, href: `/app/orgs/${o.id}` });

	for (const h of await db
		.select({ id: helpRequests.id })
		.from(helpRequests)
		.where(and(eq(helpRequests.authorityId, orgId), inArray(helpRequests.id, list))))
		refs.set(h.id, { name: 'обращение', href: `${base}/help` });

	// An invitation is named by its address and found among the organisation's people.
	for (const i of await db
		.select({ id: invitations.id, email: invitations.email })
		.from(invitations)
		.where(and(eq(invitations.organizationId, orgId), inArray(invitations.id, list))))
		refs.set(i.id, { name: i.email, href: `${base}/people` });

	// People: named short; linked to their card when they belong to this organisation.
	const groupRows = await db
		.select({ id: workingGroupMembers.id, userId: workingGroupMembers.userId })
		.from(workingGroupMembers)
		.where(
			and(eq(workingGroupMembers.organizationId, orgId), inArray(workingGroupMembers.id, list))
		);
	const membershipRows = await db
		.select({ id: memberships.id, userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.organizationId, orgId), inArray(memberships.id, list)));
	const userIds = [
		...new Set([...list, ...groupRows.map((g) => g.userId), ...membershipRows.map((m) => m.userId)])
	];
	const people = await db
		.select({ id: users.id, fullName: users.fullName, membershipId: memberships.id })
		.from(users)
		.leftJoin(
			memberships,
			and(eq(memberships.userId, users.id), eq(memberships.organizationId, orgId))
		)
		.where(inArray(users.id, userIds));
	const personRef = new Map<string, Ref>();
	for (const p of people)
		if (!personRef.has(p.id) || p.membershipId)
			personRef.set(p.id, {
				name: shortPersonName(p.fullName),
				...(p.membershipId ? { href: `${base}/people/${p.membershipId}` } : {})
			});
	for (const [id, ref] of personRef) refs.set(id, ref);
	for (const g of [...groupRows, ...membershipRows]) {
		const ref = personRef.get(g.userId);
		if (ref) refs.set(g.id, ref);
	}
	return refs;
}

/** An organisation's events as sentences with their changed fields; the raw JSON only for platform administrators. */
export async function describeEvents(
	db: Database,
	orgId: string,
	events: AuditEvent[],
	withRaw: boolean
): Promise<DescribedEvent[]> {
	const ids = new Set<string>();
	for (const e of events) {
		collectIds(e.entityId, ids);
		collectIds(e.before, ids);
		collectIds(e.after, ids);
	}
	const refs = await resolveRefs(db, orgId, ids);
	return events.map((e) => ({
		id: e.id,
		seq: e.seq,
		occurredAt: e.occurredAt,
		sentence: eventSentence(e, refs),
		changes: eventChanges(e, refs),
		raw:
			withRaw && (hasContent(e.before) || hasContent(e.after))
				? { before: e.before, after: e.after }
				: null
	}));
}

const hasContent = (v: unknown) => !!v && typeof v === 'object' && Object.keys(v).length > 0;
