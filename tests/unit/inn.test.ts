import { describe, expect, it } from 'vitest';
import { isValidInn } from '../../src/lib/server/orgs/inn';

describe('isValidInn', () => {
	it('accepts real 10-digit INNs of organisations', () => {
		expect(isValidInn('7707083893')).toBe(true); // ПАО Сбербанк
		expect(isValidInn('7736207543')).toBe(true); // ООО «Яндекс»
		expect(isValidInn('7736050003')).toBe(true); // ПАО «Газпром»
	});

	it('accepts a 12-digit INN of a person with both control digits right', () => {
		expect(isValidInn('500100732259')).toBe(true);
	});

	it('rejects a wrong control digit', () => {
		expect(isValidInn('7707083894')).toBe(false);
		expect(isValidInn('7707083890')).toBe(false);
	});

	it('rejects a 12-digit INN when either control digit is wrong', () => {
		expect(isValidInn('500100732250')).toBe(false); // last digit
		expect(isValidInn('500100732269')).toBe(false); // eleventh digit
	});

	it('rejects wrong lengths and non-digits', () => {
		for (const bad of [
			'',
			'770708389',
			'77070838933',
			'7707o83893',
			'7707 083893',
			'-707083893',
			'5001007322590'
		])
			expect(isValidInn(bad), bad).toBe(false);
	});
});
