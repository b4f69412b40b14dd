import type { DocumentKind } from './labels';

/**
 * Document classes as records practice has them (ГОСТ Р 7.0.97-2016; ст. 30 273-ФЗ; ст. 8 ТК РФ).
 * The class decides the route, the requisites and how the document comes into force:
 * - order: a распорядительный документ, signed by the head and registered with its own date and
 *   number in the organisation's journal; never «утверждён» by another order;
 * - act: a local normative act (положение, регламент, порядок, правила, инструкция), routed and
 *   approved by an order: УТВЕРЖДЕНО with that order's date and number;
 * - appendix: a plan, schedule or list, approved by an order as its appendix («Приложение к приказу»);
 * - record: analysis, minutes, summaries, statements, consents, contracts, notices, letters:
 *   signed and registered, no approval stamp.
 */
export type DocumentClass = 'order' | 'act' | 'appendix' | 'record';
export const documentClasses: DocumentClass[] = ['order', 'act', 'appendix', 'record'];

export const classOfKind: Record<DocumentKind, DocumentClass> = {
	order: 'order',
	regulation: 'act',
	rules: 'act',
	procedure: 'act',
	instruction: 'act',
	plan: 'appendix',
	other: 'record',
	minutes: 'record',
	consent: 'record',
	statement: 'record',
	notice: 'record',
	acknowledgement_sheet: 'record',
	contract: 'record',
	agreement: 'record',
	founder_consent: 'record',
	letter: 'record',
	record_act: 'record',
	log: 'record',
	memo: 'record',
	report: 'record',
	undertaking: 'record',
	extract: 'record'
};

/** A template may name its class (a list of kind «other» approved as an appendix); otherwise its kind decides. */
export const documentClassOf = (
	kind: DocumentKind,
	declared?: DocumentClass | null
): DocumentClass => declared ?? classOfKind[kind];

export const documentClassLabels: Record<DocumentClass, string> = {
	order: 'Приказ',
	act: 'Локальный нормативный акт',
	appendix: 'Приложение к приказу (план, график, перечень)',
	record: 'Документ (запись)'
};

/** The plural heading the registry and the public page group documents under. */
export const documentClassGroupLabels: Record<DocumentClass, string> = {
	order: 'Приказы',
	act: 'Локальные нормативные акты',
	appendix: 'Планы, графики и перечни',
	record: 'Иные документы'
};

/** Approved by an order of the head (and so listed in an approval order). */
export const approvedByOrder = (c: DocumentClass) => c === 'act' || c === 'appendix';
