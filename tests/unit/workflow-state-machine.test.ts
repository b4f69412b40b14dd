import { describe, expect, it } from 'vitest';
import { decide, firstStep, type WorkflowActor, type WorkflowEvent, type WorkflowState } from '../../src/lib/server/workflow/state-machine';

const states: WorkflowState[] = ['draft', 'review', 'discussion', 'approval', 'published', 'superseded', 'repealed'];
const events: WorkflowEvent[] = ['submit', 'request_changes', 'close_review', 'open_discussion', 'close_discussion', 'return_to_draft', 'approve', 'supersede', 'repeal'];
const everyone: WorkflowActor[] = ['author', 'working_group', 'chair', 'director', 'system'];

// Written out by hand from issue #5, not derived from the code: the route of an act that needs
// review, discussion and approval (положение), of an order (no public discussion), and of a form.
const expected: Record<'regulation' | 'order' | 'consent', Partial<Record<`${WorkflowState}:${WorkflowEvent}`, WorkflowState>>> = {
	regulation: {
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
	order: {
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
	consent: {}
};

describe('the workflow table', () => {
	for (const kind of Object.keys(expected) as (keyof typeof expected)[])
		it(`allows exactly the expected transitions for «${kind}» and refuses every other`, () => {
			for (const state of states)
				for (const event of events) {
					const verdict = decide(kind, state, event, everyone);
					const want = expected[kind][`${state}:${event}`];
					if (want) expect(verdict, `${state} —${event}→`).toEqual({ ok: true, to: want });
					else expect(verdict, `${state} —${event}→`).toMatchObject({ ok: false, message: expect.stringMatching(kind === 'consent' ? /регистрируют с файлом/ : /так поступить нельзя/) });
				}
		});

	it('lets only the director approve and repeal', () => {
		for (const who of ['author', 'working_group', 'chair', 'system'] as WorkflowActor[]) {
			expect(decide('regulation', 'approval', 'approve', [who])).toEqual({ ok: false, message: 'Это действие вам недоступно на этом шаге.' });
			expect(decide('regulation', 'published', 'repeal', [who]).ok).toBe(false);
		}
		expect(decide('regulation', 'approval', 'approve', ['director'])).toEqual({ ok: true, to: 'published' });
	});

	it('lets a working-group member request changes but not close the round; the chair closes it', () => {
		expect(decide('regulation', 'review', 'request_changes', ['working_group'])).toEqual({ ok: true, to: 'draft' });
		expect(decide('regulation', 'review', 'close_review', ['working_group']).ok).toBe(false);
		expect(decide('regulation', 'review', 'close_review', ['chair'])).toEqual({ ok: true, to: 'discussion' });
	});

	it('never lets a person supersede: a later approved version does it', () => {
		expect(decide('regulation', 'published', 'supersede', ['director']).ok).toBe(false);
		expect(decide('regulation', 'published', 'supersede', ['system'])).toEqual({ ok: true, to: 'superseded' });
	});

	it('sends a submitted draft to the first step its kind needs', () => {
		expect(firstStep('regulation')).toBe('review');
		expect(firstStep('order')).toBe('review');
		expect(firstStep('consent')).toBeNull();
		expect(decide('consent', 'draft', 'submit', everyone).ok).toBe(false);
	});
});
