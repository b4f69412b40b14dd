import { and, eq, inArray, notInArray, or } from 'drizzle-orm';
import type { Database } from '../db';
import {
	campaigns,
	checklistItems,
	checklists,
	documents,
	type CatalogueItem,
	type DocumentRow,
	type Organization
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, withoutNul, type FieldErrors } from '../forms/errors';
import { changes } from '../orgs/save-organization';
import { isUuid } from '../orgs/queries';
import { parseDate } from '../orgs/validation';
import { responsibleBelongs, RESPONSIBLE_OUTSIDE } from '../documents/details';
import { findDocument } from '../documents/queries';
import { storeFile, type Upload } from '../documents/store-file';
import { itemStatusLabels, type ItemStatus } from '../../checklists/labels';
import { findItem } from './queries';
import { documentMayProve, evidenceWanted, needsDocument, proofsWanted } from './evidence';

export interface ItemChange {
	status: string;
	notNeededReason: string;
	dueOn: string;
	responsibleId: string;
	note: string;
	evidenceDocumentId: string;
}

/**
 * Changes one item of the organisation's checklist. Done needs its evidence: the document the
 * catalogue asks for, or a note (and a file) where no document proves it. Nothing is saved
 * unless every check passes; the change and its audit event commit together.
 */
export async function updateItem(
	db: Database,
	actor: Actor,
	org: Organization,
	itemId: string,
	raw: Partial<ItemChange>,
	upload: Upload | null = null
) {
	assertCan(actor, 'checklist.edit', org);
	const found = await findItem(db, org.id, itemId);
	if (!found) throw new ValidationError({ form: 'Пункт не найден.' });
	const { item, catalogueItem } = found;
	const [campaign] = await db
		.select({ startsOn: campaigns.startsOn })
		.from(checklists)
		.innerJoin(campaigns, eq(campaigns.id, checklists.campaignId))
		.where(eq(checklists.id, item.checklistId));
	const errors: FieldErrors = {};
	const status = (raw.status ?? item.status) as ItemStatus;
	if (!Object.hasOwn(itemStatusLabels, status)) errors.status = 'Выберите состояние из списка.';
	const reason = withoutNul(raw.notNeededReason ?? item.notNeededReason ?? '')
		.trim()
		.slice(0, 2000);
	const note = withoutNul(raw.note ?? item.note ?? '').trim();
	if (note.length > 5000) errors.note = 'Заметка: не больше 5000 символов.';
	const dueOn = raw.dueOn === undefined || raw.dueOn === '' ? item.dueOn : parseDate(raw.dueOn);
	if (!dueOn) errors.dueOn = 'Срок: укажите дату ДД.ММ.ГГГГ.';
	else if (campaign && dueOn < campaign.startsOn)
		errors.dueOn = `Срок не может быть раньше начала кампании (${campaign.startsOn.split('-').reverse().join('.')}).`;
	const responsibleId =
		raw.responsibleId === undefined ? item.responsibleId : raw.responsibleId || null;
	if (
		responsibleId &&
		(!isUuid(responsibleId) || !(await responsibleBelongs(db, org.id, responsibleId)))
	)
		errors.responsibleId = RESPONSIBLE_OUTSIDE;
	const evidenceId =
		raw.evidenceDocumentId === undefined ? item.evidenceDocumentId : raw.evidenceDocumentId || null;
	let evidence: DocumentRow | null = null;
	if (evidenceId) {
		evidence = await findDocument(db, org.id, evidenceId);
		if (!evidence)
			errors.evidenceDocumentId = 'Подтверждением может быть только документ этой организации.';
		else if (evidence.status === 'superseded' || evidence.status === 'repealed')
			errors.evidenceDocumentId = 'Этот документ утратил силу: выберите действующий.';
		else if (
			needsDocument(catalogueItem.evidence) &&
			!documentMayProve(catalogueItem.evidence, evidence)
		)
			errors.evidenceDocumentId = `Этот документ не подтверждает пункт. Нужен ${evidenceWanted(catalogueItem.evidence)}.`;
	}
	if (status === 'not_needed' && !reason)
		errors.notNeededReason = 'Укажите, почему пункт не требуется.';
	if (status === 'done') {
		if (needsDocument(catalogueItem.evidence) && !evidence && !errors.evidenceDocumentId)
			errors.evidenceDocumentId = `Чтобы отметить пункт выполненным, приложите документ: ${evidenceWanted(catalogueItem.evidence)}.`;
		// Proved only by the route, the profile or a register: the system marks it, a person cannot.
		if (
			!needsDocument(catalogueItem.evidence) &&
			!catalogueItem.evidence.note &&
			item.status !== 'done'
		)
			errors.status = `Этот пункт отмечается сам, когда ${proofsWanted(catalogueItem.evidence).join(' или ').toLowerCase()}.`;
		else if (!needsDocument(catalogueItem.evidence) && !note && !upload && !item.evidenceFileId)
			errors.note =
				'Чтобы отметить пункт выполненным, опишите, что сделано, и приложите файл (фото, акт, скан).';
	}
	if (Object.keys(errors).length) throw new ValidationError(errors);

	return db.transaction(async (tx) => {
		const file = upload ? await storeFile(tx, org.id, actor.id, upload) : null;
		const next = {
			status,
			notNeededReason: status === 'not_needed' ? reason : null,
			dueOn: dueOn!,
			responsibleId,
			note: note || null,
			evidenceDocumentId: evidence?.id ?? null,
			evidenceFileId: file?.id ?? item.evidenceFileId,
			proof: status === 'done' ? item.proof : null,
			completedAt: status === 'done' ? (item.completedAt ?? new Date()) : null
		};
		const view = (v: typeof next) => ({
			status: v.status,
			notNeededReason: v.notNeededReason,
			dueOn: v.dueOn,
			responsibleId: v.responsibleId,
			note: v.note,
			evidenceDocumentId: v.evidenceDocumentId,
			evidenceFileId: v.evidenceFileId
		});
		const { before, after } = changes(view({ ...item, completedAt: item.completedAt }), view(next));
		if (!Object.keys(after).length) return item;
		const [updated] = await tx
			.update(checklistItems)
			.set({ ...next, updatedAt: new Date() })
			.where(eq(checklistItems.id, item.id))
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'checklist_item.updated',
			entityType: 'checklist_item',
			entityId: item.id,
			before,
			after: { ...after, code: catalogueItem.code }
		});
		return updated!;
	});
}

/** Documents of the organisation that would prove the item, for the evidence list. */
export async function candidateEvidence(db: Database, orgId: string, e: CatalogueItem['evidence']) {
	if (!needsDocument(e)) return [];
	const conditions = [
		...(e.templates.length ? [inArray(documents.templateId, e.templates)] : []),
		...(e.kinds.length ? [inArray(documents.kind, e.kinds as DocumentRow['kind'][])] : [])
	];
	return db
		.select({ id: documents.id, title: documents.title, status: documents.status })
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, orgId),
				or(...conditions),
				notInArray(documents.status, ['superseded', 'repealed'])
			)
		);
}
