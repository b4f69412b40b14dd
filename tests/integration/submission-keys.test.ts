import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	helpRequests,
	invitations,
	submissionKeys
} from '../../src/lib/server/db/schema';
import { createHelpRequest } from '../../src/lib/server/help-requests/help-requests';
import { createInvitation } from '../../src/lib/server/people/invitations';
import { newSubmissionKey, STALE_FORM, submitOnce } from '../../src/lib/server/forms/submission';
import { ValidationError } from '../../src/lib/server/forms/errors';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf, refusedWithoutChange } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'once');
});
afterAll(async () => {
	await handle?.close();
});

const requestsWith = async (body: string) =>
	(await db().select({ n: count() }).from(helpRequests).where(eq(helpRequests.body, body)))[0]!.n;
const eventsFor = async (action: string) =>
	(await db().select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]!.n;

function ask(key: string | undefined, body: string, actor = f.actors.directorA) {
	return submitOnce(
		db(),
		actor.id,
		'help_request.create',
		key,
		(tx) => createHelpRequest(tx, actor, f.schoolA, { topic: 'other', body }),
		(r) => ({ id: r.id })
	);
}

describe('submitOnce', () => {
	it('does the work once for a key: the retry after a lost answer gets back the first outcome', async () => {
		const key = newSubmissionKey();
		const events = await eventsFor('help_request.created');
		const first = await ask(key, 'Повтор после обрыва связи');
		expect(first.repeated).toBe(false);
		const retry = await ask(key, 'Повтор после обрыва связи');
		expect(retry).toEqual({
			repeated: true,
			remembered: { id: first.repeated ? null : first.value.id }
		});
		expect(await requestsWith('Повтор после обрыва связи')).toBe(1);
		expect(await eventsFor('help_request.created')).toBe(events + 1);
	});

	it('makes one row of a double click, the two submissions arriving together', async () => {
		const key = newSubmissionKey();
		const outcomes = await Promise.all([ask(key, 'Двойной щелчок'), ask(key, 'Двойной щелчок')]);
		expect(outcomes.map((o) => o.repeated).sort()).toEqual([false, true]);
		expect(await requestsWith('Двойной щелчок')).toBe(1);
	});

	it('claims nothing when the work is refused, so the corrected form goes through with the same key', async () => {
		const key = newSubmissionKey();
		const refused = await refusedWithoutChange(db(), () => ask(key, '   '));
		expect(refused).toBeInstanceOf(ValidationError);
		expect(await db().select().from(submissionKeys).where(eq(submissionKeys.key, key))).toEqual([]);
		const corrected = await ask(key, 'Исправленный текст');
		expect(corrected.repeated).toBe(false);
		expect(await requestsWith('Исправленный текст')).toBe(1);
	});

	it('keeps keys apart per person and per kind of form', async () => {
		const key = newSubmissionKey();
		await ask(key, 'Один ключ, два человека');
		const other = await ask(key, 'Один ключ, два человека', f.actors.memberA);
		expect(other.repeated).toBe(false);
		expect(await requestsWith('Один ключ, два человека')).toBe(2);
		const invited = await submitOnce(
			db(),
			f.actors.directorA.id,
			'invitation.create',
			key,
			(tx) =>
				createInvitation(tx, f.actors.directorA, f.schoolA, {
					email: 'once@example.test',
					fullName: '',
					role: 'staff',
					position: ''
				}),
			({ invitation }) => ({ email: invitation.email })
		);
		expect(invited.repeated).toBe(false);
		const again = await submitOnce(
			db(),
			f.actors.directorA.id,
			'invitation.create',
			key,
			(tx) =>
				createInvitation(tx, f.actors.directorA, f.schoolA, {
					email: 'once@example.test',
					fullName: '',
					role: 'staff',
					position: ''
				}),
			({ invitation }) => ({ email: invitation.email })
		);
		expect(again).toEqual({ repeated: true, remembered: { email: 'once@example.test' } });
		expect(
			await db()
				.select()
				.from(invitations)
				.where(
					and(
						eq(invitations.email, 'once@example.test'),
						eq(invitations.organizationId, f.schoolA.id)
					)
				)
		).toHaveLength(1);
	});

	it('refuses a form without a key or with a forged one, writing nothing', async () => {
		for (const key of [
			undefined,
			'',
			'short',
			'x'.repeat(65),
			'ключ-ключ-ключ-ключ',
			"a'; drop table users; --aaaa"
		]) {
			const e = await refusedWithoutChange(db(), () => ask(key, 'Без ключа'));
			expect(fieldErrorsOf(e).form).toBe(STALE_FORM);
		}
		expect(await requestsWith('Без ключа')).toBe(0);
	});
});
