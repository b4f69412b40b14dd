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
import {
	detailsFormValues,
	documentDetailsInput,
	RESPONSIBLE_OUTSIDE,
	responsibleBelongs
} from './details';
import { checkUpload, storeFile, type Upload } from './store-file';
import { rivalAct, rivalRefusal } from './generate-document';
import { registerOrderNumber, seriesOf, type RegisteredNumber } from './registration';
import { lockDocument, moveDocument, workflowRoles } from '../workflow/route';
import { todayIn } from '../../format';

const recordInput = documentDetailsInput.extend({
	kind: z
		.string()
		.refine((v) => (documentKinds as string[]).includes(v), { message: 'Выберите вид документа.' })
});

/**
 * Registers a document that exists outside the route — a signed contract, a notice to
 * Roskomnadzor, a scan — with its file, as version 1. Nothing is written unless all is right.
 */
export async function registerRecord(
	db: Database,
	actor: Actor,
	org: Organization,
	raw: Record<string, string>,
	upload: Upload | null
): Promise<DocumentRow> {
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
	if (parsed.ok && !(await responsibleBelongs(db, org.id, parsed.value.responsibleId)))
		errors.responsibleId = RESPONSIBLE_OUTSIDE;
	// An order signed on paper enters the registration journal with the number and date it bears.
	if (parsed.ok && parsed.value.kind === 'order') {
		if (!parsed.value.number)
			errors.number = 'У приказа есть номер: укажите его, как в журнале регистрации.';
		if (!parsed.value.documentDate) errors.documentDate = 'Укажите дату приказа.';
		else if (parsed.value.documentDate > todayIn(org.timeZone))
			errors.documentDate = 'Приказ не может быть датирован будущим днём.';
	}
	if (Object.keys(errors).length || !parsed.ok) throw new ValidationError(errors);
	const input = parsed.value;
	return db.transaction(async (tx) => {
		const rival = await rivalAct(tx, org.id, {
			templateId: null,
			kind: input.kind as DocumentRow['kind'],
			title: input.title,
			documentClass: classOfKind[input.kind as DocumentRow['kind']]
		});
		if (rival) throw rivalRefusal(rival);
		const numbered =
			input.kind === 'order'
				? await registerOrderNumber(tx, org, {
						series: seriesOf(org).find((s) => input.number!.endsWith(s.suffix))?.suffix ?? '',
						manualNumber: input.number!,
						orderDate: input.documentDate!
					})
				: null;
		return insertRecord(
			tx,
			actor,
			org,
			{ ...input, kind: input.kind as DocumentRow['kind'], ...(numbered ?? {}) },
			upload!
		);
	});
}

export async function insertRecord(
	tx: Database,
	actor: Actor,
	org: Organization,
	input: {
		kind: DocumentRow['kind'];
		title: string;
		number: string | null;
		documentDate: string | null;
		place: string | null;
		effectiveDate: string | null;
		responsibleId: string | null;
	} & Partial<Omit<RegisteredNumber, 'number'>>,
	upload: Upload
): Promise<DocumentRow> {
	const file = await storeFile(tx, org.id, actor.id, upload);
	const [doc] = await tx
		.insert(documents)
		.values({
			...input,
			documentClass: classOfKind[input.kind],
			organizationId: org.id,
			status: 'registered',
			isRecord: true,
			authorId: actor.id,
			currentVersion: 1
		})
		.returning();
	await tx.insert(documentVersions).values({
		documentId: doc!.id,
		version: 1,
		fileId: file.id,
		sha256: file.sha256,
		note: 'Зарегистрирован с файлом',
		authorId: actor.id
	});
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'document.registered',
		entityType: 'document',
		entityId: doc!.id,
		after: {
			title: doc!.title,
			kind: doc!.kind,
			number: doc!.number,
			documentDate: doc!.documentDate,
			file: { name: file.name, sha256: file.sha256, size: file.size }
		}
	});
	await takeDocumentAsEvidence(tx, actor, doc!);
	return doc!;
}

/** Adds a file (a signed scan, a new edition) as the next version of an existing document. */
export async function attachFile(
	db: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	upload: Upload | null,
	note: string
): Promise<number> {
	assertCan(actor, 'document.edit', org);
	assertOwnDocument(org, doc);
	checkUpload(upload);
	return db.transaction(async (tx) => {
		const [fresh] = await tx
			.select({ v: documents.currentVersion })
			.from(documents)
			.where(eq(documents.id, doc.id))
			.for('update');
		const next = fresh!.v + 1;
		const file = await storeFile(tx, org.id, actor.id, upload!);
		await tx
			.update(documents)
			.set({ currentVersion: next, updatedAt: new Date() })
			.where(eq(documents.id, doc.id));
		await tx.insert(documentVersions).values({
			documentId: doc.id,
			version: next,
			fileId: file.id,
			sha256: file.sha256,
			note: note.trim().slice(0, 500) || 'Приложен файл',
			authorId: actor.id
		});
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

const signInput = z.object({
	documentDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Укажите дату документа.' }),
	number: z.string().trim().max(50, { message: 'Номер не длиннее 50 символов.' })
});

/**
 * A generated record (analysis, notice, consent form, letter) is signed and registered: it takes its
 * date (and its number, where the organisation numbers such documents) and leaves the draft.
 */
export async function signRecord(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
): Promise<DocumentRow> {
	assertCan(actor, 'document.edit', org);
	const parsed = validate(signInput, {
		documentDate: raw.documentDate ?? '',
		number: raw.number ?? ''
	});
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	if (parsed.value.documentDate > todayIn(org.timeZone))
		throw new ValidationError({ documentDate: 'Документ не может быть датирован будущим днём.' });
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const to = await moveDocument(tx, doc, 'register', await workflowRoles(tx, actor, org, doc), {
			documentDate: parsed.value.documentDate,
			number: parsed.value.number || doc.number
		});
		const [fresh] = await tx.select().from(documents).where(eq(documents.id, doc.id));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.signed_record',
			entityType: 'document',
			entityId: doc.id,
			before: { status: doc.status },
			after: { status: to, documentDate: fresh!.documentDate, number: fresh!.number }
		});
		await takeDocumentAsEvidence(tx, actor, fresh!);
		return fresh!;
	});
}
