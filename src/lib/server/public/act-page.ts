import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../db';
import {
	discussions,
	documentLinks,
	documents,
	publicComments,
	type DocumentRow,
	type Organization
} from '../db/schema';
import { findDocument, findVersion } from '../documents/queries';
import { loadDocumentLayout } from '../documents/layout';
import { isUuid } from '../orgs/queries';
import { renderDocumentHtml, renderedFileFor, type RenderedFormat } from '../render';
import { todayIn } from '../../format';
import { publicAncestors, publicProfile } from './organization-page';
import { publicPageTags } from './changes';
import { signaturesOf, signedFile } from '../signatures/queries';
import { discussionCountdown } from '../../timeline/labels';
import {
	discussionOpenOn,
	isPublished,
	organizationAt,
	publicStatus,
	unclosedDiscussion
} from './visibility';

// The document's own heading is an h2 under the page's h1; its Markdown headings follow from h3.
const HEADING_LEVEL = 2;
// An edition chain longer than this is a data fault; the walk stops rather than loop.
const CHAIN_LIMIT = 50;

/** The organisation by slug and its document by id; another organisation's slug finds nothing. */
async function documentAt(
	db: Database,
	slug: string,
	id: string
): Promise<{ org: Organization; doc: DocumentRow } | null> {
	if (!isUuid(id)) return null;
	const org = await organizationAt(db, slug);
	if (!org) return null;
	const doc = await findDocument(db, org.id, id);
	return doc ? { org, doc } : null;
}

/** How another act relates to the one shown: the editions replace one another, amendments change it. */
export type EditionRelation = 'this' | 'earlier' | 'later' | 'amends' | 'amended_by';

/**
 * An act as the public sees it at /o/{slug}/d/{id}: a published act with the text of its approved
 * version (a later draft never shows here), or a draft in an open public discussion with its
 * published comments. Null for anything else — drafts, acts under review, another organisation's —
 * so the page answers 404 and reveals nothing.
 */
export async function publicAct(db: Database, slug: string, id: string, now = new Date()) {
	const found = await documentAt(db, slug, id);
	if (!found) return null;
	const { org, doc } = found;
	if (doc.publishedAt) return publishedAct(db, org, doc, now);
	if (doc.status !== 'discussion') return null;
	const discussion = await unclosedDiscussion(db, doc.id);
	const today = todayIn(org.timeZone, now);
	if (!discussion || today < discussion.startsOn || today > discussion.endsOn) return null;
	const [ancestors, version, comments, rejected] = await Promise.all([
		publicAncestors(db, org),
		findVersion(db, doc.id, discussion.version),
		db
			.select({
				id: publicComments.id,
				authorName: publicComments.authorName,
				authorRole: publicComments.authorRole,
				body: publicComments.body,
				createdAt: publicComments.createdAt,
				answer: publicComments.answer,
				answeredAt: publicComments.answeredAt
			})
			.from(publicComments)
			.where(
				and(eq(publicComments.discussionId, discussion.id), eq(publicComments.status, 'published'))
			)
			.orderBy(asc(publicComments.createdAt)),
		// A rejected proposal's author learns why here; its name and text stay unpublished.
		db
			.select({
				id: publicComments.id,
				authorRole: publicComments.authorRole,
				createdAt: publicComments.createdAt,
				rejectReason: publicComments.rejectReason
			})
			.from(publicComments)
			.where(
				and(eq(publicComments.discussionId, discussion.id), eq(publicComments.status, 'rejected'))
			)
			.orderBy(asc(publicComments.createdAt))
	]);
	return {
		mode: 'discussion' as const,
		org: publicProfile(org),
		ancestors,
		doc: { id: doc.id, kind: doc.kind, title: doc.title },
		discussion: {
			version: discussion.version,
			startsOn: discussion.startsOn,
			endsOn: discussion.endsOn
		},
		countdown: discussionCountdown(discussion.endsOn, today),
		comments,
		rejected,
		html:
			version?.source != null
				? renderDocumentHtml(await loadDocumentLayout(db, doc, org, version.source, 'public'), {
						headingLevel: HEADING_LEVEL
					})
				: null,
		cacheTags: publicPageTags(org, ancestors)
	};
}

async function publishedAct(db: Database, org: Organization, doc: DocumentRow, now: Date) {
	const [ancestors, text, editions, order, drafts, signed] = await Promise.all([
		publicAncestors(db, org),
		approvedText(db, doc),
		editionsOf(db, doc),
		doc.approvalOrderId ? publicActRef(db, org.id, doc.approvalOrderId) : null,
		editionsInDiscussion(db, doc, todayIn(org.timeZone, now)),
		signaturesOf(db, doc.id, doc.approvedVersion)
	]);
	return {
		mode: 'published' as const,
		org: publicProfile(org),
		ancestors,
		doc: {
			id: doc.id,
			kind: doc.kind,
			documentClass: doc.documentClass,
			title: doc.title,
			number: doc.number,
			documentDate: doc.documentDate,
			status: publicStatus(doc.status),
			effectiveDate: doc.effectiveDate,
			approvedVersion: doc.approvedVersion,
			approvedSha256: doc.approvedSha256,
			approvalOrderNumber: doc.approvalOrderNumber,
			approvalOrderDate: doc.approvalOrderDate,
			publishedAt: doc.publishedAt!,
			repealOrderNumber: doc.repealOrderNumber,
			repealOrderDate: doc.repealOrderDate
		},
		order,
		// The visible mark of each signature; the files' ids stay inside.
		signatures: signed.map(({ files, ...sig }) => ({
			...sig,
			files: files.map(({ format, sha256, size }) => ({ format, sha256, size }))
		})),
		supersededBy: editions.find((e) => e.id === doc.supersededBy) ?? null,
		editions,
		editionsInDiscussion: drafts,
		html:
			text !== null
				? renderDocumentHtml(await loadDocumentLayout(db, doc, org, text, 'public'), {
						headingLevel: HEADING_LEVEL
					})
				: null,
		cacheTags: publicPageTags(org, ancestors)
	};
}

/** The Markdown of the version the order approved, or null when that version is only a file. */
async function approvedText(db: Database, doc: DocumentRow): Promise<string | null> {
	if (doc.approvedVersion === null) return null;
	return (await findVersion(db, doc.id, doc.approvedVersion))?.source ?? null;
}

/** Another act of the same organisation, when it is public: the approving order, say. */
async function publicActRef(db: Database, orgId: string, id: string) {
	const [row] = await db
		.select({ id: documents.id, title: documents.title })
		.from(documents)
		.where(and(eq(documents.id, id), eq(documents.organizationId, orgId), isPublished));
	return row ?? null;
}

/**
 * The act's editions and amendments, oldest approval first: the chain of `superseded_by` both ways
 * and the acts linked to it as 'amends'. Only published ones of the same organisation are listed.
 */
async function editionsOf(db: Database, doc: DocumentRow) {
	const relation = new Map<string, EditionRelation>([[doc.id, 'this']]);
	for (let next = doc.supersededBy; next && !relation.has(next) && relation.size < CHAIN_LIMIT;) {
		relation.set(next, 'later');
		const [row] = await db
			.select({ supersededBy: documents.supersededBy })
			.from(documents)
			.where(eq(documents.id, next));
		next = row?.supersededBy ?? null;
	}
	for (let frontier = [doc.id]; frontier.length && relation.size < CHAIN_LIMIT;) {
		const rows = await db
			.select({ id: documents.id })
			.from(documents)
			.where(inArray(documents.supersededBy, frontier));
		frontier = rows.map((r) => r.id).filter((id) => !relation.has(id));
		for (const id of frontier) relation.set(id, 'earlier');
	}
	const links = await db
		.select({ documentId: documentLinks.documentId, targetId: documentLinks.targetId })
		.from(documentLinks)
		.where(
			and(
				eq(documentLinks.relation, 'amends'),
				or(eq(documentLinks.documentId, doc.id), eq(documentLinks.targetId, doc.id))
			)
		);
	for (const link of links) {
		if (link.documentId === doc.id && !relation.has(link.targetId))
			relation.set(link.targetId, 'amends');
		if (link.targetId === doc.id && !relation.has(link.documentId))
			relation.set(link.documentId, 'amended_by');
	}
	if (relation.size === 1) return [];
	const rows = await db
		.select({
			id: documents.id,
			title: documents.title,
			status: documents.status,
			approvalOrderNumber: documents.approvalOrderNumber,
			approvalOrderDate: documents.approvalOrderDate,
			effectiveDate: documents.effectiveDate
		})
		.from(documents)
		.where(
			and(
				inArray(documents.id, [...relation.keys()]),
				eq(documents.organizationId, doc.organizationId),
				isPublished
			)
		)
		.orderBy(sql`${documents.approvalOrderDate} asc nulls last`, asc(documents.publishedAt));
	return rows.map((r) => ({ ...r, status: publicStatus(r.status), relation: relation.get(r.id)! }));
}

/** New editions of the act now open to public proposals: a reader of the act in force should know. */
async function editionsInDiscussion(db: Database, doc: DocumentRow, today: string) {
	return db
		.select({ id: documents.id, title: documents.title, endsOn: discussions.endsOn })
		.from(documentLinks)
		.innerJoin(documents, eq(documents.id, documentLinks.documentId))
		.innerJoin(discussions, eq(discussions.documentId, documents.id))
		.where(
			and(
				eq(documentLinks.targetId, doc.id),
				eq(documentLinks.relation, 'amends'),
				eq(documents.organizationId, doc.organizationId),
				discussionOpenOn(today)
			)
		)
		.orderBy(asc(discussions.endsOn));
}

/**
/**
 * A published act's approved version as a file (DOCX, PDF or ODT), with the approval stamp; null when there is
 * none to give. A signed version gives the very bytes that were signed, never a new rendering.
 */
export async function publishedActFile(
	db: Database,
	slug: string,
	id: string,
	format: RenderedFormat
): Promise<{ title: string; bytes: Uint8Array; cacheTags: string[] } | null> {
	const found = await documentAt(db, slug, id);
	if (!found?.doc.publishedAt) return null;
	const [text, ancestors, signed] = await Promise.all([
		approvedText(db, found.doc),
		publicAncestors(db, found.org),
		signedFile(db, found.doc.id, found.doc.approvedVersion, format)
	]);
	const cacheTags = publicPageTags(found.org, ancestors);
	if (signed) return { title: found.doc.title, bytes: signed.bytes, cacheTags };
	if (text === null) return null;
	const layout = await loadDocumentLayout(db, found.doc, found.org, text, 'public');
	return {
		title: found.doc.title,
		bytes: await renderedFileFor(format, layout),
		cacheTags
	};
}
