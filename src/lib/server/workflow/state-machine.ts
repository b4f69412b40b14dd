import type { DocumentKind } from '../../documents/labels';

/**
 * The life of a local act (issue #5), as one table: which event moves a document from which
 * state to which, and who may cause it. Registered records never enter it.
 */
export type WorkflowState = 'draft' | 'review' | 'discussion' | 'approval' | 'published' | 'superseded' | 'repealed';

export type WorkflowEvent =
	| 'submit' // the author sends the draft on (to review, discussion or approval: the first step the kind needs)
	| 'request_changes' // review: a member asks for changes; the draft goes back to its author
	| 'close_review' // review: all approved, or the chair closes with a majority and a reason
	| 'open_discussion' // the chair sets the dates of the public discussion (when the kind needs none, review closes straight to approval)
	| 'close_discussion' // the dates are over: the summary of proposals is made
	| 'return_to_draft' // a step finds the text must change
	| 'approve' // the director approves by an order with number and date
	| 'supersede' // a later version of the act was approved
	| 'repeal'; // an order repeals the act

export type WorkflowActor = 'author' | 'working_group' | 'chair' | 'director' | 'system';

/** The steps a kind of document goes through; a consent form or a registered contract needs none. */
export interface KindRoute {
	review: boolean;
	discussion: boolean;
	approval: boolean;
}

const ACT: KindRoute = { review: true, discussion: true, approval: true };
const ORDER: KindRoute = { review: true, discussion: false, approval: true };
const FORM: KindRoute = { review: false, discussion: false, approval: false };

export const routeByKind: Record<DocumentKind, KindRoute> = {
	regulation: ACT,
	rules: ACT,
	procedure: ACT,
	plan: ORDER,
	instruction: ORDER,
	order: ORDER,
	other: ORDER,
	minutes: FORM,
	consent: FORM,
	statement: FORM,
	notice: FORM,
	acknowledgement_sheet: FORM,
	contract: FORM,
	agreement: FORM
};

interface Rule {
	from: WorkflowState;
	event: WorkflowEvent;
	to: WorkflowState;
	by: WorkflowActor[];
	/** The rule applies only when the kind's route has (or lacks) these steps. */
	when?: (route: KindRoute) => boolean;
}

export const rules: Rule[] = [
	{ from: 'draft', event: 'submit', to: 'review', by: ['author', 'director'], when: (r) => r.review },
	{ from: 'draft', event: 'submit', to: 'discussion', by: ['author', 'director'], when: (r) => !r.review && r.discussion },
	{ from: 'draft', event: 'submit', to: 'approval', by: ['author', 'director'], when: (r) => !r.review && !r.discussion && r.approval },
	{ from: 'review', event: 'request_changes', to: 'draft', by: ['working_group', 'chair'] },
	{ from: 'review', event: 'close_review', to: 'discussion', by: ['chair', 'system'], when: (r) => r.discussion },
	{ from: 'review', event: 'close_review', to: 'approval', by: ['chair', 'system'], when: (r) => !r.discussion },
	// Review hands the draft to discussion; it opens to the public once the chair sets the dates.
	{ from: 'discussion', event: 'open_discussion', to: 'discussion', by: ['chair'], when: (r) => r.discussion },
	{ from: 'discussion', event: 'close_discussion', to: 'approval', by: ['chair', 'system'] },
	{ from: 'discussion', event: 'return_to_draft', to: 'draft', by: ['chair', 'director'] },
	{ from: 'approval', event: 'return_to_draft', to: 'draft', by: ['director'] },
	{ from: 'approval', event: 'approve', to: 'published', by: ['director'] },
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
	repealed: 'отменён'
};

/**
 * Whether `event` is legal from `state` for this kind, and for someone in these roles.
 * Refusals are Russian sentences fit to show the person.
 */
export function decide(kind: DocumentKind, state: WorkflowState, event: WorkflowEvent, actorRoles: WorkflowActor[]): TransitionVerdict {
	const route = routeByKind[kind];
	if (!route.review && !route.discussion && !route.approval)
		return { ok: false, message: 'Этот вид документа не проходит согласование и утверждение: его регистрируют с файлом.' };
	const legal = rules.filter((r) => r.from === state && r.event === event && (!r.when || r.when(route)));
	if (!legal.length) return { ok: false, message: `Из состояния «${stateLabels[state]}» так поступить нельзя.` };
	const allowed = legal.find((r) => r.by.some((b) => actorRoles.includes(b)));
	if (!allowed) return { ok: false, message: 'Это действие вам недоступно на этом шаге.' };
	return { ok: true, to: allowed.to };
}

/** The first state after the draft for this kind: the step the «Отправить» button leads to. */
export function firstStep(kind: DocumentKind): WorkflowState | null {
	const route = routeByKind[kind];
	return route.review ? 'review' : route.discussion ? 'discussion' : route.approval ? 'approval' : null;
}

