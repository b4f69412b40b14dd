import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { users, type User } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { ValidationError } from '../forms/errors';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import {
	checkLoginGate,
	clearAccountFailures,
	recordLoginFailure,
	retryMessage
} from './rate-limit';
import { createSession, invalidateSession, invalidateUserSessions } from './session';

export const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'Укажите адрес электронной почты.')
	.max(254, 'Адрес электронной почты слишком длинный.')
	.pipe(z.email('Укажите адрес электронной почты, например ivanova@school.ru.'));

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; user: User }
	| { ok: false; message: string; field: 'email' | 'password' | 'form'; rateLimited?: boolean };

export const WRONG_CREDENTIALS = 'Неверный адрес электронной почты или пароль.';

// Verifying against a real hash even for unknown addresses keeps response times alike.
let decoyHash: Promise<string> | undefined;

export async function signIn(
	db: Database,
	params: { email: string; password: string; ipAddress: string; userAgent?: string | null },
	now = new Date()
): Promise<SignInResult> {
	const parsed = email.safeParse(params.email);
	if (!parsed.success)
		return { ok: false, field: 'email', message: parsed.error.issues[0]!.message };
	if (!params.password) return { ok: false, field: 'password', message: 'Введите пароль.' };
	const address = parsed.data;

	const gate = await checkLoginGate(db, address, params.ipAddress, now);
	if (!gate.allowed)
		return {
			ok: false,
			field: 'form',
			rateLimited: true,
			message: retryMessage(gate.retryAt, now)
		};

	const [user] = await db.select().from(users).where(eq(users.email, address));
	decoyHash ??= hashPassword('decoy password that matches nothing');
	const valid = await verifyPassword(
		user?.passwordHash ?? (await decoyHash),
		params.password.slice(0, 1024)
	);
	if (!user || !valid) {
		await recordLoginFailure(db, address, params.ipAddress, now);
		const after = await checkLoginGate(db, address, params.ipAddress, now);
		if (after.allowed) return { ok: false, field: 'form', message: WRONG_CREDENTIALS };
		return {
			ok: false,
			field: 'form',
			rateLimited: true,
			message: `${WRONG_CREDENTIALS} ${retryMessage(after.retryAt, now)}`
		};
	}

	await clearAccountFailures(db, address);
	const { token, session } = await db.transaction(async (tx) => {
		const created = await createSession(tx, user.id, params, now);
		await recordEvent(tx, {
			actor: user,
			organizationId: null,
			action: 'session.signed_in',
			entityType: 'session',
			entityId: user.id,
			after: { ipAddress: params.ipAddress }
		});
		return created;
	});
	return { ok: true, token, expiresAt: session.expiresAt, user };
}

export async function signOut(db: Database, user: User, sessionId: string): Promise<void> {
	await db.transaction(async (tx) => {
		await invalidateSession(tx, sessionId);
		await recordEvent(tx, {
			actor: user,
			organizationId: null,
			action: 'session.signed_out',
			entityType: 'session',
			entityId: user.id
		});
	});
}

export async function signOutEverywhere(db: Database, user: User): Promise<number> {
	return db.transaction(async (tx) => {
		const ended = await invalidateUserSessions(tx, user.id);
		await recordEvent(tx, {
			actor: user,
			organizationId: null,
			action: 'session.signed_out_everywhere',
			entityType: 'session',
			entityId: user.id,
			after: { sessionsEnded: ended }
		});
		return ended;
	});
}

/** Changes the password after checking the current one; other devices are signed out. */
export async function changePassword(
	db: Database,
	user: User,
	currentSessionId: string,
	params: { current: string; next: string; repeat: string }
): Promise<void> {
	if (!(await verifyPassword(user.passwordHash, params.current)))
		throw new ValidationError({ current: 'Текущий пароль введён неверно.' });
	const problem = passwordProblem(params.next);
	if (problem) throw new ValidationError({ next: problem });
	if (params.next !== params.repeat) throw new ValidationError({ repeat: 'Пароли не совпадают.' });
	if (params.next === params.current)
		throw new ValidationError({ next: 'Новый пароль совпадает с текущим.' });
	const passwordHash = await hashPassword(params.next);
	await db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
		const ended = await invalidateUserSessions(tx, user.id, currentSessionId);
		await recordEvent(tx, {
			actor: user,
			organizationId: null,
			action: 'user.password_changed',
			entityType: 'user',
			entityId: user.id,
			after: { otherSessionsEnded: ended }
		});
	});
}
