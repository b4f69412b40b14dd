/**
 * Working days of the Russian five-day week: weekends and the public holidays of ст. 112 ТК РФ.
 * The government's yearly transfers of days off are not known in advance and are not applied,
 * so a term may come out a day early around a transfer — the safe side for a deadline.
 */
const HOLIDAYS = new Set([
	'01-01',
	'01-02',
	'01-03',
	'01-04',
	'01-05',
	'01-06',
	'01-07',
	'01-08',
	'02-23',
	'03-08',
	'05-01',
	'05-09',
	'06-12',
	'11-04'
]);

export function isWorkingDay(iso: string): boolean {
	const d = new Date(`${iso}T00:00:00Z`);
	const day = d.getUTCDay();
	return day !== 0 && day !== 6 && !HOLIDAYS.has(iso.slice(5, 10));
}

/** The date `n` working days after `iso` (the term starts the day after, as in ст. 191 ГК РФ). */
export function addWorkingDays(iso: string, n: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	let left = n;
	while (left > 0) {
		d.setUTCDate(d.getUTCDate() + 1);
		if (isWorkingDay(d.toISOString().slice(0, 10))) left--;
	}
	return d.toISOString().slice(0, 10);
}
