import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	loginFailures,
	sessions,
	users,
	type User
} from '../../src/lib/server/db/schema';
import { verifyPassword } from '../../src/lib/server/auth/password';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import {
	changePassword,
	signIn,
	signOut,
	signOutEverywhere,
	WRONG_CREDENTIALS
} from '../../src/lib/server/auth/sign-in';
import {
	ACCOUNT_FAILURE_CEILING,
	LOGIN_WINDOW_MS,
	MAX_FAILURES_PER_ACCOUNT_ADDRESS,
	MAX_FAILURES_PER_ADDRESS
} from '../../src/lib/server/auth/rate-limit';
import { ValidationError } from '../../src/lib/server/forms/errors';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { PLATFORM_CHAIN } from '../../src/lib/server/audit/record-event';
import { insertUser, PASSWORD, reloadUser } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

const DAY = 24 * 60 * 60 * 1000;

let handle: DatabaseHandle;
let n = 0;

beforeAll(async () => {
	handle = await openTestDatabase();
});
afterAll(async () => {
	await handle?.close();
});

/** A fresh person for each test, so that failures and sessions of one test do not leak into another. */
const person = () =>
	insertUser(handle.db, { email: `person${++n}@example.test`, fullName: `Человек ${n}` });
const sessionsOf = (userId: string) =>
	handle.db.select().from(sessions).where(eq(sessions.userId, userId));
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('sessions', () => {
	it('keep only the sha-256 of the token, never the token', async () => {
		const user = await person();
		const { token, session } = await createSession(handle.db, user.id, {
			userAgent: 'Firefox',
			ipAddress: '10.0.0.1'
		});
		expect(session.id).toBe(sha256(token));
		const [row] = await sessionsOf(user.id);
		expect(row!.id).toBe(sha256(token));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(row).toMatchObject({ userAgent: 'Firefox', ipAddress: '10.0.0.1' });
	});

	it('validate a token to its user, and refuse an unknown one', async () => {
		const user = await person();
		const { token } = await createSession(handle.db, user.id);
		const valid = await validateSessionToken(handle.db, token);
		expect(valid).toMatchObject({ renewed: false, user: { id: user.id, email: user.email } });
		expect(
			await validateSessionToken(handle.db, token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a'))
		).toBeNull();
		// The stored hash itself is not a token: a leaked table grants nothing.
		expect(await validateSessionToken(handle.db, sha256(token))).toBeNull();
	});

	it('last 30 days, then are refused and deleted', async () => {
		const user = await person();
		const { token, session } = await createSession(handle.db, user.id);
		expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(SESSION_LIFETIME - 60_000);
		expect(
			await validateSessionToken(handle.db, token, new Date(session.expiresAt.getTime() - 1))
		).not.toBeNull();

		const { token: late, session: lateSession } = await createSession(handle.db, user.id);
		expect(await validateSessionToken(handle.db, late, lateSession.expiresAt)).toBeNull();
		const left = await sessionsOf(user.id);
		expect(left.map((s) => s.id)).not.toContain(lateSession.id);
	});

	it('slide forward when used within 15 days of expiry, not before', async () => {
		const user = await person();
		const { token, session } = await createSession(handle.db, user.id);
		const expiry = session.expiresAt.getTime();

		const early = await validateSessionToken(handle.db, token, new Date(expiry - 16 * DAY));
		expect(early!.renewed).toBe(false);
		expect(early!.session.expiresAt.getTime()).toBe(expiry);

		const now = new Date(expiry - 14 * DAY);
		const late = await validateSessionToken(handle.db, token, now);
		expect(late!.renewed).toBe(true);
		expect(late!.session.expiresAt.getTime()).toBe(now.getTime() + SESSION_LIFETIME);
		const [row] = await sessionsOf(user.id);
		expect(row!.expiresAt.getTime()).toBe(now.getTime() + SESSION_LIFETIME);
		// Still valid after the old expiry has passed.
		expect(await validateSessionToken(handle.db, token, new Date(expiry + DAY))).not.toBeNull();
	});

	it('end one by one, all at once, or all but the current one', async () => {
		const user = await person();
		const other = await person();
		const a = await createSession(handle.db, user.id);
		const b = await createSession(handle.db, user.id);
		const c = await createSession(handle.db, user.id);
		const d = await createSession(handle.db, user.id);
		const others = await createSession(handle.db, other.id);

		await invalidateSession(handle.db, a.session.id);
		expect(await validateSessionToken(handle.db, a.token)).toBeNull();

		expect(await invalidateUserSessions(handle.db, user.id, b.session.id)).toBe(2);
		expect(await validateSessionToken(handle.db, b.token)).not.toBeNull();
		expect(await validateSessionToken(handle.db, c.token)).toBeNull();
		expect(await validateSessionToken(handle.db, d.token)).toBeNull();

		expect(await invalidateUserSessions(handle.db, user.id)).toBe(1);
		expect(await sessionsOf(user.id)).toEqual([]);
		expect(await validateSessionToken(handle.db, others.token)).not.toBeNull();
	});

	it('end everywhere by sign-out-everywhere, which is recorded', async () => {
		const user = await person();
		await createSession(handle.db, user.id);
		await createSession(handle.db, user.id);
		expect(await signOutEverywhere(handle.db, user)).toBe(2);
		expect(await sessionsOf(user.id)).toEqual([]);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, 'session.signed_out_everywhere'),
					eq(auditEvents.actorId, user.id)
				)
			);
		expect(event!.after).toEqual({ sessionsEnded: 2 });
	});
});

describe('signIn', () => {
	const attempt = (email: string, password: string, ipAddress: string, now?: Date) =>
		signIn(handle.db, { email, password, ipAddress, userAgent: 'test' }, now);

	it('signs in with the right password, whatever the case of the address, and records it', async () => {
		const user = await person();
		const result = await attempt(`  ${user.email.toUpperCase()} `, PASSWORD, '10.1.0.1');
		if (!result.ok) throw new Error(result.message);
		expect(result.user.id).toBe(user.id);
		expect((await validateSessionToken(handle.db, result.token))!.user.id).toBe(user.id);
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.action, 'session.signed_in'), eq(auditEvents.actorId, user.id)));
		expect(event).toMatchObject({ chain: PLATFORM_CHAIN, organizationId: null });
	});

	it('refuses a wrong password or an unknown address with the same Russian message', async () => {
		const user = await person();
		expect(await attempt(user.email, 'wrong password', '10.1.0.2')).toEqual({
			ok: false,
			field: 'form',
			message: WRONG_CREDENTIALS
		});
		expect(await attempt('nobody@example.test', PASSWORD, '10.1.0.2')).toEqual({
			ok: false,
			field: 'form',
			message: WRONG_CREDENTIALS
		});
		expect(WRONG_CREDENTIALS).toBe('Неверный адрес электронной почты или пароль.');
		expect(await sessionsOf(user.id)).toEqual([]);
	});

	it('answers bad input with a message for the field, not an error', async () => {
		expect(await attempt('not an address', 'x', '10.1.0.3')).toMatchObject({
			ok: false,
			field: 'email'
		});
		expect(await attempt(`${'a'.repeat(300)}@example.test`, 'x', '10.1.0.3')).toMatchObject({
			ok: false,
			field: 'email',
			message: 'Адрес электронной почты слишком длинный.'
		});
		expect(await attempt('someone@example.test', '', '10.1.0.3')).toEqual({
			ok: false,
			field: 'password',
			message: 'Введите пароль.'
		});
		expect(await attempt('someone@example.test', 'x'.repeat(100_000), '10.1.0.3')).toMatchObject({
			ok: false,
			message: WRONG_CREDENTIALS
		});
	});

	it('stops an address after 5 failures on an account, even for the right password, and says when to come back', async () => {
		const user = await person();
		const now = new Date();
		const ip = '10.2.0.1';
		for (let i = 1; i < MAX_FAILURES_PER_ACCOUNT_ADDRESS; i++)
			expect((await attempt(user.email, `wrong ${i}`, ip, now)).ok).toBe(false);
		// The fifth failure already says when to try again.
		const fifth = await attempt(user.email, 'wrong 5', ip, now);
		expect(fifth).toMatchObject({ ok: false, rateLimited: true });
		expect(fifth.ok || fifth.message).toBe(
			`${WRONG_CREDENTIALS} Слишком много неудачных попыток входа. Попробуйте снова через 15 мин.`
		);

		const later = new Date(now.getTime() + 5 * 60_000);
		expect(await attempt(user.email, PASSWORD, ip, later)).toEqual({
			ok: false,
			field: 'form',
			rateLimited: true,
			message: 'Слишком много неудачных попыток входа. Попробуйте снова через 10 мин.'
		});
		expect(await sessionsOf(user.id)).toEqual([]);
		// The owner from an address with no failures is not locked out by someone else's guesses.
		expect((await attempt(user.email, PASSWORD, '10.2.0.99', later)).ok).toBe(true);
		// Once the window has passed, the right password works from the first address again.
		expect(
			(await attempt(user.email, PASSWORD, ip, new Date(now.getTime() + LOGIN_WINDOW_MS + 1000))).ok
		).toBe(true);
	});

	it('past the ceiling across addresses gives each guessing address one try, and the owner still signs in', async () => {
		const user = await person();
		const now = new Date();
		// A guesser spread over many addresses, four tries from each.
		for (let a = 0; a * 4 < ACCOUNT_FAILURE_CEILING; a++)
			for (let i = 0; i < 4; i++) await attempt(user.email, `guess ${a}.${i}`, `10.6.${a}.1`, now);
		// A fresh address of the guesser: one wrong try, then it is stopped.
		expect(await attempt(user.email, 'guess', '10.6.200.1', now)).toMatchObject({ ok: false });
		expect(await attempt(user.email, PASSWORD, '10.6.200.1', now)).toMatchObject({
			ok: false,
			rateLimited: true
		});
		// The owner at home, with no failures of her own.
		expect((await attempt(user.email, PASSWORD, '10.7.0.1', now)).ok).toBe(true);
	});

	it('limits one address to 20 failures across different accounts', async () => {
		const user = await person();
		const ip = '10.3.0.1';
		const now = new Date();
		for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++)
			expect((await attempt(`guess${i}@example.test`, 'wrong', ip, now)).ok).toBe(false);
		const refused = await attempt(user.email, PASSWORD, ip, now);
		expect(refused).toMatchObject({
			ok: false,
			rateLimited: true,
			message: expect.stringMatching(/Попробуйте снова через 15 мин\.$/)
		});
		// The account itself is not locked: from another address it signs in.
		expect((await attempt(user.email, PASSWORD, '10.3.0.2', now)).ok).toBe(true);
	});

	it('forgets the account’s failures after a successful sign-in', async () => {
		const user = await person();
		const now = new Date();
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_ADDRESS - 1; i++)
			await attempt(user.email, 'wrong', '10.4.0.1', now);
		expect((await attempt(user.email, PASSWORD, '10.4.0.1', now)).ok).toBe(true);
		expect(await handle.db.$count(loginFailures, eq(loginFailures.email, user.email))).toBe(0);
		for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_ADDRESS - 1; i++)
			await attempt(user.email, 'wrong', '10.4.0.1', now);
		// 4 + 4 failures would lock the account had the first 4 been kept.
		expect((await attempt(user.email, PASSWORD, '10.4.0.1', now)).ok).toBe(true);
	});

	it('signs out the one session and records it', async () => {
		const user = await person();
		const first = await attempt(user.email, PASSWORD, '10.5.0.1');
		const second = await attempt(user.email, PASSWORD, '10.5.0.1');
		if (!first.ok || !second.ok) throw new Error('sign-in failed');
		await signOut(handle.db, user, sha256(first.token));
		expect(await validateSessionToken(handle.db, first.token)).toBeNull();
		expect(await validateSessionToken(handle.db, second.token)).not.toBeNull();
	});
});

describe('changePassword', () => {
	let user: User;
	let current: { token: string; id: string };
	let others: string[];

	beforeAll(async () => {
		user = await person();
		const a = await createSession(handle.db, user.id);
		current = { token: a.token, id: a.session.id };
		others = [
			(await createSession(handle.db, user.id)).token,
			(await createSession(handle.db, user.id)).token
		];
	});

	const change = (params: { current: string; next: string; repeat: string }) =>
		changePassword(handle.db, user, current.id, params);
	const errorsOf = (p: Promise<unknown>) =>
		p.then(
			() => ({}) as Record<string, string>,
			(e: unknown) => {
				if (!(e instanceof ValidationError)) throw e;
				return e.errors;
			}
		);

	it('refuses a wrong current password and changes nothing', async () => {
		expect(
			await errorsOf(
				change({ current: 'not my password', next: 'новый пароль 1', repeat: 'новый пароль 1' })
			)
		).toEqual({
			current: 'Текущий пароль введён неверно.'
		});
		expect(
			await verifyPassword((await reloadUser(handle.db, user.id)).passwordHash, PASSWORD)
		).toBe(true);
		expect(await sessionsOf(user.id)).toHaveLength(3);
	});

	it('refuses a short, mismatched or unchanged new password', async () => {
		expect(await errorsOf(change({ current: PASSWORD, next: 'short', repeat: 'short' }))).toEqual({
			next: 'Пароль должен быть не короче 10 символов.'
		});
		expect(
			await errorsOf(
				change({ current: PASSWORD, next: 'новый пароль 1', repeat: 'новый пароль 2' })
			)
		).toEqual({
			repeat: 'Пароли не совпадают.'
		});
		expect(await errorsOf(change({ current: PASSWORD, next: PASSWORD, repeat: PASSWORD }))).toEqual(
			{
				next: 'Новый пароль совпадает с текущим.'
			}
		);
	});

	it('sets the new password, ends the other sessions and keeps the current one', async () => {
		await change({ current: PASSWORD, next: 'новый пароль 1', repeat: 'новый пароль 1' });
		const stored = await reloadUser(handle.db, user.id);
		expect(await verifyPassword(stored.passwordHash, 'новый пароль 1')).toBe(true);
		expect(await verifyPassword(stored.passwordHash, PASSWORD)).toBe(false);
		expect(await validateSessionToken(handle.db, current.token)).not.toBeNull();
		for (const token of others) expect(await validateSessionToken(handle.db, token)).toBeNull();
		const [event] = await handle.db
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, 'user.password_changed'), eq(auditEvents.actorId, user.id))
			);
		expect(event!.after).toEqual({ otherSessionsEnded: 2 });
		expect(JSON.stringify(event)).not.toContain('новый пароль');
	});

	it('lets the person sign in with the new password only', async () => {
		const email = (
			await handle.db.select({ email: users.email }).from(users).where(eq(users.id, user.id))
		)[0]!.email;
		expect((await signIn(handle.db, { email, password: PASSWORD, ipAddress: '10.6.0.1' })).ok).toBe(
			false
		);
		expect(
			(await signIn(handle.db, { email, password: 'новый пароль 1', ipAddress: '10.6.0.1' })).ok
		).toBe(true);
	});

	it('leaves the platform chain verifiable', async () => {
		expect((await verifyChain(handle.db, PLATFORM_CHAIN)).ok).toBe(true);
	});
});
