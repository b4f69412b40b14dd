import { describe, expect, it } from 'vitest';
import { countPhrase, pluralForm } from '../../src/lib/format';
import { contractStatusLabels } from '../../src/lib/contracts/labels';
import { daysLeftPhrase, daysWord } from '../../src/lib/timeline/labels';

describe('a count meets a noun', () => {
	it('takes the Russian form for the number', () => {
		const acts = (n: number) => pluralForm(n, 'акт', 'акта', 'актов');
		expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1240].map(acts)).toEqual([
			'акт',
			'акта',
			'акта',
			'актов',
			'актов',
			'актов',
			'актов',
			'акт',
			'акта',
			'актов',
			'акт',
			'актов',
			'актов'
		]);
		expect(countPhrase(1240, 'школа', 'школы', 'школ')).toBe('1\u202f240 школ');
		expect(countPhrase(21, 'организации', 'организаций', 'организаций')).toBe('21 организации');
	});

	it('in the labels that count', () => {
		expect([1, 3, 5, 21].map(daysWord)).toEqual(['день', 'дня', 'дней', 'день']);
		expect(daysLeftPhrase(21)).toMatch(/^остался 21 день/);
		expect(daysLeftPhrase(3)).toMatch(/^осталось 3 дня/);
		expect(contractStatusLabels.incomplete(1)).toBe('есть, не хватает 1 гарантии');
		expect(contractStatusLabels.incomplete(3)).toBe('есть, не хватает 3 гарантий');
	});
});
