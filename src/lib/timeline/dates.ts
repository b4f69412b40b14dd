/** Calendar arithmetic on ISO dates (ГГГГ-ММ-ДД), in UTC so no zone shifts a day. */

const DAY_MS = 86_400_000;

export const isIsoDate = (v: unknown): v is string =>
	typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

const utc = (iso: string) =>
	Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** Days from `a` to `b`: 0 for the same day, negative when `b` is earlier. */
export const daysBetween = (a: string, b: string) => Math.round((utc(b) - utc(a)) / DAY_MS);

/**
 * The same day `n` months later; where that month is shorter, its last day — as ст. 14 ТК РФ
 * counts a term in months.
 */
export function addMonths(iso: string, n: number): string {
	const y = Number(iso.slice(0, 4));
	const m = Number(iso.slice(5, 7)) - 1 + n;
	const d = Number(iso.slice(8, 10));
	const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
	return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}

export const addDays = (iso: string, n: number) =>
	new Date(utc(iso) + n * DAY_MS).toISOString().slice(0, 10);
