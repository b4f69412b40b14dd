import type { Organization } from '../db/schema';
import { DEMO_SCHOOL_SLUG, demoAccounts, demoRegions } from '../demo/demo-data';
import { templateContext } from './context';
import { fillTemplate } from './fill-template';
import type { TemplateLibrary } from './library';
import { defaultFormValues, fieldName, parseVariableValues, sampleValues } from './variables';

function demoOrganization(kind: 'school' | 'municipality'): { org: Organization; parent: Organization } {
	const region = demoRegions[0]!;
	const municipality = region.municipalities[0]!;
	const school = municipality.schools.find((s) => s.slug === DEMO_SCHOOL_SLUG)!;
	const base = { id: crypto.randomUUID(), parentId: null, path: '/', headPosition: 'Директор', website: 'https://school.example.ru', inn: '9107012345', journalSystemOther: null, timeZone: region.timeZone, readinessPublic: false, founderName: 'Администрация Сакского района Республики Крым', orderSeries: [{ suffix: '-о', title: 'по основной деятельности' }], discussionMinDays: 7, createdAt: new Date(), updatedAt: new Date() };
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
	return templateContext({ org, parent, director: { fullName: org.headName!, position: org.headPosition }, members: people, founderAgreement: kind === 'school' ? { number: '01-12/345', date: '2021-08-20' } : null, today: '2026-11-21' });
}

/**
 * Renders every template twice with the demo organisation: with every variable filled, and with
 * only the required ones. Returns Russian problems naming the template; none means all render.
 */
export async function checkTemplates(library: TemplateLibrary): Promise<string[]> {
	const problems = [...library.problems];
	for (const t of library.templates) {
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
