import { describe, expect, it } from 'vitest';
import { columnQuery, parseColumnChoice } from '../../src/lib/tables/columns';
import {
	overviewColumnChoice,
	overviewQuery,
	shownOverviewColumns,
	defaultOverviewParams
} from '../../src/lib/monitoring/query';
import { overviewColumns } from '../../src/lib/server/monitoring/exports';
import type { Organization } from '../../src/lib/server/db/schema';
import {
	overviewColumnLabels,
	overviewDefaultColumns,
	overviewNumericColumns,
	overviewSortKeys
} from '../../src/lib/monitoring/labels';

const known = ['name', 'a', 'b', 'c'] as const;

describe('parseColumnChoice', () => {
	it('keeps the known keys asked for, in the table order, once, with the name always', () => {
		expect(parseColumnChoice(['c,a', 'a'], known, ['name', 'b'], ['name'])).toEqual({
			columns: ['name', 'a', 'c'],
			chosen: true
		});
		expect(parseColumnChoice([' b , c '], known, ['name'], ['name']).columns).toEqual([
			'name',
			'b',
			'c'
		]);
	});

	it('ignores unknown keys and falls back to the defaults when nothing known is asked', () => {
		expect(
			parseColumnChoice(['a,<script>,constructor,__proto__'], known, ['name', 'b'], ['name'])
				.columns
		).toEqual(['name', 'a']);
		expect(parseColumnChoice([], known, ['name', 'b'], ['name'])).toEqual({
			columns: ['name', 'b'],
			chosen: false
		});
		expect(parseColumnChoice(['', ',,', 'zzz'], known, ['name', 'b'], ['name'])).toEqual({
			columns: ['name', 'b'],
			chosen: false
		});
		// Asking only for the column that is always there is no choice.
		expect(parseColumnChoice(['name'], known, ['name', 'b'], ['name'])).toEqual({
			columns: ['name', 'b'],
			chosen: false
		});
	});

	it('gives a link value only for a choice other than the default', () => {
		expect(columnQuery(['name', 'b'], ['name', 'b'])).toBe('');
		expect(columnQuery(['name', 'a'], ['name', 'b'])).toBe('name,a');
		expect(columnQuery(['name'], ['name', 'b'])).toBe('name');
	});
});

describe('monitoring columns', () => {
	it('names every column once, and the defaults and figures are columns of the table', () => {
		expect(Object.keys(overviewColumnLabels)).toEqual([...overviewSortKeys]);
		for (const key of [...overviewDefaultColumns, ...overviewNumericColumns])
			expect(overviewSortKeys).toContain(key);
		expect(overviewDefaultColumns[0]).toBe('name');
	});

	it('shows the defaults until a person picks, the municipality column to the region only', () => {
		expect(overviewColumnChoice([], true)).toBeNull();
		expect(shownOverviewColumns(defaultOverviewParams, true)).toEqual([...overviewDefaultColumns]);
		expect(shownOverviewColumns(defaultOverviewParams, false)).toEqual(
			overviewDefaultColumns.filter((k) => k !== 'municipality')
		);
		expect(overviewColumnChoice(['municipality,overdue'], false)).toEqual(['name', 'overdue']);
		expect(overviewColumnChoice(['municipality'], false)).toBeNull();
		expect(overviewColumnChoice(['municipality', 'overdue'], true)).toEqual([
			'name',
			'municipality',
			'overdue'
		]);
		// The picker sends the default set when the person changes nothing: the address stays short.
		expect(overviewColumnChoice([...overviewDefaultColumns], true)).toBeNull();
	});

	it('carries a choice through sort links, pages and the export', () => {
		const params = {
			...defaultOverviewParams,
			columns: overviewColumnChoice(['paperless,personalData'], false)
		};
		expect(overviewQuery(params, { page: 2 })).toBe('cols=name%2Cpaperless%2CpersonalData&page=2');
		expect(overviewQuery(defaultOverviewParams)).toBe('');
	});

	it('gives the download the picked columns, every column when none was picked', () => {
		const municipality = { kind: 'municipality', timeZone: 'Europe/Moscow' } as Organization;
		const region = { kind: 'region', timeZone: 'Europe/Moscow' } as Organization;
		const headersOf = (org: Organization, raw: string[]) =>
			overviewColumns(org, overviewColumnChoice(raw, org.kind === 'region')).map((c) => c.header);
		expect(headersOf(municipality, ['paperless,progress'])).toEqual([
			'Организация',
			'Выполнено, %',
			'Пунктов всего',
			'Без бумаги с'
		]);
		expect(headersOf(municipality, ['nonsense'])).toEqual(
			overviewColumns(municipality).map((c) => c.header)
		);
		expect(headersOf(municipality, [])).not.toContain('Муниципалитет');
		expect(headersOf(region, [])).toContain('Муниципалитет');
		expect(headersOf(region, [])).toContain('Комплект по ПДн');
	});
});
