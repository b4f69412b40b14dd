import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents, memberships, organizations, users } from '../../src/lib/server/db/schema';
import { loadActor } from '../../src/lib/server/auth/permissions';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { DEMO_PASSWORD, DEMO_SCHOOL_SLUG, demoAccounts } from '../../src/lib/server/demo/demo-data';
import { databaseIsEmpty, seedDemo } from '../../src/lib/server/demo/seed-demo';
import { prepareDemo } from '../../src/lib/server/demo/start-up';
import { findOrganizationBySlug } from '../../src/lib/server/orgs/queries';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;

beforeAll(async () => {
	handle = await openTestDatabase();
	vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(async () => {
	vi.restoreAllMocks();
	await handle?.close();
});

const bySlug = async (slug: string) => {
	const org = await findOrganizationBySlug(handle.db, slug);
	if (!org) throw new Error(`no organisation ${slug}`);
	return org;
};
const under = async (slug: string, kind: 'municipality' | 'school') => {
	const root = await bySlug(slug);
	const [row] = await handle.db
		.select({ n: count() })
		.from(organizations)
		.where(and(eq(organizations.kind, kind), like(organizations.path, `${root.path}%`)));
	return row!.n;
};
const totals = async () => ({
	organizations: await handle.db.$count(organizations),
	users: await handle.db.$count(users),
	memberships: await handle.db.$count(memberships),
	events: await handle.db.$count(auditEvents)
});

describe('the demo', () => {
	it('is not seeded when turned off, nor on PostgreSQL unless asked', async () => {
		await prepareDemo(handle, { SEED_DEMO: '0' });
		await prepareDemo({ ...handle, kind: 'postgres' }, {});
		expect(await databaseIsEmpty(handle.db)).toBe(true);
	});

	it('is seeded into an empty embedded database', async () => {
		await prepareDemo({ ...handle, kind: 'pglite' }, {});
		expect(await databaseIsEmpty(handle.db)).toBe(false);
	});

	it('has the three regions', async () => {
		const regions = await handle.db.select().from(organizations).where(eq(organizations.kind, 'region'));
		expect(regions.map((r) => r.slug).sort()).toEqual(['amur', 'krym', 'murmansk']);
		expect((await bySlug('amur')).timeZone).toBe('Asia/Yakutsk');
	});

	it('has the Saki district with its schools in Crimea', async () => {
		const saki = await bySlug('saki-rayon');
		expect(saki.parentId).toBe((await bySlug('krym')).id);
		const school = await bySlug(DEMO_SCHOOL_SLUG);
		expect(school).toMatchObject({ kind: 'school', parentId: saki.id, paperlessSince: '2021-09-01' });
		expect(await under('saki-rayon', 'school')).toBeGreaterThanOrEqual(3);
	});

	it('has the 12 Amur pilot schools across its municipalities', async () => {
		expect(await under('amur', 'school')).toBe(12);
		expect(await under('amur', 'municipality')).toBe(6);
	});

	it('has the 22 Murmansk pilot schools', async () => {
		expect(await under('murmansk', 'school')).toBe(22);
	});

	it('has valid, unique profiles everywhere', async () => {
		const all = await handle.db.select().from(organizations);
		expect(new Set(all.map((o) => o.slug)).size).toBe(all.length);
		for (const o of all) {
			expect(o.slug, o.shortName).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
			expect(o.path.endsWith(`/${o.id}/`)).toBe(true);
		}
	});

	it('has the seven demo accounts with their roles, and they sign in with the demo password', async () => {
		expect(demoAccounts.map((a) => a.email)).toEqual([
			'admin@demo.test',
			'region@demo.test',
			'municipality@demo.test',
			'director@demo.test',
			'member1@demo.test',
			'member2@demo.test',
			'teacher@demo.test'
		]);
		const expected: Record<string, [string | null, string | null]> = {
			'admin@demo.test': [null, null],
			'region@demo.test': ['krym', 'authority'],
			'municipality@demo.test': ['saki-rayon', 'authority'],
			'director@demo.test': [DEMO_SCHOOL_SLUG, 'director'],
			'member1@demo.test': [DEMO_SCHOOL_SLUG, 'working_group'],
			'member2@demo.test': [DEMO_SCHOOL_SLUG, 'working_group'],
			'teacher@demo.test': [DEMO_SCHOOL_SLUG, 'staff']
		};
		for (const [email, [slug, role]] of Object.entries(expected)) {
			const [user] = await handle.db.select().from(users).where(eq(users.email, email));
			expect(user, email).toBeDefined();
			const actor = await loadActor(handle.db, user!);
			expect(actor.isAdmin, email).toBe(role === null);
			expect(
				actor.memberships.map((m) => [m.organizationId, m.role]),
				email
			).toEqual(slug ? [[(await bySlug(slug)).id, role]] : []);
		}
		const result = await signIn(handle.db, { email: 'director@demo.test', password: DEMO_PASSWORD, ipAddress: '127.0.0.1' });
		expect(result.ok).toBe(true);
	});

	it('is seeded once: a second run changes nothing', async () => {
		const before = await totals();
		expect(await seedDemo(handle.db)).toBe('already-present');
		await prepareDemo(handle, { SEED_DEMO: '1' });
		expect(await totals()).toEqual(before);
	});

	it('leaves every audit chain valid, one creation event per organisation', async () => {
		const chains = await handle.db.selectDistinct({ chain: auditEvents.chain }).from(auditEvents);
		expect(chains.length).toBeGreaterThan(40);
		for (const { chain } of chains) expect(await verifyChain(handle.db, chain), chain).toMatchObject({ ok: true });
		const created = await handle.db.$count(auditEvents, eq(auditEvents.action, 'organization.created'));
		expect(created).toBe(await handle.db.$count(organizations));
	});
});
