import { and, eq, notInArray } from 'drizzle-orm';
import type { Database } from '../db';
import {
	catalogueItems,
	checklistItems,
	type ChecklistItem,
	type DocumentRow,
	type Organization
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/permissions';
import { proofProfileFields, type ProofProfileField } from '../../checklists/proofs';
import { proofLabel, proofMatches, type Proof } from './evidence';

/** What the item row keeps of its proof: the kind, the key (template, event, field, register) and the words. */
export type StoredProof = NonNullable<ChecklistItem['proof']> & { key: string };

const proofKey = (proof: Proof) =>
	proof.kind === 'document' ? (proof.document.templateId ?? proof.document.kind) : proof.key;

/**
 * Something happened that items may name as their proof (a document registered or approved, a
 * route step, a profile field filled, a contract registered): the organisation's open items that
 * name it are done, each with a link to what proved it and its history entry. Runs inside the
 * transaction of what happened; done and not-needed items are left alone. Returns how many.
 */
export async function completeItemsByProof(
	tx: Database,
	actor: Actor | null,
	org: Pick<Organization, 'id'>,
	proof: Proof
): Promise<number> {
	const open = await tx
		.select({ item: checklistItems, catalogueItem: catalogueItems })
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.where(
			and(
				eq(checklistItems.organizationId, org.id),
				notInArray(checklistItems.status, ['done', 'not_needed'])
			)
		);
	const stored: StoredProof = { kind: proof.kind, key: proofKey(proof), label: proofLabel(proof) };
	const documentId = proof.kind === 'profile' ? null : proof.document.id;
	let completed = 0;
	for (const { item, catalogueItem } of open) {
		if (!proofMatches(catalogueItem.evidence, proof)) continue;
		const [done] = await tx
			.update(checklistItems)
			.set({
				status: 'done',
				evidenceDocumentId: documentId ?? item.evidenceDocumentId,
				proof: stored,
				completedAt: new Date(),
				updatedAt: new Date()
			})
			.where(
				and(
					eq(checklistItems.id, item.id),
					notInArray(checklistItems.status, ['done', 'not_needed'])
				)
			)
			.returning({ id: checklistItems.id });
		if (!done) continue;
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action:
				proof.kind === 'document'
					? 'checklist_item.completed_by_document'
					: 'checklist_item.completed_by_proof',
			entityType: 'checklist_item',
			entityId: item.id,
			before: { status: item.status },
			after: {
				status: 'done',
				code: catalogueItem.code,
				proof: stored,
				evidenceDocumentId: documentId
			}
		});
		completed += 1;
	}
	return completed;
}

/** A document that items ask for has been registered or approved: the document kind of proof. */
export function takeDocumentAsEvidence(
	tx: Database,
	actor: Actor,
	doc: DocumentRow
): Promise<number> {
	return completeItemsByProof(
		tx,
		actor,
		{ id: doc.organizationId },
		{ kind: 'document', document: doc }
	);
}

/** The profile fields an organisation has filled, each a proof. */
export function profileProofs(org: Organization): ProofProfileField[] {
	const value: Record<ProofProfileField, unknown> = {
		journal_system: org.journalSystem,
		paperless_since: org.paperlessSince,
		website: org.website?.trim(),
		founder_name: org.founderName?.trim()
	};
	return proofProfileFields.filter((k) => !!value[k]);
}

/** The profile was saved: items proved by a field now filled are done. */
export async function completeProfileProofs(
	tx: Database,
	actor: Actor,
	org: Organization
): Promise<number> {
	let completed = 0;
	for (const key of profileProofs(org))
		completed += await completeItemsByProof(tx, actor, org, { kind: 'profile', key });
	return completed;
}
