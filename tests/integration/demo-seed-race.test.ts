import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { organizations, users } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed-demo';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;

beforeAll(async () => {
	handle = await openTestDatabase();
});
afterAll(async () => {
	await handle?.close();
});

describe('two processes seeding one empty database at once', () => {
	it('seed the demo once: one seeds, the other finds it made, neither fails on a duplicate', async () => {
		const outcomes = await Promise.all([seedDemo(handle.db), seedDemo(handle.db)]);
		expect(outcomes.sort()).toEqual(['already-present', 'seeded']);
		const [orgs] = await handle.db.select({ n: count() }).from(organizations);
		const [people] = await handle.db.select({ n: count() }).from(users);
		expect(await seedDemo(handle.db)).toBe('already-present');
		expect((await handle.db.select({ n: count() }).from(organizations))[0]!.n).toBe(orgs!.n);
		expect((await handle.db.select({ n: count() }).from(users))[0]!.n).toBe(people!.n);
	}, 120_000);
});
