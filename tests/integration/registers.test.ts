import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents, checklistCatalogues, organizations } from '../../src/lib/server/db/schema';
import { ForbiddenError } from '../../src/lib/server/auth/permissions';
import { createContract } from '../../src/lib/server/contracts/contracts';
import {
	contractsRegister,
	paperlessRegister,
	parseRegisterFilters,
	registerSummary,
	schoolsWithoutContract,
	type RegisterFilters
} from '../../src/lib/server/registers/registers';
import { exportRegister } from '../../src/lib/server/registers/exports';
import {
	publicReadiness,
	schoolReadiness,
	setReadinessPublic
} from '../../src/lib/server/readiness/readiness';
import { guaranteeKeys, type GuaranteeKey } from '../../src/lib/contracts/labels';
import { seedDemo } from '../../src/lib/server/demo/seed-demo';
import { helpLog } from '../../src/lib/server/help-requests/help-requests';
import { checklistsOf, itemsOf } from '../../src/lib/server/checklists/queries';
import { syncCatalogues } from '../../src/lib/server/checklists/sync-catalogues';
import { createCampaign } from '../../src/lib/server/checklists/campaigns';
import { updateItem } from '../../src/lib/server/checklists/update-item';
import { findOrganizationBySlug } from '../../src/lib/server/orgs/queries';
import { todayIn } from '../../src/lib/format';
import { buildFixture, reloadOrg, type Fixture } from '../helpers/fixtures';
import { samplePdf } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
const TODAY = '2026-11-21';
/** Noon in Moscow, the fixture schools' zone, on that day. */
const NOW = new Date(`${TODAY}T09:00:00Z`);
const all: RegisterFilters = { municipalityId: null, journal: null, missingOnly: false };

function contractForm(
	checked: readonly GuaranteeKey[],
	fields: Record<string, string>
): Record<string, string> {
	return {
		counterparty: 'ООО «ЭлЖур»',
		counterpartyInn: '7707083893',
		title: '',
		number: 'ЭЖ-1',
		documentDate: '20.08.2026',
		validUntil: '',
		...Object.fromEntries(checked.map((k) => [`g_${k}`, 'on'])),
		...fields
	};
}
const scan = () => ({ name: 'договор.pdf', bytes: samplePdf('договор') });

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'reg');
	// A: paperless on ЭлЖур; B: on «другая» system, not paperless; the neighbour's school paperless too.
	await db()
		.update(organizations)
		.set({ journalSystem: 'eljur', paperlessSince: '2025-09-01' })
		.where(eq(organizations.id, f.schoolA.id));
	await db()
		.update(organizations)
		.set({ journalSystem: 'other', journalSystemOther: 'Школьный портал' })
		.where(eq(organizations.id, f.schoolB.id));
	await db()
		.update(organizations)
		.set({ journalSystem: 'dnevnik_ru', paperlessSince: '2024-09-01' })
		.where(eq(organizations.id, f.otherSchool.id));
	f.schoolA = await reloadOrg(db(), f.schoolA.id);
	f.schoolB = await reloadOrg(db(), f.schoolB.id);
	// A: all seven guarantees, valid till the end of the year (expiring); B: an expired one missing two.
	await createContract(
		db(),
		f.actors.directorA,
		f.schoolA,
		contractForm(guaranteeKeys, { number: 'А-1', validUntil: '10.12.2026' }),
		scan()
	);
	await createContract(
		db(),
		f.actors.directorB,
		f.schoolB,
		contractForm(guaranteeKeys.slice(2), {
			number: 'Б-1',
			documentDate: '01.09.2025',
			validUntil: '31.08.2026'
		}),
		scan()
	);
});
afterAll(async () => {
	await handle?.close();
});

describe('the paperless register (000 item 12)', () => {
	it('lists the paperless schools of the authority’s subtree only', async () => {
		const mun = await paperlessRegister(db(), f.municipality, all);
		expect(mun.map((r) => [r.shortName, r.journalSystem, r.paperlessSince, r.basisTitle])).toEqual([
			[f.schoolA.shortName, 'eljur', '2025-09-01', null]
		]);
		expect((await paperlessRegister(db(), f.otherMunicipality, all)).map((r) => r.id)).toEqual([
			f.otherSchool.id
		]);
		expect(await paperlessRegister(db(), f.region, all)).toHaveLength(2);
	});

	it('filters by municipality and journal system', async () => {
		expect(
			(
				await paperlessRegister(db(), f.region, { ...all, municipalityId: f.otherMunicipality.id })
			).map((r) => r.id)
		).toEqual([f.otherSchool.id]);
		expect(
			(await paperlessRegister(db(), f.region, { ...all, journal: 'eljur' })).map((r) => r.id)
		).toEqual([f.schoolA.id]);
		// A municipality cannot look into its neighbour by the filter.
		expect(
			await paperlessRegister(db(), f.municipality, {
				...all,
				municipalityId: f.otherMunicipality.id
			})
		).toEqual([]);
	});
});

describe('the contracts register (000 item 13)', () => {
	it('shows each contract with its guarantees, missing count and term', async () => {
		const rows = await contractsRegister(db(), f.municipality, all, NOW);
		expect(rows.map((r) => [r.shortName, r.number, r.missing, r.term])).toEqual([
			[f.schoolA.shortName, 'А-1', 0, 'expiring'],
			[f.schoolB.shortName, 'Б-1', 2, 'expired']
		]);
		expect(rows[1]!.held).toMatchObject({
			availability: false,
			noCrossBorder: false,
			integrity: true
		});
		expect(await contractsRegister(db(), f.otherMunicipality, all, NOW)).toEqual([]);
	});

	it('keeps only contracts missing guarantees when asked', async () => {
		expect(
			(await contractsRegister(db(), f.region, { ...all, missingOnly: true }, NOW)).map(
				(r) => r.number
			)
		).toEqual(['Б-1']);
	});

	it('lists the schools without a contract in force', async () => {
		const rows = await schoolsWithoutContract(db(), f.region, all, NOW);
		expect(rows.map((r) => [r.id, r.lastValidUntil])).toEqual([
			[f.schoolB.id, '2026-08-31'],
			[f.otherSchool.id, null]
		]);
	});

	it('sums the registers in SQL', async () => {
		// Б-1 lacks guarantees but has expired: school B has no contract in force, not an incomplete one.
		expect(await registerSummary(db(), f.region, NOW)).toEqual({
			schools: 3,
			paperless: 2,
			withContract: 1,
			withoutContract: 2,
			missingGuarantees: 0
		});
		expect(await registerSummary(db(), f.otherMunicipality, NOW)).toEqual({
			schools: 1,
			paperless: 1,
			withContract: 0,
			withoutContract: 1,
			missingGuarantees: 0
		});
	});
});

describe('filters from the address', () => {
	it('accepts what the page offers and names nonsense', () => {
		const ok = parseRegisterFilters(
			new URLSearchParams(`municipality=${f.municipality.id}&journal=eljur&missing=1`)
		);
		expect(ok).toEqual({
			filters: { municipalityId: f.municipality.id, journal: 'eljur', missingOnly: true },
			problem: null
		});
		const bad = parseRegisterFilters(new URLSearchParams("municipality=1' or 1=1&journal=paper"));
		expect(bad.problem).toBe(
			'Фильтр не распознан (муниципалитет, система журнала): выберите значение из списка.'
		);
		expect(bad.filters).toEqual(all);
	});
});

describe('exports', () => {
	it('give exactly the filtered rows as CSV', async () => {
		const res = await exportRegister(
			db(),
			f.region,
			'contracts',
			'csv',
			{ ...all, missingOnly: true },
			NOW
		);
		const lines = (await res.text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain('Б-1;01.09.2025;31.08.2026;истёк;нет;нет;да');
	});

	it('give an XLSX with the header and the rows', async () => {
		const res = await exportRegister(db(), f.municipality, 'paperless', 'xlsx', all, NOW);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(await res.arrayBuffer());
		const sheet = book.worksheets[0]!;
		expect(sheet.rowCount).toBe(2);
		expect(sheet.getRow(2).getCell(1).value).toBe(f.schoolA.shortName);
		expect(sheet.getRow(2).getCell(4).value).toEqual(new Date('2025-09-01T00:00:00Z'));
	});
});

describe('the public readiness page', () => {
	it('is off by default and for schools', async () => {
		expect(await publicReadiness(db(), f.municipality.slug)).toBeNull();
		expect(await publicReadiness(db(), f.schoolA.slug)).toBeNull();
		expect(await publicReadiness(db(), 'no-such-slug')).toBeNull();
	});

	it('is switched by the authority only, with an audit event', async () => {
		for (const actor of [f.actors.directorA, f.actors.otherMunicipalityAuthority])
			await expect(setReadinessPublic(db(), actor, f.municipality, true)).rejects.toBeInstanceOf(
				ForbiddenError
			);
		const before = await db().$count(auditEvents);
		await setReadinessPublic(db(), f.actors.municipalityAuthority, f.municipality, true);
		const [event] = await db()
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'organization.readiness_page_changed'));
		expect(event).toMatchObject({ chain: f.municipality.id, after: { readinessPublic: true } });
		expect(await db().$count(auditEvents)).toBe(before + 1);
		// Saving the same state again records nothing.
		await setReadinessPublic(
			db(),
			f.actors.municipalityAuthority,
			await reloadOrg(db(), f.municipality.id),
			true
		);
		expect(await db().$count(auditEvents)).toBe(before + 1);
	});

	it('shows per school only public figures', async () => {
		const page = await publicReadiness(db(), f.municipality.slug);
		expect(
			page!.schools.map((s) => [
				s.shortName,
				s.paperless,
				s.journalSystem,
				s.progress,
				s.publishedActs
			])
		).toEqual([
			[f.schoolA.shortName, true, 'eljur', 0, 0],
			[f.schoolB.shortName, false, 'other', 0, 0]
		]);
		expect(Object.keys(page!.schools[0]!).sort()).toEqual([
			'journalSystem',
			'journalSystemOther',
			'municipality',
			'paperless',
			'progress',
			'publishedActs',
			'shortName',
			'slug'
		]);
		expect(JSON.stringify(page)).not.toMatch(/А-1|ЭлЖур»|7707083893/);
	});

	it('goes away when switched off', async () => {
		await setReadinessPublic(
			db(),
			f.actors.regionAuthority,
			await reloadOrg(db(), f.municipality.id),
			false
		);
		expect(await publicReadiness(db(), f.municipality.slug)).toBeNull();
	});

	it('counts readiness per school in SQL for the report', async () => {
		const { schools: rows } = await schoolReadiness(db(), f.region, NOW);
		expect(rows.map((r) => [r.id, r.contractMissing])).toEqual([
			[f.schoolA.id, 0],
			[f.schoolB.id, null],
			[f.otherSchool.id, null]
		]);
	});
});

describe('the authority’s own checklist (000’s duties, 002’s roadmap)', () => {
	it('is assigned by the region to its municipalities and worked by each municipality alone', async () => {
		await syncCatalogues(db());
		const roadmap = (
			await db().select().from(checklistCatalogues).where(eq(checklistCatalogues.code, 'saki-002'))
		)[0]!;
		const { created } = await createCampaign(db(), f.actors.regionAuthority, f.region, {
			catalogueId: roadmap.id,
			title: 'Дорожная карта',
			startsOn: '2026-06-25',
			dueOn: '2026-12-25',
			scope: 'all'
		});
		expect(created).toBe(2);
		const [own] = await checklistsOf(db(), f.municipality.id, TODAY);
		const [item] = await itemsOf(db(), own!.id);
		await updateItem(db(), f.actors.municipalityAuthority, f.municipality, item!.item.id, {
			status: 'in_progress'
		});
		await expect(
			updateItem(db(), f.actors.otherMunicipalityAuthority, f.municipality, item!.item.id, {
				status: 'done'
			})
		).rejects.toBeInstanceOf(ForbiddenError);
		// The region reads and remarks, but does not tick the district's items.
		await expect(
			updateItem(db(), f.actors.regionAuthority, f.municipality, item!.item.id, { status: 'done' })
		).rejects.toBeInstanceOf(ForbiddenError);
	});
});

describe('the demo spread (issue #6, item 8)', () => {
	let demo: DatabaseHandle;
	beforeAll(async () => {
		demo = await openTestDatabase();
		vi.spyOn(console, 'log').mockImplementation(() => {});
		await seedDemo(demo.db);
	});
	afterAll(async () => {
		vi.restoreAllMocks();
		await demo?.close();
	});

	it('gives the Saki district schools ahead, behind and overdue, contracts, paperless schools and help requests', async () => {
		const saki = (await findOrganizationBySlug(demo.db, 'saki-rayon'))!;
		const { schools } = await schoolReadiness(demo.db, saki);
		const progress = new Set(schools.map((s) => s.progress));
		expect(progress.size).toBeGreaterThanOrEqual(4);
		expect(schools.some((s) => s.overdue > 0)).toBe(true);
		const contracts = await contractsRegister(demo.db, saki, all);
		// The demo school's own contract (all guarantees), and the three other schools' spread.
		expect(contracts.map((c) => [c.missing, c.term]).sort()).toEqual([
			[0, 'expired'],
			[0, 'valid'],
			[0, 'valid'],
			[3, 'valid']
		]);
		expect(
			new Set((await paperlessRegister(demo.db, saki, all)).map((r) => r.journalSystem))
		).toEqual(new Set(['eljur', 'other']));
		const log = await helpLog(demo.db, saki, { status: null, organizationId: null, topic: null });
		expect(log.map((r) => r.status).sort()).toEqual(['answered', 'open', 'open']);
		expect((await publicReadiness(demo.db, 'saki-rayon'))?.schools).toHaveLength(7);
	});

	it('has the region’s 13 duties (000) assigned to the district, partly done through the district’s own checklist', async () => {
		const saki = (await findOrganizationBySlug(demo.db, 'saki-rayon'))!;
		const [own] = await checklistsOf(demo.db, saki.id, todayIn(saki.timeZone));
		expect(own).toMatchObject({ total: 13 });
		expect(own!.closed).toBeGreaterThan(0);
	});
});
