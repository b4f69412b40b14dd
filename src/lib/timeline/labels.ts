/** Russian words of the timeline check, shared by the server and the pages. */
import { formatDate } from '../format';
import { daysBetween } from './dates';

export const findingSeverityLabels = { error: 'Ошибка', warning: 'Предупреждение' } as const;

export const timelineHeading = 'Проверка дат';

/** «1 день», «2 дня», «5 дней», «21 день». */
export function daysWord(n: number): string {
	const tens = n % 100;
	const ones = n % 10;
	if (tens >= 11 && tens <= 14) return 'дней';
	if (ones === 1) return 'день';
	if (ones >= 2 && ones <= 4) return 'дня';
	return 'дней';
}

/** «остался 21 день», «осталось 3 дня»: the verb agrees with the number. */
export function daysLeftPhrase(n: number): string {
	const verb = n % 10 === 1 && n % 100 !== 11 ? 'остался' : 'осталось';
	return `${verb} ${n} ${daysWord(n)}`;
}

/** The public page's countdown: «Обсуждение до 10.12.2026, осталось 3 дня» (today counts), or «последний день». */
export function discussionCountdown(endsOn: string, today: string): string {
	const left = daysBetween(today, endsOn) + 1;
	return `Обсуждение до ${formatDate(endsOn)}, ${left <= 1 ? 'последний день' : daysLeftPhrase(left)}`;
}
