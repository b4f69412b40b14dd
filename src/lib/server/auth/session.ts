import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { sessions, users, type Session, type User } from '../db/schema';
import { generateToken, hashToken } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
// Past half its life an active session is pushed forward again (sliding expiry).
const RENEW_WITHIN = 15 * DAY;

export const SESSION_COOKIE = 'reglament_session';

export interface SessionValidation {
	session: Session;
	user: User;
	/** True when the expiry moved and the cookie must be set again. */
	renewed: boolean;
}

export async function createSession(
	db: Database,
	userId: string,
	meta: { userAgent?: string | null; ipAddress?: string | null } = {},
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const [session] = await db
		.insert(sessions)
		.values({
			id: hashToken(token),
			userId,
			expiresAt: new Date(now.getTime() + SESSION_LIFETIME),
			userAgent: meta.userAgent?.slice(0, 300) ?? null,
			ipAddress: meta.ipAddress ?? null
		})
		.returning();
	return { token, session: session! };
}

export async function validateSessionToken(
	db: Database,
	token: string,
	now = new Date()
): Promise<SessionValidation | null> {
	const id = hashToken(token);
	const [row] = await db
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id));
	if (!row) return null;
	if (now.getTime() >= row.session.expiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	let renewed = false;
	if (now.getTime() >= row.session.expiresAt.getTime() - RENEW_WITHIN) {
		const expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
		await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
		row.session.expiresAt = expiresAt;
		renewed = true;
	}
	return { session: row.session, user: row.user, renewed };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of the user, or every one but `keepSessionId`. */
export async function invalidateUserSessions(
	db: Database,
	userId: string,
	keepSessionId?: string
): Promise<number> {
	const where = keepSessionId
		? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
		: eq(sessions.userId, userId);
	const removed = await db.delete(sessions).where(where).returning({ id: sessions.id });
	return removed.length;
}
