import { describe, expect, it } from 'vitest';
import { validate } from '../../src/lib/server/forms/errors';
import {
	organizationFormDefaults,
	organizationInput,
	parseDate
} from '../../src/lib/server/orgs/validation';
import { slugify } from '../../src/lib/server/orgs/slug';
import { childKinds } from '../../src/lib/server/orgs/save-organization';

/** What a submitted profile form looks like: every field a string. */
const form = (fields: Record<string, string>) =>
	organizationFormDefaults({
		fullName: 'МБОУ «Средняя школа № 1»',
		shortName: 'СШ № 1',
		...fields
	});

const check = (fields: Record<string, string>) => validate(organizationInput, form(fields));

function errorsOf(fields: Record<string, string>): Record<string, string> {
	const result = check(fields);
	if (result.ok) throw new Error(`expected errors for ${JSON.stringify(fields)}`);
	return result.errors;
}

function valueOf(fields: Record<string, string>) {
	const result = check(fields);
	if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
	return result.value;
}

describe('organizationInput', () => {
	it('accepts a minimal profile and fills the defaults', () => {
		const value = valueOf({});
		expect(value).toMatchObject({
			fullName: 'МБОУ «Средняя школа № 1»',
			shortName: 'СШ № 1',
			slug: '',
			headName: null,
			website: null,
			inn: null,
			journalSystem: null,
			journalSystemOther: null,
			paperlessSince: null,
			timeZone: 'Europe/Moscow'
		});
	});

	it('trims every text field', () => {
		const value = valueOf({ shortName: '  СШ № 1  ', headName: '  Иванова Мария Петровна ' });
		expect(value.shortName).toBe('СШ № 1');
		expect(value.headName).toBe('Иванова Мария Петровна');
	});

	it('asks for the names in Russian when they are missing or blank', () => {
		const errors = errorsOf({ fullName: '', shortName: '   ' });
		expect(errors.fullName).toBe('Укажите полное наименование.');
		expect(errors.shortName).toBe('Укажите краткое наименование.');
	});

	it('refuses over-long strings with the limit in the message', () => {
		const errors = errorsOf({
			fullName: 'а'.repeat(501),
			shortName: 'б'.repeat(201),
			address: 'в'.repeat(501),
			headName: 'г'.repeat(201),
			website: `https://${'d'.repeat(300)}.ru`,
			slug: 'a'.repeat(81)
		});
		expect(errors.fullName).toBe('Полное наименование: не больше 500 символов.');
		expect(errors.shortName).toBe('Краткое наименование: не больше 200 символов.');
		expect(errors.address).toBe('Адрес: не больше 500 символов.');
		expect(errors.headName).toBe('ФИО руководителя: не больше 200 символов.');
		expect(errors.website).toBe('Сайт: не больше 300 символов.');
		expect(errors.slug).toBe('Адрес страницы: не больше 80 символов.');
	});

	it('accepts strings exactly at the limit', () => {
		expect(check({ fullName: 'а'.repeat(500), shortName: 'б'.repeat(200) }).ok).toBe(true);
	});

	it('refuses impossible and malformed dates', () => {
		for (const bad of [
			'31.02.2021',
			'29.02.2023',
			'2021-13-01',
			'00.09.2021',
			'первое сентября',
			'01/09/2021',
			'01.09.1999'
		])
			expect(errorsOf({ paperlessSince: bad }).paperlessSince, bad).toBe(
				'Укажите дату в виде ДД.ММ.ГГГГ, например 01.09.2021.'
			);
	});

	it('stores dates as ISO whichever way they were typed', () => {
		expect(valueOf({ paperlessSince: '01.09.2021' }).paperlessSince).toBe('2021-09-01');
		expect(valueOf({ paperlessSince: '2021-09-01' }).paperlessSince).toBe('2021-09-01');
		expect(valueOf({ paperlessSince: '29.02.2024' }).paperlessSince).toBe('2024-02-29');
	});

	it('adds https:// to a website typed without it and keeps the address as typed', () => {
		expect(valueOf({ website: 'school1.ru' }).website).toBe('https://school1.ru');
		expect(valueOf({ website: 'http://School1.RU/about' }).website).toBe('http://School1.RU/about');
		// A Cyrillic domain is accepted and stays readable.
		expect(valueOf({ website: 'школа1.рф' }).website).toBe('https://школа1.рф');
	});

	it('refuses something that is not a site address', () => {
		for (const bad of ['localhost', 'not a site', 'https://', 'школа'])
			expect(errorsOf({ website: bad }).website, bad).toBe(
				'Укажите адрес сайта, например https://school1.ru.'
			);
	});

	it('checks the INN checksum and ignores spaces in it', () => {
		expect(valueOf({ inn: '7707 083 893' }).inn).toBe('7707083893');
		expect(errorsOf({ inn: '7707083894' }).inn).toMatch(/^ИНН неверен/);
		expect(errorsOf({ inn: '12345' }).inn).toMatch(/^ИНН неверен/);
	});

	it('requires the name of the system when the journal system is "other"', () => {
		expect(errorsOf({ journalSystem: 'other' }).journalSystemOther).toBe(
			'Для другой системы укажите её название.'
		);
		expect(
			valueOf({ journalSystem: 'other', journalSystemOther: 'Электронный журнал 2.0' })
		).toMatchObject({
			journalSystem: 'other',
			journalSystemOther: 'Электронный журнал 2.0'
		});
	});

	it('drops the other-system name when a listed system is chosen', () => {
		expect(valueOf({ journalSystem: 'eljur', journalSystemOther: 'что-то' })).toMatchObject({
			journalSystem: 'eljur',
			journalSystemOther: null
		});
	});

	it('refuses a journal system that is not in the list', () => {
		expect(errorsOf({ journalSystem: 'notebook' }).journalSystem).toMatch(
			/^Выберите систему из списка: ЭлЖур, Дневник\.ру/
		);
	});

	it('refuses a time zone that is not one of Russia’s', () => {
		expect(errorsOf({ timeZone: 'Mars/Olympus' }).timeZone).toBe(
			'Выберите часовой пояс из списка.'
		);
		expect(errorsOf({ timeZone: 'Europe/London' }).timeZone).toBe(
			'Выберите часовой пояс из списка.'
		);
		expect(valueOf({ timeZone: 'Asia/Yakutsk' }).timeZone).toBe('Asia/Yakutsk');
	});

	it('lower-cases a slug and refuses one with other characters', () => {
		expect(valueOf({ slug: 'SOSH-1-Saki' }).slug).toBe('sosh-1-saki');
		for (const bad of ['сош-1', 'sosh_1', '-sosh', 'sosh--1', 'sosh 1'])
			expect(errorsOf({ slug: bad }).slug, bad).toMatch(/^Адрес страницы: только латинские буквы/);
	});

	it('reports every wrong field at once, each under its own name', () => {
		const errors = errorsOf({
			fullName: '',
			inn: '1',
			paperlessSince: '31.02.2021',
			timeZone: 'x'
		});
		expect(Object.keys(errors).sort()).toEqual(['fullName', 'inn', 'paperlessSince', 'timeZone']);
	});
});

describe('the discussion minimum', () => {
	it('keeps a week when empty and takes 1 to 60 days', () => {
		expect(valueOf({}).discussionMinDays).toBe(7);
		expect(valueOf({ discussionMinDays: ' 14 ' }).discussionMinDays).toBe(14);
		for (const bad of ['0', '61', '7.5', 'неделя', '-3'])
			expect(errorsOf({ discussionMinDays: bad }).discussionMinDays, bad).toBe(
				'Минимальный срок обсуждения: целое число дней от 1 до 60.'
			);
	});
});

describe('organizationFormDefaults', () => {
	it('gives every field as a string, missing ones empty, so a form can be shown again', () => {
		const defaults = organizationFormDefaults({ shortName: 'СШ' });
		expect(defaults.shortName).toBe('СШ');
		expect(defaults.inn).toBe('');
		expect(Object.keys(defaults)).toHaveLength(15);
	});
});

describe('parseDate', () => {
	it('reads ISO and Russian dates', () => {
		expect(parseDate('2021-09-01')).toBe('2021-09-01');
		expect(parseDate('01.09.2021')).toBe('2021-09-01');
		expect(parseDate('1.9.2021')).toBe('2021-09-01');
		expect(parseDate('29.02.2024')).toBe('2024-02-29');
	});

	it('returns null for dates that do not exist or are out of range', () => {
		for (const bad of [
			'31.02.2021',
			'29.02.2023',
			'31.04.2021',
			'2021-02-30',
			'2021-00-10',
			'32.01.2021',
			'01.09.1999',
			'01.01.2101'
		])
			expect(parseDate(bad), bad).toBeNull();
	});

	it('returns null for anything that is not a date', () => {
		for (const bad of [
			'',
			'вчера',
			'2021/09/01',
			'01-09-2021',
			' 01.09.2021',
			'01.09.21',
			'2021-9-1'
		])
			expect(parseDate(bad), bad).toBeNull();
	});
});

describe('slugify', () => {
	it('transliterates Russian names into readable addresses', () => {
		expect(slugify('МБОУ СОШ № 7 г. Мончегорска')).toBe('mbou-sosh-7-g-monchegorska');
		expect(slugify('Щёлковская школа «Юность»')).toBe('shchelkovskaya-shkola-yunost');
		expect(slugify('Подъезд, объём, Хабаровск, Цна')).toBe('podezd-obem-khabarovsk-tsna');
	});

	it('gives a non-empty, well-formed address for anything', () => {
		expect(slugify('№ !!! »«')).toBe('org');
		expect(slugify('')).toBe('org');
		expect(slugify('  Школа  ')).toBe('shkola');
	});

	it('cuts long names to 70 characters without a trailing hyphen', () => {
		const slug = slugify(
			'Муниципальное бюджетное общеобразовательное учреждение средняя школа номер один'
		);
		expect(slug.length).toBeLessThanOrEqual(70);
		expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
	});
});

describe('childKinds', () => {
	it('follows the authority tree: region → municipality → school', () => {
		expect(childKinds(null)).toEqual(['region']);
		expect(childKinds('region')).toEqual(['municipality', 'school']);
		expect(childKinds('municipality')).toEqual(['school']);
		expect(childKinds('school')).toEqual([]);
	});
});

describe('the region’s law on education', () => {
	it('is kept as cited, and refused with the example when it is not a citation', () => {
		const law =
			'Закон Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»';
		const ok = check({
			fullName: 'Министерство образования',
			shortName: 'Минобр',
			educationLaw: law
		});
		expect(ok.ok && ok.value.educationLaw).toBe(law);
		const bad = check({
			fullName: 'Министерство образования',
			shortName: 'Минобр',
			educationLaw: 'закон об образовании'
		});
		expect(!bad.ok && bad.errors.educationLaw).toMatch(/Укажите закон полностью/);
		const none = check({ fullName: 'Школа', shortName: 'Школа' });
		expect(none.ok && none.value.educationLaw).toBeNull();
	});
});
