import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { documents, type DocumentRow, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, validate } from '../forms/errors';
import { changes } from '../orgs/save-organization';
import {
	detailsFormValues,
	documentDetailsInput,
	RESPONSIBLE_OUTSIDE,
	responsibleBelongs
} from './details';
import { assertOwnDocument } from './queries';

/** Edits the registry fields (title, number, date, place, responsible, effective date). */
export async function updateDocumentDetails(
	db: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	raw: Record<string, string>
): Promise<DocumentRow> {
	assertCan(actor, 'document.edit', org);
	assertOwnDocument(org, doc);
	const parsed = validate(documentDetailsInput, detailsFormValues(raw));
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	if (!(await responsibleBelongs(db, org.id, parsed.value.responsibleId)))
		throw new ValidationError({ responsibleId: RESPONSIBLE_OUTSIDE });
	const pick = (
		d: Pick<
			DocumentRow,
			'title' | 'number' | 'documentDate' | 'place' | 'effectiveDate' | 'responsibleId'
		>
	) => ({
		title: d.title,
		number: d.number,
		documentDate: d.documentDate,
		place: d.place,
		effectiveDate: d.effectiveDate,
		responsibleId: d.responsibleId
	});
	const { before, after } = changes(pick(doc), pick(parsed.value));
	if (!Object.keys(after).length) return doc;
	return db.transaction(async (tx) => {
		const [updated] = await tx
			.update(documents)
			.set({ ...parsed.value, updatedAt: new Date() })
			.where(eq(documents.id, doc.id))
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.details_updated',
			entityType: 'document',
			entityId: doc.id,
			before,
			after
		});
		return updated!;
	});
}
