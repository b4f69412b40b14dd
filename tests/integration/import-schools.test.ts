import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents, organizations } from '../../src/lib/server/db/schema';
import { ForbiddenError } from '../../src/lib/server/auth/permissions';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import {
	importSchools,
	importTemplateCsv,
	MAX_IMPORT_BYTES
} from '../../src/lib/server/orgs/import-schools';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import { encodeCp1251 } from '../helpers/cp1251';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db);
});
afterAll(async () => {
	await handle?.close();
});

const HEADER =
	'Полное наименование;Краткое наименование;Адрес страницы в портале;ИНН;Система электронного журнала;Часовой пояс';
const file = (...lines: string[]) =>
	new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
const childrenOf = (id: string) =>
	handle.db.select().from(organizations).where(eq(organizations.parentId, id));
const orgCount = () => handle.db.$count(organizations);
const eventCount = () => handle.db.$count(auditEvents);

describe('importSchools', () => {
	it('creates every school of a clean file, each with its audit event', async () => {
		const before = (await childrenOf(f.municipality.id)).length;
		const result = await importSchools(
			handle.db,
			f.actors.municipalityAuthority,
			f.municipality,
			file(
				HEADER,
				'МБОУ «Средняя школа № 11»;СШ № 11;sh-11;7707083893;ЭлЖур;Asia/Yakutsk',
				'МБОУ «Средняя школа № 12»;СШ № 12;;;Дневник.ру;',
				'МБОУ «Средняя школа № 13»;СШ № 13;;;;'
			)
		);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(result.created.map((s) => s.slug)).toEqual(['sh-11', 'ssh-12', 'ssh-13']);
		expect(result.created[0]).toMatchObject({
			kind: 'school',
			parentId: f.municipality.id,
			inn: '7707083893',
			journalSystem: 'eljur',
			timeZone: 'Asia/Yakutsk'
		});
		expect(result.created[1]!.timeZone).toBe('Europe/Moscow');
		expect(await childrenOf(f.municipality.id)).toHaveLength(before + 3);

		for (const school of result.created) {
			const events = await handle.db
				.select()
				.from(auditEvents)
				.where(eq(auditEvents.chain, school.id));
			expect(events).toHaveLength(1);
			expect(events[0]).toMatchObject({
				action: 'organization.created',
				actorId: f.users.municipalityAuthority.id
			});
			expect(events[0]!.after).toMatchObject({
				importedInto: f.municipality.id,
				slug: school.slug
			});
		}
		const [summary] = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.chain, f.municipality.id));
		expect(summary).toMatchObject({ action: 'organization.schools_imported' });
		expect(summary!.after).toEqual({ count: 3, slugs: ['sh-11', 'ssh-12', 'ssh-13'] });
		expect((await verifyChain(handle.db, f.municipality.id)).ok).toBe(true);
	});

	it('imports the downloadable template as it is', async () => {
		const result = await importSchools(
			handle.db,
			f.actors.municipalityAuthority,
			f.municipality,
			new TextEncoder().encode(importTemplateCsv())
		);
		expect(result.ok).toBe(true);
	});

	it('imports nothing from a file with one bad row, and names that row', async () => {
		const [orgsBefore, eventsBefore] = [await orgCount(), await eventCount()];
		const result = await importSchools(
			handle.db,
			f.actors.municipalityAuthority,
			f.municipality,
			file(
				HEADER,
				'МБОУ «Средняя школа № 21»;СШ № 21;;;;',
				'МБОУ «Средняя школа № 22»;СШ № 22;;7707083894;;',
				'МБОУ «Средняя школа № 23»;СШ № 23;;;;'
			)
		);
		expect(result).toEqual({
			ok: false,
			problems: [{ line: 3, message: expect.stringMatching(/^ИНН неверен/) }]
		});
		expect(await orgCount()).toBe(orgsBefore);
		expect(await eventCount()).toBe(eventsBefore);
		const strays = await handle.db
			.select()
			.from(organizations)
			.where(inArray(organizations.shortName, ['СШ № 21', 'СШ № 23']));
		expect(strays).toEqual([]);
	});

	it('reports an address already taken in the database, with its line', async () => {
		const before = await orgCount();
		const result = await importSchools(
			handle.db,
			f.actors.municipalityAuthority,
			f.municipality,
			file(
				HEADER,
				'МБОУ «Средняя школа № 31»;СШ № 31;sh-31;;;',
				`МБОУ «Средняя школа № 32»;СШ № 32;${f.schoolB.slug};;;`
			)
		);
		expect(result).toEqual({
			ok: false,
			problems: [{ line: 3, message: `Адрес «${f.schoolB.slug}» уже занят другой организацией.` }]
		});
		expect(await orgCount()).toBe(before);
	});

	it('lists the problems of the file and of the database together, by line', async () => {
		const result = await importSchools(
			handle.db,
			f.actors.municipalityAuthority,
			f.municipality,
			file(HEADER, `МБОУ «Средняя школа № 41»;СШ № 41;${f.schoolA.slug};;;`, ';СШ № 42;;;;')
		);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems.map((p) => p.line)).toEqual([2, 3]);
	});

	it('gives a school without an address one that does not clash with an address set further down', async () => {
		const result = await importSchools(
			handle.db,
			f.actors.municipalityAuthority,
			f.municipality,
			file(
				HEADER,
				'МБОУ «Средняя школа № 51»;СШ № 51;;;;',
				'МБОУ «Средняя школа № 52»;СШ № 52;ssh-51;;;'
			)
		);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(result.created.map((s) => s.slug)).toEqual(['ssh-51-2', 'ssh-51']);
	});

	it('reads a Windows-1251 file from Excel', async () => {
		const bytes = encodeCp1251(
			[
				'Полное наименование;Краткое наименование;Адрес страницы в портале',
				'МБОУ «Щёлковская ООШ»;Щёлковская ООШ;shchelkovo-oosh',
				''
			].join('\r\n')
		);
		const result = await importSchools(
			handle.db,
			f.actors.municipalityAuthority,
			f.municipality,
			bytes
		);
		if (!result.ok) throw new Error(JSON.stringify(result.problems));
		expect(result.created[0]!.fullName).toBe('МБОУ «Щёлковская ООШ»');
	});

	it('refuses a file over 2 MB without reading it', async () => {
		const result = await importSchools(
			handle.db,
			f.actors.municipalityAuthority,
			f.municipality,
			new Uint8Array(MAX_IMPORT_BYTES + 1)
		);
		expect(result).toEqual({
			ok: false,
			problems: [{ line: 0, message: 'Файл больше 2 МБ: разделите его на части.' }]
		});
	});

	it('is refused to a director, to another municipality’s authority, and into a school or region', async () => {
		const bytes = file(HEADER, 'МБОУ «Лишняя школа»;Лишняя;;;;');
		await expect(
			importSchools(handle.db, f.actors.directorA, f.municipality, bytes)
		).rejects.toThrow(ForbiddenError);
		await expect(
			importSchools(handle.db, f.actors.otherMunicipalityAuthority, f.municipality, bytes)
		).rejects.toThrow(ForbiddenError);
		await expect(importSchools(handle.db, f.actors.admin, f.schoolA, bytes)).rejects.toThrow(
			ForbiddenError
		);
		await expect(
			importSchools(handle.db, f.actors.regionAuthority, f.region, bytes)
		).rejects.toThrow(ForbiddenError);
		expect(await childrenOf(f.schoolA.id)).toEqual([]);
	});
});
