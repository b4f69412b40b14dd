import { Liquid } from 'liquidjs';
import { formatDate } from '../../format';

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** «01» сентября 2021 г. — the long date of Russian official documents. */
export function longDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
	if (!m) return String(iso);
	return `«${m[3]}» ${MONTHS[Number(m[2]) - 1]} ${m[1]} г.`;
}

/** «Ковальчук Елена Викторовна» → «Ковальчук Е.В.» */
export function initials(fullName: string): string {
	const [surname, ...rest] = String(fullName).trim().split(/\s+/);
	if (!surname) return '';
	const letters = rest.map((p) => `${p[0]!.toUpperCase()}.`).join('');
	return letters ? `${surname} ${letters}` : surname;
}

/** «Ковальчук Елена Викторовна» → «Е.В. Ковальчук», as under a signature. */
export function initialsFirst(fullName: string): string {
	const [surname, ...rest] = String(fullName).trim().split(/\s+/);
	if (!surname) return '';
	const letters = rest.map((p) => `${p[0]!.toUpperCase()}.`).join('');
	return letters ? `${letters} ${surname}` : surname;
}

/** Strict Liquid: an unknown variable or filter is an error that names it, never a blank. */
export function createLiquid(): Liquid {
	const liquid = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true, cache: true });
	liquid.registerFilter('date_ru', (v: string) => formatDate(String(v)));
	liquid.registerFilter('date_long', (v: string) => longDate(v));
	liquid.registerFilter('initials', (v: string) => initials(v));
	liquid.registerFilter('initials_first', (v: string) => initialsFirst(v));
	return liquid;
}

export const liquid = createLiquid();

export class TemplateRenderError extends Error {
	constructor(
		message: string,
		public readonly variable: string | null
	) {
		super(message);
		this.name = 'TemplateRenderError';
	}
}

/** Renders a Liquid body; an undefined variable becomes a Russian error naming it. */
export async function renderLiquid(body: string, scope: Record<string, unknown>): Promise<string> {
	try {
		return await liquid.parseAndRender(body, scope);
	} catch (e) {
		const message = (e as Error).message ?? String(e);
		const undefinedVar = /undefined variable: ([\w.[\]'"]+)/i.exec(message)?.[1] ?? null;
		if (undefinedVar)
			throw new TemplateRenderError(`В шаблоне используется значение «${undefinedVar}», но оно не задано.`, undefinedVar);
		throw new TemplateRenderError(`Шаблон не удалось заполнить: ${message}`, null);
	}
}
