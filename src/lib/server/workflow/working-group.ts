import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { memberships, users, workingGroupMembers, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { validate, ValidationError } from '../forms/errors';
import { isUniqueViolation } from '../db/errors';
import { isUuid } from '../orgs/queries';
import { workingGroupRoleLabels, type WorkingGroupRole } from '../../workflow/labels';

/** The working group as it is now, the chair first, then the secretary, then the members. */
export async function currentWorkingGroup(db: Database, orgId: string) {
	const rows = await db
		.select({
			id: workingGroupMembers.id,
			userId: workingGroupMembers.userId,
			role: workingGroupMembers.role,
			position: workingGroupMembers.position,
			addedAt: workingGroupMembers.addedAt,
			fullName: users.fullName,
			email: users.email
		})
		.from(workingGroupMembers)
		.innerJoin(users, eq(users.id, workingGroupMembers.userId))
		.where(
			and(eq(workingGroupMembers.organizationId, orgId), isNull(workingGroupMembers.removedAt))
		)
		.orderBy(asc(users.fullName));
	const rank: Record<WorkingGroupRole, number> = { chair: 0, secretary: 1, member: 2 };
	return rows.sort((a, b) => rank[a.role] - rank[b.role]);
}

/** Every composition change, newest first: who was in the group, in which role, from when to when. */
export async function workingGroupHistory(db: Database, orgId: string) {
	return db
		.select({
			id: workingGroupMembers.id,
			fullName: users.fullName,
			role: workingGroupMembers.role,
			addedAt: workingGroupMembers.addedAt,
			removedAt: workingGroupMembers.removedAt
		})
		.from(workingGroupMembers)
		.innerJoin(users, eq(users.id, workingGroupMembers.userId))
		.where(eq(workingGroupMembers.organizationId, orgId))
		.orderBy(desc(workingGroupMembers.addedAt));
}

const roleField = z.enum(
	Object.keys(workingGroupRoleLabels) as [WorkingGroupRole, ...WorkingGroupRole[]],
	{ message: 'Выберите роль в рабочей группе.' }
);
const memberInput = z.object({
	userId: z.string().uuid({ message: 'Выберите человека из сотрудников организации.' }),
	role: roleField,
	position: z
		.string()
		.trim()
		.max(200, { message: 'Не длиннее 200 символов.' })
		.transform((v) => v || null)
});

const GONE = 'Такого члена рабочей группы нет: возможно, состав уже изменили. Обновите страницу.';
const ROLE_TAKEN = (role: WorkingGroupRole) =>
	`${workingGroupRoleLabels[role]} у рабочей группы уже есть: сначала смените роль нынешнему.`;

export async function addWorkingGroupMember(
	db: Database,
	actor: Actor,
	org: Organization,
	raw: Record<string, string>
) {
	assertCan(actor, 'working_group.manage', org);
	const parsed = validate(memberInput, {
		userId: raw.userId ?? '',
		role: raw.role ?? '',
		position: raw.position ?? ''
	});
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const input = parsed.value;
	try {
		return await db.transaction(async (tx) => {
			const [person] = await tx
				.select({ position: memberships.position })
				.from(memberships)
				.where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, input.userId)))
				.limit(1);
			if (!person)
				throw new ValidationError({
					userId: 'Этот человек не работает в организации: сначала пригласите его.'
				});
			const [row] = await tx
				.insert(workingGroupMembers)
				.values({
					organizationId: org.id,
					userId: input.userId,
					role: input.role,
					position: input.position ?? person.position
				})
				.returning();
			await recordEvent(tx, {
				actor,
				organizationId: org.id,
				action: 'working_group.member_added',
				entityType: 'working_group',
				entityId: row!.id,
				after: { userId: input.userId, role: input.role }
			});
			return row!;
		});
	} catch (e) {
		if (isUniqueViolation(e)) {
			const group = await currentWorkingGroup(db, org.id);
			throw new ValidationError(
				group.some((m) => m.userId === input.userId)
					? { userId: 'Этот человек уже в рабочей группе.' }
					: { role: ROLE_TAKEN(input.role) }
			);
		}
		throw e;
	}
}

/** A new role closes the old row and opens a new one, so the composition's history stays true. */
export async function changeWorkingGroupRole(
	db: Database,
	actor: Actor,
	org: Organization,
	memberId: string,
	rawRole: string
) {
	assertCan(actor, 'working_group.manage', org);
	const parsed = validate(roleField, rawRole);
	if (!parsed.ok) throw new ValidationError({ role: 'Выберите роль в рабочей группе.' });
	const role = parsed.value;
	try {
		await db.transaction(async (tx) => {
			const old = await closeMembership(tx, org, memberId);
			if (old.role === role) throw new ValidationError({ role: 'Эта роль у него уже есть.' });
			const [row] = await tx
				.insert(workingGroupMembers)
				.values({ organizationId: org.id, userId: old.userId, role, position: old.position })
				.returning();
			await recordEvent(tx, {
				actor,
				organizationId: org.id,
				action: 'working_group.member_changed',
				entityType: 'working_group',
				entityId: row!.id,
				before: { role: old.role },
				after: { userId: old.userId, role }
			});
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new ValidationError({ role: ROLE_TAKEN(role) });
		throw e;
	}
}

export async function removeWorkingGroupMember(
	db: Database,
	actor: Actor,
	org: Organization,
	memberId: string
) {
	assertCan(actor, 'working_group.manage', org);
	await db.transaction(async (tx) => {
		const old = await closeMembership(tx, org, memberId);
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'working_group.member_removed',
			entityType: 'working_group',
			entityId: old.id,
			before: { userId: old.userId, role: old.role }
		});
	});
}

async function closeMembership(tx: Database, org: Organization, memberId: string) {
	if (!isUuid(memberId)) throw new ValidationError({ form: GONE });
	const [old] = await tx
		.update(workingGroupMembers)
		.set({ removedAt: new Date() })
		.where(
			and(
				eq(workingGroupMembers.id, memberId),
				eq(workingGroupMembers.organizationId, org.id),
				isNull(workingGroupMembers.removedAt)
			)
		)
		.returning();
	if (!old) throw new ValidationError({ form: GONE });
	return old;
}
