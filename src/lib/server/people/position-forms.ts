import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { memberships, users, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, type FieldErrors } from '../forms/errors';
import { isUuid } from '../orgs/queries';
import { positionForms, type PositionForms } from '../../russian/cases';
import { positionCaseFields } from '../../people/labels';

const NOT_FOUND = 'Этот сотрудник уже не в организации или не найден.';

export async function membershipWithForms(db: Database, org: Organization, membershipId: string) {
	if (!isUuid(membershipId)) return null;
	const [row] = await db
		.select({
			membershipId: memberships.id,
			fullName: users.fullName,
			role: memberships.role,
			position: memberships.position,
			forms: memberships.positionForms
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.id, membershipId), eq(memberships.organizationId, org.id)));
	return row ?? null;
}

/** What the form shows: the forms kept on the record, the rules' forms where none is kept. */
export function formsToShow(position: string | null, kept: PositionForms | null): PositionForms {
	const ruled = position ? positionForms(position) : {};
	return Object.fromEntries(
		positionCaseFields.map(([c]) => [c, kept?.[c] ?? ruled[c] ?? ''])
	) as PositionForms;
}

const text = (label: string) =>
	z
		.string()
		.trim()
		.max(200, { message: `${label}: не длиннее 200 символов.` });

/**
 * The position and its cases, as the director corrects them: an empty case field takes the rules'
 * form again, so a record never keeps a blank where a sentence needs a word.
 */
export async function updatePositionForms(
	db: Database,
	actor: Actor,
	org: Organization,
	membershipId: string,
	raw: Record<string, string | undefined>
) {
	assertCan(actor, 'people.invite', org);
	const errors: FieldErrors = {};
	const position = text('Должность').safeParse(raw.position ?? '');
	if (!position.success) errors.position = position.error.issues[0]!.message;
	const typed: PositionForms = {};
	for (const [c, label] of positionCaseFields) {
		const v = text(label).safeParse(raw[`form_${c}`] ?? '');
		if (!v.success) errors[`form_${c}`] = v.error.issues[0]!.message;
		else if (v.data) typed[c] = v.data;
	}
	if (position.success && !position.data && Object.keys(typed).length)
		errors.position = 'Сначала укажите должность: падежи без неё не нужны.';
	if (Object.keys(errors).length) throw new ValidationError(errors);
	const nextPosition = position.data || null;
	const forms: PositionForms | null = nextPosition
		? { ...positionForms(nextPosition), ...typed }
		: null;
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(memberships)
			.where(and(eq(memberships.id, membershipId), eq(memberships.organizationId, org.id)))
			.for('update');
		if (!row) throw new ValidationError({ form: NOT_FOUND });
		await tx
			.update(memberships)
			.set({ position: nextPosition, positionForms: forms })
			.where(eq(memberships.id, row.id));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'membership.position_updated',
			entityType: 'membership',
			entityId: row.id,
			before: { position: row.position, positionForms: row.positionForms },
			after: { position: nextPosition, positionForms: forms }
		});
		return { position: nextPosition, forms };
	});
}

export { NOT_FOUND as MEMBERSHIP_NOT_FOUND };
