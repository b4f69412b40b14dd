import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	invitations,
	loginFailures,
	memberships,
	passwordResets,
	users
} from '../../src/lib/server/db/schema';
import { ForbiddenError, loadActor } from '../../src/lib/server/auth/permissions';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { ValidationError } from '../../src/lib/server/forms/errors';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import {
	acceptInvitation,
	acceptInvitationAs,
	INVITATION_FOR_ANOTHER,
	SIGN_IN_TO_ACCEPT,
	createInvitation,
	findOpenInvitation,
	INVITATION_LIFETIME_MS,
	INVITATION_UNUSABLE,
	pendingInvitations,
	revokeInvitation
} from '../../src/lib/server/people/invitations';
import { removeMembership, peopleOf } from '../../src/lib/server/people/memberships';
import {
	createAdministrator,
	findOpenReset,
	issuePasswordReset,
	RESET_LIFETIME_MS,
	RESET_UNUSABLE,
	resetPassword,
	searchUsers
} from '../../src/lib/server/people/users';
import {
	buildFixture,
	grantRole,
	insertUser,
	PASSWORD,
	reloadUser,
	type Fixture
} from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
let n = 0;

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db);
});
afterAll(async () => {
	await handle?.close();
});

const NEW_PASSWORD = 'пароль нового сотрудника';
const freshEmail = () => `invitee${++n}@example.test`;
const invite = (fields: Record<string, string>) => ({ fullName: '', position: '', ...fields });

/** The field errors of a ValidationError; anything else fails the test. */
async function errorsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
	try {
		await promise;
	} catch (e) {
		if (e instanceof ValidationError) return e.errors;
		throw e;
	}
	throw new Error('expected a ValidationError');
}

describe('createInvitation', () => {
	it('lets a director invite a working-group member, storing only the token’s hash', async () => {
		const email = freshEmail();
		const { invitation, token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email: ` ${email.toUpperCase()} `, role: 'working_group', position: 'Учитель' })
		);
		expect(invitation).toMatchObject({
			email,
			role: 'working_group',
			organizationId: f.schoolA.id,
			invitedBy: f.users.directorA.id,
			position: 'Учитель'
		});
		expect(invitation.tokenHash).toBe(hashToken(token));
		expect(JSON.stringify(invitation)).not.toContain(token);
		expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(
			INVITATION_LIFETIME_MS - 60_000
		);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.entityId, invitation.id), eq(auditEvents.action, 'invitation.created'))
			);
		expect(event).toMatchObject({ chain: f.schoolA.id, actorId: f.users.directorA.id });
		expect(JSON.stringify(event)).not.toContain(token);
	});

	it('lets a director invite staff but not another director', async () => {
		await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email: freshEmail(), role: 'staff' })
		);
		expect(
			await errorsOf(
				createInvitation(
					handle.db,
					f.actors.directorA,
					f.schoolA,
					invite({ email: freshEmail(), role: 'director' })
				)
			)
		).toEqual({
			role: 'Выберите роль из списка.'
		});
	});

	it('refuses a role that does not exist or does not fit the organisation', async () => {
		for (const role of ['superuser', 'authority', ''])
			expect(
				await errorsOf(
					createInvitation(
						handle.db,
						f.actors.municipalityAuthority,
						f.schoolA,
						invite({ email: freshEmail(), role })
					)
				)
			).toEqual({
				role: 'Выберите роль из списка.'
			});
	});

	it('lets the municipality appoint a director', async () => {
		const { invitation } = await createInvitation(
			handle.db,
			f.actors.municipalityAuthority,
			f.schoolA,
			invite({ email: freshEmail(), role: 'director' })
		);
		expect(invitation.role).toBe('director');
	});

	it('refuses staff, working-group members, and directors of other schools', async () => {
		const before = await handle.db.$count(invitations);
		for (const [actor, org] of [
			[f.actors.staffA, f.schoolA],
			[f.actors.memberA, f.schoolA],
			[f.actors.directorA, f.schoolB],
			[f.actors.otherMunicipalityAuthority, f.schoolA]
		] as const)
			await expect(
				createInvitation(handle.db, actor, org, invite({ email: freshEmail(), role: 'staff' }))
			).rejects.toThrow(ForbiddenError);
		expect(await handle.db.$count(invitations)).toBe(before);
	});

	it('checks the fields in Russian', async () => {
		const errors = await errorsOf(
			createInvitation(handle.db, f.actors.directorA, f.schoolA, {
				email: 'not an address',
				fullName: 'Ф'.repeat(201),
				position: '',
				role: 'staff'
			})
		);
		expect(errors).toEqual({
			email: 'Укажите адрес электронной почты, например ivanova@school.ru.',
			fullName: 'ФИО: не больше 200 символов.'
		});
	});

	it('refuses to invite someone who already has that role there', async () => {
		expect(
			await errorsOf(
				createInvitation(
					handle.db,
					f.actors.directorA,
					f.schoolA,
					invite({ email: f.users.staffA.email, role: 'staff' })
				)
			)
		).toEqual({
			email: 'У этого человека уже есть роль «Сотрудник (педагог)» в организации.'
		});
	});
});

describe('acceptInvitation', () => {
	it('creates the new person and their role, and spends the link', async () => {
		const email = freshEmail();
		const { invitation, token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email, role: 'staff', position: 'Учитель химии' })
		);
		expect((await findOpenInvitation(handle.db, token))!.existingUser).toBeNull();

		const user = await acceptInvitation(handle.db, token, {
			fullName: ' Новикова Нина ',
			password: NEW_PASSWORD,
			repeat: NEW_PASSWORD,
			ipAddress: '10.9.0.1'
		});
		expect(user).toMatchObject({ email, fullName: 'Новикова Нина', isAdmin: false });
		expect(await verifyPassword(user.passwordHash, NEW_PASSWORD)).toBe(true);
		const actor = await loadActor(handle.db, user);
		expect(actor.memberships).toEqual([
			expect.objectContaining({ organizationId: f.schoolA.id, role: 'staff' })
		]);
		const [m] = await handle.db.select().from(memberships).where(eq(memberships.userId, user.id));
		expect(m!.position).toBe('Учитель химии');

		const [spent] = await handle.db
			.select()
			.from(invitations)
			.where(eq(invitations.id, invitation.id));
		expect(spent).toMatchObject({ acceptedBy: user.id });
		expect(spent!.acceptedAt).not.toBeNull();
		const actions = (
			await handle.db.select().from(auditEvents).where(eq(auditEvents.actorId, user.id))
		).map((e) => e.action);
		expect(actions).toEqual(['user.created', 'invitation.accepted', 'membership.created']);
		expect((await verifyChain(handle.db, f.schoolA.id)).ok).toBe(true);
	});

	it('works only once', async () => {
		const { token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email: freshEmail(), role: 'staff' })
		);
		await acceptInvitation(handle.db, token, {
			fullName: 'Первый Раз',
			password: NEW_PASSWORD,
			repeat: NEW_PASSWORD,
			ipAddress: '10.9.0.1'
		});
		expect(
			await errorsOf(
				acceptInvitation(handle.db, token, {
					fullName: 'Второй Раз',
					password: NEW_PASSWORD,
					repeat: NEW_PASSWORD,
					ipAddress: '10.9.0.1'
				})
			)
		).toEqual({
			form: INVITATION_UNUSABLE
		});
		expect(INVITATION_UNUSABLE).toMatch(/^Ссылка-приглашение недействительна/);
		expect(await findOpenInvitation(handle.db, token)).toBeNull();
	});

	it('lets two simultaneous accepts make only one account', async () => {
		const email = freshEmail();
		const { token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email, role: 'staff' })
		);
		const params = { fullName: 'Двойной Клик', password: NEW_PASSWORD, repeat: NEW_PASSWORD };
		const results = await Promise.allSettled([
			acceptInvitation(handle.db, token, { ...params, ipAddress: '10.9.0.2' }),
			acceptInvitation(handle.db, token, { ...params, ipAddress: '10.9.0.3' })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await handle.db.$count(users, eq(users.email, email))).toBe(1);
	});

	it('refuses an expired link', async () => {
		const issued = new Date();
		const { token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email: freshEmail(), role: 'staff' }),
			issued
		);
		const expiry = issued.getTime() + INVITATION_LIFETIME_MS;
		expect(await findOpenInvitation(handle.db, token, new Date(expiry - 1000))).not.toBeNull();
		expect(
			await errorsOf(
				acceptInvitation(
					handle.db,
					token,
					{
						fullName: 'Опоздавший',
						password: NEW_PASSWORD,
						repeat: NEW_PASSWORD,
						ipAddress: '10.9.0.1'
					},
					new Date(expiry)
				)
			)
		).toEqual({
			form: INVITATION_UNUSABLE
		});
	});

	it('refuses a revoked link, and a second revocation', async () => {
		const { invitation, token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email: freshEmail(), role: 'staff' })
		);
		expect((await pendingInvitations(handle.db, f.schoolA.id)).map((i) => i.id)).toContain(
			invitation.id
		);
		await expect(
			revokeInvitation(handle.db, f.actors.staffA, f.schoolA, invitation.id)
		).rejects.toThrow(ForbiddenError);
		await revokeInvitation(handle.db, f.actors.directorA, f.schoolA, invitation.id);
		expect((await pendingInvitations(handle.db, f.schoolA.id)).map((i) => i.id)).not.toContain(
			invitation.id
		);
		expect(
			await errorsOf(
				acceptInvitation(handle.db, token, {
					fullName: 'Отозванный',
					password: NEW_PASSWORD,
					repeat: NEW_PASSWORD,
					ipAddress: '10.9.0.1'
				})
			)
		).toEqual({
			form: INVITATION_UNUSABLE
		});
		expect(
			await errorsOf(revokeInvitation(handle.db, f.actors.directorA, f.schoolA, invitation.id))
		).toEqual({
			form: 'Это приглашение уже принято, отозвано или не найдено.'
		});
	});

	it('does not let a director revoke another school’s invitation through their own school', async () => {
		const { invitation } = await createInvitation(
			handle.db,
			f.actors.directorB,
			f.schoolB,
			invite({ email: freshEmail(), role: 'staff' })
		);
		expect(
			await errorsOf(revokeInvitation(handle.db, f.actors.directorA, f.schoolA, invitation.id))
		).toEqual({
			form: 'Это приглашение уже принято, отозвано или не найдено.'
		});
		expect((await pendingInvitations(handle.db, f.schoolB.id)).map((i) => i.id)).toContain(
			invitation.id
		);
	});

	it('refuses a random or made-up token', async () => {
		expect(
			await errorsOf(
				acceptInvitation(handle.db, 'made-up-token', {
					fullName: 'Х',
					password: NEW_PASSWORD,
					repeat: NEW_PASSWORD,
					ipAddress: '10.9.0.1'
				})
			)
		).toEqual({
			form: INVITATION_UNUSABLE
		});
	});

	it('checks a new person’s name and password, and keeps the link usable after a mistake', async () => {
		const { token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email: freshEmail(), role: 'staff' })
		);
		expect(
			await errorsOf(
				acceptInvitation(handle.db, token, {
					fullName: '  ',
					password: NEW_PASSWORD,
					repeat: NEW_PASSWORD,
					ipAddress: '10.9.0.1'
				})
			)
		).toEqual({
			fullName: 'Укажите фамилию, имя и отчество.'
		});
		expect(
			await errorsOf(
				acceptInvitation(handle.db, token, {
					fullName: 'Ф'.repeat(201),
					password: NEW_PASSWORD,
					repeat: NEW_PASSWORD,
					ipAddress: '10.9.0.1'
				})
			)
		).toEqual({
			fullName: 'ФИО: не больше 200 символов.'
		});
		expect(
			await errorsOf(
				acceptInvitation(handle.db, token, {
					fullName: 'Имя',
					password: 'short',
					repeat: 'short',
					ipAddress: '10.9.0.1'
				})
			)
		).toEqual({
			password: 'Пароль должен быть не короче 10 символов.'
		});
		expect(
			await errorsOf(
				acceptInvitation(handle.db, token, {
					fullName: 'Имя',
					password: NEW_PASSWORD,
					repeat: 'другой пароль',
					ipAddress: '10.9.0.1'
				})
			)
		).toEqual({
			repeat: 'Пароли не совпадают.'
		});
		expect(await findOpenInvitation(handle.db, token)).not.toBeNull();
	});

	it('stores a name with a NUL character from a crafted form without failing', async () => {
		const { token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email: freshEmail(), role: 'staff' })
		);
		const user = await acceptInvitation(handle.db, token, {
			fullName: 'Нулева\u0000 Нина',
			password: NEW_PASSWORD,
			repeat: NEW_PASSWORD,
			ipAddress: '10.9.0.1'
		});
		expect(user.fullName).toBe('Нулева Нина');
	});

	it('never takes a password for an existing account: the inviter cannot try it, and every try counts as a failed sign-in', async () => {
		const existing = await insertUser(handle.db, {
			email: freshEmail(),
			fullName: 'Уже Зарегистрированная'
		});
		await grantRole(handle.db, existing, f.schoolB, 'staff');
		const { token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email: existing.email, role: 'working_group' })
		);
		const ip = '10.8.0.1';
		// Even the right password does not accept it here; the answer is the same as for a wrong one.
		for (const password of ['не мой пароль', PASSWORD])
			expect(
				await errorsOf(
					acceptInvitation(handle.db, token, {
						password,
						repeat: password,
						fullName: 'Попытка',
						ipAddress: ip
					})
				)
			).toEqual({ form: SIGN_IN_TO_ACCEPT });
		expect(await handle.db.$count(loginFailures, eq(loginFailures.email, existing.email))).toBe(2);
		for (let i = 0; i < 3; i++)
			await acceptInvitation(handle.db, token, { password: 'x', repeat: 'x', ipAddress: ip }).catch(
				() => null
			);
		// Five tries from the address: it is stopped, as at sign-in.
		expect(
			(
				await errorsOf(
					acceptInvitation(handle.db, token, {
						password: PASSWORD,
						repeat: PASSWORD,
						ipAddress: ip
					})
				)
			).form
		).toMatch(/Слишком много неудачных попыток/);
		expect((await loadActor(handle.db, existing)).memberships.map((m) => m.organizationId)).toEqual(
			[f.schoolB.id]
		);
	});

	it('is accepted by the invited person signed in as herself, adding the role to her account; anyone else is refused', async () => {
		const existing = await insertUser(handle.db, {
			email: freshEmail(),
			fullName: 'Уже Зарегистрированная'
		});
		await grantRole(handle.db, existing, f.schoolB, 'staff');
		const { token } = await createInvitation(
			handle.db,
			f.actors.directorA,
			f.schoolA,
			invite({ email: existing.email, role: 'working_group' })
		);
		expect(await errorsOf(acceptInvitationAs(handle.db, token, f.users.staffA))).toEqual({
			form: INVITATION_FOR_ANOTHER
		});
		const user = await acceptInvitationAs(handle.db, token, existing);
		expect(user.id).toBe(existing.id);
		expect((await reloadUser(handle.db, existing.id)).fullName).toBe('Уже Зарегистрированная');
		const roles = (await loadActor(handle.db, user)).memberships.map((m) => [
			m.organizationId,
			m.role
		]);
		expect(roles).toEqual(
			expect.arrayContaining([
				[f.schoolB.id, 'staff'],
				[f.schoolA.id, 'working_group']
			])
		);
		expect(await handle.db.$count(users, eq(users.email, existing.email))).toBe(1);
		expect(await errorsOf(acceptInvitationAs(handle.db, token, existing))).toEqual({
			form: INVITATION_UNUSABLE
		});
	});
});

describe('password reset', () => {
	it('is issued only by a platform administrator', async () => {
		for (const actor of [f.actors.regionAuthority, f.actors.directorA])
			await expect(issuePasswordReset(handle.db, actor, f.users.staffA.id)).rejects.toThrow(
				'Ссылку для сброса пароля выдаёт администратор платформы.'
			);
		expect(await handle.db.$count(passwordResets)).toBe(0);
		expect(
			await errorsOf(issuePasswordReset(handle.db, f.actors.admin, crypto.randomUUID()))
		).toEqual({ form: 'Пользователь не найден.' });
	});

	it('sets the new password, ends every session, and works once', async () => {
		const user = await insertUser(handle.db, { email: freshEmail(), fullName: 'Забывчивая Зоя' });
		const sessions = [
			await createSession(handle.db, user.id),
			await createSession(handle.db, user.id)
		];
		const { token } = await issuePasswordReset(handle.db, f.actors.admin, user.id);
		const [stored] = await handle.db
			.select()
			.from(passwordResets)
			.where(eq(passwordResets.userId, user.id));
		expect(stored!.tokenHash).toBe(hashToken(token));

		expect(
			await errorsOf(resetPassword(handle.db, token, { password: 'short', repeat: 'short' }))
		).toEqual({
			password: 'Пароль должен быть не короче 10 символов.'
		});
		await resetPassword(handle.db, token, { password: NEW_PASSWORD, repeat: NEW_PASSWORD });
		const after = await reloadUser(handle.db, user.id);
		expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
		expect(await verifyPassword(after.passwordHash, PASSWORD)).toBe(false);
		for (const s of sessions) expect(await validateSessionToken(handle.db, s.token)).toBeNull();

		expect(
			await errorsOf(
				resetPassword(handle.db, token, { password: 'ещё один пароль', repeat: 'ещё один пароль' })
			)
		).toEqual({
			form: RESET_UNUSABLE
		});
		expect(
			await verifyPassword((await reloadUser(handle.db, user.id)).passwordHash, NEW_PASSWORD)
		).toBe(true);
		const actions = (
			await handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id))
		).map((e) => e.action);
		expect(actions).toContain('user.password_reset');
	});

	it('keeps only the latest link: a newer one ends the older, and using one ends every other', async () => {
		const user = await insertUser(handle.db, { email: freshEmail(), fullName: 'Осторожная Ольга' });
		const first = await issuePasswordReset(handle.db, f.actors.admin, user.id);
		const second = await issuePasswordReset(handle.db, f.actors.admin, user.id);
		expect(await findOpenReset(handle.db, first.token)).toBeNull();
		expect(
			await errorsOf(
				resetPassword(handle.db, first.token, { password: NEW_PASSWORD, repeat: NEW_PASSWORD })
			)
		).toEqual({ form: RESET_UNUSABLE });
		// Two links open at once (issued before this rule): using one ends the other.
		const third = await issuePasswordReset(handle.db, f.actors.admin, user.id);
		await handle.db
			.update(passwordResets)
			.set({ expiresAt: new Date(Date.now() + 3_600_000) })
			.where(eq(passwordResets.tokenHash, hashToken(second.token)));
		await resetPassword(handle.db, third.token, { password: NEW_PASSWORD, repeat: NEW_PASSWORD });
		expect(await findOpenReset(handle.db, second.token)).toBeNull();
		expect(
			await errorsOf(
				resetPassword(handle.db, second.token, {
					password: 'другой пароль 123',
					repeat: 'другой пароль 123'
				})
			)
		).toEqual({ form: RESET_UNUSABLE });
		expect(
			await verifyPassword((await reloadUser(handle.db, user.id)).passwordHash, NEW_PASSWORD)
		).toBe(true);
	});

	it('expires after a day', async () => {
		const user = await insertUser(handle.db, {
			email: freshEmail(),
			fullName: 'Медлительная Мила'
		});
		const issued = new Date();
		const { token } = await issuePasswordReset(handle.db, f.actors.admin, user.id, issued);
		expect(
			await errorsOf(
				resetPassword(
					handle.db,
					token,
					{ password: NEW_PASSWORD, repeat: NEW_PASSWORD },
					new Date(issued.getTime() + RESET_LIFETIME_MS)
				)
			)
		).toEqual({ form: RESET_UNUSABLE });
		expect(
			await verifyPassword((await reloadUser(handle.db, user.id)).passwordHash, PASSWORD)
		).toBe(true);
	});
});

describe('removeMembership', () => {
	it('lets a director take a role away in their school, and records it', async () => {
		const teacher = await insertUser(handle.db, {
			email: freshEmail(),
			fullName: 'Уходящий Учитель'
		});
		const membershipId = await grantRole(handle.db, teacher, f.schoolA, 'staff');
		await removeMembership(handle.db, f.actors.directorA, f.schoolA, membershipId);
		expect(await handle.db.$count(memberships, eq(memberships.id, membershipId))).toBe(0);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.entityId, membershipId));
		expect(event).toMatchObject({
			action: 'membership.removed',
			chain: f.schoolA.id,
			actorId: f.users.directorA.id
		});
		expect(event!.before).toMatchObject({ userId: teacher.id, role: 'staff' });
	});

	it('refuses staff and people of other schools', async () => {
		const teacher = await insertUser(handle.db, {
			email: freshEmail(),
			fullName: 'Остающийся Учитель'
		});
		const membershipId = await grantRole(handle.db, teacher, f.schoolA, 'staff');
		await expect(
			removeMembership(handle.db, f.actors.staffA, f.schoolA, membershipId)
		).rejects.toThrow(ForbiddenError);
		await expect(
			removeMembership(handle.db, f.actors.directorB, f.schoolA, membershipId)
		).rejects.toThrow(ForbiddenError);
		// Naming one's own school does not reach a role in another.
		expect(
			await errorsOf(removeMembership(handle.db, f.actors.directorB, f.schoolB, membershipId))
		).toEqual({
			form: 'Эта роль уже снята или не найдена.'
		});
		expect(await handle.db.$count(memberships, eq(memberships.id, membershipId))).toBe(1);
	});

	it('does not let a director remove themselves or be removed by anyone but the authority', async () => {
		expect(
			await errorsOf(
				removeMembership(handle.db, f.actors.directorA, f.schoolA, f.memberships.directorA!)
			)
		).toEqual({
			form: 'Свою роль снять нельзя: попросите об этом вышестоящий орган.'
		});
		const deputy = await insertUser(handle.db, {
			email: freshEmail(),
			fullName: 'Второй Директор'
		});
		const deputyMembership = await grantRole(handle.db, deputy, f.schoolA, 'director');
		expect(
			await errorsOf(removeMembership(handle.db, f.actors.directorA, f.schoolA, deputyMembership))
		).toEqual({
			form: 'Директора снимает орган управления образованием.'
		});
		await removeMembership(handle.db, f.actors.municipalityAuthority, f.schoolA, deputyMembership);
		expect(await handle.db.$count(memberships, eq(memberships.id, deputyMembership))).toBe(0);
	});

	it('answers a malformed or unknown id from a tampered form with a message, not a failure', async () => {
		for (const id of ['', 'not-a-uuid', "1' or '1'='1", crypto.randomUUID()]) {
			expect(
				await errorsOf(removeMembership(handle.db, f.actors.directorA, f.schoolA, id)),
				id
			).toEqual({
				form: 'Эта роль уже снята или не найдена.'
			});
			expect(
				await errorsOf(revokeInvitation(handle.db, f.actors.directorA, f.schoolA, id)),
				id
			).toEqual({
				form: 'Это приглашение уже принято, отозвано или не найдено.'
			});
			expect(await errorsOf(issuePasswordReset(handle.db, f.actors.admin, id)), id).toEqual({
				form: 'Пользователь не найден.'
			});
		}
	});

	it('keeps the people list in step', async () => {
		const people = await peopleOf(handle.db, f.schoolA.id);
		expect(people.map((p) => p.email)).toEqual(
			expect.arrayContaining([f.users.directorA.email, f.users.staffA.email])
		);
		expect(people.some((p) => p.email === f.users.directorB.email)).toBe(false);
	});
});

describe('administrators', () => {
	it('are created with a checked address and password, and no duplicates', async () => {
		const admin = await createAdministrator(handle.db, {
			email: ' Root@Example.test ',
			fullName: 'Главный',
			password: NEW_PASSWORD
		});
		expect(admin).toMatchObject({ email: 'root@example.test', isAdmin: true });
		expect(
			await errorsOf(
				createAdministrator(handle.db, {
					email: 'root@example.test',
					fullName: 'Второй',
					password: NEW_PASSWORD
				})
			)
		).toEqual({
			email: 'Пользователь с таким адресом уже есть.'
		});
		expect(
			await errorsOf(
				createAdministrator(handle.db, { email: 'x', fullName: 'Второй', password: NEW_PASSWORD })
			)
		).toHaveProperty('email');
		expect(
			await errorsOf(
				createAdministrator(handle.db, {
					email: 'y@example.test',
					fullName: 'Второй',
					password: 'short'
				})
			)
		).toHaveProperty('password');
	});

	it('alone may search users, and a search pattern is taken literally', async () => {
		await expect(searchUsers(handle.db, f.actors.regionAuthority, '')).rejects.toThrow(
			ForbiddenError
		);
		expect((await searchUsers(handle.db, f.actors.admin, 'директор')).map((u) => u.email)).toEqual(
			expect.arrayContaining([f.users.directorA.email, f.users.directorB.email])
		);
		expect(await searchUsers(handle.db, f.actors.admin, '%')).toEqual([]);
	});
});
