import { documentClasses } from '../../documents/classes';
import { and, asc, desc, eq, ilike, isNotNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import {
	documentLinks,
	documentVersions,
	documents,
	files,
	users,
	type DocumentRow
} from '../db/schema';
import {
	documentKinds,
	documentStatusLabels,
	type DocumentKind,
	type DocumentStatus
} from '../../documents/labels';
import { isUuid } from '../orgs/queries';
import { withoutNul } from '../forms/errors';
import { ForbiddenError } from '../auth/permissions';
import { containsPattern } from '../db/contains';

export interface DocumentFilter {
	kind: DocumentKind | null;
	status: DocumentStatus | null;
	q: string;
}

/** Filter from the query string: unknown values are ignored and reported, never an error page. */
export function parseDocumentFilter(params: URLSearchParams): {
	filter: DocumentFilter;
	problems: Record<string, string>;
} {
	const problems: Record<string, string> = {};
	const kind = params.get('kind') ?? '';
	const status = params.get('status') ?? '';
	const filter: DocumentFilter = {
		kind: (documentKinds as string[]).includes(kind) ? (kind as DocumentKind) : null,
		status: Object.hasOwn(documentStatusLabels, status) ? (status as DocumentStatus) : null,
		q: withoutNul(params.get('q') ?? '')
			.trim()
			.slice(0, 200)
	};
	if (kind && !filter.kind) problems.kind = 'Такого вида документа нет.';
	if (status && !filter.status) problems.status = 'Такого статуса нет.';
	return { filter, problems };
}

export async function listDocuments(db: Database, orgId: string, filter: DocumentFilter) {
	const where: SQL[] = [eq(documents.organizationId, orgId)];
	if (filter.kind) where.push(eq(documents.kind, filter.kind));
	if (filter.status) where.push(eq(documents.status, filter.status));
	if (filter.q) {
		const pattern = containsPattern(filter.q);
		where.push(or(ilike(documents.title, pattern), ilike(documents.number, pattern))!);
	}
	const responsible = alias(users, 'responsible');
	return db
		.select({
			id: documents.id,
			kind: documents.kind,
			documentClass: documents.documentClass,
			editionOf: documents.editionOf,
			title: documents.title,
			number: documents.number,
			documentDate: documents.documentDate,
			approvalOrderNumber: documents.approvalOrderNumber,
			approvalOrderDate: documents.approvalOrderDate,
			status: documents.status,
			isRecord: documents.isRecord,
			currentVersion: documents.currentVersion,
			updatedAt: documents.updatedAt,
			responsibleName: responsible.fullName
		})
		.from(documents)
		.leftJoin(responsible, eq(responsible.id, documents.responsibleId))
		.where(and(...where))
		.orderBy(asc(documents.kind), asc(documents.title), desc(documents.createdAt))
		.limit(500);
}

type ListedDocument = Awaited<ReturnType<typeof listDocuments>>[number];
const STATUS_RANK: Record<string, number> = {
	published: 0,
	registered: 0,
	approval: 1,
	discussion: 1,
	review: 1,
	draft: 1,
	superseded: 2,
	repealed: 2
};

/**
 * The registry as records practice keeps it: by class (orders, local acts, appendices, records), and
 * each act once, its edition in force first with its other editions (in preparation, or no longer
 * in force) under it.
 */
export function registryByClass(rows: ListedDocument[]) {
	const acts = new Map<string, ListedDocument[]>();
	for (const row of rows) {
		const root = row.editionOf ?? row.id;
		acts.set(root, [...(acts.get(root) ?? []), row]);
	}
	const heads = [...acts.values()].map((editions) => {
		const [head, ...others] = [...editions].sort(
			(a, b) => STATUS_RANK[a.status]! - STATUS_RANK[b.status]!
		);
		return { ...head!, editions: others };
	});
	// Orders as the registration journal has them: by date, drafts after the signed ones.
	const byJournal = (a: ListedDocument, b: ListedDocument) =>
		(a.documentDate ?? '9999').localeCompare(b.documentDate ?? '9999') ||
		(a.number ?? '').localeCompare(b.number ?? '', 'ru', { numeric: true });
	return documentClasses
		.map((c) => ({
			documentClass: c,
			documents:
				c === 'order'
					? heads.filter((h) => h.documentClass === c).sort(byJournal)
					: heads.filter((h) => h.documentClass === c)
		}))
		.filter((g) => g.documents.length);
}

/** Permissions are checked on the organisation, so the document must be that organisation's own. */
export function assertOwnDocument(
	org: { id: string },
	doc: Pick<DocumentRow, 'organizationId'>
): void {
	if (doc.organizationId !== org.id) throw new ForbiddenError();
}

export async function findDocument(
	db: Database,
	orgId: string,
	id: string
): Promise<DocumentRow | null> {
	if (!isUuid(id)) return null;
	const [row] = await db
		.select()
		.from(documents)
		.where(and(eq(documents.id, id), eq(documents.organizationId, orgId)));
	return row ?? null;
}

export async function versionsOf(db: Database, documentId: string) {
	return db
		.select({
			id: documentVersions.id,
			version: documentVersions.version,
			sha256: documentVersions.sha256,
			note: documentVersions.note,
			createdAt: documentVersions.createdAt,
			authorName: users.fullName,
			fileId: documentVersions.fileId,
			fileName: files.name,
			fileSize: files.size,
			hasSource: documentVersions.source
		})
		.from(documentVersions)
		.leftJoin(users, eq(users.id, documentVersions.authorId))
		.leftJoin(files, eq(files.id, documentVersions.fileId))
		.where(eq(documentVersions.documentId, documentId))
		.orderBy(desc(documentVersions.version));
}

export async function findVersion(db: Database, documentId: string, version: number) {
	const [row] = await db
		.select()
		.from(documentVersions)
		.where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)));
	return row ?? null;
}

/** The latest version that has a text, for the screen and the DOCX. */
export async function latestTextVersion(db: Database, documentId: string) {
	const [row] = await db
		.select()
		.from(documentVersions)
		.where(and(eq(documentVersions.documentId, documentId), isNotNull(documentVersions.source)))
		.orderBy(desc(documentVersions.version))
		.limit(1);
	return row ?? null;
}

export async function linksOf(db: Database, documentId: string) {
	return db
		.select({
			id: documentLinks.id,
			relation: documentLinks.relation,
			targetId: documents.id,
			targetTitle: documents.title,
			targetKind: documents.kind
		})
		.from(documentLinks)
		.innerJoin(documents, eq(documents.id, documentLinks.targetId))
		.where(eq(documentLinks.documentId, documentId));
}

export async function findFile(db: Database, orgId: string, fileId: string) {
	if (!isUuid(fileId)) return null;
	const [row] = await db
		.select()
		.from(files)
		.where(and(eq(files.id, fileId), eq(files.organizationId, orgId)));
	return row ?? null;
}
