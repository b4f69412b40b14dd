import { z } from 'zod';
import { journalSystemLabels, timeZones } from '../../orgs/labels';
import { isValidInn } from './inn';
import { journalSystem, type JournalSystem } from '../db/schema';

const zoneIds = new Set<string>(timeZones.map(([id]) => id));

const optionalText = (max: number, label: string) =>
	z
		.string()
		.trim()
		.max(max, `${label}: не больше ${max} символов.`)
		.transform((v) => (v === '' ? null : v));

const requiredText = (max: number, missing: string, label: string) =>
	z.string().trim().min(1, missing).max(max, `${label}: не больше ${max} символов.`);

export const DISCUSSION_MIN_DAYS_DEFAULT = 7;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Accepts ГГГГ-ММ-ДД (date fields) and ДД.ММ.ГГГГ (typed by people and in CSV files). */
export function parseDate(value: string): string | null {
	const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
	let y: number, m: number, d: number;
	if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else if (ru) [y, m, d] = [Number(ru[3]), Number(ru[2]), Number(ru[1])];
	else return null;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
		return null;
	if (y < 2000 || y > 2100) return null;
	return date.toISOString().slice(0, 10);
}

const organizationFields = z.object({
	fullName: requiredText(500, 'Укажите полное наименование.', 'Полное наименование'),
	shortName: requiredText(200, 'Укажите краткое наименование.', 'Краткое наименование'),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.max(80, 'Адрес страницы: не больше 80 символов.')
		.refine((v) => v === '' || SLUG_PATTERN.test(v), {
			message: 'Адрес страницы: только латинские буквы, цифры и дефисы, например sosh-1-saki.'
		}),
	headName: optionalText(200, 'ФИО руководителя'),
	headPosition: optionalText(200, 'Должность руководителя'),
	address: optionalText(500, 'Адрес'),
	website: z
		.string()
		.trim()
		.max(300, 'Сайт: не больше 300 символов.')
		.transform((v, ctx) => {
			if (v === '') return null;
			const withScheme = /^https?:\/\//i.test(v) ? v : `https://${v}`;
			try {
				const url = new URL(withScheme);
				if (!url.hostname.includes('.') || /\s/.test(withScheme)) throw new Error('no domain');
				// Kept as typed, so a Cyrillic domain stays readable rather than punycode.
				return withScheme;
			} catch {
				ctx.addIssue({
					code: 'custom',
					message: 'Укажите адрес сайта, например https://school1.ru.'
				});
				return z.NEVER;
			}
		}),
	inn: z
		.string()
		.trim()
		.transform((v) => v.replace(/\s/g, ''))
		.refine((v) => v === '' || isValidInn(v), {
			message:
				'ИНН неверен: 10 цифр для организации (12 для физического лица) с верной контрольной суммой.'
		})
		.transform((v) => (v === '' ? null : v)),
	journalSystem: z
		.string()
		.trim()
		.refine((v) => v === '' || (journalSystem.enumValues as readonly string[]).includes(v), {
			message: `Выберите систему из списка: ${Object.values(journalSystemLabels).join(', ')}.`
		})
		.transform((v) => (v === '' ? null : (v as JournalSystem))),
	journalSystemOther: optionalText(200, 'Название системы'),
	founderName: optionalText(500, 'Учредитель'),
	// A region's own law on education, cited by the acts of its schools; a CSV import of schools has no such column.
	educationLaw: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim())
		.refine((v) => v === '' || (v.length <= 600 && /\sот\s\d{2}\.\d{2}\.\d{4}\s№\s\S+/.test(v)), {
			message:
				'Укажите закон полностью, как он цитируется: «Закон Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»».'
		})
		.transform((v) => (v === '' ? null : v)),
	paperlessSince: z
		.string()
		.trim()
		.transform((v, ctx) => {
			if (v === '') return null;
			const date = parseDate(v);
			if (!date) {
				ctx.addIssue({
					code: 'custom',
					message: 'Укажите дату в виде ДД.ММ.ГГГГ, например 01.09.2021.'
				});
				return z.NEVER;
			}
			return date;
		}),
	timeZone: z
		.string()
		.trim()
		.transform((v) => (v === '' ? 'Europe/Moscow' : v))
		.refine((v) => zoneIds.has(v), { message: 'Выберите часовой пояс из списка.' }),
	// Empty (a CSV import, a new organisation) keeps the default of a week.
	// Optional: a CSV import of schools has no such column, and gets the default.
	discussionMinDays: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim() || String(DISCUSSION_MIN_DAYS_DEFAULT))
		.refine((v) => /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 60, {
			message: 'Минимальный срок обсуждения: целое число дней от 1 до 60.'
		})
		.transform(Number)
});

export const organizationInput = organizationFields
	.superRefine((v, ctx) => {
		if (v.journalSystem === 'other' && !v.journalSystemOther)
			ctx.addIssue({
				code: 'custom',
				path: ['journalSystemOther'],
				message: 'Для другой системы укажите её название.'
			});
	})
	.transform((v) => ({
		...v,
		journalSystemOther: v.journalSystem === 'other' ? v.journalSystemOther : null
	}));

/** A profile built in code may leave the discussion minimum out: the database default (7) applies. */
export type OrganizationInput = Omit<
	z.output<typeof organizationInput>,
	'discussionMinDays' | 'educationLaw'
> & { discussionMinDays?: number; educationLaw?: string | null };

/** Form fields as strings; missing ones count as empty. */
export function organizationFormDefaults(raw: Record<string, string | undefined>) {
	const keys = Object.keys(organizationFields.shape) as (keyof OrganizationInput)[];
	return Object.fromEntries(keys.map((k) => [k, raw[k] ?? ''])) as Record<
		keyof OrganizationInput,
		string
	>;
}
