import { describe, expect, it } from 'vitest';
import {
	citationProblems,
	personProblems,
	RULE_OWNER,
	setProblems,
	sourceProblems
} from '../../src/lib/server/templates/check-templates';
import type { TemplateLibrary } from '../../src/lib/server/templates/library';
import { readLegalRegistry } from '../../src/lib/server/legal/sources';
import {
	parseTemplateFile,
	type ModelTemplate
} from '../../src/lib/server/templates/template-file';

const registry = readLegalRegistry();

function template(id: string, body: string, variables = ''): ModelTemplate {
	const parsed = parseTemplateFile(
		`${id}.md`,
		`---\nid: ${id}\ntitle: T\nkind: regulation\nheading: о чём-то\nlevel: school\nsources: ["001 п. 1"]\nvariables:\n${variables || '  []'}\n---\n${body}`
	);
	if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
	return parsed.template;
}
const library = (...templates: ModelTemplate[]): TemplateLibrary => ({
	templates,
	byId: new Map(templates.map((t) => [t.id, t])),
	problems: []
});

describe('the legal sources registry', () => {
	it('reads without problems, and every repealed act names the act in force that replaced it', () => {
		expect(registry.problems).toEqual([]);
		for (const s of registry.sources.values())
			if (!s.in_force) expect(registry.sources.get(s.replaced_by!)?.in_force, s.key).toBe(true);
	});

	it('keeps the site rules current: ПП РФ № 1802 and приказ Рособрнадзора № 1493, the old № 831 repealed', () => {
		expect(registry.sources.get('pp1802')?.citation).toMatch(/от 20\.10\.2021 № 1802/);
		expect(registry.sources.get('rosobr1493')?.citation).toMatch(/от 04\.08\.2023 № 1493/);
		expect(registry.sources.get('rosobr831')?.in_force).toBe(false);
		expect(registry.sources.get('rosarchiv236')?.citation).toMatch(/от 20\.12\.2019 № 236/);
	});
});

describe('the template check', () => {
	it('accepts a seed or a registry key as a source, refuses an unknown or a repealed one', () => {
		expect(sourceProblems(['001 п. 13', 'fz152 ст. 6 ч. 3'], registry)).toEqual([]);
		expect(sourceProblems(['152-ФЗ ст. 6'], registry).join(' ')).toMatch(/«152-ФЗ» в реестре нет/);
		expect(sourceProblems(['rosobr1417'], registry).join(' ')).toMatch(
			/утратил силу, замените на «rosarchiv236»/
		);
	});

	it('refuses a dated citation typed into the text, not one taken from the registry', () => {
		expect(
			citationProblems('В соответствии с приказом Рособрнадзора от 16.10.2018 № 1417 …').length
		).toBe(1);
		expect(
			citationProblems(
				'В соответствии с {{ "rosarchiv236" | law: "ins" }} и статьёй 9 Федерального закона № 152-ФЗ'
			)
		).toEqual([]);
	});

	it('refuses a person inserted without a case filter', () => {
		expect(personProblems('Назначить {{ p.full_name }}, {{ p.position }}').length).toBe(2);
		expect(personProblems('Директор {{ org.head_name }}').length).toBe(1);
		expect(personProblems('{{ org.full_name }} и {{ parent.full_name }}')).toEqual([]);
		expect(
			personProblems(
				'Назначить {{ p | person: "acc" }}; подпись {{ p.full_name | initials_first }}; {{ p | person_position: "nom" | upcase_first }}'
			)
		).toEqual([]);
	});

	it('finds a storage rule stated outside the Порядок хранения, in the text or in a variable', () => {
		const owner = template(
			RULE_OWNER,
			'Журналы хранятся 5 лет, сводные ведомости — 25 лет; распечатка — до 30 июня.'
		);
		const other = template('school-other', 'Журнал хранится в течение пяти лет.');
		const hint = template(
			'school-hint',
			'Текст.',
			'  - { name: x, label: X, type: string, hint: "распечатать до 30 июня" }'
		);
		const problems = setProblems(library(owner, other, hint));
		expect(problems.filter((p) => p.startsWith(RULE_OWNER))).toEqual([]);
		expect(problems.join('\n')).toMatch(/school-other: правило «срок хранения/);
		expect(problems.join('\n')).toMatch(/school-hint: правило «распечатка журнала к 30 июня»/);
	});

	it('finds contradicting defaults of one variable across the set', () => {
		const a = template(
			'school-a',
			'Текст.',
			'  - { name: journal_form, label: Форма, type: select, options: ["бумага", "электронно"], default: "бумага" }'
		);
		const b = template(
			'school-b',
			'Текст.',
			'  - { name: journal_form, label: Форма, type: select, options: ["бумага", "электронно"], default: "электронно" }'
		);
		expect(setProblems(library(a, b)).join(' ')).toMatch(
			/«journal_form» по умолчанию противоречит шаблону school-a/
		);
		expect(
			setProblems(
				library(
					a,
					template(
						'school-c',
						'Текст.',
						'  - { name: journal_form, label: Иначе, type: select, options: ["бумага", "электронно"], default: "бумага" }'
					)
				)
			)
		).toEqual([]);
	});
});
