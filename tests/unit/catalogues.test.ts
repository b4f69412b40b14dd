import { describe, expect, it } from 'vitest';
import {
	parseCatalogueFile,
	readCatalogueFiles
} from '../../src/lib/server/checklists/catalogue-file';
import { itemDueDate } from '../../src/lib/server/checklists/due-dates';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';

const { catalogues, problems } = readCatalogueFiles();
const byId = new Map(catalogues.map((c) => [c.id, c]));
const templates = readTemplateLibrary().byId;

describe('catalogue files in catalogues/', () => {
	it('parse against the schema without problems', () => {
		expect(problems).toEqual([]);
	});

	it('transcribe every measure of the seeds', () => {
		expect(byId.get('crimea-001')?.items).toHaveLength(23);
		expect(byId.get('crimea-000-municipal')?.items).toHaveLength(13);
		expect(byId.get('crimea-000-school')?.items).toHaveLength(19);
		expect(byId.get('murmansk-004')?.items.map((i) => i.code)).toEqual(
			[
				'1.1',
				'1.2',
				'1.3',
				'1.4',
				'1.5',
				'1.6',
				'2.1',
				'2.2',
				'3.1',
				'3.2',
				'3.3',
				'3.4',
				'4.1',
				'4.2',
				'5.1',
				'5.2',
				'5.3',
				'6.1',
				'7.1'
			].map((c) => `004.${c}`)
		);
		expect(byId.get('amur-003')?.items).toHaveLength(12);
		expect(byId.get('saki-002')?.items).toHaveLength(10);
	});

	it('name only templates that exist, at the catalogue level', () => {
		for (const c of catalogues)
			for (const item of c.items)
				for (const id of item.evidence.templates) {
					expect(templates.has(id), `${c.id} ${item.code}: ${id}`).toBe(true);
					expect(templates.get(id)!.level, `${c.id} ${item.code}: ${id}`).toBe(c.level);
				}
	});

	it('give every item a way to be proved: a document, a route event, a profile field, a register or a note', () => {
		for (const c of catalogues)
			for (const { code, evidence: e } of c.items)
				expect(
					e.templates.length +
						e.kinds.length +
						e.events.length +
						e.profile.length +
						e.register.length >
						0 || e.note,
					`${c.id} ${code}`
				).toBe(true);
	});

	it('let the route prove what the route does: the discussion, the review, publication, acknowledgement; the profile the chosen system', () => {
		const item = (code: string) =>
			byId.get('crimea-001')!.items.find((i) => i.code === code)!.evidence;
		expect(item('001.11')).toMatchObject({
			events: ['discussion_summarised'],
			kinds: [],
			note: false
		});
		expect(item('001.12').events).toEqual(['review_closed']);
		expect(item('001.17')).toMatchObject({ events: ['act_published'], note: false });
		expect(item('001.16').events).toEqual(['staff_acknowledged']);
		expect(item('001.4').profile).toEqual(['journal_system']);
		expect(item('001.15').register).toEqual(['operator_contract']);
	});
});

describe('parseCatalogueFile', () => {
	const file = (items: string) => `id: test\nversion: 1\ntitle: Т\nlevel: school\nitems:\n${items}`;
	const item = (code: string, order: number) =>
		`  - { code: "${code}", order: ${order}, title: Пункт, category: orders, responsible: director, due: { rule: campaign_due } }\n`;

	it('refuses duplicate codes and duplicate order numbers with a Russian message', () => {
		const dup = parseCatalogueFile('test.v1.yaml', file(item('001.1', 1) + item('001.1', 2)));
		expect('problems' in dup && dup.problems.join(' ')).toMatch(/код пункта «001\.1» повторяется/);
		const order = parseCatalogueFile('test.v1.yaml', file(item('001.1', 1) + item('001.2', 1)));
		expect('problems' in order && order.problems.join(' ')).toMatch(
			/порядковый номер 1 повторяется/
		);
	});

	it('refuses an unknown event, profile field or register, and an item that nothing proves', () => {
		const withEvidence = (evidence: string) =>
			file(item('001.1', 1).replace(' }\n', `, evidence: ${evidence} }\n`));
		for (const [evidence, field] of [
			['{ events: [meeting_held] }', 'evidence.events.0'],
			['{ profile: [motto] }', 'evidence.profile.0'],
			['{ register: [leases] }', 'evidence.register.0']
		]) {
			const bad = parseCatalogueFile('test.v1.yaml', withEvidence(evidence!));
			expect('problems' in bad && bad.problems.join(' '), evidence).toMatch(
				new RegExp(`пункт 001\\.1, поле ${field!.replace(/\./g, '\\.')}`)
			);
		}
		const nothing = parseCatalogueFile('test.v1.yaml', withEvidence('{ note: false }'));
		expect('problems' in nothing && nothing.problems.join(' ')).toMatch(/ничем не подтверждается/);
		expect(
			'catalogue' in
				parseCatalogueFile(
					'test.v1.yaml',
					withEvidence(
						'{ events: [review_closed], profile: [journal_system], register: [operator_contract] }'
					)
				)
		).toBe(true);
	});

	it('leaves the evidence out of the issued-version hash, and nothing else', () => {
		const hash = (source: string) => {
			const parsed = parseCatalogueFile('test.v1.yaml', source);
			if (!('catalogue' in parsed)) throw new Error(parsed.problems.join(' '));
			return parsed.catalogue.hash;
		};
		const base = hash(file(item('001.1', 1)));
		expect(
			hash(file(item('001.1', 1).replace(' }\n', ', evidence: { events: [review_closed] } }\n')))
		).toBe(base);
		expect(hash(file(item('001.1', 1).replace('title: Пункт', 'title: Пункт (правка)')))).not.toBe(
			base
		);
		expect(
			hash(file(item('001.1', 1).replace('campaign_due', 'days_after_start, days: 3')))
		).not.toBe(base);
	});

	it('refuses an unknown category and a file named unlike its id and version', () => {
		const bad = parseCatalogueFile(
			'test.v1.yaml',
			file(item('001.1', 1).replace('orders', 'poetry'))
		);
		expect('problems' in bad && bad.problems.join(' ')).toMatch(/пункт 001\.1, поле category/);
		expect('problems' in parseCatalogueFile('other.yaml', file(item('001.1', 1)))).toBe(true);
	});
});

describe('itemDueDate', () => {
	it('places every rule inside the campaign', () => {
		expect(itemDueDate({ rule: 'campaign_due' }, '2026-09-01', '2026-12-31')).toBe('2026-12-31');
		expect(itemDueDate({ rule: 'days_after_start', days: 14 }, '2026-09-01', '2026-12-31')).toBe(
			'2026-09-15'
		);
		expect(itemDueDate({ rule: 'days_after_start', days: 400 }, '2026-09-01', '2026-12-31')).toBe(
			'2026-12-31'
		);
		expect(itemDueDate({ rule: 'days_before_due', days: 30 }, '2026-09-01', '2026-12-31')).toBe(
			'2026-12-01'
		);
		expect(itemDueDate({ rule: 'fixed', date: '2021-02-15' }, '2026-09-01', '2026-12-31')).toBe(
			'2026-12-31'
		);
		expect(itemDueDate({ rule: 'fixed', date: '2026-10-15' }, '2026-09-01', '2026-12-31')).toBe(
			'2026-10-15'
		);
	});
});
