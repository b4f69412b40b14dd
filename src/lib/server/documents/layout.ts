import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import {
	acknowledgements,
	councilOpinions,
	documentVersions,
	reviewDecisions,
	reviewRounds,
	users,
	workingGroupMembers,
	type DocumentRow,
	type Organization
} from '../db/schema';
import type { DocumentLayout } from '../render/layout';
import { peopleOf } from '../people/memberships';
import { documentKindTitles } from '../../documents/labels';
import {
	adoptingBodyGenitiveLabels,
	councilGenitiveLabels,
	reviewDecisionLabels,
	type AdoptingBody
} from '../../workflow/labels';
import { todayIn } from '../../format';
import { declineInitialsFirst, declinePosition } from '../../russian/cases';

/** A citizen's statement and consent are written to the head, not on the organisation's blank. */
const CITIZEN_KINDS = new Set<DocumentRow['kind']>(['statement', 'consent']);

/** «Директору МБОУ «Школа № 1»», «М. П. Ивановой»: whom a citizen writes to, a blank when the head is not named. */
export function addresseeLines(
	org: Pick<Organization, 'shortName' | 'headName' | 'headPosition'>
): string[] {
	const position = declinePosition(org.headPosition?.trim() || 'директор', 'dat');
	return [
		`${position.charAt(0).toLocaleUpperCase('ru-RU')}${position.slice(1)} ${org.shortName}`,
		org.headName?.trim() ? declineInitialsFirst(org.headName, 'dat') : '______________________'
	];
}

/** Requisites that come from what happened on the route, not from the registry row alone. */
export interface RouteRequisites {
	opinions: NonNullable<DocumentLayout['opinions']>;
	executor: DocumentLayout['executor'];
	acquainted: NonNullable<DocumentLayout['acquainted']>;
	approvalSheet: NonNullable<DocumentLayout['approvalSheet']>;
}

export const NO_ROUTE_REQUISITES: RouteRequisites = {
	opinions: [],
	executor: null,
	acquainted: [],
	approvalSheet: []
};

/**
 * How a document is laid out on paper: the registry's requisites around the version's text, by its
 * class. An order carries its own date and number; a local act the УТВЕРЖДЕНО stamp of the order that
 * approved it, ПРИНЯТО and УЧТЕНО МНЕНИЕ where they were recorded; an appendix «Приложение к приказу»;
 * a record only its date, number and signature. A citizen's statement or consent has no letterhead but the
 * addressee and the citizen's own signature; an agreement signed by both parties ends with their block.
 */
export function documentLayout(
	doc: DocumentRow,
	org: Organization,
	source: string,
	route: RouteRequisites = NO_ROUTE_REQUISITES
): DocumentLayout {
	const head = org.headName;
	const approvedByOrder = !!(doc.approvalOrderNumber && doc.approvalOrderDate);
	const citizen = CITIZEN_KINDS.has(doc.kind);
	return {
		organizationName: org.fullName,
		organizationShortName: org.shortName,
		letterhead: !citizen,
		addressee: citizen ? addresseeLines(org) : null,
		applicantSignature: citizen && doc.signature !== 'head',
		parties: doc.signature === 'parties',
		kindTitle: doc.kindTitle ?? documentKindTitles[doc.kind],
		heading: doc.heading ?? doc.title,
		number: doc.number,
		date: doc.documentDate,
		place: doc.place,
		// An act and an appendix take their date and number from the approving order's stamp.
		dateLine:
			doc.documentClass === 'order' ||
			doc.documentClass === 'record' ||
			!!doc.number ||
			!!doc.documentDate,
		approval:
			doc.documentClass === 'act' && approvedByOrder
				? {
						authority: org.shortName,
						orderNumber: doc.approvalOrderNumber!,
						orderDate: doc.approvalOrderDate!
					}
				: null,
		appendix:
			doc.documentClass === 'appendix' && approvedByOrder
				? {
						index: doc.appendixNumber,
						authority: org.shortName,
						orderNumber: doc.approvalOrderNumber!,
						orderDate: doc.approvalOrderDate!
					}
				: null,
		adopted:
			doc.documentClass === 'act' && doc.adoptedBody
				? {
						body: `на заседании ${adoptingBodyGenitiveLabels[doc.adoptedBody as AdoptingBody] ?? doc.adoptedBody}`,
						minutesNumber: doc.adoptedMinutesNumber,
						minutesDate: doc.adoptedMinutesDate
					}
				: null,
		opinions: doc.documentClass === 'act' ? route.opinions : [],
		executor: doc.documentClass === 'order' ? route.executor : null,
		acquainted: doc.documentClass === 'order' ? route.acquainted : [],
		approvalSheet: route.approvalSheet,
		signature:
			doc.signature === 'head' && head
				? { position: org.headPosition ?? 'Директор', name: head }
				: null,
		body: source
	};
}

/**
 * The requisites the route recorded. Internal copies (the cabinet, its DOCX) carry all of them; the
 * public copy leaves out the approval sheet and the acknowledgement marks, which name employees and
 * their dates and are not part of the act the public reads.
 */
export async function routeRequisites(
	db: Database,
	doc: DocumentRow,
	org: Organization,
	audience: 'internal' | 'public'
): Promise<RouteRequisites> {
	const opinions = doc.documentClass === 'act' ? await givenOpinions(db, doc) : [];
	if (audience === 'public') return { ...NO_ROUTE_REQUISITES, opinions };
	const people = await peopleOf(db, org.id);
	const positionOf = (userId: string | null) =>
		people.find((p) => p.userId === userId && p.position)?.position ?? null;
	return {
		opinions,
		executor: doc.documentClass === 'order' ? await executorOf(db, doc, positionOf) : null,
		acquainted: doc.documentClass === 'order' ? await acquaintedWith(db, doc, org, people) : [],
		approvalSheet:
			doc.documentClass === 'record' ? [] : await approvalSheetOf(db, doc, org, positionOf)
	};
}

/** Convenience for the pages: the layout with the route's requisites for this audience. */
export async function loadDocumentLayout(
	db: Database,
	doc: DocumentRow,
	org: Organization,
	source: string,
	audience: 'internal' | 'public'
): Promise<DocumentLayout> {
	return documentLayout(doc, org, source, await routeRequisites(db, doc, org, audience));
}

/** УЧТЕНО МНЕНИЕ: each council that gave its opinion on the version approved (or on the draft), with its minutes. */
async function givenOpinions(db: Database, doc: DocumentRow): Promise<RouteRequisites['opinions']> {
	const rows = await db
		.select()
		.from(councilOpinions)
		.where(eq(councilOpinions.documentId, doc.id))
		.orderBy(asc(councilOpinions.council));
	return rows
		.filter(
			(o) =>
				o.result &&
				['supports', 'remarks', 'against'].includes(o.result) &&
				o.answeredOn &&
				o.version === (doc.approvedVersion ?? doc.currentVersion)
		)
		.map((o) => ({
			council: councilGenitiveLabels[o.council].replace(/^./, (c) => c.toLocaleUpperCase('ru-RU')),
			minutesNumber: o.minutesNumber,
			minutesDate: o.answeredOn!
		}));
}

/** Отметка об исполнителе: who prepared the order — its author, with the position held in the organisation or the group. */
async function executorOf(
	db: Database,
	doc: DocumentRow,
	positionOf: (id: string | null) => string | null
): Promise<RouteRequisites['executor']> {
	if (!doc.authorId) return null;
	const [author] = await db
		.select({ fullName: users.fullName })
		.from(users)
		.where(eq(users.id, doc.authorId));
	if (!author) return null;
	const [member] = await db
		.select({ position: workingGroupMembers.position })
		.from(workingGroupMembers)
		.where(
			and(
				eq(workingGroupMembers.organizationId, doc.organizationId),
				eq(workingGroupMembers.userId, doc.authorId)
			)
		)
		.orderBy(desc(workingGroupMembers.addedAt))
		.limit(1);
	return { name: author.fullName, position: member?.position || positionOf(doc.authorId) };
}

/**
 * «С приказом ознакомлены»: the employees the order names (its variables of type people), each with
 * the day they acknowledged the signed order in the system, or a blank to sign on paper.
 */
async function acquaintedWith(
	db: Database,
	doc: DocumentRow,
	org: Organization,
	people: Awaited<ReturnType<typeof peopleOf>>
): Promise<RouteRequisites['acquainted']> {
	const [version] = await db
		.select({ variables: documentVersions.variables })
		.from(documentVersions)
		.where(
			and(
				eq(documentVersions.documentId, doc.id),
				eq(documentVersions.version, doc.approvedVersion ?? doc.currentVersion)
			)
		);
	const named = new Map<string, string | null>();
	for (const value of Object.values((version?.variables ?? {}) as Record<string, unknown>))
		if (Array.isArray(value))
			for (const p of value)
				if (p && typeof p === 'object' && 'full_name' in p)
					named.set(
						String((p as { full_name: string }).full_name),
						(p as { position?: string }).position || null
					);
	if (!named.size) return [];
	const userOf = (name: string) =>
		people.find(
			(p) => p.fullName.trim().toLocaleLowerCase('ru-RU') === name.trim().toLocaleLowerCase('ru-RU')
		)?.userId;
	const ids = [...named.keys()].map(userOf).filter((id): id is string => !!id);
	const acks =
		ids.length && doc.approvedVersion
			? await db
					.select({ userId: acknowledgements.userId, at: acknowledgements.acknowledgedAt })
					.from(acknowledgements)
					.where(
						and(
							eq(acknowledgements.documentId, doc.id),
							eq(acknowledgements.version, doc.approvedVersion),
							inArray(acknowledgements.userId, ids)
						)
					)
			: [];
	return [...named.entries()].map(([name, position]) => {
		const at = acks.find((a) => a.userId === userOf(name))?.at;
		return { name, position, date: at ? todayIn(org.timeZone, at) : null };
	});
}

/** Лист согласования: the decisions of the round that agreed the text (the last closed round of the approved version). */
async function approvalSheetOf(
	db: Database,
	doc: DocumentRow,
	org: Organization,
	positionOf: (id: string | null) => string | null
): Promise<RouteRequisites['approvalSheet']> {
	const [round] = await db
		.select({ id: reviewRounds.id })
		.from(reviewRounds)
		.where(
			and(
				eq(reviewRounds.documentId, doc.id),
				eq(reviewRounds.version, doc.approvedVersion ?? doc.currentVersion)
			)
		)
		.orderBy(desc(reviewRounds.round))
		.limit(1);
	if (!round) return [];
	const rows = await db
		.select({
			userId: reviewDecisions.userId,
			fullName: users.fullName,
			decision: reviewDecisions.decision,
			decidedAt: reviewDecisions.decidedAt,
			wgPosition: workingGroupMembers.position
		})
		.from(reviewDecisions)
		.innerJoin(users, eq(users.id, reviewDecisions.userId))
		.leftJoin(
			workingGroupMembers,
			and(
				eq(workingGroupMembers.userId, reviewDecisions.userId),
				eq(workingGroupMembers.organizationId, doc.organizationId)
			)
		)
		.where(eq(reviewDecisions.roundId, round.id))
		.orderBy(asc(reviewDecisions.decidedAt));
	const seen = new Set<string>();
	return rows
		.filter((r) => !seen.has(r.userId) && !!seen.add(r.userId))
		.map((r) => ({
			name: r.fullName,
			position: r.wgPosition || positionOf(r.userId),
			decision: reviewDecisionLabels[r.decision as keyof typeof reviewDecisionLabels] ?? r.decision,
			date: todayIn(org.timeZone, r.decidedAt)
		}));
}
