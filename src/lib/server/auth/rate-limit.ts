import { and, desc, eq, gt, lt, or } from 'drizzle-orm';
import type { Database } from '../db';
import { loginFailures } from '../db/schema';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LoginGate = { allowed: true } | { allowed: false; retryAt: Date };

/** Whether a sign-in may be tried now; refused ones say from when it may be tried again. */
export async function checkLoginGate(
	db: Database,
	email: string,
	ipAddress: string,
	now = new Date()
): Promise<LoginGate> {
	const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
	const retryTimes = await Promise.all([
		retryAfterLimit(db, eq(loginFailures.email, email), MAX_FAILURES_PER_ACCOUNT, since),
		retryAfterLimit(db, eq(loginFailures.ipAddress, ipAddress), MAX_FAILURES_PER_ADDRESS, since)
	]);
	const latest = retryTimes
		.filter((t): t is Date => t !== null)
		.sort((a, b) => b.getTime() - a.getTime())[0];
	return latest && latest > now ? { allowed: false, retryAt: latest } : { allowed: true };
}

// With `limit` failures inside the window, the oldest of them leaving it reopens the gate.
async function retryAfterLimit(
	db: Database,
	key: ReturnType<typeof eq>,
	limit: number,
	since: Date
): Promise<Date | null> {
	const recent = await db
		.select({ failedAt: loginFailures.failedAt })
		.from(loginFailures)
		.where(and(key, gt(loginFailures.failedAt, since)))
		.orderBy(desc(loginFailures.failedAt))
		.limit(limit);
	if (recent.length < limit) return null;
	return new Date(recent[limit - 1]!.failedAt.getTime() + LOGIN_WINDOW_MS);
}

export async function recordLoginFailure(
	db: Database,
	email: string,
	ipAddress: string,
	now = new Date()
): Promise<void> {
	await db.insert(loginFailures).values({ email, ipAddress, failedAt: now });
	// Old rows tell nothing any more; trimming here keeps the table small without a job.
	await db
		.delete(loginFailures)
		.where(
			and(
				or(eq(loginFailures.email, email), eq(loginFailures.ipAddress, ipAddress)),
				lt(loginFailures.failedAt, new Date(now.getTime() - 24 * 60 * 60 * 1000))
			)
		);
}

export async function clearAccountFailures(db: Database, email: string): Promise<void> {
	await db.delete(loginFailures).where(eq(loginFailures.email, email));
}

/** «через 14 мин.» — how a person is told when to try again. */
export function retryMessage(retryAt: Date, now = new Date()): string {
	const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
	return `Слишком много неудачных попыток входа. Попробуйте снова через ${minutes} мин.`;
}
