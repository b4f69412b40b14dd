import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	checklists,
	contracts,
	documents,
	organizations
} from '../../src/lib/server/db/schema';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { readCatalogueFiles } from '../../src/lib/server/checklists/catalogue-file';
import { searchActs } from '../../src/lib/server/public/search';
import { seedScale, type ScaleResult } from '../../src/lib/server/scale/seed-scale';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let result: ScaleResult;
const db = () => handle.db;
const ITEMS_001 = readCatalogueFiles().catalogues.find((c) => c.id === 'crimea-001')!.items.length;
const TODAY = '2026-11-20';

beforeAll(async () => {
	handle = await openTestDatabase();
	// 25 schools, at most 10 a region: three regions of 9, 8 and 8.
	result = await seedScale(db(), {
		schools: 25,
		perRegion: 10,
		run: 'tiny',
		today: TODAY,
		regionName: 'Тестовая область'
	});
});

afterAll(async () => {
	await handle?.close();
});

const countOf = async (query: ReturnType<typeof sql>) => {
	const res = await db().execute(query);
	const rows = (Array.isArray(res) ? res : (res as unknown as { rows: unknown[] }).rows) as {
		n: unknown;
	}[];
	return Number(rows[0]!.n);
};

describe('seed:scale generator', () => {
	it('makes the schools asked for, split evenly into regions with municipalities', async () => {
		expect(result.counts.schools).toBe(25);
		expect(result.regions.map((r) => r.schools)).toEqual([9, 8, 8]);
		expect(result.counts.regions).toBe(3);
		const regions = await db().select().from(organizations).where(eq(organizations.kind, 'region'));
		expect(regions.map((r) => r.shortName).sort()).toEqual([
			'Тестовая область',
			'Тестовая область 2',
			'Тестовая область 3'
		]);
		for (const region of result.regions) {
			const municipalities = await db()
				.select()
				.from(organizations)
				.where(and(eq(organizations.parentId, region.id), eq(organizations.kind, 'municipality')));
			expect(municipalities.length).toBeGreaterThanOrEqual(2);
			const schools = await db()
				.select()
				.from(organizations)
				.where(and(like(organizations.path, `/${region.id}/%`), eq(organizations.kind, 'school')));
			expect(schools).toHaveLength(region.schools);
			// Every municipality has a school.
			expect(new Set(schools.map((s) => s.parentId)).size).toBe(municipalities.length);
		}
	});

	it('writes every materialised path as the parent path plus the own id', async () => {
		const broken = await countOf(sql`
			select count(*) as n from ${organizations} o left join ${organizations} p on p.id = o.parent_id
			where o.path <> coalesce(p.path, '/') || o.id || '/'`);
		expect(broken).toBe(0);
		const schoolsUnderMunicipality = await countOf(sql`
			select count(*) as n from ${organizations} o join ${organizations} p on p.id = o.parent_id
			where o.kind = 'school' and p.kind = 'municipality' and array_length(string_to_array(trim(both '/' from o.path), '/'), 1) = 3`);
		expect(schoolsUnderMunicipality).toBe(25);
	});

	it('gives each school one checklist with every measure of crimea-001, in varied states', async () => {
		const [catalogue] = await db()
			.select()
			.from(checklistCatalogues)
			.where(and(eq(checklistCatalogues.code, 'crimea-001'), eq(checklistCatalogues.version, 1)));
		const perSchool = await db()
			.select({
				org: checklists.organizationId,
				items: sql<number>`count(${checklistItems.id})`.mapWith(Number),
				distinct: sql<number>`count(distinct ${checklistItems.catalogueItemId})`.mapWith(Number)
			})
			.from(checklists)
			.leftJoin(checklistItems, eq(checklistItems.checklistId, checklists.id))
			.where(eq(checklists.catalogueId, catalogue!.id))
			.groupBy(checklists.organizationId);
		expect(perSchool).toHaveLength(25);
		for (const s of perSchool) expect(s).toMatchObject({ items: ITEMS_001, distinct: ITEMS_001 });
		expect(result.counts.items).toBe(25 * ITEMS_001);
		const foreign = await countOf(sql`
			select count(*) as n from ${checklistItems} i join ${checklists} c on c.id = i.checklist_id
			left join ${catalogueItems} ci on ci.id = i.catalogue_item_id and ci.catalogue_id = c.catalogue_id
			where ci.id is null or i.organization_id <> c.organization_id`);
		expect(foreign).toBe(0);
		const statuses = await db().selectDistinct({ s: checklistItems.status }).from(checklistItems);
		expect(statuses.map((s) => s.s).sort()).toEqual([
			'done',
			'in_progress',
			'not_needed',
			'not_started'
		]);
		const overdue = await countOf(
			sql`select count(*) as n from ${checklistItems} where status not in ('done', 'not_needed') and due_on < ${TODAY}`
		);
		expect(overdue).toBeGreaterThan(0);
	});

	it('gives schools 20–30 documents, contracts with and without guarantees, and a verifiable last activity', async () => {
		const perSchool = await db()
			.select({ n: sql<number>`count(*) filter (where not ${documents.isRecord})`.mapWith(Number) })
			.from(documents)
			.groupBy(documents.organizationId);
		expect(perSchool).toHaveLength(25);
		for (const s of perSchool) {
			expect(s.n).toBeGreaterThanOrEqual(20);
			expect(s.n).toBeLessThanOrEqual(30);
		}
		const unpublished = await countOf(
			sql`select count(*) as n from ${documents} where status = 'published' and published_at is null`
		);
		expect(unpublished).toBeGreaterThan(0);
		const rows = await db().select({ guarantees: contracts.guarantees }).from(contracts);
		expect(rows.length).toBe(result.counts.contracts);
		expect(rows.length).toBeGreaterThan(0);
		const events = await db()
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'checklist_item.updated'));
		expect(events).toHaveLength(25);
		for (const e of events.slice(0, 5))
			expect(await verifyChain(db(), e.chain)).toMatchObject({ ok: true, events: 1 });
	});

	it('fills the real templates for each school, approved by one order and published as the app leaves them', async () => {
		expect(
			await countOf(sql`select count(*) as n from document_versions where source like '%⟦%'`)
		).toBe(0);
		// Each school's own name is in its texts, and every published act's hash is its approved text's.
		expect(
			await countOf(sql`select count(*) as n from documents d join organizations o on o.id = d.organization_id
				join document_versions v on v.document_id = d.id and v.version = 1
				where d.template_id = 'school-regulation-journal' and position(o.short_name in v.source) = 0`)
		).toBe(0);
		expect(
			await countOf(sql`select count(*) as n from documents d join document_versions v on v.document_id = d.id and v.version = d.approved_version
				where d.published_at is not null and d.approved_sha256 <> encode(sha256(convert_to(v.source, 'UTF8')), 'hex')`)
		).toBe(0);
		expect(
			await countOf(sql`select count(*) as n from documents d left join documents o on o.id = d.approval_order_id
				left join document_links l on l.document_id = d.id and l.target_id = o.id and l.relation = 'approved_by'
				where d.document_class in ('act', 'appendix') and d.status = 'published'
					and (o.id is null or l.document_id is null or o.number <> d.approval_order_number or o.document_date <> d.approval_order_date)`)
		).toBe(0);
		// The director the profile names signs the agreement the texts hold.
		expect(
			await countOf(sql`select count(*) as n from documents d join organizations o on o.id = d.organization_id
				join document_versions v on v.document_id = d.id and v.version = 1
				where d.template_id = 'school-agreement-pd-processing' and position(split_part(o.head_name, ' ', 1) in v.source) = 0`)
		).toBe(0);
		expect(
			await countOf(
				sql`select count(*) as n from documents where published_at is not null and text_family_id is null`
			)
		).toBe(0);
		const published = await countOf(
			sql`select count(*) as n from documents where published_at is not null and status not in ('superseded', 'repealed')`
		);
		expect(await countOf(sql`select sum(in_force) as n from text_families`)).toBe(published);
		expect(
			await countOf(sql`select count(*) as n from document_versions where version = 2`)
		).toBeGreaterThan(0);
	});

	it('gives the search one result per model text, with the number of schools that published it', async () => {
		const r = await searchActs(db(), new URLSearchParams({ q: 'электронный журнал' }));
		expect(r.hits.length).toBeGreaterThan(5);
		const regulation = r.hits.find(
			(h) => h.title === 'Положение об электронном журнале' && h.sameText > 1
		);
		expect(regulation).toBeDefined();
		const unedited = await countOf(
			sql`select count(*) as n from documents d where d.template_id = 'school-regulation-journal' and d.status = 'published' and d.published_at is not null and d.approved_version = 1`
		);
		expect(regulation!.sameText).toBe(unedited);
		expect(r.acts).toBeGreaterThan(r.total);
		// An order is shown with its own number and date, an act with the order that approved it.
		const order = r.hits.find((h) => h.kind === 'order' && h.title.startsWith('Приказ о переходе'));
		expect(order).toMatchObject({
			number: expect.stringMatching(/-о$/),
			documentDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			approvalOrderNumber: null
		});
		expect(regulation).toMatchObject({
			number: null,
			approvalOrderNumber: expect.stringMatching(/-о$/)
		});
	});

	it('writes a line of text per document when asked, for benchmarks of figures', async () => {
		const short = await seedScale(db(), {
			schools: 2,
			run: 'short',
			today: TODAY,
			fullTexts: false
		});
		expect(short.counts.documents).toBeGreaterThan(40);
		const longest = await countOf(
			sql`select max(length(v.source)) as n from document_versions v join documents d on d.id = v.document_id join organizations o on o.id = d.organization_id where o.slug like 'short-s%'`
		);
		expect(longest).toBeLessThan(400);
	});

	it('refuses to run twice under the same name, and the same seed gives the same figures', async () => {
		await expect(seedScale(db(), { schools: 5, run: 'tiny', today: TODAY })).rejects.toThrow(
			/прогона «tiny»/
		);
		const again = await seedScale(db(), { schools: 25, perRegion: 10, run: 'tiny2', today: TODAY });
		expect(again.counts).toEqual(result.counts);
		// Slugs differ by the run's name only: compare each school's item states by its number.
		const statusesOf = async (run: string) =>
			countOf(sql`
				select coalesce(sum(hashtext(substr(o.slug, length(${run}) + 1) || ':' || i.status || ':' || i.due_on)), 0) as n
				from ${checklistItems} i join ${organizations} o on o.id = i.organization_id
				where o.slug like ${`${run}-s%`}`);
		expect(await statusesOf('tiny2')).toBe(await statusesOf('tiny'));
	});
});
