import type { DocumentClass } from '../../documents/classes';

/**
 * The life of a document (issues #5, #7), as one table: which event moves a document from which
 * state to which, and who may cause it. The document's class decides which steps it has.
 */
export type WorkflowState =
	| 'draft'
	| 'review'
	| 'discussion'
	| 'approval'
	| 'published'
	| 'superseded'
	| 'repealed'
	| 'registered';

export type WorkflowEvent =
	| 'submit' // the author sends the draft on (to review, discussion or approval: the first step the kind needs)
	| 'request_changes' // review: a member asks for changes; the draft goes back to its author
	| 'close_review' // review: all approved, or the chair closes with a majority and a reason
	| 'open_discussion' // the chair sets the dates of the public discussion (when the kind needs none, review closes straight to approval)
	| 'close_discussion' // the dates are over: the summary of proposals is made
	| 'return_to_draft' // a step finds the text must change
	| 'approve' // the director approves an act or an appendix by an order with its number and date
	| 'sign' // the director signs an order: it is registered with its own date and number and comes into force
	| 'register' // a record (analysis, notice, consent…) is signed and registered
	| 'supersede' // a later version of the act was approved
	| 'repeal'; // an order repeals the act

export type WorkflowActor = 'author' | 'working_group' | 'chair' | 'director' | 'system';

/** The steps a class of document goes through; a record needs none but its registration. */
export interface KindRoute {
	review: boolean;
	discussion: boolean;
	approval: boolean;
}

// A local act is agreed, discussed publicly and approved; an order and an appendix are agreed
// (визы) and signed or approved; a record is only registered.
export const routeByClass: Record<DocumentClass, KindRoute> = {
	act: { review: true, discussion: true, approval: true },
	appendix: { review: true, discussion: false, approval: true },
	order: { review: true, discussion: false, approval: true },
	record: { review: false, discussion: false, approval: false }
};

interface Rule {
	from: WorkflowState;
	event: WorkflowEvent;
	to: WorkflowState;
	by: WorkflowActor[];
	/** The rule applies only when the class's route has (or lacks) these steps. */
	when?: (route: KindRoute, documentClass: DocumentClass) => boolean;
}

export const rules: Rule[] = [
	{
		from: 'draft',
		event: 'submit',
		to: 'review',
		by: ['author', 'director'],
		when: (r) => r.review
	},
	{
		from: 'draft',
		event: 'submit',
		to: 'discussion',
		by: ['author', 'director'],
		when: (r) => !r.review && r.discussion
	},
	{
		from: 'draft',
		event: 'submit',
		to: 'approval',
		by: ['author', 'director'],
		when: (r) => !r.review && !r.discussion && r.approval
	},
	{ from: 'review', event: 'request_changes', to: 'draft', by: ['working_group', 'chair'] },
	{
		from: 'review',
		event: 'close_review',
		to: 'discussion',
		by: ['chair', 'system'],
		when: (r) => r.discussion
	},
	{
		from: 'review',
		event: 'close_review',
		to: 'approval',
		by: ['chair', 'system'],
		when: (r) => !r.discussion
	},
	// Review hands the draft to discussion; it opens to the public once the chair sets the dates.
	{
		from: 'discussion',
		event: 'open_discussion',
		to: 'discussion',
		by: ['chair'],
		when: (r) => r.discussion
	},
	{ from: 'discussion', event: 'close_discussion', to: 'approval', by: ['chair', 'system'] },
	{ from: 'discussion', event: 'return_to_draft', to: 'draft', by: ['chair', 'director'] },
	{ from: 'approval', event: 'return_to_draft', to: 'draft', by: ['director'] },
	{
		from: 'approval',
		event: 'approve',
		to: 'published',
		by: ['director'],
		when: (r, c) => c !== 'order'
	},
	{
		from: 'approval',
		event: 'sign',
		to: 'published',
		by: ['director'],
		when: (r, c) => c === 'order'
	},
	{
		from: 'draft',
		event: 'register',
		to: 'registered',
		by: ['author', 'director'],
		when: (r, c) => c === 'record'
	},
	{ from: 'published', event: 'supersede', to: 'superseded', by: ['system'] },
	{ from: 'published', event: 'repeal', to: 'repealed', by: ['director'] }
];

export type TransitionVerdict = { ok: true; to: WorkflowState } | { ok: false; message: string };

export const stateLabels: Record<WorkflowState, string> = {
	draft: 'черновик',
	review: 'согласование',
	discussion: 'общественное обсуждение',
	approval: 'утверждение',
	published: 'действует',
	superseded: 'утратил силу',
	repealed: 'отменён',
	registered: 'зарегистрирован'
};

/**
 * Whether `event` is legal from `state` for this kind, and for someone in these roles.
 * Refusals are Russian sentences fit to show the person.
 */
export function decide(
	documentClass: DocumentClass,
	state: WorkflowState,
	event: WorkflowEvent,
	actorRoles: WorkflowActor[]
): TransitionVerdict {
	const route = routeByClass[documentClass];
	if (documentClass === 'record' && event !== 'register')
		return {
			ok: false,
			message:
				'Этот документ не проходит согласование и утверждение: его подписывают и регистрируют.'
		};
	if (documentClass !== 'order' && event === 'sign')
		return {
			ok: false,
			message:
				'Подписывают и регистрируют со своим номером только приказы; акт утверждают приказом.'
		};
	if (documentClass === 'order' && event === 'approve')
		return {
			ok: false,
			message:
				'Приказ не утверждают другим приказом: его подписывают и регистрируют со своим номером.'
		};
	const legal = rules.filter(
		(r) => r.from === state && r.event === event && (!r.when || r.when(route, documentClass))
	);
	if (!legal.length)
		return { ok: false, message: `Из состояния «${stateLabels[state]}» так поступить нельзя.` };
	const allowed = legal.find((r) => r.by.some((b) => actorRoles.includes(b)));
	if (!allowed) return { ok: false, message: 'Это действие вам недоступно на этом шаге.' };
	return { ok: true, to: allowed.to };
}

/** The first state after the draft for this class: the step the «Отправить» button leads to. */
export function firstStep(documentClass: DocumentClass): WorkflowState | null {
	const route = routeByClass[documentClass];
	return route.review
		? 'review'
		: route.discussion
			? 'discussion'
			: route.approval
				? 'approval'
				: null;
}
