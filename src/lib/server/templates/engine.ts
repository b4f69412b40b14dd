import { Liquid, type Context } from 'liquidjs';
import { formatDate } from '../../format';
import { declineFullName, declineInitials, declineInitialsFirst, declinePosition, isGramCase, surnameAndInitials, type GramCase, type PositionForms } from '../../russian/cases';
import { declineCitation, legalSource } from '../legal/sources';

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** «01» сентября 2021 г. — the long date of Russian official documents. */
export function longDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
	if (!m) return String(iso);
	return `«${m[3]}» ${MONTHS[Number(m[2]) - 1]} ${m[1]} г.`;
}

/** «Ковальчук Елена Викторовна» → «Ковальчук Е.В.»; a Turkic «… Рустем кызы» gives one letter for the patronymic. */
export function initials(fullName: string): string {
	const { surname, letters } = surnameAndInitials(String(fullName));
	return letters.length ? `${surname} ${letters.join('')}` : surname;
}

/** «Ковальчук Елена Викторовна» → «Е.В. Ковальчук», as under a signature. */
export function initialsFirst(fullName: string): string {
	const { surname, letters } = surnameAndInitials(String(fullName));
	return letters.length ? `${letters.join('')} ${surname}` : surname;
}

/** A person as templates see them: from a `people` variable, the working group or the director. */
interface PersonValue {
	full_name: string;
	position?: string;
	position_forms?: PositionForms | null;
}

function gramCase(value: unknown, filter: string): GramCase {
	if (!isGramCase(value)) throw new Error(`фильтру ${filter} нужен падеж: nom, gen, dat, acc, ins или pre («${String(value)}» — не падеж).`);
	return value;
}

function fullNameOf(v: unknown): string {
	return typeof v === 'string' ? v : String((v as PersonValue | null)?.full_name ?? '');
}

/**
 * The position in the case asked: the form kept on the person's record (or on any record of the
 * organisation with the same position, which the scope lists), else the rules' form.
 */
export function positionIn(v: unknown, c: GramCase, known: Record<string, PositionForms> = {}): string {
	const p = (typeof v === 'string' ? { full_name: '', position: v } : (v ?? {})) as PersonValue;
	const position = String(p.position ?? '').trim();
	if (!position) return '';
	if (c === 'nom') return declinePosition(position, c);
	const kept = p.position_forms?.[c] ?? known[position.toLowerCase()]?.[c];
	return kept?.trim() || declinePosition(position, c);
}

function knownForms(context: Context): Record<string, PositionForms> {
	try {
		return (context.getSync(['position_forms']) as Record<string, PositionForms> | undefined) ?? {};
	} catch {
		return {};
	}
}

/** The filters that put a person into a sentence; the template check wants one on every person inserted. */
export const PERSON_FILTERS = ['person', 'person_name', 'person_initials', 'person_initials_first', 'person_position', 'initials', 'initials_first'] as const;

function citation(context: Context, key: unknown, c: GramCase, short: boolean): string {
	const source = legalSource(String(key));
	if (source.from_profile) {
		let value: unknown;
		try {
			value = context.getSync(source.from_profile.split('.'));
		} catch {
			value = undefined;
		}
		// A region that has not named its law yet gets the general reference, never a blank or an invented act.
		return declineCitation(typeof value === 'string' && value.trim() ? value.trim() : source.citation, c);
	}
	return short ? declineCitation(source.short, c) : declineCitation(source.citation, c);
}

/** Strict Liquid: an unknown variable or filter is an error that names it, never a blank. */
export function createLiquid(): Liquid {
	const liquid = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true, cache: true });
	liquid.registerFilter('date_ru', (v: string) => formatDate(String(v)));
	liquid.registerFilter('date_long', (v: string) => longDate(v));
	liquid.registerFilter('initials', (v: string) => initials(fullNameOf(v)));
	liquid.registerFilter('initials_first', (v: string) => initialsFirst(fullNameOf(v)));
	// «назначить {{ p | person: "acc" }}» → «назначить Алиеву З. Р., учителя информатики».
	liquid.registerFilter('person', function (this: { context: Context }, v: unknown, c: unknown) {
		const k = gramCase(c, 'person');
		const position = positionIn(v, k, knownForms(this.context));
		return `${declineInitials(fullNameOf(v), k)}${position ? `, ${position}` : ''}`;
	});
	liquid.registerFilter('person_name', (v: unknown, c: unknown) => declineFullName(fullNameOf(v), gramCase(c, 'person_name')));
	liquid.registerFilter('person_initials', (v: unknown, c: unknown) => declineInitials(fullNameOf(v), gramCase(c, 'person_initials')));
	liquid.registerFilter('person_initials_first', (v: unknown, c: unknown) => declineInitialsFirst(fullNameOf(v), gramCase(c, 'person_initials_first')));
	liquid.registerFilter('person_position', function (this: { context: Context }, v: unknown, c: unknown) {
		return positionIn(v, gramCase(c, 'person_position'), knownForms(this.context));
	});
	// «{{ "fz152" | law: "ins" }}» → «Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных»».
	liquid.registerFilter('law', function (this: { context: Context }, key: unknown, c: unknown = 'nom') {
		return citation(this.context, key, gramCase(c, 'law'), false);
	});
	liquid.registerFilter('law_short', function (this: { context: Context }, key: unknown, c: unknown = 'nom') {
		return citation(this.context, key, gramCase(c, 'law_short'), true);
	});
	liquid.registerFilter('upcase_first', (v: unknown) => {
		const t = String(v ?? '');
		return t.charAt(0).toUpperCase() + t.slice(1);
	});
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
		const legal = /(Источник «[^»]+» [^\n]*)/.exec(message)?.[1];
		if (legal) throw new TemplateRenderError(legal.replace(/, line:\d+, col:\d+$/, ''), null);
		throw new TemplateRenderError(`Шаблон не удалось заполнить: ${message}`, null);
	}
}
