import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { councilOpinions, documentLinks, documentVersions, documents, files, type DocumentRow, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { validate, ValidationError } from '../forms/errors';
import { isUuid } from '../orgs/queries';
import { sha256Hex } from '../documents/hash';
import { completeItemsByProof, takeDocumentAsEvidence } from '../checklists/complete-by-proof';
import { findTemplateFor } from '../documents/generate-document';
import { loadTemplateContext } from '../templates/context';
import { parseVariableValues } from '../templates/variables';
import { fillTemplate } from '../templates/fill-template';
import { TemplateRenderError } from '../templates/engine';
import { notifyToAcknowledge } from '../acknowledgements/acknowledge';
import { todayIn } from '../../format';
import { addWorkingDays } from '../../working-days';
import { PUBLICATION_TERM_WORKING_DAYS } from '../../workflow/labels';
import { lockDocument, moveDocument, workflowRoles } from './route';
import { missingOpinions, opinionsText, recordMissedOpinions } from './councils';

export const APPROVAL_ORDER_TEMPLATE = 'school-order-approve-acts';
const ISO = /^\d{4}-\d{2}-\d{2}$/;

const orderInput = z
	.object({
		orderNumber: z.string().trim().min(1, { message: 'Укажите номер приказа.' }).max(50, { message: 'Номер не длиннее 50 символов.' }),
		orderDate: z.string().regex(ISO, { message: 'Укажите дату приказа.' }),
		effectiveDate: z.string().regex(ISO, { message: 'Укажите дату вступления в силу.' }).or(z.literal('')),
		publish: z.boolean()
	})
	.refine((v) => !v.effectiveDate || v.effectiveDate >= v.orderDate, { path: ['effectiveDate'], message: 'Акт не может вступить в силу раньше, чем утверждён.' });

export type ApprovalOrder = z.output<typeof orderInput>;
type OrderMaker = (tx: Database, actor: Actor, acts: DocumentRow[], order: ApprovalOrder) => Promise<DocumentRow>;

export function parseApprovalOrder(org: Organization, raw: Record<string, string>): ApprovalOrder {
	const parsed = validate(orderInput, { orderNumber: raw.orderNumber ?? '', orderDate: raw.orderDate ?? '', effectiveDate: raw.effectiveDate ?? '', publish: raw.publish === 'on' });
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	if (parsed.value.orderDate > todayIn(org.timeZone)) throw new ValidationError({ orderDate: 'Приказ не может быть датирован будущим днём.' });
	return parsed.value;
}

/** The last day to publish an act approved by an order of this date (ч. 3 ст. 29 273-ФЗ). */
export const publicationDeadline = (orderDate: string) => addWorkingDays(orderDate, PUBLICATION_TERM_WORKING_DAYS);

/**
 * Approves acts by one order of the director: each must be awaiting approval with every council
 * opinion it needs; its current version is frozen by number and sha-256, the effective date set,
 * an earlier edition it replaces loses force, checklist items it proves are done. All or nothing.
 */
export async function approveDocuments(db: Database, actor: Actor, org: Organization, docIds: string[], raw: Record<string, string>, orderDoc: OrderMaker | null = null): Promise<{ approved: DocumentRow[]; order: DocumentRow | null }> {
	assertCan(actor, 'document.approve', org);
	const order = parseApprovalOrder(org, raw);
	const ids = [...new Set(docIds)].filter(isUuid).sort();
	if (!ids.length) throw new ValidationError({ documents: 'Отметьте хотя бы один документ.' });
	return db.transaction(async (tx) => {
		const locked: DocumentRow[] = [];
		const problems: string[] = [];
		// Locked in id order, so two batches sharing acts cannot deadlock.
		for (const id of ids) {
			const doc = await lockDocument(tx, org, id);
			await recordMissedOpinions(tx, org, doc);
			const opinions = await tx.select().from(councilOpinions).where(eq(councilOpinions.documentId, doc.id));
			const missing = missingOpinions(doc, opinions);
			if (missing.length) problems.push(`«${doc.title}»: нет мнения — ${missing.join('; ')}.`);
			locked.push(doc);
		}
		if (problems.length) throw new ValidationError({ form: `Утвердить нельзя (ч. 3 ст. 30 273-ФЗ). ${problems.join(' ')}` });
		const madeOrder = orderDoc ? await orderDoc(tx, actor, locked, order) : null;
		const approved: DocumentRow[] = [];
		for (const doc of locked) approved.push(await approveOne(tx, actor, org, doc, order, madeOrder));
		return { approved, order: madeOrder };
	});
}

async function approveOne(tx: Database, actor: Actor, org: Organization, doc: DocumentRow, order: ApprovalOrder, madeOrder: DocumentRow | null): Promise<DocumentRow> {
	const roles = await workflowRoles(tx, actor, org, doc);
	const [version] = await tx
		.select({ source: documentVersions.source, sha256: documentVersions.sha256, fileSha: files.sha256 })
		.from(documentVersions)
		.leftJoin(files, eq(files.id, documentVersions.fileId))
		.where(and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, doc.currentVersion)));
	// The frozen version's hash is computed again from its bytes, not trusted from the row.
	const sha = version?.source != null ? sha256Hex(version.source) : (version?.fileSha ?? version?.sha256 ?? '');
	const now = new Date();
	await moveDocument(tx, doc, 'approve', roles, {
		approvedVersion: doc.currentVersion,
		approvedSha256: sha,
		approvalOrderNumber: order.orderNumber,
		approvalOrderDate: order.orderDate,
		approvalOrderId: madeOrder?.id ?? null,
		approvedAt: now,
		approvedBy: actor.id,
		effectiveDate: order.effectiveDate || order.orderDate,
		publishedAt: order.publish ? now : null
	});
	const [fresh] = await tx.select().from(documents).where(eq(documents.id, doc.id));
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'document.approved',
		entityType: 'document',
		entityId: doc.id,
		before: { status: doc.status },
		after: { status: 'published', version: doc.currentVersion, sha256: sha, orderNumber: order.orderNumber, orderDate: order.orderDate, effectiveDate: fresh!.effectiveDate, orderId: madeOrder?.id ?? null }
	});
	if (madeOrder) await tx.insert(documentLinks).values({ documentId: doc.id, targetId: madeOrder.id, relation: 'approved_by' }).onConflictDoNothing();
	await supersedePredecessors(tx, actor, org, fresh!);
	await takeDocumentAsEvidence(tx, actor, fresh!);
	if (order.publish) await announcePublication(tx, actor, org, fresh!);
	return fresh!;
}

/** A new edition, once approved, ends the edition it amends: «утратил силу», with a link forward. */
async function supersedePredecessors(tx: Database, actor: Actor, org: Organization, doc: DocumentRow) {
	const earlier = await tx.select({ id: documentLinks.targetId }).from(documentLinks).where(and(eq(documentLinks.documentId, doc.id), eq(documentLinks.relation, 'amends')));
	for (const { id } of earlier) {
		const old = await lockDocument(tx, org, id);
		if (old.status !== 'published') continue;
		await moveDocument(tx, old, 'supersede', ['system'], { supersededBy: doc.id, endedAt: new Date() });
		await recordEvent(tx, { actor, organizationId: org.id, action: 'document.superseded', entityType: 'document', entityId: old.id, before: { status: 'published' }, after: { status: 'superseded', supersededBy: doc.id, orderNumber: doc.approvalOrderNumber, orderDate: doc.approvalOrderDate } });
	}
}

async function announcePublication(tx: Database, actor: Actor, org: Organization, doc: DocumentRow) {
	await recordEvent(tx, { actor, organizationId: org.id, action: 'document.published', entityType: 'document', entityId: doc.id, after: { publishedAt: doc.publishedAt, version: doc.approvedVersion, sha256: doc.approvedSha256 } });
	await notifyToAcknowledge(tx, org, doc);
	await completeItemsByProof(tx, actor, org, { kind: 'event', key: 'act_published', document: doc });
}

/** Puts an approved act on the public portal (when it was approved without publishing at once). */
export async function publishDocument(db: Database, actor: Actor, org: Organization, docId: string): Promise<void> {
	assertCan(actor, 'document.approve', org);
	await db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		if (doc.status !== 'published' || !doc.approvedAt) throw new ValidationError({ form: 'Опубликовать можно утверждённый действующий документ.' });
		if (doc.publishedAt) throw new ValidationError({ form: 'Документ уже опубликован.' });
		const [fresh] = await tx.update(documents).set({ publishedAt: new Date(), updatedAt: new Date() }).where(eq(documents.id, doc.id)).returning();
		await announcePublication(tx, actor, org, fresh!);
	});
}

/** Repeal by an order: the act stops being in force but its page stays, marked «отменён». */
export async function repealDocument(db: Database, actor: Actor, org: Organization, docId: string, raw: Record<string, string>): Promise<void> {
	assertCan(actor, 'document.approve', org);
	const order = parseApprovalOrder(org, { ...raw, effectiveDate: '' });
	await db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		await moveDocument(tx, doc, 'repeal', await workflowRoles(tx, actor, org, doc), { repealOrderNumber: order.orderNumber, repealOrderDate: order.orderDate, endedAt: new Date() });
		await recordEvent(tx, { actor, organizationId: org.id, action: 'document.repealed', entityType: 'document', entityId: doc.id, before: { status: doc.status }, after: { status: 'repealed', orderNumber: order.orderNumber, orderDate: order.orderDate } });
	});
}

/**
 * A change to an act in force is a new edition: a new draft document with the in-force text,
 * linked to the old one, which keeps its address and content until the new one is approved.
 */
export async function startNewEdition(db: Database, actor: Actor, org: Organization, docId: string): Promise<DocumentRow> {
	assertCan(actor, 'document.edit', org);
	return db.transaction(async (tx) => {
		const old = await lockDocument(tx, org, docId);
		if (old.status !== 'published') throw new ValidationError({ form: 'Новую редакцию готовят для действующего документа.' });
		const pending = await tx
			.select({ id: documents.id, title: documents.title })
			.from(documentLinks)
			.innerJoin(documents, eq(documents.id, documentLinks.documentId))
			.where(and(eq(documentLinks.targetId, old.id), eq(documentLinks.relation, 'amends'), inArray(documents.status, ['draft', 'review', 'discussion', 'approval'])));
		if (pending.length) throw new ValidationError({ form: 'Новая редакция уже готовится: продолжите её, а не начинайте ещё одну.' });
		const [text] = await tx.select().from(documentVersions).where(and(eq(documentVersions.documentId, old.id), eq(documentVersions.version, old.approvedVersion ?? old.currentVersion)));
		if (text?.source == null) throw new ValidationError({ form: 'У документа нет текста: новую редакцию зарегистрируйте файлом.' });
		const [doc] = await tx
			.insert(documents)
			.values({
				organizationId: org.id,
				kind: old.kind,
				documentClass: old.documentClass,
				editionOf: old.editionOf ?? old.id,
				councilWaivers: old.councilWaivers,
				kindTitle: old.kindTitle,
				title: old.title,
				heading: old.heading,
				place: old.place,
				status: 'draft',
				authorId: actor.id,
				responsibleId: old.responsibleId,
				templateId: old.templateId,
				templateHash: old.templateHash,
				needsApproval: old.needsApproval,
				signature: old.signature,
				affectsStudents: old.affectsStudents,
				affectsWorkers: old.affectsWorkers,
				acknowledgementRoles: old.acknowledgementRoles,
				currentVersion: 1
			})
			.returning();
		await tx.insert(documentVersions).values({ documentId: doc!.id, version: 1, source: text.source, variables: text.variables, templateHash: text.templateHash, sha256: sha256Hex(text.source), note: `Новая редакция на основе действующей (версия ${text.version})`, authorId: actor.id });
		await tx.insert(documentLinks).values({ documentId: doc!.id, targetId: old.id, relation: 'amends' });
		await recordEvent(tx, { actor, organizationId: org.id, action: 'document.new_edition', entityType: 'document', entityId: doc!.id, after: { amends: old.id, title: doc!.title, version: 1 } });
		return doc!;
	});
}

/**
 * The order «об утверждении и введении в действие локальных актов» for a batch: filled from the
 * model template with the acts' titles, the effective date and the councils' opinions, signed
 * by the director and so in force with the acts it approves.
 */
export async function prepareApprovalOrder(db: Database, org: Organization, raw: Record<string, string>): Promise<OrderMaker> {
	const template = findTemplateFor(org, APPROVAL_ORDER_TEMPLATE);
	const scope = await loadTemplateContext(db, org);
	return async (tx, actor, acts, order) => {
		const values = parseVariableValues(template, { ...raw, var_acts: acts.map((a) => a.title).join('\n'), var_effective_date: order.effectiveDate || order.orderDate });
		if (!values.ok) throw new ValidationError(values.errors);
		let source: string;
		try {
			source = await fillTemplate(template, scope, values.value);
		} catch (e) {
			if (e instanceof TemplateRenderError) throw new ValidationError({ form: e.message });
			throw e;
		}
		const sha = sha256Hex(source);
		const [doc] = await tx
			.insert(documents)
			.values({
				organizationId: org.id,
				kind: 'order',
				documentClass: 'order',
				title: template.title,
				heading: template.heading,
				number: order.orderNumber,
				documentDate: order.orderDate,
				place: (scope.org as Record<string, string | undefined>).place ?? null,
				status: 'published',
				authorId: actor.id,
				approvedBy: actor.id,
				templateId: template.id,
				templateHash: template.hash,
				signature: template.signature,
				effectiveDate: order.orderDate,
				approvedVersion: 1,
				approvedSha256: sha,
				approvedAt: new Date(),
				publishedAt: order.publish ? new Date() : null,
				currentVersion: 1
			})
			.returning();
		await tx.insert(documentVersions).values({ documentId: doc!.id, version: 1, source, variables: values.value, templateHash: template.hash, sha256: sha, note: 'Приказ об утверждении, сформирован при утверждении', authorId: actor.id });
		await recordEvent(tx, { actor, organizationId: org.id, action: 'document.created', entityType: 'document', entityId: doc!.id, after: { title: doc!.title, kind: 'order', number: order.orderNumber, orderDate: order.orderDate, approves: acts.map((a) => a.id), sha256: sha } });
		await takeDocumentAsEvidence(tx, actor, doc!);
		return doc!;
	};
}

/** The councils' opinions of the acts, as the order's «с учётом мнения …» line. */
export async function councilsOpinionLine(db: Database, docIds: string[]): Promise<string> {
	const ids = docIds.filter(isUuid);
	if (!ids.length) return '';
	return opinionsText(await db.select().from(councilOpinions).where(inArray(councilOpinions.documentId, ids)));
}
