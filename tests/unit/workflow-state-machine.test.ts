import { describe, expect, it } from 'vitest';
import {
	decide,
	firstStep,
	type WorkflowActor,
	type WorkflowEvent,
	type WorkflowState
} from '../../src/lib/server/workflow/state-machine';
import { classOfKind, documentClassOf } from '../../src/lib/documents/classes';
import { templateLibrary } from '../../src/lib/server/templates/library';

const states: WorkflowState[] = [
	'draft',
	'review',
	'discussion',
	'approval',
	'published',
	'superseded',
	'repealed',
	'registered'
];
const events: WorkflowEvent[] = [
	'submit',
	'request_changes',
	'close_review',
	'open_discussion',
	'close_discussion',
	'return_to_draft',
	'approve',
	'sign',
	'register',
	'supersede',
	'repeal'
];
const everyone: WorkflowActor[] = ['author', 'working_group', 'chair', 'director', 'system'];

// Written out by hand from issues #5 and #7, not derived from the code: a local act is agreed,
// discussed and approved by an order; an appendix is agreed and approved by an order; an order
// is agreed and signed with its own number; a record is only registered.
const expected: Record<
	'act' | 'appendix' | 'order' | 'record',
	Partial<Record<`${WorkflowState}:${WorkflowEvent}`, WorkflowState>>
> = {
	act: {
		'draft:submit': 'review',
		'review:request_changes': 'draft',
		'review:close_review': 'discussion',
		'discussion:open_discussion': 'discussion',
		'discussion:close_discussion': 'approval',
		'discussion:return_to_draft': 'draft',
		'approval:return_to_draft': 'draft',
		'approval:approve': 'published',
		'published:supersede': 'superseded',
		'published:repeal': 'repealed'
	},
	appendix: {
		'draft:submit': 'review',
		'review:request_changes': 'draft',
		'review:close_review': 'approval',
		'discussion:close_discussion': 'approval',
		'discussion:return_to_draft': 'draft',
		'approval:return_to_draft': 'draft',
		'approval:approve': 'published',
		'published:supersede': 'superseded',
		'published:repeal': 'repealed'
	},
	order: {
		'draft:submit': 'review',
		'review:request_changes': 'draft',
		'review:close_review': 'approval',
		'discussion:close_discussion': 'approval',
		'discussion:return_to_draft': 'draft',
		'approval:return_to_draft': 'draft',
		'approval:sign': 'published',
		'published:supersede': 'superseded',
		'published:repeal': 'repealed'
	},
	record: { 'draft:register': 'registered' }
};

describe('the workflow table', () => {
	for (const documentClass of Object.keys(expected) as (keyof typeof expected)[])
		it(`allows exactly the expected transitions for the class «${documentClass}» and refuses every other`, () => {
			for (const state of states)
				for (const event of events) {
					const verdict = decide(documentClass, state, event, everyone);
					const want = expected[documentClass][`${state}:${event}`];
					if (want) expect(verdict, `${state} —${event}→`).toEqual({ ok: true, to: want });
					else expect(verdict.ok, `${state} —${event}→`).toBe(false);
				}
		});

	it('never approves an order by another order, and never signs an act as an order', () => {
		expect(decide('order', 'approval', 'approve', ['director'])).toMatchObject({
			ok: false,
			message: expect.stringMatching(/не утверждают другим приказом/)
		});
		expect(decide('act', 'approval', 'sign', ['director'])).toMatchObject({
			ok: false,
			message: expect.stringMatching(/утверждают приказом/)
		});
		expect(decide('record', 'draft', 'submit', everyone)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/подписывают и регистрируют/)
		});
	});

	it('lets only the director approve, sign and repeal', () => {
		for (const who of ['author', 'working_group', 'chair', 'system'] as WorkflowActor[]) {
			expect(decide('act', 'approval', 'approve', [who])).toEqual({
				ok: false,
				message: 'Это действие вам недоступно на этом шаге.'
			});
			expect(decide('order', 'approval', 'sign', [who]).ok).toBe(false);
			expect(decide('act', 'published', 'repeal', [who]).ok).toBe(false);
		}
		expect(decide('act', 'approval', 'approve', ['director'])).toEqual({
			ok: true,
			to: 'published'
		});
	});

	it('lets a working-group member request changes but not close the round; the chair closes it', () => {
		expect(decide('act', 'review', 'request_changes', ['working_group'])).toEqual({
			ok: true,
			to: 'draft'
		});
		expect(decide('act', 'review', 'close_review', ['working_group']).ok).toBe(false);
		expect(decide('act', 'review', 'close_review', ['chair'])).toEqual({
			ok: true,
			to: 'discussion'
		});
	});

	it('never lets a person supersede: a later approved version does it', () => {
		expect(decide('act', 'published', 'supersede', ['director']).ok).toBe(false);
		expect(decide('act', 'published', 'supersede', ['system'])).toEqual({
			ok: true,
			to: 'superseded'
		});
	});

	it('sends a submitted draft to the first step its class needs', () => {
		expect(firstStep('act')).toBe('review');
		expect(firstStep('order')).toBe('review');
		expect(firstStep('record')).toBeNull();
	});
});

describe('the class table', () => {
	it('puts each kind in its class as records practice has it', () => {
		expect(classOfKind.order).toBe('order');
		for (const k of ['regulation', 'rules', 'procedure', 'instruction'] as const)
			expect(classOfKind[k]).toBe('act');
		expect(classOfKind.plan).toBe('appendix');
		for (const k of [
			'minutes',
			'consent',
			'statement',
			'notice',
			'contract',
			'agreement',
			'acknowledgement_sheet',
			'founder_consent',
			'letter',
			'other'
		] as const)
			expect(classOfKind[k]).toBe('record');
		expect(documentClassOf('other', 'appendix')).toBe('appendix');
	});

	it('gives every model template the class its layout and approval follow from', () => {
		const byId = templateLibrary().byId;
		const classOf = (id: string) => byId.get(id)!.documentClass;
		for (const id of [
			'school-order-transition',
			'school-order-working-group',
			'school-order-pd-responsible',
			'school-order-approve-acts'
		]) {
			expect(classOf(id)).toBe('order');
			expect(byId.get(id)!.approval).toBe(false);
		}
		for (const id of [
			'school-regulation-journal',
			'school-rules-journal',
			'school-procedure-storage',
			'school-instruction-additions'
		])
			expect(classOf(id)).toBe('act');
		for (const id of [
			'school-plan-roadmap',
			'school-schedule-devices',
			'school-list-acts-to-amend'
		])
			expect(classOf(id)).toBe('appendix');
		for (const id of [
			'school-readiness-analysis',
			'school-notice-staff',
			'school-consent-parent',
			'school-minutes-working-group'
		]) {
			expect(classOf(id)).toBe('record');
			expect(byId.get(id)!.approval).toBe(false);
		}
	});
});
