import { describe, expect, it } from 'vitest';
import { checkTemplates, nestingProblems } from '../../src/lib/server/templates/check-templates';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { parseTemplateFile } from '../../src/lib/server/templates/template-file';
import {
	renderLiquid,
	TemplateRenderError,
	longDate,
	initials,
	initialsFirst
} from '../../src/lib/server/templates/engine';
import { demoScope } from '../../src/lib/server/templates/check-templates';
import { fillTemplate } from '../../src/lib/server/templates/fill-template';
import { parseVariableValues, sampleValues } from '../../src/lib/server/templates/variables';
import type { ModelTemplate } from '../../src/lib/server/templates/template-file';

const library = readTemplateLibrary();

describe('the templates/ library', () => {
	it('has every model document the issue names, for schools and for municipalities', () => {
		const ids = library.templates.map((t) => t.id);
		expect(library.problems).toEqual([]);
		expect(ids.filter((id) => id.startsWith('school-')).length).toBeGreaterThanOrEqual(26);
		expect(ids.filter((id) => id.startsWith('municipality-')).length).toBeGreaterThanOrEqual(4);
		expect(ids).toEqual(
			expect.arrayContaining(['school-letter-council-opinion', 'school-letter-founder-request'])
		);
	});

	it('renders every template with the demo organisation, with all fields and with only the required ones', async () => {
		expect(await checkTemplates(library)).toEqual([]);
	});

	it('gives each template its legal sources and the checklist items it proves', () => {
		for (const t of library.templates) {
			expect(t.sources.length, t.id).toBeGreaterThan(0);
			expect(t.heading.length, t.id).toBeGreaterThan(3);
		}
	});

	it('uses one type for a variable name shared by several templates, so one set form serves them all', () => {
		const types = new Map<string, Set<string>>();
		for (const t of library.templates.filter((x) => x.in_set))
			for (const v of t.variables) types.set(v.name, (types.get(v.name) ?? new Set()).add(v.type));
		const conflicts = [...types]
			.filter(([, s]) => s.size > 1)
			.map(([n, s]) => `${n}: ${[...s].join('/')}`);
		expect(conflicts).toEqual([]);
	});
});

describe('template files', () => {
	it('refuses a file whose id differs from its name, or with a duplicated variable', () => {
		const source = (id: string) =>
			`---\nid: ${id}\ntitle: T\nkind: order\nheading: О чём-то\nlevel: school\nvariables:\n  - { name: a, label: A, type: string }\n  - { name: a, label: A2, type: string }\n---\nТекст`;
		const result = parseTemplateFile('other.md', source('x'));
		expect('problems' in result && result.problems.join(' ')).toMatch(
			/не совпадает с именем файла/
		);
		const dup = parseTemplateFile('x.md', source('x'));
		expect('problems' in dup && dup.problems.join(' ')).toMatch(/объявлена дважды/);
	});

	it('refuses an unknown document kind and a file without front matter', () => {
		expect(
			'problems' in
				parseTemplateFile(
					'x.md',
					'---\nid: x\ntitle: T\nkind: poem\nheading: H\nlevel: school\n---\nТекст'
				)
		).toBe(true);
		expect('problems' in parseTemplateFile('x.md', 'Просто текст')).toBe(true);
	});
});

describe('strict Liquid', () => {
	it('names an undefined variable instead of printing a blank', async () => {
		await expect(renderLiquid('Система: {{ org.journal_system }}', { org: {} })).rejects.toThrow(
			TemplateRenderError
		);
		await expect(renderLiquid('Система: {{ org.journal_system }}', { org: {} })).rejects.toThrow(
			/org\.journal_system/
		);
	});

	it('formats dates and names as Russian documents do', async () => {
		expect(longDate('2021-09-01')).toBe('«01» сентября 2021 г.');
		expect(initials('Ковальчук Елена Викторовна')).toBe('Ковальчук Е.В.');
		expect(initialsFirst('Ковальчук Елена Викторовна')).toBe('Е.В. Ковальчук');
		expect(await renderLiquid('{{ d | date_ru }}', { d: '2021-09-01' })).toBe('01.09.2021');
	});

	it('refuses an unknown filter', async () => {
		await expect(renderLiquid('{{ d | nonsense }}', { d: '1' })).rejects.toThrow(
			TemplateRenderError
		);
	});
});

describe('nested clause check', () => {
	it('flags sub-items indented less than their parent clause text', () => {
		const text =
			'9. Пункт\n   1. подпункт\n10. Пункт\n   1. не вложится\n11. Пункт\n    1. вложится';
		const problems = nestingProblems(text);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/под пунктом «10\.» сдвинут на 3 пробела, нужно 4/);
	});
});

const byId = new Map(library.templates.map((t) => [t.id, t]));

/** Renders a template with the demo school and the given form values over the sample ones. */
async function render(t: ModelTemplate, over: Record<string, string>): Promise<string> {
	const scope = demoScope(t.level);
	const parsed = parseVariableValues(t, {
		...sampleValues(t, scope),
		...Object.fromEntries(Object.entries(over).map(([k, v]) => [`var_${k}`, v]))
	});
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return fillTemplate(t, scope, parsed.value);
}

describe('texts that state only what happened', () => {
	it("no act claims its own adoption or the councils' opinion: the stamps print what the route recorded", () => {
		const acts = library.templates.filter((t) => t.documentClass === 'act');
		expect(acts.length).toBeGreaterThan(5);
		for (const t of acts) {
			expect(t.body, t.id).not.toMatch(/с учётом мнения/i);
			expect(t.body, t.id).not.toMatch(
				/(Положение|Регламент|Порядок|Правила|Инструкция|Дополнения)\s+(принима|утвержда)ю?т?ся/
			);
		}
	});

	it('affects only acts, and orders never list themselves as approved', () => {
		for (const t of library.templates)
			if (t.affects.length) expect(t.documentClass, t.id).toBe('act');
		for (const t of library.templates.filter((x) => x.documentClass === 'order'))
			expect(t.body, t.id).not.toMatch(/[Пп]риказ[^.]{0,40}утвержд[её]н\b/);
	});

	const order = () => byId.get('school-order-approve-acts')!;
	const none = { councils_opinion: '', adopted_by: '', repealed: '', effective_date: '2026-09-01' };

	it('approval order with acts only: «Утвердить и ввести в действие … локальные нормативные акты», no appendices, no opinions when none recorded', async () => {
		const text = await render(order(), {
			...none,
			acts: 'Положение об электронном журнале\nРегламент ведения электронного журнала',
			appendices: ''
		});
		expect(text).toMatch(
			/^1\. Утвердить и ввести в действие с «01» сентября 2026 г\. локальные нормативные акты/m
		);
		expect(text).toMatch(/^ {4}2\. Регламент ведения электронного журнала\.$/m);
		expect(text).not.toMatch(/приложени/i);
		expect(text).not.toMatch(/с учётом мнения|решения /);
		expect(text).toMatch(/^2\. [^\n]*, ответственным за ознакомление работников:/m);
		expect(text).toMatch(/^6\. Контроль за исполнением приказа оставляю за собой\.$/m);
	});

	it('approval order with appendices only: «Утвердить: … (приложение N к настоящему приказу)», never «локальные нормативные акты»', async () => {
		const text = await render(order(), {
			...none,
			acts: '',
			appendices: 'План мероприятий («дорожная карта»)\nГрафик работы устройств доступа'
		});
		expect(text).toMatch(
			/^1\. Утвердить:\n {4}1\. План мероприятий \(«дорожная карта»\) \(приложение 1 к настоящему приказу\);\n {4}2\. График работы устройств доступа \(приложение 2 к настоящему приказу\)\.$/m
		);
		expect(text).not.toMatch(/локальн[а-я]+ нормативн/);
		expect(text).not.toMatch(/статьи 30|часть 3 статьи 68/);
		const single = await render(order(), {
			...none,
			acts: '',
			appendices: 'График работы устройств доступа'
		});
		expect(single).toMatch(/\(приложение к настоящему приказу\)\./);
	});

	it('approval order with both, and with the opinions and the adoption the route recorded', async () => {
		const text = await render(order(), {
			acts: 'Положение об электронном журнале',
			appendices: 'График работы устройств доступа',
			councils_opinion:
				'совета обучающихся (протокол от 12.05.2026 № 4), совета родителей (мнение в установленный срок не представлено).',
			adopted_by: 'педагогического совета (протокол от 20.05.2026 № 6)',
			repealed: 'Положение о классном журнале, утверждённое приказом от 01.09.2019 № 90-о'
		});
		expect(text).toMatch(
			/, решения педагогического совета \(протокол от 20\.05\.2026 № 6\), с учётом мнения совета обучающихся \(протокол от 12\.05\.2026 № 4\), совета родителей \(мнение в установленный срок не представлено\)\n/
		);
		expect(text).toMatch(/^1\. Утвердить и ввести в действие с .+ локальный нормативный акт/m);
		expect(text).toMatch(
			/^2\. Утвердить:\n {4}1\. График работы устройств доступа \(приложение к настоящему приказу\)\.$/m
		);
		expect(text).toMatch(/^3\. Признать утратившими силу/m);
		expect(text).toMatch(/^8\. Контроль за исполнением/m);
		const numbers = [...text.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
		expect(numbers).toEqual(numbers.map((_, i) => i + 1));
	});

	it('approval order still renders with neither acts nor appendices', async () => {
		const text = await render(order(), { ...none, acts: '', appendices: '' });
		expect(text).toMatch(/^1\. [^\n]*, ответственным за ознакомление работников:/m);
		expect(text).not.toMatch(/Утвердить/);
	});

	it("cites the founder's agreement where paperless mode is stated, only when it is registered", async () => {
		for (const id of ['school-order-transition', 'school-regulation-paperless']) {
			const t = byId.get(id)!;
			const paperless = {
				journal_form: 'электронный журнал без дублирования на бумажном носителе'
			};
			const cited = await render(t, {
				...paperless,
				founder_agreement_number: '01-12/345',
				founder_agreement_date: '2026-08-20'
			});
			expect(cited, id).toMatch(
				/на основании согласия учредителя — Администрация Сакского района Республики Крым — от 20\.08\.2026 № 01-12\/345/i
			);
			const bare = await render(t, {
				...paperless,
				founder_agreement_number: '',
				founder_agreement_date: ''
			});
			expect(bare, id).not.toMatch(/на основании согласия учредителя/i);
			expect(bare, id).toMatch(/после получения согласия учредителя/i);
		}
	});

	it("staff notice: ст. 74 ТК РФ only when the contract's terms change, acquaintance otherwise", async () => {
		const t = byId.get('school-notice-staff')!;
		const change = await render(t, {
			conditions_change: 'меняются',
			notice_date: '2026-06-20',
			change_date: '2026-09-01'
		});
		expect(change).toMatch(/частью 2 статьи 74/);
		expect(change).toMatch(/пункту 7 части 1 статьи 77/);
		expect(change).toMatch(/Дата уведомления: 20\.06\.2026/);
		const keep = await render(t, {
			conditions_change: 'не меняются',
			notice_date: '2026-06-20',
			change_date: '2026-09-01',
			duties_added: 'on'
		});
		expect(keep).not.toMatch(/статьи 74|статьи 77/);
		expect(keep).toMatch(/часть 2 статьи 22/);
		expect(keep).toMatch(/часть 3 статьи 68/);
		expect(keep).toMatch(/статья 72/);
	});

	it("the council letter asks for a motivated opinion within five working days, citing ст. 372 ТК РФ only for the workers' body", async () => {
		const t = byId.get('school-letter-council-opinion')!;
		expect(t.variables.every((v) => v.source === 'route')).toBe(true);
		const workers = await render(t, {
			council: 'workers',
			council_name: 'Выборный орган первичной профсоюзной организации',
			request_date: '2026-05-04',
			due_date: '2026-05-13'
		});
		expect(workers).toMatch(
			/не позднее пяти рабочих дней со дня получения проекта, то есть не позднее 13\.05\.2026, направить мотивированное мнение по проекту в письменной форме/
		);
		expect(workers).toMatch(/статьёй 372 Трудового кодекса/);
		const students = await render(t, {
			council: 'students',
			council_name: 'Совет обучающихся',
			request_date: '2026-05-04',
			due_date: '2026-05-13'
		});
		expect(students).not.toMatch(/372/);
		expect(students).toMatch(/^Совет обучающихся МБОУ/m);
	});
});
