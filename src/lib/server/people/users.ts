import { and, asc, eq, gt, ilike, isNull, or } from 'drizzle-orm';
import type { Database } from '../db';
import { passwordResets, users, type User } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { ForbiddenError, type Actor } from '../auth/permissions';
import { hashPassword, passwordProblem } from '../auth/password';
import { email } from '../auth/sign-in';
import { invalidateUserSessions } from '../auth/session';
import { generateToken, hashToken } from '../auth/tokens';
import { ValidationError, withoutNul } from '../forms/errors';
import { isUniqueViolation } from '../db/errors';
import { isUuid } from '../orgs/queries';
import { containsPattern } from '../db/contains';

export const RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Creates a platform administrator; used by `npm run admin:create` and the demo. */
export async function createAdministrator(
	db: Database,
	params: { email: string; fullName: string; password: string }
): Promise<User> {
	const address = email.safeParse(params.email);
	if (!address.success) throw new ValidationError({ email: address.error.issues[0]!.message });
	const fullName = params.fullName.trim();
	if (!fullName) throw new ValidationError({ fullName: 'Укажите имя администратора.' });
	const problem = passwordProblem(params.password);
	if (problem) throw new ValidationError({ password: problem });
	const passwordHash = await hashPassword(params.password);
	try {
		return await db.transaction(async (tx) => {
			const [user] = await tx
				.insert(users)
				.values({ email: address.data, fullName, passwordHash, isAdmin: true })
				.returning();
			await recordEvent(tx, {
				actor: null,
				organizationId: null,
				action: 'user.created',
				entityType: 'user',
				entityId: user!.id,
				after: { email: user!.email, fullName, isAdmin: true }
			});
			return user!;
		});
	} catch (e) {
		if (isUniqueViolation(e))
			throw new ValidationError({ email: 'Пользователь с таким адресом уже есть.' });
		throw e;
	}
}

export async function searchUsers(db: Database, actor: Actor, query: string) {
	if (!actor.isAdmin) throw new ForbiddenError();
	const q = withoutNul(query).trim().slice(0, 100);
	const pattern = containsPattern(q);
	return db
		.select({
			id: users.id,
			email: users.email,
			fullName: users.fullName,
			isAdmin: users.isAdmin,
			createdAt: users.createdAt
		})
		.from(users)
		.where(q ? or(ilike(users.email, pattern), ilike(users.fullName, pattern)) : undefined)
		.orderBy(asc(users.fullName))
		.limit(200);
}

/** An administrator issues a one-time link to set a new password; the token is shown once. */
export async function issuePasswordReset(
	db: Database,
	actor: Actor,
	userId: string,
	now = new Date()
): Promise<{ token: string; user: User }> {
	if (!actor.isAdmin)
		throw new ForbiddenError('Ссылку для сброса пароля выдаёт администратор платформы.');
	const [user] = isUuid(userId) ? await db.select().from(users).where(eq(users.id, userId)) : [];
	if (!user) throw new ValidationError({ form: 'Пользователь не найден.' });
	const token = generateToken();
	await db.transaction(async (tx) => {
		// A new link ends every older one still open: only the latest one sent can be used.
		const ended = await endOpenResets(tx, userId, now);
		const [reset] = await tx
			.insert(passwordResets)
			.values({
				tokenHash: hashToken(token),
				userId,
				issuedBy: actor.id,
				expiresAt: new Date(now.getTime() + RESET_LIFETIME_MS)
			})
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: null,
			action: 'user.password_reset_issued',
			entityType: 'password_reset',
			entityId: reset!.id,
			after: {
				userId,
				email: user.email,
				expiresAt: reset!.expiresAt.toISOString(),
				olderLinksEnded: ended
			}
		});
	});
	return { token, user };
}

/** Ends the person's reset links still open (their term set to now); returns how many. */
async function endOpenResets(tx: Database, userId: string, now: Date): Promise<number> {
	const ended = await tx
		.update(passwordResets)
		.set({ expiresAt: now })
		.where(
			and(
				eq(passwordResets.userId, userId),
				isNull(passwordResets.usedAt),
				gt(passwordResets.expiresAt, now)
			)
		)
		.returning({ id: passwordResets.id });
	return ended.length;
}

export async function findOpenReset(db: Database, token: string, now = new Date()) {
	const [row] = await db
		.select({ reset: passwordResets, email: users.email, fullName: users.fullName })
		.from(passwordResets)
		.innerJoin(users, eq(users.id, passwordResets.userId))
		.where(
			and(
				eq(passwordResets.tokenHash, hashToken(token)),
				isNull(passwordResets.usedAt),
				gt(passwordResets.expiresAt, now)
			)
		);
	return row ?? null;
}

export const RESET_UNUSABLE =
	'Ссылка для сброса пароля недействительна: она уже использована или срок её действия истёк.';

/** Sets a new password by a reset link and ends every session of that person. */
export async function resetPassword(
	db: Database,
	token: string,
	params: { password: string; repeat: string },
	now = new Date()
): Promise<void> {
	const open = await findOpenReset(db, token, now);
	if (!open) throw new ValidationError({ form: RESET_UNUSABLE });
	const problem = passwordProblem(params.password);
	if (problem) throw new ValidationError({ password: problem });
	if (params.password !== params.repeat)
		throw new ValidationError({ repeat: 'Пароли не совпадают.' });
	const passwordHash = await hashPassword(params.password);
	await db.transaction(async (tx) => {
		const used = await tx
			.update(passwordResets)
			.set({ usedAt: now })
			.where(and(eq(passwordResets.id, open.reset.id), isNull(passwordResets.usedAt)))
			.returning();
		if (!used.length) throw new ValidationError({ form: RESET_UNUSABLE });
		const otherLinksEnded = await endOpenResets(tx, open.reset.userId, now);
		await tx.update(users).set({ passwordHash }).where(eq(users.id, open.reset.userId));
		const ended = await invalidateUserSessions(tx, open.reset.userId);
		await recordEvent(tx, {
			actor: { id: open.reset.userId, fullName: open.fullName },
			organizationId: null,
			action: 'user.password_reset',
			entityType: 'user',
			entityId: open.reset.userId,
			after: { sessionsEnded: ended, otherLinksEnded }
		});
	});
}
