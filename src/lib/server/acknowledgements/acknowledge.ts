import type { Database } from '../db';
import { acknowledgements, type DocumentRow, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import { assertOwnDocument } from '../documents/queries';
import { notifyUsers } from '../notifications/notify';
import { completeItemsByProof } from '../checklists/complete-by-proof';
import { acknowledgedAt, yetToAcknowledgeIds } from './queries';

export const NOT_PUBLISHED = 'Ознакомиться можно только с опубликованным актом.';
/** The employer's representative issues the act; the staff are acquainted with it (ст. 22 ТК РФ). */
export const APPROVED_IT =
	'Вы утвердили этот акт: с ним знакомятся работники, подтверждать ознакомление вам не нужно.';

/**
 * «Ознакомлен(а)»: records that the person read the approved version of the act. A second click
 * finds the record made by the first and changes nothing, not even the audit log.
 */
export async function acknowledgeDocument(
	db: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow
): Promise<{ acknowledgedAt: Date; created: boolean }> {
	assertCan(actor, 'document.acknowledge', org);
	assertOwnDocument(org, doc);
	const version = doc.approvedVersion;
	if (doc.status !== 'published' || !doc.publishedAt || version === null)
		throw new ValidationError({ form: NOT_PUBLISHED });
	if (doc.approvedBy === actor.id) throw new ValidationError({ form: APPROVED_IT });
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(acknowledgements)
			.values({ documentId: doc.id, organizationId: org.id, userId: actor.id, version })
			.onConflictDoNothing({
				target: [acknowledgements.documentId, acknowledgements.userId, acknowledgements.version]
			})
			.returning();
		if (!row) return { acknowledgedAt: (await acknowledgedAt(tx, doc, actor.id))!, created: false };
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.acknowledged',
			entityType: 'acknowledgement',
			entityId: row.id,
			after: { documentId: doc.id, title: doc.title, version, sha256: doc.approvedSha256 }
		});
		// The last one who had to acknowledge: the act has reached everyone.
		if (!(await yetToAcknowledgeIds(tx, doc.id)).length)
			await completeItemsByProof(tx, actor, org, {
				kind: 'event',
				key: 'staff_acknowledged',
				document: doc
			});
		return { acknowledgedAt: row.acknowledgedAt, created: true };
	});
}

/**
 * Asks everyone who must acknowledge a just-published act to do so. Call it in the publishing
 * transaction: it reads the act's roles as that transaction left them.
 */
export async function notifyToAcknowledge(
	tx: Database,
	org: Pick<Organization, 'id'>,
	doc: Pick<DocumentRow, 'id' | 'title'>
): Promise<void> {
	await notifyUsers(tx, await yetToAcknowledgeIds(tx, doc.id), {
		organizationId: org.id,
		documentId: doc.id,
		kind: 'acknowledge',
		title: 'Ознакомьтесь с документом',
		body: `Опубликован локальный акт «${doc.title}». Прочитайте его и подтвердите ознакомление кнопкой «Ознакомлен(а)».`,
		link: `/app/acknowledge/${doc.id}`
	});
}
