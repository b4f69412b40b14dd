import { and, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { loginFailures } from '../db/schema';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures for one account from one address: that address may not try the account again for a while. */
export const MAX_FAILURES_PER_ACCOUNT_ADDRESS = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
/**
 * The softer ceiling for one account across addresses. Past it, only addresses that have already
 * failed on the account are refused: a guesser spread over many addresses gets one try from each,
 * while the owner, from an address with no failures, still signs in (OWASP: lock-out must not
 * hand anyone a way to lock others out).
 */
export const ACCOUNT_FAILURE_CEILING = 30;

export type LoginGate = { allowed: true } | { allowed: false; retryAt: Date };

/** Whether a sign-in may be tried now; refused ones say from when it may be tried again. */
export async function checkLoginGate(
	db: Database,
	email: string,
	ipAddress: string,
	now = new Date()
): Promise<LoginGate> {
	const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
	const [pair, address, account, tried] = await Promise.all([
		retryAfterLimit(
			db,
			and(eq(loginFailures.email, email), eq(loginFailures.ipAddress, ipAddress))!,
			MAX_FAILURES_PER_ACCOUNT_ADDRESS,
			since
		),
		retryAfterLimit(db, eq(loginFailures.ipAddress, ipAddress), MAX_FAILURES_PER_ADDRESS, since),
		retryAfterLimit(db, eq(loginFailures.email, email), ACCOUNT_FAILURE_CEILING, since),
		retryAfterLimit(
			db,
			and(eq(loginFailures.email, email), eq(loginFailures.ipAddress, ipAddress))!,
			1,
			since
		)
	]);
	const latest = [pair, address, tried ? account : null]
		.filter((t): t is Date => t !== null)
		.sort((a, b) => b.getTime() - a.getTime())[0];
	return latest && latest > now ? { allowed: false, retryAt: latest } : { allowed: true };
}

// With `limit` failures inside the window, the oldest of them leaving it reopens the gate.
async function retryAfterLimit(
	db: Database,
	key: SQL,
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
