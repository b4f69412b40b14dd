import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { memberships, users, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, rolesOver, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import { isUuid } from '../orgs/queries';

export async function peopleOf(db: Database, orgId: string) {
	return db
		.select({
			membershipId: memberships.id,
			userId: users.id,
			fullName: users.fullName,
			email: users.email,
			role: memberships.role,
			position: memberships.position,
			since: memberships.createdAt
		})
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.organizationId, orgId))
		.orderBy(asc(users.fullName), asc(memberships.role));
}

export async function removeMembership(
	db: Database,
	actor: Actor,
	org: Organization,
	membershipId: string
): Promise<void> {
	assertCan(actor, 'people.remove', org);
	// The id comes from a form: a malformed one is "not found", not a database error.
	if (!isUuid(membershipId))
		throw new ValidationError({ form: 'Эта роль уже снята или не найдена.' });
	await db.transaction(async (tx) => {
		const [row] = await tx
			.select({ membership: memberships, email: users.email })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(eq(memberships.id, membershipId), eq(memberships.organizationId, org.id)));
		if (!row) throw new ValidationError({ form: 'Эта роль уже снята или не найдена.' });
		if (row.membership.userId === actor.id && !actor.isAdmin)
			throw new ValidationError({
				form: 'Свою роль снять нельзя: попросите об этом вышестоящий орган.'
			});
		if (
			row.membership.role === 'director' &&
			!actor.isAdmin &&
			!rolesOver(actor, org).has('authority')
		)
			throw new ValidationError({ form: 'Директора снимает орган управления образованием.' });
		await tx.delete(memberships).where(eq(memberships.id, membershipId));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'membership.removed',
			entityType: 'membership',
			entityId: membershipId,
			before: { userId: row.membership.userId, email: row.email, role: row.membership.role }
		});
	});
}
