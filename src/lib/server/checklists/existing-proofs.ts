import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import {
	contracts,
	councilOpinions,
	discussions,
	documents,
	reviewRounds,
	type Organization
} from '../db/schema';
import type { Actor } from '../auth/permissions';
import { yetToAcknowledgeIds } from '../acknowledgements/queries';
import { missingOpinions, requiredCouncils } from '../workflow/councils';
import { completeItemsByProof, profileProofs } from './complete-by-proof';
import type { Proof } from './evidence';

/**
 * Everything that already proves items in an organisation: documents registered or in force,
 * review rounds closed with approval, discussions summarised, opinions recorded, acts published
 * and acknowledged, profile fields, contracts. Read when a checklist is assigned, so that work
 * done before the campaign counts.
 */
export async function existingProofs(tx: Database, org: Organization): Promise<Proof[]> {
	const proofs: Proof[] = profileProofs(org).map((key) => ({ kind: 'profile', key }));
	const docs = await tx
		.select()
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, org.id),
				inArray(documents.status, ['registered', 'published'])
			)
		);
	for (const d of docs) proofs.push({ kind: 'document', document: d });
	const reviewed = await tx
		.selectDistinct({ id: documents.id, title: documents.title })
		.from(reviewRounds)
		.innerJoin(documents, eq(documents.id, reviewRounds.documentId))
		.where(
			and(
				eq(reviewRounds.organizationId, org.id),
				inArray(reviewRounds.outcome, ['approved', 'closed_by_chair'])
			)
		);
	for (const d of reviewed) proofs.push({ kind: 'event', key: 'review_closed', document: d });
	const summarised = await tx
		.select({ id: documents.id, title: documents.title })
		.from(discussions)
		.innerJoin(documents, eq(documents.id, discussions.summaryDocumentId))
		.where(eq(discussions.organizationId, org.id));
	for (const d of summarised)
		proofs.push({ kind: 'event', key: 'discussion_summarised', document: d });
	const opinions = await tx
		.select()
		.from(councilOpinions)
		.where(eq(councilOpinions.organizationId, org.id));
	const askedIds = [...new Set(opinions.map((o) => o.documentId))];
	const asked = askedIds.length
		? await tx.select().from(documents).where(inArray(documents.id, askedIds))
		: [];
	for (const d of asked)
		if (
			requiredCouncils(d).length &&
			!missingOpinions(
				d,
				opinions.filter((o) => o.documentId === d.id)
			).length
		)
			proofs.push({ kind: 'event', key: 'opinions_recorded', document: d });
	for (const d of docs.filter((x) => x.status === 'published' && x.publishedAt)) {
		proofs.push({ kind: 'event', key: 'act_published', document: d });
		if (!(await yetToAcknowledgeIds(tx, d.id)).length)
			proofs.push({ kind: 'event', key: 'staff_acknowledged', document: d });
	}
	const registered = await tx
		.select({ id: documents.id, title: documents.title })
		.from(contracts)
		.innerJoin(documents, eq(documents.id, contracts.documentId))
		.where(eq(contracts.organizationId, org.id));
	for (const d of registered)
		proofs.push({ kind: 'register', key: 'operator_contract', document: d });
	return proofs;
}

/** A checklist has just been assigned: its items already proved are done at once. */
export async function completeExistingProofs(
	tx: Database,
	actor: Actor,
	org: Organization
): Promise<number> {
	let completed = 0;
	for (const proof of await existingProofs(tx, org))
		completed += await completeItemsByProof(tx, actor, org, proof);
	return completed;
}
