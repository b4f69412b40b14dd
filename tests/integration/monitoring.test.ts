import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	campaigns,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	checklists,
	contracts,
	documents,
	progressSnapshots,
	remarks,
	type Organization
} from '../../src/lib/server/db/schema';
import { addRemark } from '../../src/lib/server/checklists/remarks';
import { monitoringOverview, parseOverviewParams } from '../../src/lib/server/monitoring/overview';
import { defaultOverviewParams, type OverviewParams } from '../../src/lib/monitoring/query';
import { latestOverdueStart } from '../../src/lib/server/figures/publication';
import {
	journalDistribution,
	mostOverdueMeasures,
	progressByMunicipality,
	progressOverTime,
	publicationOverdue,
	staleOrganizations,
	takeProgressSnapshot
} from '../../src/lib/server/monitoring/analysis';
import {
	monitoringAnalysis,
	monitoringDashboard,
	monitoringExportRows
} from '../../src/lib/server/monitoring/dashboard';
import { ForbiddenError } from '../../src/lib/server/auth/permissions';
import { analysisTables, overviewColumns } from '../../src/lib/server/monitoring/exports';
import { toCsv } from '../../src/lib/server/exports/table-export';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

// Friday 20.11.2026, noon in Moscow: every fixture organisation but the region is in Moscow time.
const NOW = new Date('2026-11-20T09:00:00Z');
const params = (p: Partial<OverviewParams> = {}): OverviewParams => ({
	...defaultOverviewParams,
	...p
});

type Status = 'not_started' | 'in_progress' | 'done' | 'not_needed';

/**
 * Four measures T.1–T.4 for each school, hand-picked:
 *   A: T.1 overdue, T.2 not needed, T.3 done, T.4 due 25.11 (in 7 days) → 2/4 = 50 %, overdue 1, due soon 1
 *   B: T.1 overdue, T.2 overdue, T.3 done, T.4 due 20.12            → 1/4 = 25 %, overdue 2, due soon 0
 *   C (neighbour): T.1 overdue, the rest done                         → 3/4 = 75 %, overdue 1
 */
const PLAN: Record<'A' | 'B' | 'C', [Status, string][]> = {
	A: [
		['not_started', '2026-11-10'],
		['not_needed', '2026-11-10'],
		['done', '2026-11-01'],
		['in_progress', '2026-11-25']
	],
	B: [
		['not_started', '2026-11-10'],
		['in_progress', '2026-11-15'],
		['done', '2026-11-01'],
		['not_started', '2026-12-20']
	],
	C: [
		['not_started', '2026-11-19'],
		['done', '2026-11-01'],
		['done', '2026-11-01'],
		['done', '2026-11-01']
	]
};

const itemIds: Record<string, string[]> = {};

async function doc(
	org: Organization,
	values: Partial<typeof documents.$inferInsert> & { title: string }
) {
	const [row] = await db()
		.insert(documents)
		.values({
			organizationId: org.id,
			kind: 'regulation',
			documentClass: 'act',
			status: 'draft',
			...values
		})
		.returning();
	return row!;
}

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(db(), 'mon');
	const [catalogue] = await db()
		.insert(checklistCatalogues)
		.values({ code: 'mon-test', version: 1, title: 'Проверочный перечень', level: 'school' })
		.returning();
	const measures = await db()
		.insert(catalogueItems)
		.values(
			[1, 2, 3, 4].map((n) => ({
				catalogueId: catalogue!.id,
				code: `T.${n}`,
				position: n,
				title: `Мероприятие ${n}`,
				category: 'test',
				evidence: { templates: [], kinds: [], note: false },
				responsibleRole: 'director' as const,
				due: { rule: 'campaign_due' as const }
			}))
		)
		.returning();
	const [campaign] = await db()
		.insert(campaigns)
		.values({
			authorityId: f.region.id,
			catalogueId: catalogue!.id,
			title: 'Кампания',
			startsOn: '2026-09-01',
			dueOn: '2026-12-25',
			scope: { kind: 'all', ids: [] }
		})
		.returning();
	for (const [key, org] of [
		['A', f.schoolA],
		['B', f.schoolB],
		['C', f.otherSchool]
	] as const) {
		const [list] = await db()
			.insert(checklists)
			.values({ campaignId: campaign!.id, organizationId: org.id, catalogueId: catalogue!.id })
			.returning();
		const rows = await db()
			.insert(checklistItems)
			.values(
				PLAN[key].map(([status, dueOn], i) => ({
					checklistId: list!.id,
					organizationId: org.id,
					catalogueItemId: measures[i]!.id,
					status,
					dueOn
				}))
			)
			.returning();
		itemIds[key] = rows.map((r) => r.id);
	}

	// One open remark on A; an answer and a resolved remark do not count.
	const open = await addRemark(
		db(),
		f.actors.municipalityAuthority,
		f.schoolA,
		itemIds.A![0]!,
		'Где положение?'
	);
	await db().insert(remarks).values({
		checklistItemId: itemIds.A![0]!,
		organizationId: f.schoolA.id,
		authorId: f.users.directorA.id,
		replyTo: open.id,
		body: 'Готовим.'
	});
	await db().insert(remarks).values({
		checklistItemId: itemIds.A![1]!,
		organizationId: f.schoolA.id,
		authorId: f.users.municipalityAuthority.id,
		body: 'Снято.',
		resolvedAt: NOW
	});

	// A: the personal-data set in force, one act on the portal, one awaiting approval, a contract with every guarantee but one.
	await doc(f.schoolA, {
		title: 'Положение о ПДн',
		templateId: 'school-regulation-personal-data',
		status: 'published',
		approvedAt: NOW,
		approvalOrderDate: '2026-11-02',
		publishedAt: NOW,
		signedAt: NOW
	});
	await doc(f.schoolA, {
		title: 'Приказ об ответственном',
		kind: 'order',
		templateId: 'school-order-pd-responsible',
		status: 'registered',
		isRecord: true
	});
	await doc(f.schoolA, {
		title: 'Соглашение с оператором',
		kind: 'agreement',
		templateId: 'school-agreement-pd-processing',
		status: 'registered',
		isRecord: true
	});
	await doc(f.schoolA, {
		title: 'Акт об уровне защищённости',
		kind: 'record_act',
		documentClass: 'record',
		templateId: 'school-act-protection-level',
		status: 'registered',
		isRecord: true
	});
	await doc(f.schoolA, {
		title: 'Акт оценки вреда',
		kind: 'record_act',
		documentClass: 'record',
		templateId: 'school-act-harm-assessment',
		status: 'registered',
		isRecord: true
	});
	await doc(f.schoolA, { title: 'Положение о журнале', status: 'approval' });
	const contract = await doc(f.schoolA, {
		title: 'Договор',
		kind: 'contract',
		status: 'registered',
		isRecord: true
	});
	await db()
		.insert(contracts)
		.values({
			documentId: contract.id,
			organizationId: f.schoolA.id,
			counterparty: 'ООО «Оператор»',
			guarantees: {
				availability: true,
				noCrossBorder: true,
				personalDataOnInstruction: true,
				staffOnlyAccess: true,
				changeLog: true,
				backup: true,
				integrity: false
			}
		});
	// B: only the regulation, approved by the order of 02.11 and not on the portal: ten working days ran out on 16.11.
	await doc(f.schoolB, {
		title: 'Положение о ПДн Б',
		templateId: 'school-regulation-personal-data',
		status: 'published',
		approvedAt: new Date('2026-11-02T08:00:00Z'),
		approvalOrderDate: '2026-11-02'
	});
	// B: approved on 10.11, due 24.11 — not yet overdue on 20.11.
	await doc(f.schoolB, {
		title: 'Правила Б',
		status: 'published',
		approvedAt: new Date('2026-11-10T08:00:00Z'),
		approvalOrderDate: '2026-11-10'
	});
	// The neighbour's overdue act is not the municipality's business.
	await doc(f.otherSchool, {
		title: 'Положение В',
		status: 'published',
		approvedAt: new Date('2026-10-01T08:00:00Z'),
		approvalOrderDate: '2026-10-01'
	});
});

afterAll(async () => {
	await handle?.close();
});

describe('monitoringOverview', () => {
	it('gives each school of a municipality its hand-computed figures', async () => {
		const o = await monitoringOverview(db(), f.municipality, params({ sort: 'name', dir: 'asc' }), {
			now: NOW
		});
		expect(o.rows.map((r) => r.shortName)).toEqual([f.schoolA.shortName, f.schoolB.shortName]);
		const [a, b] = o.rows;
		expect(a).toMatchObject({
			itemsTotal: 4,
			itemsClosed: 2,
			progress: 50,
			overdue: 1,
			dueSoon: 1,
			openRemarks: 1,
			contractStatus: 'incomplete',
			missingGuarantees: 1,
			personalDataComplete: true,
			published: 1,
			inApproval: 1,
			municipalityName: f.municipality.shortName
		});
		expect(a!.lastActivity).toBeInstanceOf(Date);
		expect(b).toMatchObject({
			itemsTotal: 4,
			itemsClosed: 1,
			progress: 25,
			overdue: 2,
			dueSoon: 0,
			openRemarks: 0,
			contractStatus: 'none',
			missingGuarantees: null,
			personalDataComplete: false,
			published: 0,
			inApproval: 0,
			lastActivity: null
		});
		expect(o.totals).toMatchObject({
			organizations: 2,
			itemsTotal: 8,
			itemsClosed: 3,
			averageProgress: 38,
			overdue: 3,
			dueSoon: 1,
			openRemarks: 1,
			withoutContract: 1,
			personalDataIncomplete: 1,
			published: 1,
			inApproval: 1
		});
		expect(o.pages).toBe(1);
	});

	it('shows a region its municipalities and every school, and a neighbour nothing of the other', async () => {
		const region = await monitoringOverview(db(), f.region, params({ sort: 'name', dir: 'asc' }), {
			now: NOW
		});
		expect(region.rows.map((r) => r.id).sort()).toEqual(
			[
				f.municipality.id,
				f.otherMunicipality.id,
				f.schoolA.id,
				f.schoolB.id,
				f.otherSchool.id
			].sort()
		);
		expect(region.rows.find((r) => r.id === f.otherSchool.id)).toMatchObject({
			progress: 75,
			overdue: 1
		});
		const neighbour = await monitoringOverview(db(), f.otherMunicipality, params(), { now: NOW });
		expect(neighbour.rows.map((r) => r.id)).toEqual([f.otherSchool.id]);
	});

	it('sorts by any column both ways and filters', async () => {
		const byProgress = await monitoringOverview(
			db(),
			f.municipality,
			params({ sort: 'progress', dir: 'asc' }),
			{ now: NOW }
		);
		expect(byProgress.rows.map((r) => r.id)).toEqual([f.schoolB.id, f.schoolA.id]);
		const byOverdue = await monitoringOverview(
			db(),
			f.municipality,
			params({ sort: 'overdue', dir: 'desc' }),
			{ now: NOW }
		);
		expect(byOverdue.rows.map((r) => r.id)).toEqual([f.schoolB.id, f.schoolA.id]);
		const region = await monitoringOverview(
			db(),
			f.region,
			params({ municipality: f.otherMunicipality.id }),
			{ now: NOW }
		);
		expect(region.rows.map((r) => r.id).sort()).toEqual(
			[f.otherMunicipality.id, f.otherSchool.id].sort()
		);
		const search = await monitoringOverview(db(), f.region, params({ q: 'школа б' }), { now: NOW });
		expect(search.rows.map((r) => r.id)).toEqual([f.schoolB.id]);
		const percent = await monitoringOverview(db(), f.region, params({ q: '%' }), { now: NOW });
		expect(percent.rows).toEqual([]);
		const noJournal = await monitoringOverview(db(), f.municipality, params({ journal: 'none' }), {
			now: NOW
		});
		expect(noJournal.rows).toHaveLength(2);
		const eljur = await monitoringOverview(db(), f.municipality, params({ journal: 'eljur' }), {
			now: NOW
		});
		expect(eljur.rows).toEqual([]);
		const onlyOverdue = await monitoringOverview(db(), f.region, params({ overdueOnly: true }), {
			now: NOW
		});
		expect(onlyOverdue.rows.map((r) => r.id).sort()).toEqual(
			[f.schoolA.id, f.schoolB.id, f.otherSchool.id].sort()
		);
		for (const sort of [
			'municipality',
			'dueSoon',
			'remarks',
			'journal',
			'paperless',
			'contract',
			'personalData',
			'published',
			'inApproval',
			'lastActivity'
		] as const)
			for (const dir of ['asc', 'desc'] as const)
				expect(
					(await monitoringOverview(db(), f.region, params({ sort, dir }), { now: NOW })).rows
				).toHaveLength(5);
	});

	it('pages in SQL and keeps the totals of every page', async () => {
		const first = await monitoringOverview(db(), f.region, params({ sort: 'name', dir: 'asc' }), {
			now: NOW,
			pageSize: 2
		});
		expect(first.rows).toHaveLength(2);
		expect(first.pages).toBe(3);
		const last = await monitoringOverview(
			db(),
			f.region,
			params({ sort: 'name', dir: 'asc', page: 3 }),
			{ now: NOW, pageSize: 2 }
		);
		expect(last.rows).toHaveLength(1);
		const beyond = await monitoringOverview(db(), f.region, params({ page: 99 }), {
			now: NOW,
			pageSize: 2
		});
		expect(beyond.rows).toEqual([]);
		expect(beyond.totals.organizations).toBe(5);
	});

	it('reads nonsense filters as a message and an empty answer, never an error', async () => {
		const parsed = parseOverviewParams(
			new URLSearchParams(
				'sort=drop+table&dir=up&municipality=../../etc&journal=papyrus&stale=-5&page=abc&q=' +
					'я'.repeat(300)
			)
		);
		expect(parsed.messages.length).toBeGreaterThanOrEqual(5);
		expect(parsed.params).toMatchObject({
			sort: 'overdue',
			dir: 'desc',
			page: 1,
			staleDays: null,
			impossible: true
		});
		expect(parsed.params.q).toHaveLength(200);
		expect((await monitoringOverview(db(), f.region, parsed.params, { now: NOW })).rows).toEqual(
			[]
		);
		// A well-formed id of a municipality outside the scope finds nothing.
		const foreign = await monitoringOverview(
			db(),
			f.municipality,
			params({ municipality: f.otherMunicipality.id }),
			{ now: NOW }
		);
		expect(foreign.rows).toEqual([]);
		const ok = parseOverviewParams(
			new URLSearchParams('sort=progress&dir=asc&overdue=1&stale=30&journal=none&page=2')
		);
		expect(ok.messages).toEqual([]);
		expect(ok.params).toMatchObject({
			sort: 'progress',
			dir: 'asc',
			overdueOnly: true,
			staleDays: 30,
			journal: 'none',
			page: 2,
			impossible: false
		});
	});
});

describe('analysis', () => {
	it('names the measures most often overdue', async () => {
		expect(await mostOverdueMeasures(db(), f.municipality, NOW)).toEqual([
			{ code: 'T.1', title: 'Мероприятие 1', schools: 2 },
			{ code: 'T.2', title: 'Мероприятие 2', schools: 1 }
		]);
		expect((await mostOverdueMeasures(db(), f.region, NOW))[0]).toEqual({
			code: 'T.1',
			title: 'Мероприятие 1',
			schools: 3
		});
	});

	it('finds the organisations with no action for N days', async () => {
		// The remark on A was recorded just now; B has never had an event.
		const later = new Date(Date.now() + 10 * 86_400_000);
		const stale = await staleOrganizations(db(), f.municipality, 20, later);
		expect(stale.rows.map((r) => r.id)).toEqual([f.schoolB.id]);
		expect(stale.total).toBe(1);
	});

	it('compares the municipalities of a region and the journal systems', async () => {
		expect(await progressByMunicipality(db(), f.region, NOW)).toEqual(
			[
				{
					id: f.municipality.id,
					shortName: f.municipality.shortName,
					schools: 2,
					averageProgress: 38,
					overdue: 3,
					schoolsOverdue: 2
				},
				{
					id: f.otherMunicipality.id,
					shortName: f.otherMunicipality.shortName,
					schools: 1,
					averageProgress: 75,
					overdue: 1,
					schoolsOverdue: 1
				}
			].sort((a, b) => a.shortName.localeCompare(b.shortName))
		);
		expect(await progressByMunicipality(db(), f.municipality, NOW)).toEqual([]);
		expect(await journalDistribution(db(), f.municipality)).toEqual([
			{ journalSystem: null, schools: 2, averageProgress: 38 }
		]);
	});

	it('lists acts approved more than ten working days ago and not published', async () => {
		// 20.11.2026 (Friday): an order of 05.11 ran out on 19.11 (04.11 is a holiday), one of 06.11 runs until 20.11.
		expect(latestOverdueStart('2026-11-20')).toBe('2026-11-05');
		const mun = await publicationOverdue(db(), f.municipality, NOW);
		expect(mun.rows.map((r) => [r.title, r.startsOn, r.dueOn])).toEqual([
			['Положение о ПДн Б', '2026-11-02', '2026-11-17']
		]);
		expect(mun.total).toBe(1);
		const region = await publicationOverdue(db(), f.region, NOW);
		expect(region.rows.map((r) => r.title)).toEqual(['Положение В', 'Положение о ПДн Б']);
	});

	it('counts an act published without a signature as still awaiting its signed publication', async () => {
		const [act] = await db()
			.update(documents)
			.set({ signedAt: null })
			.where(
				and(eq(documents.organizationId, f.schoolA.id), eq(documents.title, 'Положение о ПДн'))
			)
			.returning();
		try {
			const mun = await publicationOverdue(db(), f.municipality, NOW);
			expect(mun.rows.map((r) => [r.title, r.dueOn, r.published])).toEqual([
				['Положение о ПДн', '2026-11-17', true],
				['Положение о ПДн Б', '2026-11-17', false]
			]);
		} finally {
			await db().update(documents).set({ signedAt: NOW }).where(eq(documents.id, act!.id));
		}
	});

	it('takes one snapshot a day per organisation and draws the mean progress', async () => {
		await takeProgressSnapshot(db(), '2026-11-19');
		await takeProgressSnapshot(db(), '2026-11-20');
		await takeProgressSnapshot(db(), '2026-11-20');
		const rows = await db()
			.select()
			.from(progressSnapshots)
			.where(eq(progressSnapshots.organizationId, f.schoolA.id));
		expect(rows).toHaveLength(2);
		expect(rows.find((r) => r.day === '2026-11-20')).toMatchObject({
			itemsTotal: 4,
			itemsDone: 2,
			itemsOverdue: 1,
			actsPublished: 1
		});
		// On the 19th B's T.2 (due 15.11) and T.1 were already overdue; C's T.1 (due 19.11) not yet.
		const c = await db()
			.select()
			.from(progressSnapshots)
			.where(eq(progressSnapshots.organizationId, f.otherSchool.id));
		expect(c.find((r) => r.day === '2026-11-19')).toMatchObject({ itemsOverdue: 0 });
		expect(c.find((r) => r.day === '2026-11-20')).toMatchObject({ itemsOverdue: 1 });
		expect(await progressOverTime(db(), f.municipality, NOW)).toEqual([
			{ day: '2026-11-19', averageProgress: 38, organizations: 2 },
			{ day: '2026-11-20', averageProgress: 38, organizations: 2 }
		]);
	});
});

describe('permissions', () => {
	it('lets only the authority above look, and exports obey the same scope', async () => {
		const search = new URLSearchParams('sort=name&dir=asc');
		const mun = await monitoringDashboard(
			db(),
			f.actors.municipalityAuthority,
			f.municipality,
			search
		);
		expect(mun.overview.rows.map((r) => r.id)).toEqual([f.schoolA.id, f.schoolB.id]);
		await expect(
			monitoringDashboard(db(), f.actors.otherMunicipalityAuthority, f.municipality, search)
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			monitoringDashboard(db(), f.actors.directorA, f.municipality, search)
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			monitoringDashboard(db(), f.actors.directorA, f.schoolA, search)
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			monitoringExportRows(db(), f.actors.otherMunicipalityAuthority, f.municipality, search)
		).rejects.toBeInstanceOf(ForbiddenError);
		const exported = await monitoringExportRows(
			db(),
			f.actors.regionAuthority,
			f.region,
			new URLSearchParams('overdue=1')
		);
		expect(exported.map((r) => r.id).sort()).toEqual(
			[f.schoolA.id, f.schoolB.id, f.otherSchool.id].sort()
		);
		await expect(
			monitoringAnalysis(
				db(),
				f.actors.otherMunicipalityAuthority,
				f.municipality,
				new URLSearchParams()
			)
		).rejects.toBeInstanceOf(ForbiddenError);
		const analysis = await monitoringAnalysis(
			db(),
			f.actors.regionAuthority,
			f.region,
			new URLSearchParams('stale=abc')
		);
		expect(analysis.messages).toHaveLength(1);
		expect(analysis.byMunicipality).toHaveLength(2);
	});
});

describe('exports', () => {
	it("writes the dashboard rows in the page's words, a municipality without its own column", async () => {
		const rows = await monitoringExportRows(
			db(),
			f.actors.municipalityAuthority,
			f.municipality,
			new URLSearchParams('sort=name&dir=asc'),
			NOW
		);
		const csv = toCsv(overviewColumns(f.municipality), rows).split('\r\n');
		expect(csv[0]).toBe(
			'\uFEFFОрганизация;Выполнено, %;Пунктов всего;Просрочено;Срок в 7 дней;Открытые замечания;Система журнала;Без бумаги с;Договор с оператором;Комплект по ПДн;Опубликовано актов;На утверждении;Последнее действие'
		);
		expect(csv[1]).toMatch(
			new RegExp(
				`^${f.schoolA.shortName};50;4;1;1;1;не указана;;есть, не хватает 1 гарантии;полный;1;1;\\d{2}\\.\\d{2}\\.\\d{4}$`
			)
		);
		expect(csv[2]).toBe(`${f.schoolB.shortName};25;4;2;0;0;не указана;;нет;неполный;0;0;`);
		expect(overviewColumns(f.region).map((c) => c.header)).toContain('Муниципалитет');
	});

	it('writes the analysis tables by name', async () => {
		const analysis = await monitoringAnalysis(
			db(),
			f.actors.municipalityAuthority,
			f.municipality,
			new URLSearchParams(),
			NOW
		);
		const measures = analysisTables().measures!;
		expect(toCsv(measures.columns, measures.rows(analysis)).split('\r\n').slice(0, 3)).toEqual([
			'\uFEFFКод;Мероприятие;Школ',
			'T.1;Мероприятие 1;2',
			'T.2;Мероприятие 2;1'
		]);
		const publication = analysisTables().publication!;
		expect(toCsv(publication.columns, publication.rows(analysis)).split('\r\n')[1]).toBe(
			`${f.schoolB.shortName};Положение о ПДн Б;;02.11.2026;17.11.2026`
		);
	});
});
