import type { Database } from '../db';
import type { DocumentRow, Organization } from '../db/schema';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import { assertOwnDocument } from '../documents/queries';
import { generateDocument } from '../documents/generate-document';
import { linkDocuments } from '../documents/link-documents';
import { todayIn } from '../../format';
import { acknowledgementStatus } from './queries';

export const SHEET_TEMPLATE = 'school-acknowledgement-sheet';
export const NOT_APPROVED = 'Лист ознакомления формируется для утверждённого акта.';
const TITLE_MAX = 500;

// The form's people line is «ФИО — должность»: a dash between spaces inside a name would split it.
const nameForLine = (name: string) => name.replace(/\s+[—–-]\s+/g, '-');

/**
 * «Сформировать лист ознакомления»: a draft from the model sheet with everyone who must
 * acknowledge the act, dated for those who did so in the app, linked to the act as its annex.
 */
export async function generateAcknowledgementSheet(
	db: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow
): Promise<DocumentRow> {
	assertCan(actor, 'document.edit', org);
	assertOwnDocument(org, doc);
	if (doc.approvedVersion === null) throw new ValidationError({ form: NOT_APPROVED });
	const { people } = await acknowledgementStatus(db, org, doc);
	if (!people.length)
		throw new ValidationError({
			form: 'Некому знакомиться с актом: в организации нет сотрудников с названными ролями.'
		});
	const title = `Лист ознакомления с актом «${doc.title}»`;
	const form = {
		title: title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 2)}…»` : title,
		number: '',
		documentDate: '',
		place: '',
		effectiveDate: '',
		responsibleId: '',
		var_act_title: doc.title,
		var_act_order_date: doc.approvalOrderDate ?? '',
		var_act_order_number: doc.approvalOrderNumber ?? '',
		var_people: people
			.map((p) => [nameForLine(p.fullName), p.position].filter(Boolean).join(' — '))
			.join('\n'),
		// Dates go line by line with the people; «—» keeps the place of one who has not acknowledged.
		var_acknowledged_on: people.some((p) => p.acknowledgedAt)
			? people
					.map((p) => (p.acknowledgedAt ? todayIn(org.timeZone, p.acknowledgedAt) : '—'))
					.join('\n')
			: '',
		var_blank_rows: '5'
	};
	return db.transaction(async (tx) => {
		const sheet = await generateDocument(tx, actor, org, SHEET_TEMPLATE, form);
		await linkDocuments(tx, actor, org, sheet, doc.id, 'annex_to');
		return sheet;
	});
}
