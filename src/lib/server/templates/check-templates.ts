import type { Organization } from '../db/schema';
import { legalRegistry, type LegalRegistry } from '../legal/sources';
import { PERSON_FILTERS } from './engine';
import { DEMO_SCHOOL_SLUG, demoAccounts, demoRegions } from '../demo/demo-data';
import { templateContext } from './context';
import { fillTemplate } from './fill-template';
import type { TemplateLibrary } from './library';
import { defaultFormValues, fieldName, parseVariableValues, sampleValues } from './variables';

function demoOrganization(kind: 'school' | 'municipality'): { org: Organization; parent: Organization } {
	const region = demoRegions[0]!;
	const municipality = region.municipalities[0]!;
	const school = municipality.schools.find((s) => s.slug === DEMO_SCHOOL_SLUG)!;
	const base = { id: crypto.randomUUID(), parentId: null, path: '/', headPosition: 'Директор', website: 'https://school.example.ru', inn: '9107012345', journalSystemOther: null, timeZone: region.timeZone, readinessPublic: false, founderName: 'Администрация Сакского района Республики Крым', educationLaw: null, orderSeries: [{ suffix: '-о', title: 'по основной деятельности' }], discussionMinDays: 7, createdAt: new Date(), updatedAt: new Date() };
	const parentOf = (p: { fullName: string; shortName: string; slug: string }, k: Organization['kind']): Organization => ({ ...base, ...p, kind: k, headName: null, address: null, journalSystem: null, paperlessSince: null });
	if (kind === 'municipality')
		return {
			org: { ...base, kind, fullName: municipality.fullName, shortName: municipality.shortName, slug: municipality.slug, headName: 'Мельник Марина Андреевна', headPosition: 'Начальник отдела образования', address: 'Республика Крым, г. Саки, ул. Ленина, д. 15', journalSystem: 'eljur', paperlessSince: null },
			parent: parentOf(region, 'region')
		};
	return {
		org: { ...base, kind, fullName: school.fullName, shortName: school.shortName, slug: school.slug, headName: school.headName ?? null, address: '296540, Республика Крым, Сакский район, пгт Новофедоровка, ул. Школьная, д. 1', journalSystem: 'eljur', paperlessSince: school.paperlessSince ?? null },
		parent: parentOf(municipality, 'municipality')
	};
}

/** The scope the demo school or district office would give a template, without a database. */
export function demoScope(kind: 'school' | 'municipality') {
	const { org, parent } = demoOrganization(kind);
	const people = demoAccounts.filter((a) => a.role === 'working_group').map((a) => ({ fullName: a.fullName, position: a.position }));
	return templateContext({ org, parent, region: { educationLaw: demoRegions[0]!.educationLaw ?? null }, director: { fullName: org.headName!, position: org.headPosition }, members: people, founderAgreement: kind === 'school' ? { number: '01-12/345', date: '2021-08-20' } : null, today: '2026-11-21' });
}

/**
 * Renders every template twice with the demo organisation: with every variable filled, and with
 * only the required ones. Returns Russian problems naming the template; none means all render.
 */
export async function checkTemplates(library: TemplateLibrary, registry: LegalRegistry = legalRegistry()): Promise<string[]> {
	const problems = [...library.problems, ...registry.problems, ...setProblems(library)];
	for (const t of library.templates) {
		for (const p of sourceProblems(t.sources, registry)) problems.push(`${t.id}: ${p}`);
		for (const p of citationProblems(t.body)) problems.push(`${t.id}: ${p}`);
		for (const p of personProblems(t.body)) problems.push(`${t.id}: ${p}`);
		const scope = demoScope(t.level);
		const full = parseVariableValues(t, sampleValues(t, scope));
		if (!full.ok) {
			problems.push(`${t.id}: образцовые значения не прошли проверку: ${Object.values(full.errors).join(' ')}`);
			continue;
		}
		const minimalForm = sampleValues(t, scope);
		const defaults = defaultFormValues(t, scope);
		for (const v of t.variables) if (!v.required && !defaults[fieldName(v)]) minimalForm[fieldName(v)] = '';
		const minimal = parseVariableValues(t, minimalForm);
		for (const [label, values] of [['все поля заполнены', full.value], ['только обязательные', minimal.ok ? minimal.value : null]] as const) {
			if (!values) continue;
			try {
				const text = await fillTemplate(t, scope, values);
				if (/\{\{|\{%/.test(text)) problems.push(`${t.id} (${label}): в тексте остались теги Liquid.`);
				if (text.trim().length < 200) problems.push(`${t.id} (${label}): текст подозрительно короткий.`);
				for (const p of nestingProblems(text)) problems.push(`${t.id} (${label}): ${p}`);
			} catch (e) {
				problems.push(`${t.id} (${label}): ${(e as Error).message}`);
			}
		}
	}
	return problems;
}

/**
 * Markdown nests a list item only when it is indented as far as its parent's text begins:
 * under «10. » that is 4 spaces, not 3. Lines indented less are silently made top-level clauses.
 */
export function nestingProblems(text: string): string[] {
	const problems: string[] = [];
	const parents: { indent: number; contentAt: number; marker: string }[] = [];
	for (const line of text.split('\n')) {
		const m = /^( *)(\d+[.)]|[-*+]) +\S/.exec(line);
		if (!m) {
			if (line.trim() === '' || /^\S/.test(line)) parents.length = line.trim() === '' ? parents.length : 0;
			continue;
		}
		const indent = m[1]!.length;
		while (parents.length && indent <= parents[parents.length - 1]!.indent) parents.pop();
		const parent = parents[parents.length - 1];
		if (parent && indent > parent.indent && indent < parent.contentAt)
			problems.push(`подпункт «${line.trim().slice(0, 40)}» под пунктом «${parent.marker}» сдвинут на ${indent} пробела, нужно ${parent.contentAt}.`);
		parents.push({ indent, contentAt: indent + m[2]!.length + 1, marker: m[2]! });
	}
	return problems;
}

const SEED = /^00[0-4](\s|$)/;

/** Each source is a seed («001 п. 13») or a key of the legal registry in force («fz152 ст. 6 ч. 3»). */
export function sourceProblems(sources: string[], registry: LegalRegistry): string[] {
	const problems: string[] = [];
	for (const source of sources) {
		if (SEED.test(source)) continue;
		const key = source.split(/\s/)[0]!;
		const found = registry.sources.get(key);
		if (!found) problems.push(`источник «${source}»: начните с номера семени (000–004) или с ключа реестра правовых источников; «${key}» в реестре нет.`);
		else if (!found.in_force) problems.push(`источник «${source}»: «${key}» утратил силу${found.replaced_by ? `, замените на «${found.replaced_by}»` : ''}.`);
	}
	return problems;
}

/** The text outside Liquid tags: what the template author typed. */
function typedText(body: string): string {
	return body.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, ' ');
}

/** A dated citation typed into the text goes stale unseen; the registry's `law` filter keeps it in one place. */
export function citationProblems(body: string): string[] {
	const problems: string[] = [];
	const text = typedText(body);
	for (const m of text.matchAll(/[^.\n]{0,40}(?<!\p{L})от\s+\d{2}\.\d{2}\.\d{4}\s*(г\.\s*)?№\s*[\p{L}\p{N}/-]+/gu))
		problems.push(`ссылка «${m[0].trim()}» набрана в тексте — возьмите её из реестра: {{ "ключ" | law }}.`);
	return problems;
}

// An organisation has a full name too: only people's fields need a case.
const PERSON_FIELDS = /(?<!\b(org|parent|region|founder_agreement))\.(full_name|initials|position)\b|\borg\.head_(name|initials|position)\b/;

/** Every person put into a sentence goes through a case filter: «назначить {{ p | person: "acc" }}». */
export function personProblems(body: string): string[] {
	const problems: string[] = [];
	for (const m of body.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
		const [value, ...filters] = m[1]!.split('|').map((f) => f.trim());
		if (!PERSON_FIELDS.test(value!)) continue;
		const names = filters.map((f) => f.split(':')[0]!.trim());
		if (!names.some((n) => (PERSON_FILTERS as readonly string[]).includes(n)))
			problems.push(`«{{${m[1]}}}» вставляет человека без падежа — добавьте фильтр person, person_name, person_initials, person_initials_first или person_position с падежом.`);
	}
	return problems;
}

/**
 * One rule, one place: the storage rules are stated in the Порядок хранения and referred to by the
 * others; the same variable has the same default and options in every template of the set.
 */
export const RULE_OWNER = 'school-procedure-storage';
const OWNED_RULES: { what: string; re: RegExp }[] = [
	{ what: 'срок хранения (5 и 25 лет)', re: /(?<![\p{L}\p{N}])(5|25|пяти|двадцати\s+пяти)\s+лет(?!\p{L})/iu },
	{ what: 'распечатка журнала к 30 июня', re: /(?<!\p{N})30\s+июня/iu },
	{ what: 'частота резервного копирования', re: /резервн\S*\s+копи\S*[^.\n]{0,60}(раз\S*\s+в\s+(неделю|сутки|день)|ежедневн|еженедельн)/iu },
	{ what: 'заверение распечатки (прошивка, подпись, печать)', re: /прошив\S*|пронумерова\S*[^.\n]{0,40}прошнурова\S*/iu }
];

export function setProblems(library: TemplateLibrary): string[] {
	const problems: string[] = [];
	for (const t of library.templates) {
		if (t.id === RULE_OWNER) continue;
		const text = typedText(t.body) + '\n' + t.variables.map((v) => [v.label, v.hint, typeof v.default === 'string' ? v.default : ''].join('\n')).join('\n');
		for (const rule of OWNED_RULES) {
			const m = rule.re.exec(text);
			if (m) problems.push(`${t.id}: правило «${rule.what}» («${m[0]}») записано здесь — оно живёт в «Порядке хранения» (${RULE_OWNER}); сошлитесь на него.`);
		}
	}
	const seen = new Map<string, { id: string; fingerprint: string }>();
	for (const t of library.templates)
		for (const v of t.variables) {
			if (v.default === undefined && !v.options) continue;
			const fingerprint = JSON.stringify({ default: v.default ?? null, options: v.options ?? null });
			const first = seen.get(v.name);
			if (!first) seen.set(v.name, { id: t.id, fingerprint });
			else if (first.fingerprint !== fingerprint)
				problems.push(`${t.id}: переменная «${v.name}» по умолчанию противоречит шаблону ${first.id} (${fingerprint} против ${first.fingerprint}).`);
		}
	return problems;
}
