import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	SEED_SOURCES,
	formatCatalogueSource,
	formatLegalBasis,
	formatSource,
	formatSources,
	schoolPointOf000
} from '../../src/lib/server/legal/seed-sources';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { readCatalogueFiles } from '../../src/lib/server/checklists/catalogue-file';

const seedText = (file: string) => readFileSync(path.resolve('../shared/seeds', file), 'utf8');
const SEEDS_DIR_EXISTS = (() => {
	try {
		seedText('README.md');
		return true;
	} catch {
		return false;
	}
})();

describe('the table of source documents', () => {
	it('writes each seed document by its kind, issuer, date and number', () => {
		expect(SEED_SOURCES['000'].reference).toBe(
			'Письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14'
		);
		expect(SEED_SOURCES['001'].reference).toBe(
			'Приложение к письму Минобразования Республики Крым от 28.08.2020 № 1536/01-14'
		);
		expect(SEED_SOURCES['002'].reference).toBe(
			'Приказ отдела образования администрации Сакского района Республики Крым от 25.06.2021 № 206'
		);
		expect(SEED_SOURCES['003'].reference).toBe(
			'Приказ Минобрнауки Амурской области от 05.10.2015 № 1281'
		);
		expect(SEED_SOURCES['004'].reference).toMatch(
			/^Презентация Минобрнауки Мурманской области от 12\.10\.2015 «Об апробации безбумажного ведения учета успеваемости/
		);
	});

	// The dates and numbers as the scans print them (002 is OCR'd: «25.06,2021 Nc 206»).
	it.skipIf(!SEEDS_DIR_EXISTS)('takes the dates and numbers from the documents themselves', () => {
		expect(seedText('000_61973e4960105c0c.txt')).toMatch(/10\.02\.2021 470\/01-14/);
		expect(seedText('001_43f6bc991908efb2.txt')).toMatch(/От 28\.08\.2020 № 1536\/01-14/);
		expect(seedText('002_849a558983f07dca.txt')).toMatch(/от 25\.06,2021 Nc 206/);
		expect(seedText('003_ab01f551cf8a5b03.txt')).toMatch(/05\.10\.2015\s+№ 1281/);
		expect(seedText('004_7b3273ab122b328e.txt')).toMatch(/12 октября 2015 года/);
	});
});

describe('formatSources', () => {
	it('reads the letter 000 by its sections and printed numbers', () => {
		expect(formatSource('000 руководителям ОО п. 12')).toBe(
			'Письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14, раздел «Руководителям образовательных организаций-участников», п. 12'
		);
		expect(formatSource('000 (органам управления образованием, п. 2, 6, 8–13)')).toBe(
			'Письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14, раздел «Органам управления образованием», п. 2, 6, 8–13'
		);
	});

	it('reads the annex 001 as the annex to the letter, the point after it', () => {
		expect(formatSource('001 п. 13')).toBe(
			'Приложение к письму Минобразования Республики Крым от 28.08.2020 № 1536/01-14, п. 13'
		);
	});

	it('reads the Saki order 002 without repeating its number', () => {
		expect(
			formatSource(
				'002 приказ отдела образования администрации Сакского района от 25.06.2021 № 206, п. 1–5'
			)
		).toBe(
			'Приказ отдела образования администрации Сакского района Республики Крым от 25.06.2021 № 206, п. 1–5'
		);
		expect(formatSource('002 п. 3.6 приказа № 206')).toBe(
			'Приказ отдела образования администрации Сакского района Республики Крым от 25.06.2021 № 206, п. 3.6'
		);
		expect(formatSource('002 прил. 2 п. 5.2–5.3')).toBe(
			'Приказ отдела образования администрации Сакского района Республики Крым от 25.06.2021 № 206, приложение 2, п. 5.2–5.3'
		);
	});

	it('reads the Amur order 003 by its parts: the regulation, the plan, the annexes', () => {
		expect(formatSource('003 Положение п. 6.3 (гарантии оператора)')).toBe(
			'Приказ Минобрнауки Амурской области от 05.10.2015 № 1281, Положение о проведении эксперимента, п. 6.3 (гарантии оператора)'
		);
		expect(formatSource('003 план мероприятий п. 1, 3')).toBe(
			'Приказ Минобрнауки Амурской области от 05.10.2015 № 1281, план мероприятий, п. 1, 3'
		);
	});

	it('reads the Murmansk presentation 004 by its criteria', () => {
		expect(formatSource('004 критерий 3')).toBe(`${SEED_SOURCES['004'].reference}, критерий 3`);
	});

	it('names a source once and lists its points after it', () => {
		const [letter, ...rest] = formatSources([
			'001 п. 6',
			'000 руководителям ОО п. 12',
			'001 п. 12'
		]);
		expect(letter!.text).toBe(
			'Приложение к письму Минобразования Республики Крым от 28.08.2020 № 1536/01-14: п. 6; п. 12'
		);
		expect(rest.map((r) => r.key)).toEqual(['000']);
		// «000 (…); 000 руководителям ОО п. 3» in one string is the same source twice.
		const [one] = formatSources(['000 (замечания: нет плана); 000 руководителям ОО п. 3']);
		expect(one!.text).toBe(
			'Письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14: замечания по итогам мониторинга — нет плана; раздел «Руководителям образовательных организаций-участников», п. 3'
		);
		expect(one!.brief).toBe(
			'Письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14: замечания по итогам мониторинга; раздел «Руководителям образовательных организаций-участников», п. 3'
		);
	});

	it('reads the legal registry’s keys as their citations, and the region’s own law from its profile', () => {
		expect(formatSource('fz152 ст. 6 ч. 3')).toBe(
			'Федеральный закон от 27.07.2006 № 152-ФЗ «О персональных данных», ст. 6 ч. 3'
		);
		expect(formatSource('pp1802')).toBe(
			'Постановление Правительства Российской Федерации от 20.10.2021 № 1802'
		);
		const law =
			'Закон Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»';
		expect(formatSource('region_education_law', { regionLaw: law })).toBe(law);
		expect(formatSource('region_education_law')).toBe(
			'Закон субъекта Российской Федерации об образовании'
		);
	});

	it('leaves no bare seed number in any template’s sources', () => {
		for (const t of readTemplateLibrary().templates)
			for (const r of formatSources(t.sources)) {
				expect(r.text, t.id).not.toMatch(/^00[0-4]\b|\bсемен?и\b/u);
				expect(r.text, t.id).not.toMatch(/^[a-z]/);
			}
	});
});

describe('catalogue sources', () => {
	it('drop the seed number and the editors’ notes of an issued version', () => {
		const v1 =
			'000 — письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14, раздел «Руководителям образовательных организаций-участников» (в семени нумерация сбита: «1.» трижды, далее «2.»–«17.»; пункты пронумерованы по порядку 1–19)';
		expect(formatCatalogueSource(v1)).toBe(
			'Письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14, раздел «Руководителям образовательных организаций-участников»'
		);
		expect(formatCatalogueSource('на основе: Перечень, версия 2')).toBe(
			'на основе: Перечень, версия 2'
		);
	});

	it('give the printed number of the letter’s school points, the three «1.» told apart', () => {
		expect([1, 2, 3, 4, 19].map(schoolPointOf000)).toEqual([
			'п. 1',
			'п. 1 (второй пункт с этим номером)',
			'п. 1 (третий пункт с этим номером)',
			'п. 2',
			'п. 17'
		]);
		expect(formatSource('000 руководителям ОО, пункт 12 по порядку (в семени «10.»)')).toMatch(
			/раздел «Руководителям образовательных организаций-участников», п\. 10$/
		);
	});

	it('show no editors’ note and no seed number for any item of any version', () => {
		for (const c of readCatalogueFiles().catalogues) {
			expect(formatCatalogueSource(c.source), c.fileName).not.toMatch(/семен?и|^00[0-4]/u);
			for (const i of c.items)
				expect(formatSource(i.source), `${c.fileName} ${i.code}`).not.toMatch(
					/семен?и|^00[0-4]|по порядку/u
				);
		}
	});

	it('spell the laws of an item’s basis out', () => {
		expect(formatLegalBasis('273-ФЗ ст. 28 ч. 3 п. 11; ТК РФ ст. 74')).toBe(
			'Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации», ст. 28 ч. 3 п. 11; Трудовой кодекс Российской Федерации, ст. 74'
		);
		expect(formatLegalBasis('письмо Минобрнауки России от 15.02.2012 № АП-147/07')).toBe(
			'Письмо Минобрнауки России от 15.02.2012 № АП-147/07'
		);
		expect(formatLegalBasis('')).toBe('');
	});
});
