import { and, count, eq, like } from 'drizzle-orm';
import { signaturesOf } from '../../src/lib/server/signatures/queries';
import { publicationDue } from '../../src/lib/server/dashboard/load-dashboard';
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
import { addDays } from '../../src/lib/server/checklists/due-dates';
import { todayIn } from '../../src/lib/format';
import { councilOpinions, documentVersions, documents } from '../../src/lib/server/db/schema';
import { loadDocumentLayout } from '../../src/lib/server/documents/layout';

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
		const regions = await handle.db
			.select()
			.from(organizations)
			.where(eq(organizations.kind, 'region'));
		expect(regions.map((r) => r.slug).sort()).toEqual(['amur', 'krym', 'murmansk']);
		expect((await bySlug('amur')).timeZone).toBe('Asia/Yakutsk');
	});

	it('has the Saki district with its schools in Crimea', async () => {
		const saki = await bySlug('saki-rayon');
		expect(saki.parentId).toBe((await bySlug('krym')).id);
		const school = await bySlug(DEMO_SCHOOL_SLUG);
		// Paperless from the transition start the demo's orders name, with the founder's agreement behind it.
		expect(school).toMatchObject({
			kind: 'school',
			parentId: saki.id,
			paperlessSince: addDays(todayIn(school.timeZone), 14),
			founderName: 'Администрация Сакского района Республики Крым'
		});
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
		const result = await signIn(handle.db, {
			email: 'director@demo.test',
			password: DEMO_PASSWORD,
			ipAddress: '127.0.0.1'
		});
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
		for (const { chain } of chains)
			expect(await verifyChain(handle.db, chain), chain).toMatchObject({ ok: true });
		const created = await handle.db.$count(
			auditEvents,
			eq(auditEvents.action, 'organization.created')
		);
		expect(created).toBe(await handle.db.$count(organizations));
	});
});

describe('the demo tells the truth (issue #7)', () => {
	const docsOf = async (slug: string) =>
		handle.db
			.select()
			.from(documents)
			.where(eq(documents.organizationId, (await bySlug(slug)).id));

	it('registers every order with its own number, in the order of their dates, without gaps', async () => {
		const all = (await docsOf(DEMO_SCHOOL_SLUG)).filter((d) => d.documentClass === 'order');
		// The set's other orders (the failure procedure, the destruction commission) wait as drafts, without a number.
		for (const o of all.filter((x) => x.registrationSeq === null))
			expect(o, o.templateId ?? '').toMatchObject({ status: 'draft', number: null });
		const orders = all
			.filter((d) => d.registrationSeq !== null)
			.sort((a, b) => a.registrationSeq! - b.registrationSeq!);
		expect(orders.length).toBe(4);
		expect(orders.map((o) => o.number)).toEqual(['1-о', '2-о', '3-о', '4-о']);
		expect(orders.map((o) => o.templateId)).toEqual([
			'school-order-working-group',
			'school-order-pd-responsible',
			'school-order-transition',
			'school-order-approve-acts'
		]);
		const dates = orders.map((o) => o.documentDate!);
		expect([...dates].sort()).toEqual(dates);
		for (const o of orders)
			expect(o).toMatchObject({ status: 'published', approvalOrderNumber: null });
	});

	it('approves only acts and appendices by the order, and lists them under their own words', async () => {
		const docs = await docsOf(DEMO_SCHOOL_SLUG);
		const order = docs.find((d) => d.templateId === 'school-order-approve-acts')!;
		const approved = docs.filter((d) => d.approvalOrderId === order.id);
		expect(new Set(approved.map((d) => d.documentClass))).toEqual(new Set(['act', 'appendix']));
		const [text] = await handle.db
			.select()
			.from(documentVersions)
			.where(eq(documentVersions.documentId, order.id));
		for (const o of docs.filter((d) => d.documentClass === 'order' && d.id !== order.id))
			expect(text!.source).not.toContain(o.title);
		for (const a of approved) expect(text!.source).toContain(a.title);
	});

	it('has one edition of each act in force', async () => {
		const inForce = (await docsOf(DEMO_SCHOOL_SLUG)).filter(
			(d) =>
				d.status === 'published' && d.templateId && ['act', 'appendix'].includes(d.documentClass)
		);
		expect(new Set(inForce.map((d) => d.templateId)).size).toBe(inForce.length);
	});

	it('has every act in force signed by the director, so none awaits its signed publication', async () => {
		const school = await bySlug(DEMO_SCHOOL_SLUG);
		const published = (await docsOf(DEMO_SCHOOL_SLUG)).filter((d) => d.status === 'published');
		expect(published.length).toBeGreaterThan(5);
		for (const doc of published.filter((d) => d.approvedVersion !== null)) {
			const [signature] = await signaturesOf(handle.db, doc.id, doc.approvedVersion);
			expect([doc.title, signature?.signerName, signature?.files.length]).toEqual([
				doc.title,
				'Ковальчук Елена Викторовна',
				3
			]);
			expect(doc.signedAt).not.toBeNull();
		}
		expect(await publicationDue(handle.db, school)).toEqual([]);
	});

	it('prints УЧТЕНО МНЕНИЕ only for the councils whose opinion was recorded, and no act claims an opinion in its text', async () => {
		const school = await bySlug(DEMO_SCHOOL_SLUG);
		const journal = (await docsOf(DEMO_SCHOOL_SLUG)).find(
			(d) => d.templateId === 'school-regulation-journal' && d.status === 'published'
		)!;
		const opinions = await handle.db
			.select()
			.from(councilOpinions)
			.where(eq(councilOpinions.documentId, journal.id));
		expect(opinions.map((o) => [o.council, o.result]).sort()).toEqual([
			['parents', 'no_answer'],
			['students', 'supports'],
			['workers', 'supports']
		]);
		const [version] = await handle.db
			.select()
			.from(documentVersions)
			.where(eq(documentVersions.documentId, journal.id));
		expect(version!.source).not.toMatch(/принимается с учётом мнения/);
		const layout = await loadDocumentLayout(handle.db, journal, school, version!.source!, 'public');
		expect(layout.opinions?.map((o) => o.minutesNumber)).toEqual(['4', '12']);
		expect(layout.approval).toMatchObject({ orderNumber: '4-о' });
		expect(layout.adopted).toMatchObject({ minutesNumber: '3' });
	});

	it('dates the contract, the founder’s agreement and the transition so that each comes before what relies on it', async () => {
		const docs = await docsOf(DEMO_SCHOOL_SLUG);
		const contract = docs.find((d) => d.kind === 'contract')!;
		const founder = docs.find((d) => d.kind === 'founder_consent')!;
		const transition = docs.find((d) => d.templateId === 'school-order-transition')!;
		const [v] = await handle.db
			.select()
			.from(documentVersions)
			.where(eq(documentVersions.documentId, transition.id));
		const vars = v!.variables as Record<string, string>;
		expect(vars.contract_date).toBe(contract.documentDate);
		expect(contract.documentDate! <= vars.start_date!).toBe(true);
		expect(founder.documentDate! <= vars.paperless_since!).toBe(true);
		expect(vars.start_date! <= vars.paperless_since!).toBe(true);
	});
});
