import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { documentVersions, documents, type DocumentRow, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { assertOwnDocument } from './queries';
import { takeDocumentAsEvidence } from '../checklists/complete-by-proof';
import { ValidationError, validate, type FieldErrors } from '../forms/errors';
import { documentKinds } from '../../documents/labels';
import { classOfKind } from '../../documents/classes';
import { detailsFormValues, documentDetailsInput, RESPONSIBLE_OUTSIDE, responsibleBelongs } from './details';
import { checkUpload, storeFile, type Upload } from './store-file';

const recordInput = documentDetailsInput.extend({
	kind: z.string().refine((v) => (documentKinds as string[]).includes(v), { message: 'Выберите вид документа.' })
});

/**
 * Registers a document that exists outside the route — a signed contract, a notice to
 * Roskomnadzor, a scan — with its file, as version 1. Nothing is written unless all is right.
 */
export async function registerRecord(db: Database, actor: Actor, org: Organization, raw: Record<string, string>, upload: Upload | null): Promise<DocumentRow> {
	assertCan(actor, 'document.edit', org);
	const errors: FieldErrors = {};
	const parsed = validate(recordInput, { ...detailsFormValues(raw), kind: raw.kind ?? '' });
	if (!parsed.ok) Object.assign(errors, parsed.errors);
	try {
		checkUpload(upload);
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		Object.assign(errors, e.errors);
	}
	if (parsed.ok && !(await responsibleBelongs(db, org.id, parsed.value.responsibleId))) errors.responsibleId = RESPONSIBLE_OUTSIDE;
	if (Object.keys(errors).length || !parsed.ok) throw new ValidationError(errors);
	const input = parsed.value;
	return db.transaction((tx) => insertRecord(tx, actor, org, { ...input, kind: input.kind as DocumentRow['kind'] }, upload!));
}

export async function insertRecord(
	tx: Database,
	actor: Actor,
	org: Organization,
	input: { kind: DocumentRow['kind']; title: string; number: string | null; documentDate: string | null; place: string | null; effectiveDate: string | null; responsibleId: string | null },
	upload: Upload
): Promise<DocumentRow> {
	const file = await storeFile(tx, org.id, actor.id, upload);
	const [doc] = await tx
		.insert(documents)
		.values({ ...input, documentClass: classOfKind[input.kind], organizationId: org.id, status: 'registered', isRecord: true, authorId: actor.id, currentVersion: 1 })
		.returning();
	await tx.insert(documentVersions).values({ documentId: doc!.id, version: 1, fileId: file.id, sha256: file.sha256, note: 'Зарегистрирован с файлом', authorId: actor.id });
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'document.registered',
		entityType: 'document',
		entityId: doc!.id,
		after: { title: doc!.title, kind: doc!.kind, number: doc!.number, documentDate: doc!.documentDate, file: { name: file.name, sha256: file.sha256, size: file.size } }
	});
	await takeDocumentAsEvidence(tx, actor, doc!);
	return doc!;
}

/** Adds a file (a signed scan, a new edition) as the next version of an existing document. */
export async function attachFile(db: Database, actor: Actor, org: Organization, doc: DocumentRow, upload: Upload | null, note: string): Promise<number> {
	assertCan(actor, 'document.edit', org);
	assertOwnDocument(org, doc);
	checkUpload(upload);
	return db.transaction(async (tx) => {
		const [fresh] = await tx.select({ v: documents.currentVersion }).from(documents).where(eq(documents.id, doc.id)).for('update');
		const next = fresh!.v + 1;
		const file = await storeFile(tx, org.id, actor.id, upload!);
		await tx.update(documents).set({ currentVersion: next, updatedAt: new Date() }).where(eq(documents.id, doc.id));
		await tx.insert(documentVersions).values({ documentId: doc.id, version: next, fileId: file.id, sha256: file.sha256, note: note.trim().slice(0, 500) || 'Приложен файл', authorId: actor.id });
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.file_attached',
			entityType: 'document',
			entityId: doc.id,
			after: { version: next, file: { name: file.name, sha256: file.sha256, size: file.size } }
		});
		return next;
	});
}
