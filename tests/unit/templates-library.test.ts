import { describe, expect, it } from 'vitest';
import { checkTemplates, nestingProblems } from '../../src/lib/server/templates/check-templates';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { parseTemplateFile } from '../../src/lib/server/templates/template-file';
import { renderLiquid, TemplateRenderError, longDate, initials, initialsFirst } from '../../src/lib/server/templates/engine';

const library = readTemplateLibrary();

describe('the templates/ library', () => {
	it('has every model document the issue names, for schools and for municipalities', () => {
		const ids = library.templates.map((t) => t.id);
		expect(library.problems).toEqual([]);
		expect(ids.filter((id) => id.startsWith('school-')).length).toBeGreaterThanOrEqual(24);
		expect(ids.filter((id) => id.startsWith('municipality-')).length).toBeGreaterThanOrEqual(4);
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
		const conflicts = [...types].filter(([, s]) => s.size > 1).map(([n, s]) => `${n}: ${[...s].join('/')}`);
		expect(conflicts).toEqual([]);
	});
});

describe('template files', () => {
	it('refuses a file whose id differs from its name, or with a duplicated variable', () => {
		const source = (id: string) => `---\nid: ${id}\ntitle: T\nkind: order\nheading: О чём-то\nlevel: school\nvariables:\n  - { name: a, label: A, type: string }\n  - { name: a, label: A2, type: string }\n---\nТекст`;
		const result = parseTemplateFile('other.md', source('x'));
		expect('problems' in result && result.problems.join(' ')).toMatch(/не совпадает с именем файла/);
		const dup = parseTemplateFile('x.md', source('x'));
		expect('problems' in dup && dup.problems.join(' ')).toMatch(/объявлена дважды/);
	});

	it('refuses an unknown document kind and a file without front matter', () => {
		expect('problems' in parseTemplateFile('x.md', '---\nid: x\ntitle: T\nkind: poem\nheading: H\nlevel: school\n---\nТекст')).toBe(true);
		expect('problems' in parseTemplateFile('x.md', 'Просто текст')).toBe(true);
	});
});

describe('strict Liquid', () => {
	it('names an undefined variable instead of printing a blank', async () => {
		await expect(renderLiquid('Система: {{ org.journal_system }}', { org: {} })).rejects.toThrow(TemplateRenderError);
		await expect(renderLiquid('Система: {{ org.journal_system }}', { org: {} })).rejects.toThrow(/org\.journal_system/);
	});

	it('formats dates and names as Russian documents do', async () => {
		expect(longDate('2021-09-01')).toBe('«01» сентября 2021 г.');
		expect(initials('Ковальчук Елена Викторовна')).toBe('Ковальчук Е.В.');
		expect(initialsFirst('Ковальчук Елена Викторовна')).toBe('Е.В. Ковальчук');
		expect(await renderLiquid('{{ d | date_ru }}', { d: '2021-09-01' })).toBe('01.09.2021');
	});

	it('refuses an unknown filter', async () => {
		await expect(renderLiquid('{{ d | nonsense }}', { d: '1' })).rejects.toThrow(TemplateRenderError);
	});
});

describe('nested clause check', () => {
	it('flags sub-items indented less than their parent clause text', () => {
		const text = '9. Пункт\n   1. подпункт\n10. Пункт\n   1. не вложится\n11. Пункт\n    1. вложится';
		const problems = nestingProblems(text);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/под пунктом «10\.» сдвинут на 3 пробела, нужно 4/);
	});
});
