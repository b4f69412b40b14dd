import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from '../../src/lib/working-days';
import { PUBLICATION_TERM_WORKING_DAYS } from '../../src/lib/workflow/labels';

describe('isWorkingDay', () => {
	it('takes weekdays and refuses Saturdays and Sundays', () => {
		expect(isWorkingDay('2026-09-04')).toBe(true); // Friday
		expect(isWorkingDay('2026-09-05')).toBe(false); // Saturday
		expect(isWorkingDay('2026-09-06')).toBe(false); // Sunday
		expect(isWorkingDay('2026-09-07')).toBe(true); // Monday
	});

	it('refuses the public holidays of ст. 112 ТК РФ that fall on weekdays', () => {
		for (const day of [
			'2026-01-01',
			'2026-01-02',
			'2026-01-05',
			'2026-01-06',
			'2026-01-07',
			'2026-01-08'
		])
			expect(isWorkingDay(day), day).toBe(false);
		expect(isWorkingDay('2026-01-09')).toBe(true); // Friday after the New Year holidays
		expect(isWorkingDay('2027-02-23')).toBe(false); // Tuesday
		expect(isWorkingDay('2027-03-08')).toBe(false); // Monday
		expect(isWorkingDay('2026-05-01')).toBe(false); // Friday
		expect(isWorkingDay('2028-05-09')).toBe(false); // Tuesday
		expect(isWorkingDay('2026-06-12')).toBe(false); // Friday
		expect(isWorkingDay('2026-11-04')).toBe(false); // Wednesday
		expect(isWorkingDay('2026-11-05')).toBe(true);
	});
});

describe('addWorkingDays', () => {
	it('starts the term on the next day and skips weekends', () => {
		expect(addWorkingDays('2026-09-01', 0)).toBe('2026-09-01');
		expect(addWorkingDays('2026-09-01', 1)).toBe('2026-09-02');
		expect(addWorkingDays('2026-09-04', 1)).toBe('2026-09-07'); // Friday → Monday
		expect(addWorkingDays('2026-09-05', 1)).toBe('2026-09-07'); // from a Saturday
		expect(addWorkingDays('2026-09-01', PUBLICATION_TERM_WORKING_DAYS)).toBe('2026-09-15');
	});

	it('crosses the May holidays', () => {
		// 1 May (Friday) is a holiday, 2–3 May a weekend: 4, 5, 6, 7, 8 May.
		expect(addWorkingDays('2026-04-30', 5)).toBe('2026-05-08');
		// 9–10 May fall on the weekend: the 10 days end on 15 May.
		expect(addWorkingDays('2026-04-30', PUBLICATION_TERM_WORKING_DAYS)).toBe('2026-05-15');
	});

	it('crosses the New Year holidays of 1–8 January', () => {
		expect(addWorkingDays('2025-12-30', 1)).toBe('2025-12-31');
		expect(addWorkingDays('2025-12-30', 2)).toBe('2026-01-09');
		expect(addWorkingDays('2025-12-26', PUBLICATION_TERM_WORKING_DAYS)).toBe('2026-01-19');
	});

	it('skips 8 March and 4 November', () => {
		expect(addWorkingDays('2027-03-05', 1)).toBe('2027-03-09'); // Friday; Monday 8 March is a holiday
		expect(addWorkingDays('2026-11-03', 1)).toBe('2026-11-05');
	});
});
