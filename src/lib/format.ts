/** ДД.ММ.ГГГГ from an ISO date (ГГГГ-ММ-ДД) or an instant shown in a time zone. */
export function formatDate(
	value: string | Date | null | undefined,
	timeZone = 'Europe/Moscow'
): string {
	if (!value) return '';
	if (typeof value === 'string') {
		const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
		return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
	}
	return new Intl.DateTimeFormat('ru-RU', {
		timeZone,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).format(value);
}

/** ДД.ММ.ГГГГ ЧЧ:ММ in the organisation's zone. */
export function formatDateTime(value: Date | string, timeZone = 'Europe/Moscow'): string {
	const d = typeof value === 'string' ? new Date(value) : value;
	return new Intl.DateTimeFormat('ru-RU', {
		timeZone,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	})
		.format(d)
		.replace(',', '');
}

/** Today's calendar date (ГГГГ-ММ-ДД) where the organisation is: deadlines are local days. */
export function todayIn(timeZone = 'Europe/Moscow', now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

const russianPlural = new Intl.PluralRules('ru-RU');

/** The noun's form for a count, by Russian plural rules: 1 акт, 3 акта, 5 актов, 21 акт, 11 актов. */
export function pluralForm(n: number, one: string, few: string, many: string): string {
	const category = russianPlural.select(n);
	return category === 'one' ? one : category === 'few' ? few : many;
}

/** «1 акт», «3 акта», «1 240 актов»: the number grouped by thin spaces, the noun agreeing with it. */
export function countPhrase(n: number, one: string, few: string, many: string): string {
	return `${n.toLocaleString('ru-RU').replace(/\s/g, '\u202f')} ${pluralForm(n, one, few, many)}`;
}
