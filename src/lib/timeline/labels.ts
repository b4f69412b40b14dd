/** Russian words of the timeline check, shared by the server and the pages. */
import { formatDate, pluralForm } from '../format';
import { daysBetween } from './dates';

export const findingSeverityLabels = { error: 'Ошибка', warning: 'Предупреждение' } as const;

export const timelineHeading = 'Проверка дат';

/** «1 день», «2 дня», «5 дней», «21 день». */
export const daysWord = (n: number): string => pluralForm(n, 'день', 'дня', 'дней');

/** «остался 21 день», «осталось 3 дня»: the verb agrees with the number. */
export function daysLeftPhrase(n: number): string {
	const verb = pluralForm(n, 'остался', 'осталось', 'осталось');
	return `${verb} ${n} ${daysWord(n)}`;
}

/** The public page's countdown: «Обсуждение до 10.12.2026, осталось 3 дня» (today counts), or «последний день». */
export function discussionCountdown(endsOn: string, today: string): string {
	const left = daysBetween(today, endsOn) + 1;
	return `Обсуждение до ${formatDate(endsOn)}, ${left <= 1 ? 'последний день' : daysLeftPhrase(left)}`;
}
