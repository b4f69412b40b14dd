import { describe, expect, it } from 'vitest';
import { parseAuditFilter, startOfDay } from '../../src/lib/server/audit/list-events';

const parse = (query: string) => parseAuditFilter(new URLSearchParams(query));

describe('startOfDay', () => {
	it('finds midnight in Moscow (UTC+3)', () => {
		expect(startOfDay('2024-03-15', 'Europe/Moscow').toISOString()).toBe(
			'2024-03-14T21:00:00.000Z'
		);
	});

	it('finds midnight in Yakutsk and Blagoveshchensk (UTC+9)', () => {
		expect(startOfDay('2024-03-15', 'Asia/Yakutsk').toISOString()).toBe('2024-03-14T15:00:00.000Z');
	});

	it('handles the start of a year and other zones', () => {
		expect(startOfDay('2024-01-01', 'Asia/Yakutsk').toISOString()).toBe('2023-12-31T15:00:00.000Z');
		expect(startOfDay('2024-07-01', 'Europe/Kaliningrad').toISOString()).toBe(
			'2024-06-30T22:00:00.000Z'
		);
		expect(startOfDay('2024-07-01', 'Asia/Kamchatka').toISOString()).toBe(
			'2024-06-30T12:00:00.000Z'
		);
	});

	it('uses the offset in force on that day (Moscow was UTC+4 in 2012)', () => {
		expect(startOfDay('2012-06-01', 'Europe/Moscow').toISOString()).toBe(
			'2012-05-31T20:00:00.000Z'
		);
	});
});

describe('parseAuditFilter', () => {
	it('reads a good filter', () => {
		const { filter, problems } = parse(
			'actor=6b1d3c1e-3f37-4d0e-9c38-2d8f5a1b7c90&entity=organization&from=01.03.2024&to=2024-03-31&page=2'
		);
		expect(problems).toEqual({});
		expect(filter).toEqual({
			actorId: '6b1d3c1e-3f37-4d0e-9c38-2d8f5a1b7c90',
			entityType: 'organization',
			from: '2024-03-01',
			to: '2024-03-31',
			page: 2
		});
	});

	it('has no filter and no problems for an empty query', () => {
		expect(parse('')).toEqual({
			filter: { actorId: null, entityType: null, from: null, to: null, page: 1 },
			problems: {}
		});
	});

	it('drops nonsense and reports it in Russian instead of failing', () => {
		const { filter, problems } = parse(
			"actor=1' or 1=1--&entity=passwords&from=31.02.2024&to=завтра&page=-3"
		);
		expect(filter).toEqual({ actorId: null, entityType: null, from: null, to: null, page: 1 });
		expect(problems).toEqual({
			actor: 'Такого пользователя нет в списке.',
			entity: 'Такого объекта нет в списке.',
			from: 'Дата «с» не распознана: ДД.ММ.ГГГГ.',
			to: 'Дата «по» не распознана: ДД.ММ.ГГГГ.'
		});
	});

	it('refuses an entity that only looks like one, such as a property of every object', () => {
		const { filter, problems } = parse('entity=toString');
		expect(filter.entityType).toBeNull();
		expect(problems.entity).toBe('Такого объекта нет в списке.');
	});

	it('says when the range ends before it starts', () => {
		expect(parse('from=10.03.2024&to=01.03.2024').problems).toEqual({
			to: 'Дата «по» раньше даты «с».'
		});
	});

	it('keeps the page within bounds', () => {
		expect(parse('page=abc').filter.page).toBe(1);
		expect(parse('page=0').filter.page).toBe(1);
		expect(parse('page=99999999999').filter.page).toBe(10_000);
	});
});
