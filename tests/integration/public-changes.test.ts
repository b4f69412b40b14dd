import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/index';
import { recordEvent } from '../../src/lib/server/audit/record-event';
import { updateOrganization } from '../../src/lib/server/orgs/save-organization';
import { orgTag, profileTag, PUBLIC_CHANGES_CHANNEL } from '../../src/lib/server/public/changes';
import { PageCache } from '../../src/lib/server/public/page-cache';
import { buildFixture, orgInput, type Fixture } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const received: string[] = [];

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'notify');
	await handle.listen(
		PUBLIC_CHANGES_CHANNEL,
		(payload) => received.push(payload),
		() => {}
	);
});
afterAll(async () => {
	await handle?.close();
});

const arrives = (payload: string) =>
	expect.poll(() => received.includes(payload), { timeout: 5000 }).toBe(true);

describe('public change notifications', () => {
	it('a profile edit, once committed, names the pages that print the organisation', async () => {
		const org = f.schoolA;
		await updateOrganization(
			handle.db,
			f.actors.directorA,
			org,
			orgInput({
				fullName: org.fullName,
				shortName: `${org.shortName} (новое имя)`,
				slug: org.slug,
				timeZone: org.timeZone
			})
		);
		await arrives(`${profileTag(org.id)} home search`);
	});

	it('a change that rolls back says nothing; a publication names its organisation', async () => {
		const before = received.length;
		await expect(
			handle.db.transaction(async (tx) => {
				await recordEvent(tx, {
					actor: null,
					organizationId: f.schoolB.id,
					action: 'document.repealed',
					entityType: 'document',
					entityId: null
				});
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		await handle.db.transaction((tx) =>
			recordEvent(tx, {
				actor: null,
				organizationId: f.schoolA.id,
				action: 'document.published',
				entityType: 'document',
				entityId: null
			})
		);
		await arrives(`${orgTag(f.schoolA.id)} home search`);
		expect(received.slice(before).join(' ')).not.toContain(orgTag(f.schoolB.id));
	});

	it('drafting is not a public change', async () => {
		const before = received.length;
		await handle.db.transaction((tx) =>
			recordEvent(tx, {
				actor: null,
				organizationId: f.schoolB.id,
				action: 'document.version_saved',
				entityType: 'document',
				entityId: null
			})
		);
		await handle.db.transaction((tx) =>
			recordEvent(tx, {
				actor: null,
				organizationId: f.schoolB.id,
				action: 'document.superseded',
				entityType: 'document',
				entityId: null
			})
		);
		await arrives(`${orgTag(f.schoolB.id)} home search`);
		expect(received.slice(before)).toEqual([`${orgTag(f.schoolB.id)} home search`]);
	});
});

// Two app processes on one server: each has its own pool and its own listening connection.
describe.runIf(process.env.TEST_DB === 'postgres')('two processes on one PostgreSQL', () => {
	it('a change committed through one drops the page the other keeps', async () => {
		const other = await openDatabase({ url: urlOf(handle) });
		try {
			const cache = new PageCache(1_000_000);
			const page = {
				headers: [],
				bodies: { identity: Buffer.alloc(1), br: Buffer.alloc(1), gzip: Buffer.alloc(1) },
				etag: 'e',
				lastModified: '',
				tags: [orgTag(f.otherSchool.id)],
				expiresAt: Date.now() + 60_000,
				size: 1
			};
			cache.set('/o/other', page, cache.epoch);
			await other.listen(
				PUBLIC_CHANGES_CHANNEL,
				(payload) => cache.invalidate(payload.split(' ')),
				() => {}
			);
			await handle.db.transaction((tx) =>
				recordEvent(tx, {
					actor: null,
					organizationId: f.otherSchool.id,
					action: 'document.published',
					entityType: 'document',
					entityId: null
				})
			);
			await expect.poll(() => cache.get('/o/other'), { timeout: 5000 }).toBeUndefined();
		} finally {
			await other.close();
		}
	});
});

/** The URL of the test's own database, which openTestDatabase made on TEST_DATABASE_URL's server. */
function urlOf(h: DatabaseHandle): string {
	const url = new URL(process.env.TEST_DATABASE_URL!);
	url.pathname = `/${h.location.split('/').pop()}`;
	return url.toString();
}
