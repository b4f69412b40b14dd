import type { Database } from '../db';
import { isUniqueViolation } from '../db/errors';
import { documentLinks, type DocumentRow, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import { documentRelationLabels } from '../../documents/labels';
import { assertOwnDocument, findDocument } from './queries';

/** Links a document to another of the same organisation: the order that approves it, its basis… */
export async function linkDocuments(
	db: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	targetId: string,
	relation: string
): Promise<void> {
	assertCan(actor, 'document.edit', org);
	assertOwnDocument(org, doc);
	if (!Object.hasOwn(documentRelationLabels, relation))
		throw new ValidationError({ relation: 'Выберите вид связи из списка.' });
	const target = await findDocument(db, org.id, targetId);
	if (!target) throw new ValidationError({ targetId: 'Выберите документ этой организации.' });
	if (target.id === doc.id)
		throw new ValidationError({ targetId: 'Документ нельзя связать с самим собой.' });
	try {
		await db.transaction(async (tx) => {
			await tx.insert(documentLinks).values({ documentId: doc.id, targetId: target.id, relation });
			await recordEvent(tx, {
				actor,
				organizationId: org.id,
				action: 'document.linked',
				entityType: 'document',
				entityId: doc.id,
				after: { targetId: target.id, relation }
			});
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new ValidationError({ targetId: 'Такая связь уже есть.' });
		throw e;
	}
}
