import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import type { Organization } from '../../src/lib/server/db/schema';
import { contractBasis, helpLogBasis, legalScope } from '../../src/lib/server/legal/applicability';
import { insertOrg } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
const db = () => handle.db;
const CRIMEA_LAW =
	'Закон Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»';
let orgs: Record<
	'crimea' | 'saki' | 'sakiSchool' | 'otherDistrict' | 'otherSchool' | 'amur' | 'amurSchool',
	Organization
>;

beforeAll(async () => {
	handle = await openTestDatabase();
	const crimea = await insertOrg(db(), null, 'region', {
		shortName: 'Минобразования Крыма',
		fullName: 'Министерство образования, науки и молодежи Республики Крым',
		slug: 'ls-krym',
		educationLaw: CRIMEA_LAW
	});
	const saki = await insertOrg(db(), crimea, 'municipality', {
		shortName: 'Отдел образования Сакского района',
		fullName: 'Отдел образования администрации Сакского района Республики Крым',
		slug: 'ls-saki'
	});
	const sakiSchool = await insertOrg(db(), saki, 'school', {
		shortName: 'Новофедоровская школа-лицей',
		slug: 'ls-saki-school'
	});
	const otherDistrict = await insertOrg(db(), crimea, 'municipality', {
		shortName: 'Управление образования Бахчисарайского района',
		fullName: 'Управление образования администрации Бахчисарайского района Республики Крым',
		slug: 'ls-bakh'
	});
	const otherSchool = await insertOrg(db(), otherDistrict, 'school', {
		shortName: 'Почтовская школа',
		slug: 'ls-bakh-school'
	});
	const amur = await insertOrg(db(), null, 'region', {
		shortName: 'Минобрнауки Амурской области',
		fullName: 'Министерство образования и науки Амурской области',
		slug: 'ls-amur'
	});
	const amurMunicipality = await insertOrg(db(), amur, 'municipality', {
		shortName: 'г. Тында',
		fullName: 'Управление образования администрации города Тынды',
		slug: 'ls-tynda'
	});
	const amurSchool = await insertOrg(db(), amurMunicipality, 'school', {
		shortName: 'СОШ № 2 г. Тынды',
		slug: 'ls-tynda-school'
	});
	orgs = { crimea, saki, sakiSchool, otherDistrict, otherSchool, amur, amurSchool };
});
afterAll(async () => {
	await handle?.close();
});

const scoped = async (org: Organization) => ({ org, ...(await legalScope(db(), org)) });

describe('the content by the organisation’s own region, from its ancestors in the database', () => {
	it('reads the ancestors from the region down and the region’s law', async () => {
		const { chain, regionLaw } = await scoped(orgs.sakiSchool);
		expect(chain.map((o) => o.slug)).toEqual(['ls-krym', 'ls-saki']);
		expect(regionLaw).toBe(CRIMEA_LAW);
		expect((await scoped(orgs.amurSchool)).regionLaw).toBeNull();
	});

	it('a Crimean school in another district: the Amur guarantees as a model, the Crimean letters as the requirement', async () => {
		const { org, chain } = await scoped(orgs.otherSchool);
		const b = contractBasis(org, chain);
		expect(b.guaranteesRequired).toBe(false);
		expect(b.intro).toContain('письму Минобразования Республики Крым от 10.02.2021 № 470/01-14');
		expect(b.intro).toContain('для вашей школы приказ не обязателен');
	});

	it('a Saki school: the same for the contract, since the Amur order does not reach Crimea', async () => {
		const { org, chain } = await scoped(orgs.sakiSchool);
		expect(contractBasis(org, chain).guaranteesRequired).toBe(false);
	});

	it('an Amur school: the guarantees are required by the order № 1281', async () => {
		const { org, chain } = await scoped(orgs.amurSchool);
		const b = contractBasis(org, chain);
		expect(b.guaranteesRequired).toBe(true);
		expect(b.listTitle).toBe(
			'Гарантии (приказ Минобрнауки Амурской области № 1281, п. 6.3 Положения)'
		);
	});

	it('the help log cites the Saki order only in the Saki office', async () => {
		const saki = await scoped(orgs.saki);
		expect(helpLogBasis(saki.org, saki.chain)).toContain('от 25.06.2021 № 206');
		for (const o of [orgs.crimea, orgs.otherDistrict, orgs.amur]) {
			const s = await scoped(o);
			expect(helpLogBasis(s.org, s.chain), o.slug).not.toContain('№ 206');
		}
	});
});
