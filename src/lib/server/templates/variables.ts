import { parseDate } from '../orgs/validation';
import { withoutNul, type FieldErrors, type Validated } from '../forms/errors';
import { lookup, person, type Person } from './context';
import type { ModelTemplate, TemplateVariable } from './template-file';

export type VariableValue = string | number | boolean | string[] | Person[];

/** The form field of a variable; prefixed so it never meets the document's own fields. */
export const fieldName = (v: Pick<TemplateVariable, 'name'>) => `var_${v.name}`;

const MAX_LENGTH: Record<string, number> = { string: 500, text: 20_000, list: 20_000, people: 20_000 };

/** What the form shows first: the template's default, or the value found in the context. */
export function defaultFormValues(template: ModelTemplate, scope: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const v of template.variables) {
		const found = v.from ? lookup(scope, v.from) : undefined;
		out[fieldName(v)] = toFormValue(v, found ?? v.default);
	}
	return out;
}

export function toFormValue(v: TemplateVariable, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (v.type === 'people' && Array.isArray(value))
		return value.map((p) => (typeof p === 'string' ? p : [(p as Person).full_name, (p as Person).position].filter(Boolean).join(' — '))).join('\n');
	if (Array.isArray(value)) return value.join('\n');
	if (typeof value === 'boolean') return value ? 'on' : '';
	return String(value);
}

const lines = (raw: string) => raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** Checks every variable against its type; errors are keyed by form field, in Russian. */
export function parseVariableValues(template: ModelTemplate, raw: Record<string, string | undefined>): Validated<Record<string, VariableValue>> {
	const errors: FieldErrors = {};
	const values: Record<string, VariableValue> = {};
	for (const v of template.variables) {
		const key = fieldName(v);
		const input = withoutNul(raw[key] ?? '').trim();
		const max = MAX_LENGTH[v.type];
		if (max && input.length > max) {
			errors[key] = `${v.label}: не больше ${max} символов.`;
			continue;
		}
		if (v.type === 'boolean') {
			values[v.name] = input === 'on' || input === 'true' || input === '1';
			continue;
		}
		if (!input) {
			if (v.required) errors[key] = `Заполните поле «${v.label}».`;
			else values[v.name] = v.type === 'list' || v.type === 'people' ? [] : '';
			continue;
		}
		switch (v.type) {
			case 'string':
			case 'text':
				values[v.name] = input;
				break;
			case 'date': {
				const date = parseDate(input);
				if (date) values[v.name] = date;
				else errors[key] = `${v.label}: укажите дату в виде ДД.ММ.ГГГГ.`;
				break;
			}
			case 'number':
				if (/^-?\d{1,9}$/.test(input)) values[v.name] = Number(input);
				else errors[key] = `${v.label}: укажите целое число.`;
				break;
			case 'select':
				if (v.options!.includes(input)) values[v.name] = input;
				else errors[key] = `${v.label}: выберите значение из списка.`;
				break;
			case 'list':
				values[v.name] = lines(input);
				break;
			case 'people':
				values[v.name] = lines(input).map((line) => {
					const [name, ...position] = line.split(/\s+[—–-]\s+/);
					return person(name!.trim(), position.join(' — ').trim());
				});
				break;
		}
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: values };
}

const DAY = 86_400_000;

/**
 * Plausible dates for these date variables, a week apart from three months ahead, in the order a
 * set keeps them: the contract and the start first, the paperless date last, the rest as declared —
 * so the timeline finds them possible.
 */
export function sampleDates(names: string[], today = new Date().toISOString().slice(0, 10)): Record<string, string> {
	const first = ['contract_date', 'start_date'];
	const last = ['paperless_since', 'paperless_date'];
	const rank = (name: string) => (first.includes(name) ? first.indexOf(name) - first.length : last.includes(name) ? 1000 + last.indexOf(name) : 0);
	const order = [...names].sort((a, b) => rank(a) - rank(b) || names.indexOf(a) - names.indexOf(b));
	const from = Date.parse(today);
	return Object.fromEntries(order.map((name, i) => [name, new Date(from + (90 + 7 * i) * DAY).toISOString().slice(0, 10)]));
}

/** Plausible values for every variable, for checking that a template renders at all. */
export function sampleValues(template: ModelTemplate, scope: Record<string, unknown>): Record<string, string> {
	const form = defaultFormValues(template, scope);
	const dates = sampleDates(
		template.variables.filter((v) => v.type === 'date').map((v) => v.name),
		typeof scope.today === 'string' ? scope.today : undefined
	);
	for (const v of template.variables) {
		const key = fieldName(v);
		if (form[key]) continue;
		form[key] = {
			string: 'Образец',
			text: 'Образец текста.',
			date: dates[v.name]!,
			number: '1',
			boolean: 'on',
			select: v.options?.[0] ?? '',
			list: 'Первый пункт\nВторой пункт',
			people: 'Иванова Мария Петровна — учитель\nПетров Иван Сергеевич — заместитель директора'
		}[v.type];
	}
	return form;
}
