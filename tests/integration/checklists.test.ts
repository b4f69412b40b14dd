import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	campaigns,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	checklists,
	files,
	organizations,
	remarks,
	type Campaign,
	type ChecklistItem,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { ForbiddenError, loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { ValidationError } from '../../src/lib/server/forms/errors';
import { RESPONSIBLE_OUTSIDE } from '../../src/lib/server/documents/details';
import { generateDocument } from '../../src/lib/server/documents/generate-document';
import { registerRecord } from '../../src/lib/server/documents/register-record';
import { readCatalogueFiles } from '../../src/lib/server/checklists/catalogue-file';
import { syncCatalogues } from '../../src/lib/server/checklists/sync-catalogues';
import {
	applyCampaign,
	campaignProgress,
	createCampaign,
	type CampaignForm
} from '../../src/lib/server/checklists/campaigns';
import {
	checklistsOf,
	itemHistory,
	itemsOf,
	openRemarkCount
} from '../../src/lib/server/checklists/queries';
import { candidateEvidence, updateItem } from '../../src/lib/server/checklists/update-item';
import {
	addRemark,
	answerRemark,
	remarksOf,
	resolveRemark
} from '../../src/lib/server/checklists/remarks';
import { whatsNext } from '../../src/lib/server/checklists/whats-next';
import { takeDocumentAsEvidence } from '../../src/lib/server/checklists/complete-by-proof';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { buildFixture, grantRole, insertOrg, insertUser, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf, plausibleForm, samplePdf } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

const library = readTemplateLibrary();
const templateTitle = (id: string) => library.byId.get(id)!.title;
const CATALOGUE_FILES = readCatalogueFiles();
const ITEMS_001 = CATALOGUE_FILES.catalogues.find((c) => c.id === 'crimea-001')!.items.length;

const STARTS = '2026-09-01';
const DUE = '2026-12-25';

async function catalogueId(code: string, version = 1): Promise<string> {
	const [row] = await db()
		.select({ id: checklistCatalogues.id })
		.from(checklistCatalogues)
		.where(and(eq(checklistCatalogues.code, code), eq(checklistCatalogues.version, version)));
	if (!row) throw new Error(`catalogue ${code} v${version} is not loaded`);
	return row.id;
}

let campaignCounter = 0;
async function form001(fields: Partial<CampaignForm> = {}): Promise<CampaignForm> {
	campaignCounter += 1;
	return {
		catalogueId: await catalogueId('crimea-001'),
		title: `Кампания ${campaignCounter}`,
		startsOn: STARTS,
		dueOn: DUE,
		scope: 'all',
		...fields
	};
}

/** A school of the fixture municipality with a director, a working-group member and a teacher. */
interface School {
	org: Organization;
	director: Actor;
	member: Actor;
	staff: Actor;
}
let schoolCounter = 0;
async function freshSchool(parent: Organization = f.municipality): Promise<School> {
	schoolCounter += 1;
	const n = schoolCounter;
	const org = await insertOrg(db(), parent, 'school', {
		shortName: `Школа ${n} чек-листов`,
		slug: `chk-school-${n}`
	});
	const people: Actor[] = [];
	for (const [role, name] of [
		['director', 'Директорова'],
		['working_group', 'Группова'],
		['staff', 'Учителева']
	] as const) {
		const user = await insertUser(db(), {
			email: `chk-${role}-${n}@example.test`,
			fullName: `${name} ${n}`
		});
		await grantRole(db(), user, org, role);
		people.push(await loadActor(db(), user));
	}
	return { org, director: people[0]!, member: people[1]!, staff: people[2]! };
}

/** A school given its own crimea-001 checklist by the municipality. */
async function schoolWithChecklist(
	fields: Partial<CampaignForm> = {}
): Promise<School & { campaign: Campaign; checklistId: string }> {
	const school = await freshSchool();
	const { campaign } = await createCampaign(
		db(),
		f.actors.municipalityAuthority,
		f.municipality,
		await form001({ scope: 'schools', schoolIds: [school.org.id], ...fields })
	);
	const [row] = await db()
		.select({ id: checklists.id })
		.from(checklists)
		.where(
			and(eq(checklists.campaignId, campaign.id), eq(checklists.organizationId, school.org.id))
		);
	return { ...school, campaign, checklistId: row!.id };
}

async function item(orgId: string, code: string, campaignId?: string): Promise<ChecklistItem> {
	const rows = await db()
		.select({ item: checklistItems })
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.innerJoin(checklists, eq(checklists.id, checklistItems.checklistId))
		.where(
			and(
				eq(checklistItems.organizationId, orgId),
				eq(catalogueItems.code, code),
				...(campaignId ? [eq(checklists.campaignId, campaignId)] : [])
			)
		);
	if (rows.length !== 1) throw new Error(`${rows.length} items ${code} in ${orgId}`);
	return rows[0]!.item;
}

const reload = async (id: string) =>
	(await db().select().from(checklistItems).where(eq(checklistItems.id, id)))[0]!;

/** A draft generated from a template, every variable filled plausibly. */
async function generate(org: Organization, actor: Actor, templateId: string): Promise<DocumentRow> {
	const template = library.byId.get(templateId)!;
	return generateDocument(db(), actor, org, templateId, {
		title: template.title,
		number: '',
		documentDate: '',
		place: '',
		effectiveDate: '',
		responsibleId: '',
		...plausibleForm(template.variables)
	});
}

const recordForm = (kind: string, title: string) => ({
	kind,
	title,
	number: '',
	documentDate: '',
	place: '',
	effectiveDate: '',
	responsibleId: ''
});

interface Tally {
	campaigns: number;
	checklists: number;
	items: number;
	audit: number;
	files: number;
	remarks: number;
}
async function tally(): Promise<Tally> {
	const [a, c, i, e, fl, r] = await Promise.all([
		db().$count(campaigns),
		db().$count(checklists),
		db().$count(checklistItems),
		db().$count(auditEvents),
		db().$count(files),
		db().$count(remarks)
	]);
	return { campaigns: a, checklists: c, items: i, audit: e, files: fl, remarks: r };
}

/** Expects `action` to be refused and leaves both the item (if given) and every count as they were. */
async function refused<E = unknown>(action: () => Promise<unknown>, itemId?: string): Promise<E> {
	const before = await tally();
	const row = itemId ? await reload(itemId) : null;
	let failed = false;
	let caught: unknown;
	try {
		await action();
	} catch (e) {
		failed = true;
		caught = e;
	}
	expect(failed, 'expected a refusal, but the action succeeded').toBe(true);
	expect(await tally()).toEqual(before);
	if (itemId) expect(await reload(itemId)).toEqual(row);
	return caught as E;
}

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'chk');
	const first = await syncCatalogues(handle.db);
	expect(first.problems).toEqual([]);
});
afterAll(async () => {
	await handle?.close();
});

describe('syncCatalogues', () => {
	it('loads every catalogue of the repository once, with all its items; a second run adds nothing', async () => {
		const loaded = await db()
			.select()
			.from(checklistCatalogues)
			.orderBy(asc(checklistCatalogues.code));
		expect(loaded.map((c) => `${c.code} v${c.version}`).sort()).toEqual(
			CATALOGUE_FILES.catalogues.map((c) => `${c.id} v${c.version}`).sort()
		);
		for (const file of CATALOGUE_FILES.catalogues) {
			const row = loaded.find((c) => c.code === file.id && c.version === file.version)!;
			expect(row, file.id).toMatchObject({
				title: file.title,
				level: file.level,
				fileHash: file.hash
			});
			expect(row.publishedAt, file.id).not.toBeNull();
			const items = await db()
				.select()
				.from(catalogueItems)
				.where(eq(catalogueItems.catalogueId, row.id))
				.orderBy(asc(catalogueItems.position));
			expect(
				items.map((i) => i.code),
				file.id
			).toEqual(file.items.map((i) => i.code));
		}
		expect(loaded.length).toBe(CATALOGUE_FILES.catalogues.length);

		const before = await db().$count(catalogueItems);
		const again = await syncCatalogues(db());
		expect(again).toEqual({ added: [], refreshed: [], problems: [] });
		expect(await db().$count(checklistCatalogues)).toBe(loaded.length);
		expect(await db().$count(catalogueItems)).toBe(before);
	});

	it('reports a changed file of an issued version and leaves the loaded version as it was', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'catalogues-'));
		try {
			const original = readFileSync(path.resolve('catalogues/crimea-001.v1.yaml'), 'utf8');
			writeFileSync(
				path.join(dir, 'crimea-001.v1.yaml'),
				original.replace(
					'title: Выбор варианта используемого ЭЖ',
					'title: Выбор варианта ЭЖ (правка)'
				)
			);
			const [before] = await db()
				.select()
				.from(checklistCatalogues)
				.where(eq(checklistCatalogues.code, 'crimea-001'));
			const beforeItems = await db()
				.select()
				.from(catalogueItems)
				.where(eq(catalogueItems.catalogueId, before!.id));

			const result = await syncCatalogues(db(), readCatalogueFiles(dir));
			expect(result.added).toEqual([]);
			expect(result.problems).toEqual([
				'crimea-001.v1.yaml: версия 1 уже выпущена и не меняется; изменения оформите новой версией (v2).'
			]);
			const [after] = await db()
				.select()
				.from(checklistCatalogues)
				.where(eq(checklistCatalogues.code, 'crimea-001'));
			expect(after).toEqual(before);
			expect(
				await db().select().from(catalogueItems).where(eq(catalogueItems.catalogueId, before!.id))
			).toEqual(beforeItems);
			expect(beforeItems.find((i) => i.code === '001.4')!.title).toBe(
				'Выбор варианта используемого ЭЖ'
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('refuses a catalogue file with duplicate item codes by a Russian message and loads nothing of it', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'catalogues-'));
		try {
			const source = readFileSync(path.resolve('catalogues/saki-002.v1.yaml'), 'utf8')
				.replace(/^id: saki-002$/m, 'id: saki-dup')
				.replace('code: "002.2"', 'code: "002.1"');
			expect(source).toContain('id: saki-dup');
			writeFileSync(path.join(dir, 'saki-dup.v1.yaml'), source);
			const before = await tally();
			const catalogues = await db().$count(checklistCatalogues);
			const result = await syncCatalogues(db(), readCatalogueFiles(dir));
			expect(result.added).toEqual([]);
			expect(result.problems).toContain('saki-dup.v1.yaml: код пункта «002.1» повторяется.');
			expect(await db().$count(checklistCatalogues)).toBe(catalogues);
			expect(await tally()).toEqual(before);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('createCampaign', () => {
	let campaign: Campaign;

	it('by the municipality, to all its schools: one checklist per school with every item and due dates from the rules', async () => {
		const before = await tally();
		const result = await createCampaign(
			db(),
			f.actors.municipalityAuthority,
			f.municipality,
			await form001({ title: 'Переход на ЭЖ, 2026/2027', scope: 'all' })
		);
		campaign = result.campaign;
		expect(result.created).toBe(2);
		expect(campaign).toMatchObject({
			authorityId: f.municipality.id,
			title: 'Переход на ЭЖ, 2026/2027',
			startsOn: STARTS,
			dueOn: DUE,
			scope: { kind: 'all', ids: [] },
			createdBy: f.users.municipalityAuthority.id
		});

		const made = await db().select().from(checklists).where(eq(checklists.campaignId, campaign.id));
		expect(made.map((c) => c.organizationId).sort()).toEqual([f.schoolA.id, f.schoolB.id].sort());
		expect((await tally()).checklists - before.checklists).toBe(2);
		expect((await tally()).items - before.items).toBe(2 * ITEMS_001);
		for (const c of made) {
			const items = await itemsOf(db(), c.id);
			expect(items).toHaveLength(ITEMS_001);
			expect(
				items.every(
					(i) => i.item.status === 'not_started' && i.item.organizationId === c.organizationId
				)
			).toBe(true);
		}
		// 001.1: 7 days after the start; 001.10: 45 days before the due; 001.20: the campaign's due.
		expect((await item(f.schoolA.id, '001.1', campaign.id)).dueOn).toBe('2026-09-08');
		expect((await item(f.schoolA.id, '001.9', campaign.id)).dueOn).toBe('2026-09-15');
		expect((await item(f.schoolA.id, '001.10', campaign.id)).dueOn).toBe('2026-11-10');
		expect((await item(f.schoolB.id, '001.17', campaign.id)).dueOn).toBe('2026-12-22');
		expect((await item(f.schoolB.id, '001.20', campaign.id)).dueOn).toBe(DUE);

		// The authority's own event and each school's «received a checklist».
		const events = await db()
			.select()
			.from(auditEvents)
			.where(inArray(auditEvents.entityId, [campaign.id, ...made.map((c) => c.id)]));
		expect(events.map((e) => e.action).sort()).toEqual([
			'campaign.created',
			'checklist.assigned',
			'checklist.assigned'
		]);

		const progress = await campaignProgress(db(), campaign.id, '2026-11-21');
		expect(progress.map((p) => [p.organizationId, p.total, p.closed, p.progress])).toEqual(
			expect.arrayContaining([
				[f.schoolA.id, ITEMS_001, 0, 0],
				[f.schoolB.id, ITEMS_001, 0, 0]
			])
		);
	});

	it('applying the same campaign to the same schools again creates nothing', async () => {
		const before = await tally();
		const again = await db().transaction((tx) =>
			applyCampaign(tx, f.actors.municipalityAuthority, campaign, [f.schoolA, f.schoolB])
		);
		expect(again).toBe(0);
		expect(await tally()).toEqual(before);
	});

	it('two applications of a campaign to a new school at once give it one checklist', async () => {
		const late = await freshSchool();
		const before = await tally();
		const results = await Promise.all([
			db().transaction((tx) =>
				applyCampaign(tx, f.actors.municipalityAuthority, campaign, [late.org])
			),
			db().transaction((tx) =>
				applyCampaign(tx, f.actors.municipalityAuthority, campaign, [late.org])
			)
		]);
		expect(results.sort()).toEqual([0, 1]);
		const after = await tally();
		expect(after.checklists - before.checklists).toBe(1);
		expect(after.items - before.items).toBe(ITEMS_001);
	});

	it('keeps the version a school was given when the catalogue gets a new one', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'catalogues-'));
		try {
			const next = readFileSync(path.resolve('catalogues/crimea-001.v2.yaml'), 'utf8')
				.replace(/^version: 2$/m, 'version: 3')
				.replace(
					'title: Выбор варианта используемого ЭЖ',
					'title: Выбор варианта ЭЖ (вторая редакция)'
				);
			writeFileSync(path.join(dir, 'crimea-001.v3.yaml'), next);
			for (const v of [1, 2])
				copyFileSync(
					path.resolve(`catalogues/crimea-001.v${v}.yaml`),
					path.join(dir, `crimea-001.v${v}.yaml`)
				);
			const result = await syncCatalogues(db(), readCatalogueFiles(dir));
			expect(result).toEqual({ added: ['crimea-001 v3'], refreshed: [], problems: [] });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		const [given] = await db()
			.select()
			.from(checklists)
			.where(
				and(eq(checklists.campaignId, campaign.id), eq(checklists.organizationId, f.schoolA.id))
			);
		expect(given!.catalogueId).toBe(await catalogueId('crimea-001', 1));
		const titles = (await itemsOf(db(), given!.id)).map((i) => i.catalogueItem.title);
		expect(titles).toContain('Выбор варианта используемого ЭЖ');
		expect(titles).not.toContain('Выбор варианта ЭЖ (вторая редакция)');
	});

	it('refuses a school of the neighbouring municipality in «chosen schools», writing nothing', async () => {
		const e = await refused(async () =>
			createCampaign(
				db(),
				f.actors.municipalityAuthority,
				f.municipality,
				await form001({ scope: 'schools', schoolIds: [f.schoolA.id, f.otherSchool.id] })
			)
		);
		expect(e).toBeInstanceOf(ValidationError);
		expect(fieldErrorsOf(e).schoolIds).toMatch(/не вашего подчинения/);
	});

	it('refuses the neighbouring municipality as the scope', async () => {
		const e = await refused(async () =>
			createCampaign(
				db(),
				f.actors.municipalityAuthority,
				f.municipality,
				await form001({ scope: 'municipality', municipalityId: f.otherMunicipality.id })
			)
		);
		expect(fieldErrorsOf(e)).toEqual({
			municipalityId: 'Этот муниципалитет не подчинён вашему органу.'
		});
	});

	it('refuses a due date before the start, at the field, writing nothing', async () => {
		const e = await refused(async () =>
			createCampaign(
				db(),
				f.actors.municipalityAuthority,
				f.municipality,
				await form001({ startsOn: '01.09.2026', dueOn: '31.08.2026' })
			)
		);
		expect(fieldErrorsOf(e).dueOn).toMatch(/^Срок не может быть раньше/);
	});

	it('refuses empty and impossible dates, an empty title and an unknown catalogue by field', async () => {
		const e = await refused(async () =>
			createCampaign(db(), f.actors.municipalityAuthority, f.municipality, {
				catalogueId: 'нет',
				title: '  ',
				startsOn: '31.02.2026',
				dueOn: '',
				scope: 'all'
			})
		);
		expect(Object.keys(fieldErrorsOf(e)).sort()).toEqual([
			'catalogueId',
			'dueOn',
			'startsOn',
			'title'
		]);
	});

	it('refuses a school’s director or teacher, and any assignment by a school', async () => {
		for (const who of [
			'directorA',
			'staffA',
			'memberA',
			'directorB',
			'otherMunicipalityAuthority'
		] as const) {
			const e = await refused(async () =>
				createCampaign(db(), f.actors[who], f.municipality, await form001())
			);
			expect(e, who).toBeInstanceOf(ForbiddenError);
		}
		const e = await refused(async () =>
			createCampaign(
				db(),
				f.actors.directorA,
				f.schoolA,
				await form001({ scope: 'schools', schoolIds: [f.schoolA.id] })
			)
		);
		expect(e).toBeInstanceOf(ForbiddenError);
	});

	it('by the region: every school of the region, in both municipalities', async () => {
		const schools = await db()
			.select({ id: organizations.id })
			.from(organizations)
			.where(and(like(organizations.path, `${f.region.path}%`), eq(organizations.kind, 'school')));
		expect(schools.map((s) => s.id)).toContain(f.otherSchool.id);
		const { campaign: regional, created } = await createCampaign(
			db(),
			f.actors.regionAuthority,
			f.region,
			await form001({ scope: 'all' })
		);
		expect(created).toBe(schools.length);
		const made = await db()
			.select({ org: checklists.organizationId })
			.from(checklists)
			.where(eq(checklists.campaignId, regional.id));
		expect(made.map((m) => m.org).sort()).toEqual(schools.map((s) => s.id).sort());
		// A municipal-level list reaches the municipalities, not the schools.
		const municipal = await createCampaign(
			db(),
			f.actors.regionAuthority,
			f.region,
			await form001({ catalogueId: await catalogueId('crimea-000-municipal'), scope: 'all' })
		);
		const reached = await db()
			.select({ org: checklists.organizationId })
			.from(checklists)
			.where(eq(checklists.campaignId, municipal.campaign.id));
		expect(reached.map((m) => m.org).sort()).toEqual(
			[f.municipality.id, f.otherMunicipality.id].sort()
		);
		// The letter's fixed date (15.02.2021) lies before the campaign: its items fall due with the campaign.
		const municipalItems = await db()
			.select()
			.from(checklistItems)
			.where(eq(checklistItems.organizationId, f.municipality.id));
		expect(municipalItems).toHaveLength(13);
		expect(new Set(municipalItems.map((i) => i.dueOn))).toEqual(new Set([DUE]));
	});
});

describe('updateItem', () => {
	let s: Awaited<ReturnType<typeof schoolWithChecklist>>;
	let other: DocumentRow;
	beforeAll(async () => {
		s = await schoolWithChecklist();
		other = await generate(f.schoolB, f.actors.directorB, 'school-order-transition');
	});

	it('will not mark done an item that asks for a document without one, and says which', async () => {
		const i8 = await item(s.org.id, '001.8');
		const e = await refused(
			() => updateItem(db(), s.director, s.org, i8.id, { status: 'done' }),
			i8.id
		);
		expect(fieldErrorsOf(e)).toEqual({
			evidenceDocumentId: `Чтобы отметить пункт выполненным, приложите документ: «${templateTitle('school-order-transition')}».`
		});

		const i15 = await item(s.org.id, '001.15');
		const e15 = await refused(
			() => updateItem(db(), s.director, s.org, i15.id, { status: 'done', evidenceDocumentId: '' }),
			i15.id
		);
		expect(fieldErrorsOf(e15).evidenceDocumentId).toBe(
			`Чтобы отметить пункт выполненным, приложите документ: «${templateTitle('school-agreement-pd-processing')}» или документ вида: Договор, Соглашение.`
		);
	});

	it('refuses a document of another organisation as evidence', async () => {
		const i8 = await item(s.org.id, '001.8');
		const e = await refused(
			() =>
				updateItem(db(), s.director, s.org, i8.id, {
					status: 'done',
					evidenceDocumentId: other.id
				}),
			i8.id
		);
		expect(fieldErrorsOf(e)).toEqual({
			evidenceDocumentId: 'Подтверждением может быть только документ этой организации.'
		});
		// Not even without marking it done.
		const e2 = await refused(
			() =>
				updateItem(db(), s.director, s.org, i8.id, {
					status: 'in_progress',
					evidenceDocumentId: other.id
				}),
			i8.id
		);
		expect(fieldErrorsOf(e2).evidenceDocumentId).toBe(
			'Подтверждением может быть только документ этой организации.'
		);
		// The evidence list offers only the school's own documents.
		expect(
			(
				await candidateEvidence(db(), s.org.id, {
					templates: ['school-order-transition'],
					kinds: [],
					note: false
				})
			).map((d) => d.id)
		).not.toContain(other.id);
	});

	it('refuses a document of the wrong template or kind', async () => {
		const i8 = await item(s.org.id, '001.8');
		const wrong = await generate(s.org, s.director, 'school-order-working-group');
		const e = await refused(
			() =>
				updateItem(db(), s.director, s.org, i8.id, {
					status: 'done',
					evidenceDocumentId: wrong.id
				}),
			i8.id
		);
		expect(fieldErrorsOf(e)).toEqual({
			evidenceDocumentId: `Этот документ не подтверждает пункт. Нужен «${templateTitle('school-order-transition')}».`
		});

		const i3 = await item(s.org.id, '001.3');
		const e3 = await refused(
			() =>
				updateItem(db(), s.director, s.org, i3.id, {
					status: 'done',
					evidenceDocumentId: wrong.id
				}),
			i3.id
		);
		expect(fieldErrorsOf(e3).evidenceDocumentId).toBe(
			'Этот документ не подтверждает пункт. Нужен документ вида: Протокол.'
		);
	});

	it('marks the item done with the document generated from its template, recorded in its history', async () => {
		const i8 = await item(s.org.id, '001.8');
		const doc = await generate(s.org, s.director, 'school-order-transition');
		expect(
			(
				await candidateEvidence(db(), s.org.id, {
					templates: ['school-order-transition'],
					kinds: [],
					note: false
				})
			).map((d) => d.id)
		).toContain(doc.id);
		const auditBefore = await db().$count(auditEvents);
		const updated = await updateItem(db(), s.director, s.org, i8.id, {
			status: 'done',
			evidenceDocumentId: doc.id,
			note: 'Приказ подготовлен'
		});
		expect(updated).toMatchObject({
			status: 'done',
			evidenceDocumentId: doc.id,
			note: 'Приказ подготовлен'
		});
		expect(updated.completedAt).toBeInstanceOf(Date);
		expect(await db().$count(auditEvents)).toBe(auditBefore + 1);

		const history = await itemHistory(db(), i8.id);
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({
			action: 'checklist_item.updated',
			actorName: s.director.fullName
		});
		expect(history[0]!.before).toMatchObject({ status: 'not_started', evidenceDocumentId: null });
		expect(history[0]!.after).toMatchObject({
			status: 'done',
			evidenceDocumentId: doc.id,
			code: '001.8'
		});

		// Saving the same again changes nothing and records nothing.
		await updateItem(db(), s.director, s.org, i8.id, {
			status: 'done',
			evidenceDocumentId: doc.id,
			note: 'Приказ подготовлен'
		});
		expect(await db().$count(auditEvents)).toBe(auditBefore + 1);
		// A done item cannot lose its document.
		const e = await refused(
			() => updateItem(db(), s.director, s.org, i8.id, { status: 'done', evidenceDocumentId: '' }),
			i8.id
		);
		expect(fieldErrorsOf(e).evidenceDocumentId).toMatch(
			/^Чтобы отметить пункт выполненным, приложите документ/
		);
	});

	it('«не требуется» needs a reason', async () => {
		const i19 = await item(s.org.id, '001.19');
		for (const reason of [undefined, '', '   ']) {
			const e = await refused(
				() =>
					updateItem(db(), s.director, s.org, i19.id, {
						status: 'not_needed',
						notNeededReason: reason
					}),
				i19.id
			);
			expect(fieldErrorsOf(e)).toEqual({ notNeededReason: 'Укажите, почему пункт не требуется.' });
		}
		const updated = await updateItem(db(), s.director, s.org, i19.id, {
			status: 'not_needed',
			notNeededReason: 'Устройства предоставлены муниципалитетом'
		});
		expect(updated).toMatchObject({
			status: 'not_needed',
			notNeededReason: 'Устройства предоставлены муниципалитетом',
			completedAt: null
		});
	});

	it('refuses a due date before the campaign’s start or not a date', async () => {
		const i10 = await item(s.org.id, '001.10');
		const e = await refused(
			() => updateItem(db(), s.director, s.org, i10.id, { dueOn: '31.08.2026' }),
			i10.id
		);
		expect(fieldErrorsOf(e)).toEqual({
			dueOn: 'Срок не может быть раньше начала кампании (01.09.2026).'
		});
		const e2 = await refused(
			() => updateItem(db(), s.director, s.org, i10.id, { dueOn: '31.02.2026' }),
			i10.id
		);
		expect(fieldErrorsOf(e2)).toEqual({ dueOn: 'Срок: укажите дату ДД.ММ.ГГГГ.' });
		// The start itself and a date after the campaign are fine.
		expect((await updateItem(db(), s.director, s.org, i10.id, { dueOn: '01.09.2026' })).dueOn).toBe(
			STARTS
		);
		expect((await updateItem(db(), s.director, s.org, i10.id, { dueOn: '2027-01-15' })).dueOn).toBe(
			'2027-01-15'
		);
	});

	it('refuses a responsible person from another organisation; takes one of the school', async () => {
		const i6 = await item(s.org.id, '001.6');
		for (const outsider of [f.users.directorB.id, f.users.municipalityAuthority.id, 'не-uuid']) {
			const e = await refused(
				() => updateItem(db(), s.director, s.org, i6.id, { responsibleId: outsider }),
				i6.id
			);
			expect(fieldErrorsOf(e)).toEqual({ responsibleId: RESPONSIBLE_OUTSIDE });
		}
		const updated = await updateItem(db(), s.director, s.org, i6.id, {
			responsibleId: s.member.id,
			status: 'in_progress'
		});
		expect(updated).toMatchObject({ responsibleId: s.member.id, status: 'in_progress' });
	});

	it('a note-only item: done with a note, or with a file; not with neither; one the route proves, not by hand', async () => {
		const i17 = await item(s.org.id, '001.17');
		const byHand = await refused(
			() =>
				updateItem(db(), s.director, s.org, i17.id, {
					status: 'done',
					note: 'Локальные акты размещены на сайте школы'
				}),
			i17.id
		);
		expect(fieldErrorsOf(byHand)).toEqual({
			status: 'Этот пункт отмечается сам, когда локальный акт утверждён и опубликован.'
		});
		const other = await schoolWithChecklist();
		const n18 = await item(other.org.id, '001.18');
		const e = await refused(
			() => updateItem(db(), other.director, other.org, n18.id, { status: 'done', note: '  ' }),
			n18.id
		);
		expect(fieldErrorsOf(e).note).toMatch(
			/^Чтобы отметить пункт выполненным, опишите, что сделано/
		);
		const done = await updateItem(db(), other.director, other.org, n18.id, {
			status: 'done',
			note: 'Сеть и устройства проверены'
		});
		expect(done).toMatchObject({
			status: 'done',
			note: 'Сеть и устройства проверены',
			evidenceDocumentId: null
		});

		const i18 = await item(s.org.id, '001.18');
		const filesBefore = await db().$count(files);
		const withFile = await updateItem(
			db(),
			s.member,
			s.org,
			i18.id,
			{ status: 'done', note: '' },
			{ name: 'акт.pdf', bytes: samplePdf('акт') }
		);
		expect(withFile.status).toBe('done');
		expect(withFile.evidenceFileId).not.toBeNull();
		expect(await db().$count(files)).toBe(filesBefore + 1);
		// A file that is not one of the allowed kinds is refused, nothing stored.
		const i18b = await item(s.org.id, '001.18');
		const bad = await refused(
			() =>
				updateItem(
					db(),
					s.member,
					s.org,
					i18b.id,
					{ note: 'ещё файл' },
					{ name: 'x.pdf', bytes: new TextEncoder().encode('не PDF') }
				),
			i18b.id
		);
		expect(fieldErrorsOf(bad).file).toMatch(/^Файл не похож/);
	});

	it('reports every problem at once and changes nothing', async () => {
		const i13 = await item(s.org.id, '001.13');
		const e = await refused(
			() =>
				updateItem(db(), s.director, s.org, i13.id, {
					status: 'done',
					dueOn: '2026-08-01',
					responsibleId: f.users.directorB.id,
					evidenceDocumentId: other.id
				}),
			i13.id
		);
		expect(Object.keys(fieldErrorsOf(e)).sort()).toEqual([
			'dueOn',
			'evidenceDocumentId',
			'responsibleId'
		]);
		const e2 = await refused(
			() => updateItem(db(), s.director, s.org, i13.id, { status: 'finished' }),
			i13.id
		);
		expect(fieldErrorsOf(e2)).toEqual({ status: 'Выберите состояние из списка.' });
	});
});

describe('takeDocumentAsEvidence', () => {
	it('registering a contract completes the item that asks for one, with its history entry; other items stay', async () => {
		const s = await schoolWithChecklist();
		const i15 = await item(s.org.id, '001.15');
		const i8 = await item(s.org.id, '001.8');
		const others15 = await item(
			f.schoolB.id,
			'001.15',
			(
				await db().select().from(campaigns).where(eq(campaigns.title, 'Переход на ЭЖ, 2026/2027'))
			)[0]!.id
		);

		const doc = await registerRecord(
			db(),
			s.director,
			s.org,
			recordForm('contract', 'Договор с ООО «ЭлЖур»'),
			{ name: 'договор.pdf', bytes: samplePdf('договор') }
		);
		const after = await reload(i15.id);
		expect(after).toMatchObject({ status: 'done', evidenceDocumentId: doc.id });
		expect(after.completedAt).toBeInstanceOf(Date);
		const history = await itemHistory(db(), i15.id);
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({
			action: 'checklist_item.completed_by_document',
			actorName: s.director.fullName,
			before: { status: 'not_started' }
		});
		expect(history[0]!.after).toMatchObject({
			status: 'done',
			evidenceDocumentId: doc.id,
			code: '001.15',
			proof: { kind: 'document', key: 'contract', label: 'Документ «Договор с ООО «ЭлЖур»»' }
		});

		expect((await reload(i8.id)).status).toBe('not_started');
		// Another school's item of the same kind is not touched.
		expect(await reload(others15.id)).toEqual(others15);
	});

	it('registering minutes completes every open item that asks for minutes, and leaves a closed one alone', async () => {
		const s = await schoolWithChecklist();
		// 001.11 and 001.12 are proved by the route (discussion, review), not by «a protocol».
		const wanting = ['001.2', '001.3', '001.4'];
		const i3 = await item(s.org.id, '001.3');
		await updateItem(db(), s.director, s.org, i3.id, {
			status: 'not_needed',
			notNeededReason: 'Подходы обсуждены в прошлом году'
		});

		const doc = await registerRecord(
			db(),
			s.member,
			s.org,
			recordForm('minutes', 'Протокол заседания рабочей группы № 1'),
			{ name: 'протокол.pdf', bytes: samplePdf('протокол') }
		);
		for (const code of wanting.filter((c) => c !== '001.3')) {
			const row = await item(s.org.id, code);
			expect(row, code).toMatchObject({ status: 'done', evidenceDocumentId: doc.id });
			expect(
				(await itemHistory(db(), row.id)).map((h) => h.action),
				code
			).toEqual(['checklist_item.completed_by_document']);
		}
		expect(await item(s.org.id, '001.3')).toMatchObject({
			status: 'not_needed',
			evidenceDocumentId: null
		});
		for (const code of ['001.11', '001.12'])
			expect((await item(s.org.id, code)).status, code).toBe('not_started');
		const list = await checklistsOf(db(), s.org.id, '2026-11-21');
		expect(list).toHaveLength(1);
		expect(list[0]!.closed).toBe(wanting.length);
	});

	it('a document made from a template proves the items naming that template, not every item of its kind', async () => {
		const s = await schoolWithChecklist();
		const minutes = await generate(s.org, s.director, 'school-minutes-working-group');
		await db().transaction((tx) => takeDocumentAsEvidence(tx, s.director, minutes));
		for (const code of ['001.4', '001.12'])
			expect(await item(s.org.id, code), code).toMatchObject({
				status: 'done',
				evidenceDocumentId: minutes.id
			});
		// 001.2 and 001.3 take «a protocol» registered from outside; the group's generated minutes are not that.
		for (const code of ['001.2', '001.3'])
			expect((await item(s.org.id, code)).status, code).toBe('not_started');
	});

	it('a generated draft does not complete anything by itself', async () => {
		const s = await schoolWithChecklist();
		await generate(s.org, s.director, 'school-order-transition');
		expect((await item(s.org.id, '001.8')).status).toBe('not_started');
	});
});

describe('permissions and remarks', () => {
	let s: Awaited<ReturnType<typeof schoolWithChecklist>>;
	let target: ChecklistItem;
	beforeAll(async () => {
		s = await schoolWithChecklist();
		target = await item(s.org.id, '001.5');
	});

	it('another school’s director, a teacher and the authorities cannot tick the school’s items', async () => {
		for (const actor of [
			f.actors.directorB,
			f.actors.directorA,
			s.staff,
			f.actors.municipalityAuthority,
			f.actors.regionAuthority,
			f.actors.otherMunicipalityAuthority
		]) {
			const e = await refused(
				() => updateItem(db(), actor, s.org, target.id, { status: 'in_progress' }),
				target.id
			);
			expect(e, actor.fullName).toBeInstanceOf(ForbiddenError);
		}
		// Nor by passing the item through their own school.
		const e = await refused(
			() => updateItem(db(), f.actors.directorB, f.schoolB, target.id, { status: 'in_progress' }),
			target.id
		);
		expect(fieldErrorsOf(e)).toEqual({ form: 'Пункт не найден.' });
		// The working group can.
		expect(
			(await updateItem(db(), s.member, s.org, target.id, { status: 'in_progress' })).status
		).toBe('in_progress');
	});

	it('the authority remarks, the school answers, the authority resolves; open remarks 1 → 1 → 0', async () => {
		expect(await openRemarkCount(db(), s.org.id)).toBe(0);
		const remark = await addRemark(
			db(),
			f.actors.municipalityAuthority,
			s.org,
			target.id,
			'Приказ о рабочей группе не приложен.'
		);
		expect(remark).toMatchObject({
			checklistItemId: target.id,
			organizationId: s.org.id,
			authorId: f.users.municipalityAuthority.id,
			replyTo: null,
			resolvedAt: null
		});
		expect(await openRemarkCount(db(), s.org.id)).toBe(1);
		expect(
			(await itemsOf(db(), s.checklistId)).find((i) => i.item.id === target.id)!.openRemarks
		).toBe(1);

		const answer = await answerRemark(db(), s.director, s.org, remark.id, 'Приложим до пятницы.');
		expect(answer).toMatchObject({ replyTo: remark.id, authorId: s.director.id });
		expect(await openRemarkCount(db(), s.org.id)).toBe(1);

		// The authority cannot answer for the school, nor the school resolve.
		expect(
			await refused(() =>
				answerRemark(db(), f.actors.municipalityAuthority, s.org, remark.id, 'За школу')
			)
		).toBeInstanceOf(ForbiddenError);
		expect(await refused(() => resolveRemark(db(), s.director, s.org, remark.id))).toBeInstanceOf(
			ForbiddenError
		);

		await resolveRemark(db(), f.actors.municipalityAuthority, s.org, remark.id);
		expect(await openRemarkCount(db(), s.org.id)).toBe(0);
		const thread = await remarksOf(db(), target.id);
		expect(thread).toHaveLength(1);
		expect(thread[0]!.resolvedAt).toBeInstanceOf(Date);
		expect(thread[0]!.answers.map((a) => a.body)).toEqual(['Приложим до пятницы.']);
		expect((await itemHistory(db(), target.id)).map((h) => h.action)).toEqual(
			expect.arrayContaining(['remark.created', 'remark.answered', 'remark.resolved'])
		);

		// A resolved remark takes no more answers.
		const late = await refused(() => answerRemark(db(), s.director, s.org, remark.id, 'Ещё ответ'));
		expect(fieldErrorsOf(late)).toEqual({ form: 'Замечание уже снято или не найдено.' });
	});

	it('the region may remark too; the school cannot remark on its own item; an empty remark is refused', async () => {
		const r = await addRemark(db(), f.actors.regionAuthority, s.org, target.id, 'Проверьте сроки.');
		expect(await openRemarkCount(db(), s.org.id)).toBe(1);
		await resolveRemark(db(), f.actors.regionAuthority, s.org, r.id);
		for (const actor of [
			s.director,
			s.member,
			s.staff,
			f.actors.directorB,
			f.actors.otherMunicipalityAuthority
		]) {
			const e = await refused(() =>
				addRemark(db(), actor, s.org, target.id, 'Сами себе замечание')
			);
			expect(e, actor.fullName).toBeInstanceOf(ForbiddenError);
		}
		const empty = await refused(() =>
			addRemark(db(), f.actors.municipalityAuthority, s.org, target.id, '   ')
		);
		expect(fieldErrorsOf(empty)).toEqual({ body: 'Напишите текст.' });
		expect(await openRemarkCount(db(), s.org.id)).toBe(0);
	});
});

describe('whatsNext', () => {
	const TODAY = '2026-10-15';

	it('groups overdue, due within 7 days and waiting for others, each with the link that moves it on', async () => {
		const s = await schoolWithChecklist();
		const base = `/app/orgs/${s.org.id}`;
		const id = async (code: string) => (await item(s.org.id, code)).id;
		// Due in 3 days: an item the route proves. Waiting for another: the approval order, given to the member.
		await updateItem(db(), s.director, s.org, await id('001.17'), { dueOn: '2026-10-18' });
		await updateItem(db(), s.director, s.org, await id('001.13'), {
			dueOn: '2026-11-01',
			responsibleId: s.member.id
		});
		// Closed items drop out, whatever their dates.
		await updateItem(db(), s.director, s.org, await id('001.9'), {
			status: 'not_needed',
			notNeededReason: 'Совмещено с приказом 001.5'
		});
		// The transition order already exists as a draft: the link opens it.
		const draft = await generate(s.org, s.director, 'school-order-transition');

		const steps = await whatsNext(db(), s.org, s.director.id, TODAY);
		const byCode = new Map(steps.map((st) => [st.code, st]));
		const group = (g: string) => steps.filter((st) => st.group === g).map((st) => st.code);

		// days_after_start 7…30 → 08.09…01.10, all before 15.10; 001.9 is closed.
		expect(group('overdue').sort()).toEqual(
			['001.1', '001.2', '001.3', '001.4', '001.5', '001.6', '001.7', '001.8'].sort()
		);
		expect(group('soon')).toEqual(['001.17']);
		expect(group('others')).toEqual(['001.13']);

		expect(byCode.get('001.1')!.action).toEqual({
			label: 'Сформировать по шаблону',
			href: `${base}/documents/new?template=school-plan-roadmap`
		});
		expect(byCode.get('001.3')!.action).toEqual({
			label: 'Загрузить документ',
			href: `${base}/documents/register`
		});
		expect(byCode.get('001.8')!.action).toEqual({
			label: 'Открыть документ',
			href: `${base}/documents/${draft.id}`
		});
		expect(byCode.get('001.17')!).toMatchObject({
			dueOn: '2026-10-18',
			action: {
				label: 'Проведите локальный акт по маршруту до утверждения и публикации',
				href: `${base}/documents`
			}
		});
		expect(byCode.get('001.13')!).toMatchObject({
			responsibleName: s.member.fullName,
			action: {
				label: 'Сформировать по шаблону',
				href: `${base}/documents/new?template=school-order-approve-acts`
			}
		});

		// To the member the same item is their own: not «waiting for others».
		const forMember = await whatsNext(db(), s.org, s.member.id, TODAY);
		expect(forMember.find((st) => st.code === '001.13')).toBeUndefined();
	});
});
