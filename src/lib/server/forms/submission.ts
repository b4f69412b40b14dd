import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db';
import { submissionKeys } from '../db/schema';
import { ValidationError } from './errors';

/** The hidden field every form that creates rows carries. */
export const SUBMISSION_FIELD = 'submissionKey';
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
// A page older than this is not resubmitted by any browser; the user's old keys go with it.
const KEY_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const STALE_FORM =
	'Форма устарела: обновите страницу и отправьте её ещё раз — введённое сохранится, если браузер его сохранил.';

/** A fresh key for one rendering of a form. */
export function newSubmissionKey(): string {
	return encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(16)));
}

export type Submission<T> =
	{ repeated: false; value: T } | { repeated: true; remembered: Record<string, unknown> };

/**
 * Runs `work` once per (user, scope, key). The key is claimed in the same transaction as the rows
 * `work` writes, so either both commit or neither does; a second submission of the key — a retry
 * after a lost answer, a double click — waits for the first and gets back what `remember` kept of
 * its outcome instead of doing the work again. `work` may open its own transaction: it nests.
 */
export async function submitOnce<T>(
	db: Database,
	userId: string,
	scope: string,
	key: string | undefined,
	work: (tx: Database) => Promise<T>,
	remember: (value: T) => Record<string, unknown>
): Promise<Submission<T>> {
	if (!key || !KEY_PATTERN.test(key)) throw new ValidationError({ form: STALE_FORM });
	return db.transaction(async (tx) => {
		const mine = and(
			eq(submissionKeys.userId, userId),
			eq(submissionKeys.scope, scope),
			eq(submissionKeys.key, key)
		);
		const claimed = await tx
			.insert(submissionKeys)
			.values({ userId, scope, key, result: {} })
			.onConflictDoNothing()
			.returning({ key: submissionKeys.key });
		if (!claimed.length) {
			const [prior] = await tx
				.select({ result: submissionKeys.result })
				.from(submissionKeys)
				.where(mine);
			return { repeated: true, remembered: prior?.result ?? {} };
		}
		const value = await work(tx);
		await tx
			.update(submissionKeys)
			.set({ result: remember(value) })
			.where(mine);
		await tx
			.delete(submissionKeys)
			.where(
				and(
					eq(submissionKeys.userId, userId),
					lt(submissionKeys.createdAt, new Date(Date.now() - KEY_LIFETIME_MS))
				)
			);
		return { repeated: false, value };
	});
}
