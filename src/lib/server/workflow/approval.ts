import { and, eq, inArray } from 'drizzle-orm';
import { assignTextFamilies } from '../public/text-families';
import { z } from 'zod';
import type { Database } from '../db';
import {
	councilOpinions,
	documentLinks,
	documentVersions,
	documents,
	files,
	type DocumentRow,
	type Organization
} from '../db/schema';
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
import { formatDate, todayIn } from '../../format';
import { addWorkingDays } from '../../working-days';
import {
	adoptingBodyGenitiveLabels,
	adoptingBodyLabels,
	PUBLICATION_TERM_WORKING_DAYS,
	type AdoptingBody
} from '../../workflow/labels';
import type { DocumentClass } from '../../documents/classes';
import { isUniqueViolation } from '../db/errors';
import { assertTimeline } from '../timeline/check';
import {
	parseOrderRegistration,
	registerOrderNumber,
	type OrderRegistration
} from '../documents/registration';
import { lockDocument, moveDocument, workflowRoles } from './route';
import { missingOpinions, opinionsText, recordMissedOpinions } from './councils';

export const APPROVAL_ORDER_TEMPLATE = 'school-order-approve-acts';
const ISO = /^\d{4}-\d{2}-\d{2}$/;

const approvalInput = z
	.object({
		orderDate: z.string().regex(ISO, { message: 'Укажите дату приказа.' }),
		effectiveDate: z
			.string()
			.regex(ISO, { message: 'Укажите дату вступления в силу.' })
			.or(z.literal('')),
		publish: z.boolean(),
		adoptedBody: z
			.enum(Object.keys(adoptingBodyLabels) as [AdoptingBody, ...AdoptingBody[]], {
				message: 'Выберите коллегиальный орган из списка.'
			})
			.or(z.literal('')),
		adoptedMinutesNumber: z
			.string()
			.trim()
			.max(50, { message: 'Номер протокола не длиннее 50 символов.' }),
		adoptedMinutesDate: z
			.string()
			.regex(ISO, { message: 'Укажите дату протокола.' })
			.or(z.literal(''))
	})
	.refine((v) => !v.effectiveDate || v.effectiveDate >= v.orderDate, {
		path: ['effectiveDate'],
		message: 'Акт не может вступить в силу раньше, чем утверждён.'
	})
	.refine((v) => !v.adoptedBody || (v.adoptedMinutesNumber && v.adoptedMinutesDate), {
		path: ['adoptedMinutesNumber'],
		message: 'Укажите номер и дату протокола, которым коллегиальный орган принял акты.'
	})
	.refine((v) => !v.adoptedMinutesDate || v.adoptedMinutesDate <= v.orderDate, {
		path: ['adoptedMinutesDate'],
		message: 'Коллегиальный орган принимает акт до приказа об утверждении, не после.'
	});

export interface ApprovalOrder {
	orderDate: string;
	effectiveDate: string;
	publish: boolean;
	adoption: { body: AdoptingBody; minutesNumber: string; minutesDate: string } | null;
	/** The order's place in the journal when the system makes it; null when an order already registered is cited. */
	registration: OrderRegistration | null;
}
type OrderMaker = (
	tx: Database,
	actor: Actor,
	acts: DocumentRow[],
	order: ApprovalOrder
) => Promise<DocumentRow>;

/** The approval form: the order's date, series and number (or an order already registered), the effective date, the adoption. */
export function parseApprovalOrder(
	org: Organization,
	raw: Record<string, string>,
	generated: boolean
): ApprovalOrder {
	const parsed = validate(approvalInput, {
		orderDate: raw.orderDate ?? '',
		effectiveDate: raw.effectiveDate ?? '',
		publish: raw.publish === 'on',
		adoptedBody: raw.adoptedBody ?? '',
		adoptedMinutesNumber: raw.adoptedMinutesNumber ?? '',
		adoptedMinutesDate: raw.adoptedMinutesDate ?? ''
	});
	const errors = parsed.ok ? {} : { ...parsed.errors };
	let registration: OrderRegistration | null = null;
	if (generated)
		try {
			registration = parseOrderRegistration(org, raw);
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			Object.assign(errors, e.errors);
		}
	if (!parsed.ok || Object.keys(errors).length) throw new ValidationError(errors);
	const v = parsed.value;
	return {
		orderDate: v.orderDate,
		effectiveDate: v.effectiveDate,
		publish: v.publish,
		adoption: v.adoptedBody
			? {
					body: v.adoptedBody,
					minutesNumber: v.adoptedMinutesNumber,
					minutesDate: v.adoptedMinutesDate
				}
			: null,
		registration
	};
}

/** The last day to publish an act approved by an order of this date (ч. 3 ст. 29 273-ФЗ). */
export const publicationDeadline = (orderDate: string) =>
	addWorkingDays(orderDate, PUBLICATION_TERM_WORKING_DAYS);

const CLASS_REFUSALS: Partial<Record<DocumentClass, string>> = {
	order:
		'это приказ: его подписывают и регистрируют со своим номером, а не утверждают другим приказом',
	record: 'этот документ не утверждается приказом: его подписывают и регистрируют'
};

/**
 * Approves local acts and appendices by one order of the director: each must be awaiting approval
 * with every council opinion it needs; its current version is frozen by number and sha-256, the
 * effective date set, an earlier edition it replaces loses force, checklist items it proves are
 * done. The order is either made now from the model template and registered in the journal
 * (`orderDoc`), or one already registered is cited (`raw.orderId`). All or nothing.
 */
export async function approveDocuments(
	db: Database,
	actor: Actor,
	org: Organization,
	docIds: string[],
	raw: Record<string, string>,
	orderDoc: OrderMaker | null = null
): Promise<{ approved: DocumentRow[]; order: DocumentRow }> {
	assertCan(actor, 'document.approve', org);
	const order = parseApprovalOrder(org, raw, !!orderDoc);
	const ids = [...new Set(docIds)].filter(isUuid).sort();
	if (!ids.length) throw new ValidationError({ documents: 'Отметьте хотя бы один документ.' });
	return db.transaction(async (tx) => {
		const cited = orderDoc ? null : await citedOrder(tx, org, raw.orderId ?? '', order.orderDate);
		const locked: DocumentRow[] = [];
		const problems: string[] = [];
		// Locked in id order, so two batches sharing acts cannot deadlock; then checked in the listed order.
		for (const id of ids) locked.push(await lockDocument(tx, org, id));
		// Reasons in the order the director listed the documents, not the order of locking.
		for (const doc of inListOrder(locked, docIds)) {
			const refusal = CLASS_REFUSALS[doc.documentClass];
			if (refusal) {
				problems.push(`«${doc.title}»: ${refusal}.`);
				continue;
			}
			await recordMissedOpinions(tx, org, doc);
			const opinions = await tx
				.select()
				.from(councilOpinions)
				.where(eq(councilOpinions.documentId, doc.id));
			const missing = missingOpinions(doc, opinions);
			if (missing.length)
				problems.push(`«${doc.title}»: нет мнения — ${missing.join('; ')} (ч. 3 ст. 30 273-ФЗ).`);
		}
		if (problems.length)
			throw new ValidationError({ form: `Утвердить нельзя. ${problems.join(' ')}` });
		await assertTimeline(tx, org, {
			step: 'approve',
			documentIds: locked.map((d) => d.id),
			approval: {
				orderNumber: order.registration?.manualNumber,
				orderDate: order.orderDate,
				effectiveDate: order.effectiveDate
			}
		});
		const madeOrder = cited ?? (await orderDoc!(tx, actor, inListOrder(locked, docIds), order));
		const appendices = inListOrder(locked, docIds).filter((d) => d.documentClass === 'appendix');
		const approved: DocumentRow[] = [];
		for (const doc of locked) {
			const index = appendices.length > 1 ? appendices.indexOf(doc) + 1 : null;
			approved.push(
				await approveOne(
					tx,
					actor,
					org,
					doc,
					order,
					madeOrder,
					doc.documentClass === 'appendix' ? index : null
				)
			);
		}
		return { approved, order: madeOrder };
	});
}

/** The acts in the order the director listed them (the order's text and the appendices' numbers follow it). */
const inListOrder = (docs: DocumentRow[], listed: string[]) =>
	[...docs].sort((a, b) => listed.indexOf(a.id) - listed.indexOf(b.id));

/** An order already in the journal that the act cites: this organisation's, signed or registered, not after the given date. */
async function citedOrder(
	tx: Database,
	org: Organization,
	orderId: string,
	notAfter: string
): Promise<DocumentRow> {
	if (!isUuid(orderId))
		throw new ValidationError({
			orderId: 'Выберите приказ из журнала регистрации или сформируйте новый.'
		});
	const [row] = await tx
		.select()
		.from(documents)
		.where(and(eq(documents.id, orderId), eq(documents.organizationId, org.id)));
	if (
		!row ||
		row.documentClass !== 'order' ||
		!['published', 'registered'].includes(row.status) ||
		!row.number ||
		!row.documentDate
	)
		throw new ValidationError({
			orderId: 'Это не подписанный и зарегистрированный приказ организации.'
		});
	if (row.documentDate > notAfter)
		throw new ValidationError({
			orderId: `Приказ № ${row.number} датирован ${formatDate(row.documentDate)} — позже указанной даты.`
		});
	return row;
}

async function approveOne(
	tx: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	order: ApprovalOrder,
	madeOrder: DocumentRow,
	appendixNumber: number | null
): Promise<DocumentRow> {
	const roles = await workflowRoles(tx, actor, org, doc);
	const sha = await frozenSha(tx, doc);
	const now = new Date();
	// The edition in force loses force first: only one edition of an act is ever in force.
	await supersedePredecessors(tx, actor, org, doc, madeOrder);
	try {
		await moveDocument(tx, doc, 'approve', roles, {
			approvedVersion: doc.currentVersion,
			approvedSha256: sha,
			approvalOrderNumber: madeOrder.number,
			approvalOrderDate: madeOrder.documentDate,
			approvalOrderId: madeOrder.id,
			appendixNumber,
			approvedAt: now,
			approvedBy: actor.id,
			effectiveDate: order.effectiveDate || madeOrder.documentDate,
			adoptedBody: order.adoption?.body ?? null,
			adoptedMinutesNumber: order.adoption?.minutesNumber ?? null,
			adoptedMinutesDate: order.adoption?.minutesDate ?? null,
			publishedAt: order.publish ? now : null
		});
	} catch (e) {
		if (isUniqueViolation(e))
			throw new ValidationError({
				form: `«${doc.title}»: такой акт уже действует. Изменения в действующий акт вносятся его новой редакцией.`
			});
		throw e;
	}
	const [fresh] = await tx.select().from(documents).where(eq(documents.id, doc.id));
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'document.approved',
		entityType: 'document',
		entityId: doc.id,
		before: { status: doc.status },
		after: {
			status: 'published',
			version: doc.currentVersion,
			sha256: sha,
			orderNumber: madeOrder.number,
			orderDate: madeOrder.documentDate,
			effectiveDate: fresh!.effectiveDate,
			orderId: madeOrder.id,
			appendixNumber,
			adoption: order.adoption
		}
	});
	await tx
		.insert(documentLinks)
		.values({ documentId: doc.id, targetId: madeOrder.id, relation: 'approved_by' })
		.onConflictDoNothing();
	await takeDocumentAsEvidence(tx, actor, fresh!);
	return order.publish ? announcePublication(tx, actor, org, fresh!) : fresh!;
}

/** The hash of the version being frozen, computed again from its bytes, not trusted from the row. */
async function frozenSha(tx: Database, doc: DocumentRow): Promise<string> {
	const [version] = await tx
		.select({
			source: documentVersions.source,
			sha256: documentVersions.sha256,
			fileSha: files.sha256
		})
		.from(documentVersions)
		.leftJoin(files, eq(files.id, documentVersions.fileId))
		.where(
			and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, doc.currentVersion))
		);
	return version?.source != null
		? sha256Hex(version.source)
		: (version?.fileSha ?? version?.sha256 ?? '');
}

/**
 * The director signs an order: it is registered in the journal with its own date and number
 * (the next in its series and year, or the number it was given on paper) and comes into force.
 */
export async function signOrder(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
): Promise<DocumentRow> {
	assertCan(actor, 'document.approve', org);
	const registration = parseOrderRegistration(org, raw);
	const publish = raw.publish === 'on';
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		if (doc.documentClass !== 'order')
			throw new ValidationError({
				form: 'Подписывают и регистрируют со своим номером только приказы; акт утверждают приказом.'
			});
		const roles = await workflowRoles(tx, actor, org, doc);
		// The order is checked as signed on its date: what it relies on (a contract, the founder's agreement) must come first.
		await assertTimeline(tx, org, {
			step: 'approve',
			documentIds: [doc.id],
			approval: { orderDate: registration.orderDate, effectiveDate: doc.effectiveDate }
		});
		const numbered = await registerOrderNumber(tx, org, registration);
		const now = new Date();
		const sha = await frozenSha(tx, doc);
		await moveDocument(tx, doc, 'sign', roles, {
			...numbered,
			documentDate: registration.orderDate,
			effectiveDate:
				doc.effectiveDate && doc.effectiveDate >= registration.orderDate
					? doc.effectiveDate
					: registration.orderDate,
			approvedVersion: doc.currentVersion,
			approvedSha256: sha,
			approvedAt: now,
			approvedBy: actor.id,
			publishedAt: publish ? now : null
		});
		const [fresh] = await tx.select().from(documents).where(eq(documents.id, doc.id));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.signed',
			entityType: 'document',
			entityId: doc.id,
			before: { status: doc.status },
			after: {
				status: 'published',
				number: numbered.number,
				orderDate: registration.orderDate,
				series: numbered.registrationSeries,
				version: doc.currentVersion,
				sha256: sha
			}
		});
		await supersedePredecessors(tx, actor, org, fresh!, fresh!);
		await takeDocumentAsEvidence(tx, actor, fresh!);
		return publish ? announcePublication(tx, actor, org, fresh!) : fresh!;
	});
}

/** A new edition, once approved, ends the edition it amends: «утратил силу», with a link forward. */
async function supersedePredecessors(
	tx: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	order: DocumentRow
) {
	const earlier = await tx
		.select({ id: documentLinks.targetId })
		.from(documentLinks)
		.where(and(eq(documentLinks.documentId, doc.id), eq(documentLinks.relation, 'amends')));
	for (const { id } of earlier) {
		const old = await lockDocument(tx, org, id);
		if (old.status !== 'published') continue;
		await moveDocument(tx, old, 'supersede', ['system'], {
			supersededBy: doc.id,
			endedAt: new Date()
		});
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.superseded',
			entityType: 'document',
			entityId: old.id,
			before: { status: 'published' },
			after: {
				status: 'superseded',
				supersededBy: doc.id,
				orderNumber: order.number,
				orderDate: order.documentDate
			}
		});
	}
}

/** The act on the portal: its text family, the audit event, the notices, the checklist; the row as it now is. */
async function announcePublication(
	tx: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow
): Promise<DocumentRow> {
	await assignTextFamilies(tx, [doc.id]);
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'document.published',
		entityType: 'document',
		entityId: doc.id,
		after: {
			publishedAt: doc.publishedAt,
			version: doc.approvedVersion,
			sha256: doc.approvedSha256
		}
	});
	await notifyToAcknowledge(tx, org, doc);
	await completeItemsByProof(tx, actor, org, {
		kind: 'event',
		key: 'act_published',
		document: doc
	});
	const [published] = await tx.select().from(documents).where(eq(documents.id, doc.id));
	return published!;
}

/** Puts an approved act on the public portal (when it was approved without publishing at once). */
export async function publishDocument(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string
): Promise<void> {
	assertCan(actor, 'document.approve', org);
	await db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		if (doc.status !== 'published' || !doc.approvedAt)
			throw new ValidationError({ form: 'Опубликовать можно утверждённый действующий документ.' });
		if (doc.publishedAt) throw new ValidationError({ form: 'Документ уже опубликован.' });
		const [fresh] = await tx
			.update(documents)
			.set({ publishedAt: new Date(), updatedAt: new Date() })
			.where(eq(documents.id, doc.id))
			.returning();
		await announcePublication(tx, actor, org, fresh!);
	});
}

/** Repeal by an order registered in the journal: the act stops being in force but its page stays, marked «отменён». */
export async function repealDocument(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
): Promise<void> {
	assertCan(actor, 'document.approve', org);
	await db.transaction(async (tx) => {
		const order = await citedOrder(tx, org, raw.orderId ?? '', todayIn(org.timeZone));
		const doc = await lockDocument(tx, org, docId);
		if (order.id === doc.id)
			throw new ValidationError({
				orderId: 'Приказ не отменяет сам себя: выберите приказ об отмене.'
			});
		if (doc.approvalOrderDate && order.documentDate! < doc.approvalOrderDate)
			throw new ValidationError({
				orderId: `Приказ от ${formatDate(order.documentDate!)} издан раньше, чем акт утверждён (${formatDate(doc.approvalOrderDate)}).`
			});
		await moveDocument(tx, doc, 'repeal', await workflowRoles(tx, actor, org, doc), {
			repealOrderNumber: order.number,
			repealOrderDate: order.documentDate,
			endedAt: new Date()
		});
		await tx
			.insert(documentLinks)
			.values({ documentId: doc.id, targetId: order.id, relation: 'repealed_by' })
			.onConflictDoNothing();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.repealed',
			entityType: 'document',
			entityId: doc.id,
			before: { status: doc.status },
			after: {
				status: 'repealed',
				orderId: order.id,
				orderNumber: order.number,
				orderDate: order.documentDate
			}
		});
	});
}

/**
 * A change to an act in force is a new edition: a new draft document with the in-force text,
 * linked to the old one, which keeps its address and content until the new one is approved.
 */
export async function startNewEdition(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string
): Promise<DocumentRow> {
	assertCan(actor, 'document.edit', org);
	return db.transaction(async (tx) => {
		const old = await lockDocument(tx, org, docId);
		if (old.status !== 'published')
			throw new ValidationError({ form: 'Новую редакцию готовят для действующего документа.' });
		const pending = await tx
			.select({ id: documents.id, title: documents.title })
			.from(documentLinks)
			.innerJoin(documents, eq(documents.id, documentLinks.documentId))
			.where(
				and(
					eq(documentLinks.targetId, old.id),
					eq(documentLinks.relation, 'amends'),
					inArray(documents.status, ['draft', 'review', 'discussion', 'approval'])
				)
			);
		if (pending.length)
			throw new ValidationError({
				form: 'Новая редакция уже готовится: продолжите её, а не начинайте ещё одну.'
			});
		const [text] = await tx
			.select()
			.from(documentVersions)
			.where(
				and(
					eq(documentVersions.documentId, old.id),
					eq(documentVersions.version, old.approvedVersion ?? old.currentVersion)
				)
			);
		if (text?.source == null)
			throw new ValidationError({
				form: 'У документа нет текста: новую редакцию зарегистрируйте файлом.'
			});
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
		await tx.insert(documentVersions).values({
			documentId: doc!.id,
			version: 1,
			source: text.source,
			variables: text.variables,
			templateHash: text.templateHash,
			sha256: sha256Hex(text.source),
			note: `Новая редакция на основе действующей (версия ${text.version})`,
			authorId: actor.id
		});
		await tx
			.insert(documentLinks)
			.values({ documentId: doc!.id, targetId: old.id, relation: 'amends' });
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.new_edition',
			entityType: 'document',
			entityId: doc!.id,
			after: { amends: old.id, title: doc!.title, version: 1 }
		});
		return doc!;
	});
}

/**
 * The order «об утверждении и введении в действие» for a batch: filled from the model template with
 * what the route recorded — the acts and the appendices under their own words, the councils' opinions
 * actually given, the collegial body that adopted them — registered in the journal with its own number,
 * signed by the director and so in force with the acts it approves.
 */
export async function prepareApprovalOrder(
	db: Database,
	org: Organization,
	raw: Record<string, string>
): Promise<OrderMaker> {
	const template = findTemplateFor(org, APPROVAL_ORDER_TEMPLATE);
	const scope = await loadTemplateContext(db, org);
	return async (tx, actor, acts, order) => {
		const opinions = await tx
			.select()
			.from(councilOpinions)
			.where(
				inArray(
					councilOpinions.documentId,
					acts.map((a) => a.id)
				)
			);
		const routeValues: Record<string, string> = {
			var_acts: acts
				.filter((a) => a.documentClass === 'act')
				.map((a) => a.title)
				.join('\n'),
			var_appendices: acts
				.filter((a) => a.documentClass === 'appendix')
				.map((a) => a.title)
				.join('\n'),
			var_councils_opinion: opinionsText(opinions),
			var_adopted_by: order.adoption
				? `${adoptingBodyGenitiveLabels[order.adoption.body]} (протокол от ${formatDate(order.adoption.minutesDate)} № ${order.adoption.minutesNumber})`
				: '',
			var_effective_date: order.effectiveDate || order.orderDate
		};
		const values = parseVariableValues(template, { ...raw, ...routeValues });
		if (!values.ok) throw new ValidationError(values.errors);
		let source: string;
		try {
			source = await fillTemplate(template, scope, values.value);
		} catch (e) {
			if (e instanceof TemplateRenderError) throw new ValidationError({ form: e.message });
			throw e;
		}
		const numbered = await registerOrderNumber(tx, org, order.registration!);
		const sha = sha256Hex(source);
		const now = new Date();
		const [doc] = await tx
			.insert(documents)
			.values({
				organizationId: org.id,
				kind: 'order',
				documentClass: 'order',
				title: template.title,
				heading: template.heading,
				...numbered,
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
				approvedAt: now,
				publishedAt: order.publish ? now : null,
				currentVersion: 1
			})
			.returning();
		await tx.insert(documentVersions).values({
			documentId: doc!.id,
			version: 1,
			source,
			variables: values.value,
			templateHash: template.hash,
			sha256: sha,
			note: 'Приказ об утверждении, сформирован при утверждении',
			authorId: actor.id
		});
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.signed',
			entityType: 'document',
			entityId: doc!.id,
			after: {
				title: doc!.title,
				kind: 'order',
				number: numbered.number,
				series: numbered.registrationSeries,
				orderDate: order.orderDate,
				approves: acts.map((a) => a.id),
				sha256: sha
			}
		});
		if (doc!.publishedAt) await assignTextFamilies(tx, [doc!.id]);
		await takeDocumentAsEvidence(tx, actor, doc!);
		return doc!;
	};
}

/** The councils' opinions of the acts, as the order's «с учётом мнения …» line. */
export async function councilsOpinionLine(db: Database, docIds: string[]): Promise<string> {
	const ids = docIds.filter(isUuid);
	if (!ids.length) return '';
	return opinionsText(
		await db.select().from(councilOpinions).where(inArray(councilOpinions.documentId, ids))
	);
}
