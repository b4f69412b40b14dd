import { describe, expect, it } from 'vitest';
import {
	contractBasis,
	helpLogBasis,
	seedBinds,
	standingTo
} from '../../src/lib/server/legal/applicability';
import { SEED_SOURCES } from '../../src/lib/server/legal/seed-sources';
import { demoRegions } from '../../src/lib/server/demo/demo-data';

type Org = { kind: 'region' | 'municipality' | 'school'; fullName: string };
const region = (fullName: string): Org => ({ kind: 'region', fullName });
const municipality = (fullName: string): Org => ({ kind: 'municipality', fullName });
const school = (fullName: string): Org => ({ kind: 'school', fullName });

const crimea = region('Министерство образования, науки и молодёжи Республики Крым');
const saki = municipality('Отдел образования администрации Сакского района Республики Крым');
const bakhchisaray = municipality(
	'Управление образования администрации Бахчисарайского района Республики Крым'
);
const amur = region('Министерство образования и науки Амурской области');
const ivanovkaAmur = municipality('Отдел образования администрации Ивановского района');
const murmansk = region('Министерство образования и науки Мурманской области');

const sakiSchool = school('МБОУ «Новофедоровская школа-лицей»');
const bakhchisaraySchool = school('МБОУ «Почтовская средняя школа»');
const amurSchool = school('МОБУ «СОШ с. Новоалексеевка»');

describe('standingTo: where an organisation stands to a document’s issuer', () => {
	it('the Saki order: the district office issued it, its schools are under it, other districts and the ministry are outside', () => {
		const issuer = SEED_SOURCES['002'].issuer;
		expect(standingTo(issuer, saki, [crimea])).toBe('issuer');
		expect(standingTo(issuer, sakiSchool, [crimea, saki])).toBe('under');
		expect(standingTo(issuer, bakhchisaraySchool, [crimea, bakhchisaray])).toBe('outside');
		expect(standingTo(issuer, bakhchisaray, [crimea])).toBe('outside');
		expect(standingTo(issuer, crimea, [])).toBe('outside');
		// A district of the same name in another region is another district.
		expect(
			standingTo(issuer, school('Школа'), [
				amur,
				municipality('Отдел образования администрации Сакского района')
			])
		).toBe('outside');
	});

	it('the Amur order binds only under the Amur ministry', () => {
		expect(seedBinds('003', amurSchool, [amur, ivanovkaAmur])).toBe(true);
		expect(seedBinds('003', amur, [])).toBe(true);
		expect(seedBinds('003', sakiSchool, [crimea, saki])).toBe(false);
		expect(seedBinds('003', bakhchisaraySchool, [crimea, bakhchisaray])).toBe(false);
	});

	it('the Crimean letters bind every Crimean school, whatever its district; a presentation binds nobody', () => {
		expect(seedBinds('000', bakhchisaraySchool, [crimea, bakhchisaray])).toBe(true);
		expect(seedBinds('001', sakiSchool, [crimea, saki])).toBe(true);
		expect(seedBinds('000', amurSchool, [amur, ivanovkaAmur])).toBe(false);
		expect(
			seedBinds('004', school('СОШ № 4'), [
				murmansk,
				municipality('Управление образования администрации города Апатиты')
			])
		).toBe(false);
	});

	it('knows the demo’s own authorities by their names', () => {
		const [demoCrimea, demoAmur] = demoRegions;
		const demoSaki = demoCrimea!.municipalities[0]!;
		expect(
			standingTo(SEED_SOURCES['002'].issuer, school('Школа'), [
				region(demoCrimea!.fullName),
				municipality(demoSaki.fullName)
			])
		).toBe('under');
		expect(
			standingTo(SEED_SOURCES['003'].issuer, school('Школа'), [
				region(demoAmur!.fullName),
				municipality(demoAmur!.municipalities[0]!.fullName)
			])
		).toBe('under');
	});
});

describe('contractBasis: the operator’s guarantees by the school’s own region', () => {
	it('an Amur school is told the order requires them', () => {
		const b = contractBasis(amurSchool, [amur, ivanovkaAmur]);
		expect(b.guaranteesRequired).toBe(true);
		expect(b.intro).toContain(
			'обязан гарантировать школе, установил приказ Минобрнауки Амурской области от 05.10.2015 № 1281'
		);
		expect(b.missingLead).toContain('которых требует приказ');
	});

	it('a Crimean school in any district gets its own region’s letters as the requirement and the Amur list as a model', () => {
		for (const chain of [
			[crimea, saki],
			[crimea, bakhchisaray]
		]) {
			const b = contractBasis(school('Школа'), chain);
			expect(b.guaranteesRequired).toBe(false);
			expect(b.intro).toMatch(
				/^Договор с оператором школа заключает по письму Минобразования Республики Крым от 10\.02\.2021 № 470\/01-14/
			);
			expect(b.intro).toContain('образец условий из приказа Минобрнауки Амурской области');
			expect(b.intro).toContain('для вашей школы приказ не обязателен');
			expect(b.missingLead).not.toContain('требует');
		}
	});

	it('a Murmansk school is cited no Crimean letter', () => {
		const b = contractBasis(school('СОШ № 4'), [
			murmansk,
			municipality('Управление образования администрации города Апатиты')
		]);
		expect(b.intro).not.toContain('Республики Крым');
		expect(b.intro).toMatch(/^Перечень гарантий — образец условий/);
	});
});

describe('helpLogBasis: the help log by the authority’s place', () => {
	it('the Saki office keeps it by its own order', () => {
		expect(helpLogBasis(saki, [crimea])).toMatch(
			/^Приказ отдела образования администрации Сакского района Республики Крым от 25\.06\.2021 № 206 \(приложение 2, п\. 6\.4\)/
		);
	});

	it('the ministry and another district are cited no Saki order', () => {
		expect(helpLogBasis(crimea, [])).not.toContain('№ 206');
		expect(helpLogBasis(bakhchisaray, [crimea])).not.toContain('№ 206');
		expect(helpLogBasis(bakhchisaray, [crimea])).toContain(
			'письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14'
		);
		expect(helpLogBasis(ivanovkaAmur, [amur])).toBe(
			'Каждая оказанная помощь — методическая, консультационная, техническая — записывается в журнал обращений.'
		);
	});
});
