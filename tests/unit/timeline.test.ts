import { describe, expect, it } from 'vitest';
import {
	discussionTooShort,
	timelineFindings,
	type Finding,
	type TimelineDocument,
	type TimelineSnapshot
} from '../../src/lib/server/timeline/rules';
import { addMonths, daysBetween } from '../../src/lib/timeline/dates';
import { daysLeftPhrase, discussionCountdown } from '../../src/lib/timeline/labels';

let counter = 0;
function doc(fields: Partial<TimelineDocument>): TimelineDocument {
	counter += 1;
	return {
		id: `doc-${counter}`,
		title: 'Документ',
		kind: 'other',
		documentClass: 'record',
		templateId: null,
		status: 'draft',
		number: null,
		documentDate: null,
		effectiveDate: null,
		approvalOrderNumber: null,
		approvalOrderDate: null,
		variables: {},
		discussion: null,
		...fields
	};
}

const transition = (variables: Record<string, unknown>, fields: Partial<TimelineDocument> = {}) =>
	doc({
		title: 'Приказ о переходе на ЭЖ',
		kind: 'order',
		documentClass: 'order',
		templateId: 'school-order-transition',
		number: '12-о',
		documentDate: '2026-09-20',
		variables: { paperless: false, ...variables },
		...fields
	});
const contract = (date: string, number = '15') =>
	doc({
		title: 'Договор с оператором',
		kind: 'contract',
		status: 'registered',
		number,
		documentDate: date
	});
const consent = (date: string, number = '7') =>
	doc({
		title: 'Согласие учредителя',
		kind: 'founder_consent',
		status: 'registered',
		number,
		documentDate: date
	});

function findings(
	documents: TimelineDocument[],
	profile: Partial<TimelineSnapshot['profile']> = {},
	today = '2026-11-01'
): Finding[] {
	return timelineFindings({
		today,
		profile: { paperlessSince: null, discussionMinDays: 7, ...profile },
		documents
	});
}
const codes = (fs: Finding[]) => fs.map((f) => `${f.code}:${f.severity}`);

describe('operator contract and processing agreement before the transition start', () => {
	it('refuses a start before the registered contract, naming both documents and dates', () => {
		const order = transition({ start_date: '2026-10-04' });
		const c = contract('2026-10-19');
		const [f, ...rest] = findings([order, c]);
		expect(rest).toEqual([]);
		expect(f).toMatchObject({
			code: 'contract-after-start',
			severity: 'error',
			documentIds: [order.id, c.id],
			fields: { [order.id]: 'var:start_date', [c.id]: 'documentDate' }
		});
		expect(f!.message).toContain('04.10.2026');
		expect(f!.message).toContain('«Договор с оператором» № 15 от 19.10.2026');
		expect(f!.message).toContain('«Приказ о переходе на ЭЖ» № 12-о от 20.09.2026');
	});

	it('accepts a contract of the start day or earlier; the earliest contract counts', () => {
		expect(findings([transition({ start_date: '2026-10-19' }), contract('2026-10-19')])).toEqual(
			[]
		);
		expect(
			findings([
				transition({ start_date: '2026-10-04' }),
				contract('2026-09-01'),
				contract('2026-10-20', '16')
			])
		).toEqual([]);
	});

	it("refuses the order's own contract date after its start", () => {
		expect(
			codes(findings([transition({ start_date: '2026-10-04', contract_date: '2026-10-19' })]))
		).toEqual(['contract-after-start:error']);
		expect(
			findings([transition({ start_date: '2026-10-04', contract_date: '2026-10-01' })])
		).toEqual([]);
	});

	it('refuses a processing agreement signed after the start', () => {
		const agreement = (date: string) =>
			doc({
				title: 'Соглашение о поручении обработки ПДн',
				kind: 'agreement',
				templateId: 'school-agreement-pd-processing',
				documentDate: date
			});
		const late = findings([transition({ start_date: '2026-10-04' }), agreement('2026-10-05')]);
		expect(codes(late)).toEqual(['contract-after-start:error']);
		expect(late[0]!.message).toContain('«Соглашение о поручении обработки ПДн» от 05.10.2026');
		expect(findings([transition({ start_date: '2026-10-04' }), agreement('2026-10-04')])).toEqual(
			[]
		);
	});
});

describe("the order's citation of the contract", () => {
	it('warns when the register holds another contract, passes when one matches', () => {
		const cited = {
			start_date: '2026-10-04',
			contract_number: 'ЭЖ-1',
			contract_date: '2026-09-01'
		};
		const wrong = findings([transition(cited), contract('2026-09-01', 'ЭЖ-2')]);
		expect(codes(wrong)).toEqual(['order-contract-mismatch:warning']);
		expect(wrong[0]!.message).toContain('№ ЭЖ-1 от 01.09.2026');
		expect(wrong[0]!.message).toContain('«Договор с оператором» № ЭЖ-2 от 01.09.2026');
		expect(findings([transition(cited), contract('2026-09-01', 'эж-1')])).toEqual([]);
	});
});

describe('paperless date', () => {
	it('refuses paperless before the transition start, in the order and in the profile', () => {
		const order = transition({
			start_date: '2026-10-04',
			paperless: true,
			paperless_since: '2021-09-01'
		});
		const fs = findings([order, consent('2021-01-01')], { paperlessSince: '2021-09-01' });
		expect(codes(fs)).toEqual(['paperless-before-start:error', 'paperless-before-start:error']);
		expect(fs[0]!.message).toContain(
			'Безбумажный режим с 01.09.2021 (профиль организации) — раньше начала ведения электронного журнала 04.10.2026'
		);
		expect(fs[1]!.fields[order.id]).toBe('var:paperless_since');
		expect(
			findings(
				[
					transition({ start_date: '2026-10-04', paperless: true, paperless_since: '2026-10-04' }),
					consent('2026-09-01')
				],
				{ paperlessSince: '2026-10-04' }
			)
		).toEqual([]);
	});

	it("refuses paperless before the founder's agreement", () => {
		const reg = doc({
			title: 'Положение об ЭДО',
			kind: 'regulation',
			documentClass: 'act',
			templateId: 'school-regulation-paperless',
			variables: { paperless_since: '2026-09-01' }
		});
		const fs = findings([reg, consent('2026-10-01')]);
		expect(codes(fs)).toEqual(['paperless-before-founder:error']);
		expect(fs[0]!.message).toContain(
			'раньше согласия учредителя «Согласие учредителя» № 7 от 01.10.2026'
		);
		expect(findings([reg, consent('2026-08-01')])).toEqual([]);
	});

	it("without any founder's agreement: a warning on a draft, an error once approved (ч. 8 ст. 28)", () => {
		const reg = (status: TimelineDocument['status']) =>
			doc({
				title: 'Положение об ЭДО',
				kind: 'regulation',
				documentClass: 'act',
				templateId: 'school-regulation-paperless',
				status,
				variables: { paperless_since: '2026-09-01' }
			});
		expect(codes(findings([reg('draft')]))).toEqual(['paperless-without-founder:warning']);
		expect(codes(findings([reg('published')]))).toEqual(['paperless-without-founder:error']);
		// An order keeping the paper journal needs no agreement.
		expect(
			findings([
				transition({ start_date: '2026-10-04', paperless: false, paperless_since: '2026-10-04' })
			])
		).toEqual([]);
	});

	it("warns when the cited founder's agreement is not the registered one", () => {
		const order = (n: string) =>
			transition({
				start_date: '2026-10-04',
				founder_agreement_number: n,
				founder_agreement_date: '2026-08-01'
			});
		expect(codes(findings([order('99'), consent('2026-08-01', '7')]))).toEqual([
			'founder-agreement-mismatch:warning'
		]);
		expect(findings([order('7'), consent('2026-08-01', '7')])).toEqual([]);
	});
});

describe('staff notice', () => {
	const notice = (variables: Record<string, unknown>, documentDate: string | null = '2026-09-01') =>
		doc({
			title: 'Уведомление работников',
			kind: 'notice',
			templateId: 'school-notice-staff',
			documentDate,
			variables
		});

	it('refuses a change of working conditions less than two months after the notice (ст. 74 ТК)', () => {
		const fs = findings([notice({ transition_date: '2026-09-15' })]);
		expect(codes(fs)).toEqual(['notice-too-late:error']);
		expect(fs[0]!.message).toContain(
			'условия труда меняются с 15.09.2026, а уведомление датировано 01.09.2026'
		);
		expect(fs[0]!.message).toContain('не раньше 01.11.2026');
		expect(findings([notice({ transition_date: '2026-11-01' })])).toEqual([]);
		// The change date of its own, where the notice has one.
		expect(
			codes(
				findings([
					notice({
						conditions_change: true,
						transition_date: '2027-01-01',
						change_date: '2026-10-01'
					})
				])
			)
		).toEqual(['notice-too-late:error']);
	});

	it('counts an undated notice from today', () => {
		expect(
			codes(findings([notice({ transition_date: '2026-12-15' }, null)], {}, '2026-11-01'))
		).toEqual(['notice-too-late:error']);
		expect(findings([notice({ transition_date: '2027-01-01' }, null)], {}, '2026-11-01')).toEqual(
			[]
		);
	});

	it('warns where conditions do not change and nobody is to be acquainted (ст. 22, 68 ТК)', () => {
		expect(
			codes(
				findings([notice({ conditions_change: false, transition_date: '2026-09-02', staff: [] })])
			)
		).toEqual(['notice-no-acquaintance:warning']);
		expect(
			findings([
				notice({
					conditions_change: false,
					transition_date: '2026-09-02',
					staff: [
						{ full_name: 'Иванова Анна Петровна', position: 'учитель', initials: 'А.П. Иванова' }
					]
				})
			])
		).toEqual([]);
	});

	it('reads the model notice’s own choice and dates: «меняются» with the notice date, «не меняются» without a term', () => {
		expect(
			codes(
				findings([
					notice(
						{ conditions_change: 'меняются', notice_date: '2026-09-01', change_date: '2026-10-15' },
						null
					)
				])
			)
		).toEqual(['notice-too-late:error']);
		expect(
			findings([
				notice(
					{ conditions_change: 'меняются', notice_date: '2026-09-01', change_date: '2026-11-01' },
					null
				)
			])
		).toEqual([]);
		expect(
			codes(
				findings([
					notice({
						conditions_change: 'не меняются',
						notice_date: '2026-09-01',
						change_date: '2026-09-02',
						staff: []
					})
				])
			)
		).toEqual(['notice-no-acquaintance:warning']);
	});
});

describe('plan stages', () => {
	it('refuses a stage after the next one, naming both', () => {
		const plan = doc({
			title: 'Перспективный план',
			kind: 'plan',
			documentClass: 'appendix',
			templateId: 'school-plan-prospective',
			variables: {
				prep_start: '2026-09-01',
				pilot_start: '2026-11-03',
				paperless_date: '2021-09-01'
			}
		});
		const fs = findings([plan, consent('2020-01-01')]);
		expect(codes(fs)).toEqual(['stages-out-of-order:error']);
		expect(fs[0]!.message).toContain(
			'этап «начало апробации» 03.11.2026 не может быть позже этапа «полный переход на безбумажный вариант» 01.09.2021'
		);
		expect(fs[0]!.fields[plan.id]).toBe('var:paperless_date');
	});

	it('asks a «from» strictly before its «to»; deadlines may share a day', () => {
		const roadmap = (due: string) =>
			doc({
				templateId: 'school-plan-roadmap',
				kind: 'plan',
				documentClass: 'appendix',
				variables: { start_date: '2026-09-01', due_date: due }
			});
		expect(codes(findings([roadmap('2026-09-01')]))).toEqual(['stages-out-of-order:error']);
		expect(findings([roadmap('2026-12-01')])).toEqual([]);
		const group = doc({
			templateId: 'school-order-working-group',
			kind: 'order',
			documentClass: 'order',
			variables: {
				analysis_date: '2026-09-10',
				plan_date: '2026-09-10',
				drafts_date: '2026-10-01',
				end_date: '2027-05-31'
			}
		});
		expect(findings([group])).toEqual([]);
	});
});

describe('effective date and document date', () => {
	it('refuses an act in force before its approval order, and an order in force before its date', () => {
		const act = doc({
			title: 'Положение',
			kind: 'regulation',
			documentClass: 'act',
			status: 'published',
			approvalOrderNumber: '40-о',
			approvalOrderDate: '2026-10-10',
			effectiveDate: '2026-10-01'
		});
		const fs = findings([act]);
		expect(codes(fs)).toEqual(['effective-before-order:error']);
		expect(fs[0]!.message).toBe(
			'«Положение» вступает в силу 01.10.2026 — раньше приказа об утверждении № 40-о от 10.10.2026.'
		);
		expect(
			codes(findings([transition({}, { documentDate: '2026-10-10', effectiveDate: '2026-10-09' })]))
		).toEqual(['effective-before-order:error']);
		expect(findings([{ ...act, effectiveDate: '2026-10-10' }])).toEqual([]);
	});

	it('refuses a signed document dated in the future; warns on a draft', () => {
		expect(codes(findings([contract('2026-11-02')], {}, '2026-11-01'))).toEqual([
			'dated-in-future:error'
		]);
		expect(codes(findings([doc({ documentDate: '2026-11-02' })], {}, '2026-11-01'))).toEqual([
			'dated-in-future:warning'
		]);
		expect(findings([contract('2026-11-01')], {}, '2026-11-01')).toEqual([]);
	});

	it('leaves out documents no longer in force', () => {
		expect(
			findings([
				transition({ start_date: '2026-10-04' }, { status: 'superseded' }),
				contract('2026-10-19')
			])
		).toEqual([]);
	});
});

describe('public discussion', () => {
	it('refuses a discussion shorter than the minimum, both days counted', () => {
		expect(discussionTooShort('2026-12-03', '2026-12-03', 7)).toBe(
			'Обсуждение не короче 7 дней: с 03.12.2026 по 03.12.2026 — 1 день. Назначьте окончание не раньше 09.12.2026.'
		);
		expect(discussionTooShort('2026-12-03', '2026-12-09', 7)).toBeNull();
		expect(discussionTooShort('2026-12-03', '2026-12-03', 1)).toBeNull();
	});

	it('shows a discussion already held too short as a warning', () => {
		const held = doc({
			title: 'Положение',
			kind: 'regulation',
			documentClass: 'act',
			status: 'approval',
			discussion: { startsOn: '2026-12-03', endsOn: '2026-12-03' }
		});
		expect(codes(findings([held], {}, '2026-12-10'))).toEqual(['discussion-too-short:warning']);
		expect(findings([held], { discussionMinDays: 1 }, '2026-12-10')).toEqual([]);
	});

	it('counts down in Russian', () => {
		expect(discussionCountdown('2026-12-10', '2026-12-10')).toBe(
			'Обсуждение до 10.12.2026, последний день'
		);
		expect(discussionCountdown('2026-12-10', '2026-12-08')).toBe(
			'Обсуждение до 10.12.2026, осталось 3 дня'
		);
		expect([1, 2, 5, 11, 12, 21, 22, 25, 101, 111].map(daysLeftPhrase)).toEqual([
			'остался 1 день',
			'осталось 2 дня',
			'осталось 5 дней',
			'осталось 11 дней',
			'осталось 12 дней',
			'остался 21 день',
			'осталось 22 дня',
			'осталось 25 дней',
			'остался 101 день',
			'осталось 111 дней'
		]);
	});
});

describe('calendar', () => {
	it('adds months as ст. 14 ТК counts them, and counts days', () => {
		expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
		expect(addMonths('2026-09-01', 2)).toBe('2026-11-01');
		expect(daysBetween('2026-12-31', '2027-01-02')).toBe(2);
	});
});
