import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { documents, type Organization } from '../../src/lib/server/db/schema';
import { GROUP_SIZE, searchCabinet } from '../../src/lib/server/cabinet-search/search';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

async function draft(org: Organization, title: string, number: string | null = null) {
	const [doc] = await db()
		.insert(documents)
		.values({
			organizationId: org.id,
			kind: 'regulation',
			documentClass: 'act',
			title,
			number,
			status: 'draft',
			needsApproval: true,
			currentVersion: 1
		})
		.returning();
	return doc!;
}
const titles = (s: Awaited<ReturnType<typeof searchCabinet>>, key: string) =>
	s.groups.find((g) => g.key === key)?.hits.map((h) => h.title) ?? [];

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'cs');
	await draft(f.schoolA, 'Положение об электронном журнале школы А');
	await draft(f.schoolA, 'Приказ о переходе на ЭЖ', '12-о');
	await draft(f.schoolB, 'Положение об электронном журнале школы Б');
	await draft(f.otherSchool, 'Положение об электронном журнале соседей');
});
afterAll(async () => {
	await handle?.close();
});

describe('the cabinet search', () => {
	it('finds only the own school’s documents for a school’s people, never a neighbour’s', async () => {
		const s = await searchCabinet(db(), f.actors.directorA, 'электронном журнале');
		expect(titles(s, 'documents')).toEqual(['Положение об электронном журнале школы А']);
		expect(s.groups.map((g) => g.key)).not.toContain('organizations');
		const staff = await searchCabinet(db(), f.actors.staffA, 'журнале');
		expect(titles(staff, 'documents')).toEqual(['Положение об электронном журнале школы А']);
	});

	it('finds a document by its number and names it with the number', async () => {
		const s = await searchCabinet(db(), f.actors.memberA, '12-о');
		expect(titles(s, 'documents')).toEqual(['Приказ о переходе на ЭЖ, № 12-о']);
		expect(s.groups[0]!.hits[0]!.href).toBe(
			`/app/orgs/${f.schoolA.id}/documents/${s.groups[0]!.hits[0]!.href.split('/').pop()}`
		);
	});

	it('gives an authority everything under it, with the organisation named, and nothing of another municipality', async () => {
		const s = await searchCabinet(db(), f.actors.municipalityAuthority, 'журнале');
		expect(titles(s, 'documents').sort()).toEqual([
			'Положение об электронном журнале школы А',
			'Положение об электронном журнале школы Б'
		]);
		expect(
			s.groups.find((g) => g.key === 'documents')!.hits.every((h) => h.detail.includes('Школа'))
		).toBe(true);
		const orgs = await searchCabinet(db(), f.actors.municipalityAuthority, 'Школа');
		expect(titles(orgs, 'organizations').sort()).toEqual(['Школа А cs', 'Школа Б cs']);
		const region = await searchCabinet(db(), f.actors.regionAuthority, 'журнале');
		expect(titles(region, 'documents')).toHaveLength(3);
	});

	it('finds people of the own organisation by name or e-mail', async () => {
		const s = await searchCabinet(db(), f.actors.directorA, 'Группова');
		expect(titles(s, 'people')).toEqual(['Группова Алла']);
		expect(
			titles(await searchCabinet(db(), f.actors.directorA, 'Директоров Борис'), 'people')
		).toEqual([]);
		expect(
			titles(
				await searchCabinet(db(), f.actors.municipalityAuthority, 'Директоров'),
				'people'
			).sort()
		).toEqual(['Директоров Борис', 'Директорова Анна']);
	});

	it('takes % and _ literally and refuses a one-letter query with a message', async () => {
		expect((await searchCabinet(db(), f.actors.regionAuthority, '%%')).groups).toEqual([]);
		expect(await searchCabinet(db(), f.actors.directorA, 'П')).toMatchObject({
			problem: 'Введите хотя бы два знака.',
			groups: []
		});
		expect(await searchCabinet(db(), f.actors.directorA, '   ')).toMatchObject({
			problem: null,
			groups: []
		});
	});

	it('shows a group’s first rows and says there are more', async () => {
		for (let i = 0; i < GROUP_SIZE + 2; i++) await draft(f.schoolB, `График консультаций № ${i}`);
		const s = await searchCabinet(db(), f.actors.directorB, 'График консультаций');
		const docs = s.groups.find((g) => g.key === 'documents')!;
		expect(docs.hits).toHaveLength(GROUP_SIZE);
		expect(docs.more).toBe(true);
	});
});
