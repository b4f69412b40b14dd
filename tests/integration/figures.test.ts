import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	campaigns,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	checklists,
	contracts,
	documents,
	organizations,
	progressSnapshots,
	type Organization
} from '../../src/lib/server/db/schema';
import { loadActor } from '../../src/lib/server/auth/permissions';
import { loadDashboard } from '../../src/lib/server/dashboard/load-dashboard';
import { monitoringOverview } from '../../src/lib/server/monitoring/overview';
import {
	progressByMunicipality,
	publicationOverdue,
	takeProgressSnapshot
} from '../../src/lib/server/monitoring/analysis';
import { overviewColumns } from '../../src/lib/server/monitoring/exports';
import { defaultOverviewParams } from '../../src/lib/monitoring/query';
import { overviewColumnLabels } from '../../src/lib/monitoring/labels';
import {
	contractsRegister,
	registerSummary,
	schoolsWithoutContract,
	type RegisterFilters
} from '../../src/lib/server/registers/registers';
import { exportRegister } from '../../src/lib/server/registers/exports';
import { publicReadiness, schoolReadiness } from '../../src/lib/server/readiness/readiness';
import { listContracts } from '../../src/lib/server/contracts/contracts';
import { checklistsOf } from '../../src/lib/server/checklists/queries';
import { contractStatusText, guaranteeKeys } from '../../src/lib/contracts/labels';
import { todayIn } from '../../src/lib/format';
import { buildFixture, grantRole, insertOrg, insertUser, type Fixture } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

// One municipality, five schools in different states, and every page's figure read from it.
// Friday 20.11.2026, 16:00 in Moscow — already Saturday 21.11, 01:00, in Kamchatka, where school E is:
// its today is not the municipality's, and every figure must be counted in the school's own zone.
const NOW = new Date('2026-11-20T13:00:00Z');

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
const S: Record<'A' | 'B' | 'C' | 'D' | 'E', Organization> = {} as never;
const directors: Partial<Record<keyof typeof S, Awaited<ReturnType<typeof loadActor>>>> = {};

const allGuarantees = Object.fromEntries(guaranteeKeys.map((k) => [k, true]));
const without = (...keys: string[]) =>
	Object.fromEntries(guaranteeKeys.filter((k) => !keys.includes(k)).map((k) => [k, true]));

/**
 * What every page must say, written by hand:
 *   A: contract open-ended, all 7 guarantees → complete; PD set complete; items done, not needed,
 *      overdue (10.11), due 25.11 → 2/4 = 50 %, overdue 1, due soon 1; acts: one published regulation
 *      (the published transition order is not an act), one plan in approval (an order «in approval» is not).
 *   B: contract in force without «integrity» (false) and «backup» (absent) → incomplete, 2; PD set:
 *      only the regulation → incomplete; 4/4 done → 100 %; acts approved 02.11 (deadline 17.11, 04.11 a
 *      holiday: overdue) and 10.11 (deadline 24.11: not yet), not on the portal; the regulation on it.
 *   C: the only contract ended 31.10 → expired; PD set complete (consent form as the basis); no
 *      checklist; one published regulation.
 *   D: no contract → none; nothing of the PD set; 2 items overdue → 0/2 = 0 %.
 *   E (Kamchatka, today 21.11): a contract ended 31.08 with every guarantee, and the one in force since
 *      01.09 without the change log → incomplete, 1; PD set without its basis → incomplete; items done,
 *      not needed, due 20.11 (overdue there, not in Moscow), due 27.11 → 2/4 = 50 %, overdue 1, due soon 1;
 *      an act approved by the order of 06.11, deadline 20.11: overdue on E's 21.11.
 */
const EXPECTED = {
	A: {
		contract: 'complete',
		missing: 0,
		pd: true,
		total: 4,
		closed: 2,
		progress: 50,
		overdue: 1,
		dueSoon: 1,
		published: 1,
		inApproval: 1
	},
	B: {
		contract: 'incomplete',
		missing: 2,
		pd: false,
		total: 4,
		closed: 4,
		progress: 100,
		overdue: 0,
		dueSoon: 0,
		published: 1,
		inApproval: 0
	},
	C: {
		contract: 'expired',
		missing: null,
		pd: true,
		total: 0,
		closed: 0,
		progress: 0,
		overdue: 0,
		dueSoon: 0,
		published: 1,
		inApproval: 0
	},
	D: {
		contract: 'none',
		missing: null,
		pd: false,
		total: 2,
		closed: 0,
		progress: 0,
		overdue: 2,
		dueSoon: 0,
		published: 0,
		inApproval: 0
	},
	E: {
		contract: 'incomplete',
		missing: 1,
		pd: false,
		total: 4,
		closed: 2,
		progress: 50,
		overdue: 1,
		dueSoon: 1,
		published: 0,
		inApproval: 0
	}
} as const;
type Key = keyof typeof EXPECTED;
const KEYS = Object.keys(EXPECTED) as Key[];
// (50 + 100 + 0 + 50) / 4 schools with a checklist; C has none and is not a 0 % school.
const AVERAGE = 50;
const WITHOUT_CONTRACT: Key[] = ['C', 'D'];
const INCOMPLETE: Key[] = ['B', 'E'];
const PUBLICATION_OVERDUE = ['Правила Б (02.11)', 'Порядок Д (06.11)'];

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

async function contract(
	org: Organization,
	number: string,
	documentDate: string,
	validUntil: string | null,
	guarantees: Record<string, boolean>
) {
	const d = await doc(org, {
		title: `Договор ${number}`,
		kind: 'contract',
		documentClass: 'record',
		status: 'registered',
		isRecord: true,
		number,
		documentDate
	});
	await db().insert(contracts).values({
		documentId: d.id,
		organizationId: org.id,
		counterparty: 'ООО «Оператор»',
		validUntil,
		guarantees
	});
}

const published = {
	status: 'published' as const,
	approvedAt: new Date('2026-10-01T08:00:00Z'),
	approvalOrderDate: '2026-10-01',
	publishedAt: new Date('2026-10-02T08:00:00Z'),
	signedAt: new Date('2026-10-02T08:00:00Z')
};

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(db(), 'fig');
	S.A = f.schoolA;
	S.B = f.schoolB;
	S.C = await insertOrg(db(), f.municipality, 'school', {
		shortName: 'Школа Г fig',
		slug: 'fig-school-g'
	});
	S.D = await insertOrg(db(), f.municipality, 'school', {
		shortName: 'Школа Д fig',
		slug: 'fig-school-d'
	});
	S.E = await insertOrg(db(), f.municipality, 'school', {
		shortName: 'Школа Е fig',
		slug: 'fig-school-e',
		timeZone: 'Asia/Kamchatka'
	});
	await db()
		.update(organizations)
		.set({ readinessPublic: true })
		.where(eq(organizations.id, f.municipality.id));
	for (const key of ['C', 'D', 'E'] as const) {
		const user = await insertUser(db(), {
			email: `director-${key.toLowerCase()}.fig@example.test`,
			fullName: `Директор ${key}`
		});
		await grantRole(db(), user, S[key], 'director');
		directors[key] = await loadActor(db(), user);
	}
	directors.A = f.actors.directorA;
	directors.B = f.actors.directorB;

	// Checklists: one catalogue of four measures, each school's items in the states above.
	const [catalogue] = await db()
		.insert(checklistCatalogues)
		.values({ code: 'fig-test', version: 1, title: 'Проверочный перечень', level: 'school' })
		.returning();
	const measures = await db()
		.insert(catalogueItems)
		.values(
			[1, 2, 3, 4].map((n) => ({
				catalogueId: catalogue!.id,
				code: `F.${n}`,
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
			authorityId: f.municipality.id,
			catalogueId: catalogue!.id,
			title: 'Кампания',
			startsOn: '2026-09-01',
			dueOn: '2026-12-25',
			scope: { kind: 'all', ids: [] }
		})
		.returning();
	const plan: Partial<
		Record<Key, ['not_started' | 'in_progress' | 'done' | 'not_needed', string][]>
	> = {
		A: [
			['done', '2026-11-01'],
			['not_needed', '2026-11-01'],
			['not_started', '2026-11-10'],
			['in_progress', '2026-11-25']
		],
		B: [
			['done', '2026-11-01'],
			['done', '2026-11-01'],
			['done', '2026-11-10'],
			['done', '2026-12-20']
		],
		D: [
			['not_started', '2026-11-10'],
			['in_progress', '2026-11-19']
		],
		E: [
			['done', '2026-11-01'],
			['not_needed', '2026-11-01'],
			['in_progress', '2026-11-20'],
			['in_progress', '2026-11-27']
		]
	};
	for (const [key, items] of Object.entries(plan) as [Key, NonNullable<(typeof plan)[Key]>][]) {
		const [list] = await db()
			.insert(checklists)
			.values({ campaignId: campaign!.id, organizationId: S[key].id, catalogueId: catalogue!.id })
			.returning();
		await db()
			.insert(checklistItems)
			.values(
				items.map(([status, dueOn], i) => ({
					checklistId: list!.id,
					organizationId: S[key].id,
					catalogueItemId: measures[i]!.id,
					status,
					dueOn
				}))
			);
	}

	// Contracts.
	await contract(S.A, 'А-1', '2026-08-20', null, allGuarantees);
	const b = without('backup', 'integrity');
	await contract(S.B, 'Б-1', '2026-08-20', '2027-08-31', { ...b, integrity: false });
	await contract(S.C, 'Г-1', '2025-09-01', '2026-10-31', allGuarantees);
	await contract(S.E, 'Е-старый', '2025-09-01', '2026-08-31', allGuarantees);
	await contract(S.E, 'Е-новый', '2026-09-01', '2027-08-31', {
		...without('changeLog'),
		changeLog: false
	});

	// The personal-data set.
	await doc(S.A, {
		title: 'Положение о ПДн А',
		templateId: 'school-regulation-personal-data',
		...published
	});
	await doc(S.A, {
		title: 'Приказ об ответственном А',
		kind: 'order',
		documentClass: 'order',
		templateId: 'school-order-pd-responsible',
		status: 'registered',
		isRecord: true
	});
	await doc(S.A, {
		title: 'Соглашение А',
		kind: 'agreement',
		documentClass: 'record',
		templateId: 'school-agreement-pd-processing',
		status: 'registered',
		isRecord: true
	});
	await doc(S.A, {
		title: 'Акт об уровне защищённости А',
		kind: 'record_act',
		documentClass: 'record',
		templateId: 'school-act-protection-level',
		status: 'registered',
		isRecord: true
	});
	await doc(S.A, {
		title: 'Акт оценки вреда А',
		kind: 'record_act',
		documentClass: 'record',
		templateId: 'school-act-harm-assessment',
		status: 'registered',
		isRecord: true
	});
	await doc(S.B, {
		title: 'Положение о ПДн Б',
		templateId: 'school-regulation-personal-data',
		...published
	});
	await doc(S.C, {
		title: 'Положение о ПДн Г',
		templateId: 'school-regulation-personal-data',
		...published
	});
	await doc(S.C, {
		title: 'Приказ об ответственном Г',
		kind: 'order',
		documentClass: 'order',
		templateId: 'school-order-pd-responsible',
		status: 'registered',
		isRecord: true
	});
	await doc(S.C, {
		title: 'Согласие родителей Г',
		kind: 'consent',
		documentClass: 'record',
		templateId: 'school-consent-parent',
		status: 'registered',
		isRecord: true
	});
	await doc(S.C, {
		title: 'Акт об уровне защищённости Г',
		kind: 'record_act',
		documentClass: 'record',
		templateId: 'school-act-protection-level',
		status: 'registered',
		isRecord: true
	});
	await doc(S.C, {
		title: 'Акт оценки вреда Г',
		kind: 'record_act',
		documentClass: 'record',
		templateId: 'school-act-harm-assessment',
		status: 'registered',
		isRecord: true
	});
	// Б has the regulation, the order and the agreement, but no act on the protection level: the set is not complete.
	await doc(S.B, {
		title: 'Приказ об ответственном Б',
		kind: 'order',
		documentClass: 'order',
		templateId: 'school-order-pd-responsible',
		status: 'registered',
		isRecord: true
	});
	await doc(S.B, {
		title: 'Соглашение Б',
		kind: 'agreement',
		documentClass: 'record',
		templateId: 'school-agreement-pd-processing',
		status: 'registered',
		isRecord: true
	});
	await doc(S.B, {
		title: 'Акт оценки вреда Б',
		kind: 'record_act',
		documentClass: 'record',
		templateId: 'school-act-harm-assessment',
		status: 'registered',
		isRecord: true
	});
	await doc(S.E, {
		title: 'Положение о ПДн Е',
		templateId: 'school-regulation-personal-data',
		status: 'draft'
	});
	await doc(S.E, {
		title: 'Приказ об ответственном Е',
		kind: 'order',
		documentClass: 'order',
		templateId: 'school-order-pd-responsible',
		status: 'registered',
		isRecord: true
	});

	// Orders are not acts: neither counted as published nor as awaiting approval or publication.
	await doc(S.A, {
		title: 'Приказ о переходе А',
		kind: 'order',
		documentClass: 'order',
		...published
	});
	await doc(S.A, {
		title: 'Приказ в работе А',
		kind: 'order',
		documentClass: 'order',
		status: 'approval'
	});
	await doc(S.A, {
		title: 'Приказ утверждённый А',
		kind: 'order',
		documentClass: 'order',
		status: 'published',
		approvedAt: new Date('2026-11-02T08:00:00Z'),
		approvalOrderDate: '2026-11-02'
	});
	await doc(S.A, { title: 'План А', kind: 'plan', documentClass: 'appendix', status: 'approval' });

	// Publication.
	await doc(S.B, {
		title: 'Правила Б (02.11)',
		kind: 'rules',
		status: 'published',
		approvedAt: new Date('2026-11-02T08:00:00Z'),
		approvalOrderNumber: '5-о',
		approvalOrderDate: '2026-11-02'
	});
	await doc(S.B, {
		title: 'Инструкция Б (10.11)',
		kind: 'instruction',
		status: 'published',
		approvedAt: new Date('2026-11-10T08:00:00Z'),
		approvalOrderNumber: '9-о',
		approvalOrderDate: '2026-11-10'
	});
	await doc(S.E, {
		title: 'Порядок Д (06.11)',
		kind: 'procedure',
		status: 'published',
		approvedAt: new Date('2026-11-05T22:00:00Z'),
		approvalOrderNumber: '3-о',
		approvalOrderDate: '2026-11-06'
	});
});

afterAll(async () => {
	await handle?.close();
});

const all: RegisterFilters = { municipalityId: null, journal: null, missingOnly: false };
const idOf = (key: Key) => S[key].id;
const keyOf = (id: string) => KEYS.find((k) => S[k].id === id)!;

describe('one truth for every figure (issue 10, item 8)', () => {
	it('gives the monitoring rows, totals and export the hand-computed figures', async () => {
		const o = await monitoringOverview(
			db(),
			f.municipality,
			{ ...defaultOverviewParams, sort: 'name', dir: 'asc' },
			{ now: NOW, pageSize: null }
		);
		expect(o.rows.map((r) => keyOf(r.id)).sort()).toEqual(KEYS);
		for (const r of o.rows) {
			const e = EXPECTED[keyOf(r.id)];
			expect({
				key: keyOf(r.id),
				contract: r.contractStatus,
				missing: r.missingGuarantees,
				pd: r.personalDataComplete,
				total: r.itemsTotal,
				closed: r.itemsClosed,
				progress: r.progress,
				overdue: r.overdue,
				dueSoon: r.dueSoon,
				published: r.published,
				inApproval: r.inApproval
			}).toEqual({
				key: keyOf(r.id),
				...e
			});
		}
		expect(o.totals).toMatchObject({
			organizations: 5,
			averageProgress: AVERAGE,
			overdue: 4,
			dueSoon: 2,
			withoutContract: WITHOUT_CONTRACT.length,
			personalDataIncomplete: 3,
			published: 3,
			inApproval: 1
		});

		const columns = overviewColumns(f.municipality);
		const cell = (header: string, key: Key) =>
			columns.find((c) => c.header === header)!.value(o.rows.find((r) => r.id === idOf(key))!);
		for (const key of KEYS) {
			expect(cell(overviewColumnLabels.contract, key)).toBe(
				contractStatusText(EXPECTED[key].contract, EXPECTED[key].missing)
			);
			expect(cell(overviewColumnLabels.published, key)).toBe(EXPECTED[key].published);
			expect(cell(overviewColumnLabels.overdue, key)).toBe(EXPECTED[key].overdue);
		}
		expect(cell(overviewColumnLabels.contract, 'C')).toBe('истёк');
	});

	it('gives the registers and their export the same contract status', async () => {
		const withoutRows = await schoolsWithoutContract(db(), f.municipality, all, NOW);
		expect(withoutRows.map((r) => keyOf(r.id)).sort()).toEqual(WITHOUT_CONTRACT);
		expect(withoutRows.find((r) => r.id === idOf('C'))!.lastValidUntil).toBe('2026-10-31');
		expect(await registerSummary(db(), f.municipality, NOW)).toEqual({
			schools: 5,
			paperless: 0,
			withContract: 3,
			withoutContract: 2,
			missingGuarantees: INCOMPLETE.length
		});

		const register = await contractsRegister(db(), f.municipality, all, NOW);
		expect(register.map((r) => [r.number, r.missing, r.term])).toEqual([
			['А-1', 0, 'open'],
			['Б-1', 2, 'valid'],
			['Г-1', 0, 'expired'],
			['Е-старый', 0, 'expired'],
			['Е-новый', 1, 'valid']
		]);
		const csv = await (
			await exportRegister(db(), f.municipality, 'withoutContract', 'csv', all, NOW)
		).text();
		for (const key of KEYS)
			expect(csv.includes(S[key].shortName)).toBe(WITHOUT_CONTRACT.includes(key));
	});

	it('gives the printable report and the public readiness page the same figures and totals', async () => {
		const { schools, totals } = await schoolReadiness(db(), f.municipality, NOW);
		for (const s of schools) {
			const e = EXPECTED[keyOf(s.id)];
			expect({
				key: keyOf(s.id),
				contract: s.contractStatus,
				missing: s.contractMissing,
				total: s.total,
				closed: s.closed,
				progress: s.progress,
				overdue: s.overdue,
				published: s.publishedActs
			}).toEqual({
				key: keyOf(s.id),
				contract: e.contract,
				missing: e.missing,
				total: e.total,
				closed: e.closed,
				progress: e.progress,
				overdue: e.overdue,
				published: e.published
			});
		}
		expect(totals).toMatchObject({
			schools: 5,
			averageProgress: AVERAGE,
			overdue: 4,
			schoolsOverdue: 3,
			publishedActs: 3
		});

		const page = await publicReadiness(db(), f.municipality.slug, NOW);
		expect(page!.totals).toEqual({ schools: 5, averageProgress: AVERAGE, paperless: 0 });
		for (const s of page!.schools) {
			const key = KEYS.find((k) => S[k].slug === s.slug)!;
			expect([key, s.progress, s.publishedActs]).toEqual([
				key,
				EXPECTED[key].progress,
				EXPECTED[key].published
			]);
		}
	});

	it('gives each director the same contract status and publication deadlines as monitoring', async () => {
		const warnings: Record<Key, string[]> = {} as never;
		const overdueTitles: string[] = [];
		for (const key of KEYS) {
			const { cards } = await loadDashboard(db(), directors[key]!, NOW);
			const card = cards.find((c) => c.organization.id === idOf(key))!;
			warnings[key] = card.yours.filter((l) => l.kind === 'contract').map((l) => l.text);
			const publication = card.yours.filter((l) => l.kind === 'publish');
			overdueTitles.push(...publication.filter((p) => p.overdue).map((p) => p.text));
			if (key === 'B')
				expect(publication.map((p) => [p.text, p.dueOn, p.overdue])).toEqual([
					['Правила Б (02.11)', '2026-11-17', true],
					['Инструкция Б (10.11)', '2026-11-24', false]
				]);
			if (key === 'A') expect(publication).toEqual([]);
		}
		expect(warnings.A).toEqual([]);
		expect(warnings.B).toHaveLength(1);
		expect(warnings.B![0]).toMatch(/№ Б-1 нет гарантий/);
		expect(warnings.C).toEqual([
			'Нет действующего договора с оператором: договор с ООО «Оператор» № Г-1 истёк 31.10.2026.'
		]);
		expect(warnings.D).toEqual([
			'Не зарегистрирован договор с оператором системы электронного журнала.'
		]);
		// The expired old contract of E is history, not a warning: the one in force lacks the change log.
		expect(warnings.E).toHaveLength(1);
		expect(warnings.E![0]).toMatch(/№ Е-новый нет гарантий: Каждое изменение протоколируется/);

		const overdue = await publicationOverdue(db(), f.municipality, NOW);
		expect(overdue.rows.map((r) => r.title)).toEqual(PUBLICATION_OVERDUE);
		expect(overdue.total).toBe(2);
		expect(overdueTitles.sort()).toEqual([...PUBLICATION_OVERDUE].sort());
	});

	it('gives the school’s own pages the figures the authority sees', async () => {
		const list = await listContracts(db(), S.E, NOW);
		expect(list.map((c) => [c.number, c.inForce])).toEqual([
			['Е-новый', true],
			['Е-старый', false]
		]);
		for (const key of ['A', 'D', 'E'] as const) {
			const [checklist] = await checklistsOf(db(), S[key].id, todayIn(S[key].timeZone, NOW));
			expect([key, checklist!.progress, checklist!.overdue]).toEqual([
				key,
				EXPECTED[key].progress,
				EXPECTED[key].overdue
			]);
		}
	});

	it('gives the analysis page and the daily snapshot the same progress, overdue and acts', async () => {
		const [row] = (await progressByMunicipality(db(), f.region, NOW)).filter(
			(m) => m.id === f.municipality.id
		);
		expect(row).toMatchObject({
			schools: 5,
			averageProgress: AVERAGE,
			overdue: 4,
			schoolsOverdue: 3
		});

		await takeProgressSnapshot(db(), todayIn(f.municipality.timeZone, NOW));
		const snapshots = await db()
			.select()
			.from(progressSnapshots)
			.where(inArray(progressSnapshots.organizationId, KEYS.map(idOf)));
		for (const s of snapshots) {
			const key = keyOf(s.organizationId);
			// The snapshot is the municipality's day (20.11) for all; E's item due 20.11 is not yet overdue on it.
			const overdue = key === 'E' ? 0 : EXPECTED[key].overdue;
			expect([key, s.itemsTotal, s.itemsDone, s.itemsOverdue, s.actsPublished]).toEqual([
				key,
				EXPECTED[key].total,
				EXPECTED[key].closed,
				overdue,
				EXPECTED[key].published
			]);
		}
	});
});
