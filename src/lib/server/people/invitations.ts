import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import {
	invitations,
	memberships,
	organizations,
	users,
	type Invitation,
	type MembershipRole,
	type Organization,
	type User
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { email } from '../auth/sign-in';
import { grantableRoles, assertCan, type Actor } from '../auth/permissions';
import { hashPassword, passwordProblem } from '../auth/password';
import { checkLoginGate, recordLoginFailure, retryMessage } from '../auth/rate-limit';
import { generateToken, hashToken } from '../auth/tokens';
import { ValidationError, validate, withoutNul } from '../forms/errors';
import { roleLabels } from '../../people/labels';
import { isUuid } from '../orgs/queries';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const invitationInput = z.object({
	email,
	fullName: z.string().trim().max(200, 'ФИО: не больше 200 символов.'),
	role: z.string(),
	position: z.string().trim().max(200, 'Должность: не больше 200 символов.')
});

/**
 * Invites a person to the organisation with a role. Returns the one-time token for the link;
 * only its hash is stored, so the link is shown once, to the inviter.
 */
export async function createInvitation(
	db: Database,
	actor: Actor,
	org: Organization,
	raw: Record<string, string>,
	now = new Date()
): Promise<{ invitation: Invitation; token: string }> {
	assertCan(actor, 'people.invite', org);
	const parsed = validate(invitationInput, raw);
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const input = parsed.value;
	const role = input.role as MembershipRole;
	if (!grantableRoles(actor, org).includes(role))
		throw new ValidationError({ role: 'Выберите роль из списка.' });

	const existing = await db
		.select({ id: memberships.id })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(
			and(
				eq(users.email, input.email),
				eq(memberships.organizationId, org.id),
				eq(memberships.role, role)
			)
		);
	if (existing.length)
		throw new ValidationError({
			email: `У этого человека уже есть роль «${roleLabels[role]}» в организации.`
		});

	const token = generateToken();
	const invitation = await db.transaction(async (tx) => {
		const [created] = await tx
			.insert(invitations)
			.values({
				tokenHash: hashToken(token),
				organizationId: org.id,
				email: input.email,
				fullName: input.fullName || null,
				role,
				position: input.position || null,
				invitedBy: actor.id,
				expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS)
			})
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'invitation.created',
			entityType: 'invitation',
			entityId: created!.id,
			after: { email: input.email, role, expiresAt: created!.expiresAt.toISOString() }
		});
		return created!;
	});
	return { invitation, token };
}

export interface OpenInvitation {
	invitation: Invitation;
	organization: Organization;
	existingUser: User | null;
}

/** The invitation behind a link, if it is still usable. */
export async function findOpenInvitation(
	db: Database,
	token: string,
	now = new Date()
): Promise<OpenInvitation | null> {
	const [row] = await db
		.select({ invitation: invitations, organization: organizations })
		.from(invitations)
		.innerJoin(organizations, eq(organizations.id, invitations.organizationId))
		.where(
			and(
				eq(invitations.tokenHash, hashToken(token)),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, now)
			)
		);
	if (!row) return null;
	const [existingUser] = await db.select().from(users).where(eq(users.email, row.invitation.email));
	return { ...row, existingUser: existingUser ?? null };
}

export const INVITATION_UNUSABLE =
	'Ссылка-приглашение недействительна: она уже использована, отозвана или срок её действия истёк. Попросите прислать новую.';

export const SIGN_IN_TO_ACCEPT =
	'Если у вас уже есть учётная запись с этим адресом, войдите в неё и откройте ссылку-приглашение снова: приглашение примет ваша учётная запись. Иначе проверьте введённое.';
export const INVITATION_FOR_ANOTHER =
	'Это приглашение адресовано другому адресу электронной почты. Выйдите и войдите под тем адресом, на который оно пришло.';

/**
 * Accepts an invitation for a new person, who sets a name and a password. An address that already
 * has an account is never confirmed by a password typed here (that would let the inviter try the
 * account's password): its owner signs in and accepts as herself (`acceptInvitationAs`). Every
 * such attempt counts as a failed sign-in, so the link cannot probe the address without limit.
 */
export async function acceptInvitation(
	db: Database,
	token: string,
	params: { fullName?: string; password: string; repeat?: string; ipAddress: string },
	now = new Date()
): Promise<User> {
	const open = await findOpenInvitation(db, token, now);
	if (!open) throw new ValidationError({ form: INVITATION_UNUSABLE });
	const { invitation, existingUser } = open;
	const gate = await checkLoginGate(db, invitation.email, params.ipAddress, now);
	if (!gate.allowed) throw new ValidationError({ form: retryMessage(gate.retryAt, now) });
	if (existingUser) {
		await recordLoginFailure(db, invitation.email, params.ipAddress, now);
		throw new ValidationError({ form: SIGN_IN_TO_ACCEPT });
	}
	const fullName = withoutNul(params.fullName ?? '').trim();
	if (!fullName) throw new ValidationError({ fullName: 'Укажите фамилию, имя и отчество.' });
	if (fullName.length > 200)
		throw new ValidationError({ fullName: 'ФИО: не больше 200 символов.' });
	const problem = passwordProblem(params.password);
	if (problem) throw new ValidationError({ password: problem });
	if (params.password !== params.repeat)
		throw new ValidationError({ repeat: 'Пароли не совпадают.' });
	const passwordHash = await hashPassword(params.password);
	return spendInvitation(db, invitation, now, async (tx) => {
		const [user] = await tx
			.insert(users)
			.values({ email: invitation.email, fullName, passwordHash })
			.returning();
		await recordEvent(tx, {
			actor: user!,
			organizationId: invitation.organizationId,
			action: 'user.created',
			entityType: 'user',
			entityId: user!.id,
			after: { email: user!.email, fullName: user!.fullName }
		});
		return user!;
	});
}

/** The signed-in owner of the invited address accepts it as herself; anyone else is refused. */
export async function acceptInvitationAs(
	db: Database,
	token: string,
	user: User,
	now = new Date()
): Promise<User> {
	const open = await findOpenInvitation(db, token, now);
	if (!open) throw new ValidationError({ form: INVITATION_UNUSABLE });
	if (open.invitation.email.toLowerCase() !== user.email.toLowerCase())
		throw new ValidationError({ form: INVITATION_FOR_ANOTHER });
	return spendInvitation(db, open.invitation, now, async () => user);
}

/** The role is granted and the invitation spent in one transaction; the guard makes the link single-use. */
async function spendInvitation(
	db: Database,
	invitation: Invitation,
	now: Date,
	person: (tx: Database) => Promise<User>
): Promise<User> {
	return db.transaction(async (tx) => {
		const spent = await tx
			.update(invitations)
			.set({ acceptedAt: now })
			.where(
				and(
					eq(invitations.id, invitation.id),
					isNull(invitations.acceptedAt),
					isNull(invitations.revokedAt)
				)
			)
			.returning({ id: invitations.id });
		if (!spent.length) throw new ValidationError({ form: INVITATION_UNUSABLE });
		const user = await person(tx);
		await tx
			.update(invitations)
			.set({ acceptedBy: user.id })
			.where(eq(invitations.id, invitation.id));
		const [membership] = await tx
			.insert(memberships)
			.values({
				userId: user.id,
				organizationId: invitation.organizationId,
				role: invitation.role,
				position: invitation.position
			})
			.onConflictDoNothing()
			.returning();
		await recordEvent(tx, {
			actor: user,
			organizationId: invitation.organizationId,
			action: 'invitation.accepted',
			entityType: 'invitation',
			entityId: invitation.id,
			after: { userId: user.id, role: invitation.role }
		});
		if (membership)
			await recordEvent(tx, {
				actor: user,
				organizationId: invitation.organizationId,
				action: 'membership.created',
				entityType: 'membership',
				entityId: membership.id,
				after: {
					userId: user.id,
					email: user.email,
					role: membership.role,
					position: membership.position
				}
			});
		return user;
	});
}

export async function revokeInvitation(
	db: Database,
	actor: Actor,
	org: Organization,
	invitationId: string
): Promise<void> {
	assertCan(actor, 'people.invite', org);
	if (!isUuid(invitationId))
		throw new ValidationError({ form: 'Это приглашение уже принято, отозвано или не найдено.' });
	await db.transaction(async (tx) => {
		const revoked = await tx
			.update(invitations)
			.set({ revokedAt: new Date() })
			.where(
				and(
					eq(invitations.id, invitationId),
					eq(invitations.organizationId, org.id),
					isNull(invitations.acceptedAt),
					isNull(invitations.revokedAt)
				)
			)
			.returning();
		if (!revoked.length)
			throw new ValidationError({ form: 'Это приглашение уже принято, отозвано или не найдено.' });
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'invitation.revoked',
			entityType: 'invitation',
			entityId: invitationId,
			before: { email: revoked[0]!.email, role: revoked[0]!.role }
		});
	});
}

export async function pendingInvitations(db: Database, orgId: string, now = new Date()) {
	return db
		.select({
			id: invitations.id,
			email: invitations.email,
			fullName: invitations.fullName,
			role: invitations.role,
			expiresAt: invitations.expiresAt,
			createdAt: invitations.createdAt,
			invitedByName: users.fullName
		})
		.from(invitations)
		.innerJoin(users, eq(users.id, invitations.invitedBy))
		.where(
			and(
				eq(invitations.organizationId, orgId),
				isNull(invitations.acceptedAt),
				isNull(invitations.revokedAt),
				gt(invitations.expiresAt, now)
			)
		)
		.orderBy(desc(invitations.createdAt));
}
