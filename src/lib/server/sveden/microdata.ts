import type { DocumentClass } from '../../documents/classes';
import type { DocumentKind } from '../../documents/labels';

/**
 * The microdata attributes of the «Документы» subsection: table 3.4.1 of Rosobrnadzor's methodical
 * recommendations, version 9.0.0 (2025), rows 2–12, with the item of п. 9 of the Требования
 * (приказ Рособрнадзора от 04.08.2023 № 1493) each row checks. The order itself names no attribute
 * (docs/legal/site-publication.md); row 1 (`copy`, the version for the visually impaired) is left out:
 * п. 21 of the Требования was repealed by приказ № 1353 from 1 March 2026.
 */
export const DOCUMENT_ITEMPROPS = [
	{ itemprop: 'ustavDocLink', row: 2, item: 'а', optional: false },
	{ itemprop: 'localActStud', row: 3, item: 'б', optional: false },
	{ itemprop: 'localActOrder', row: 4, item: 'в', optional: false },
	{ itemprop: 'localActCollec', row: 5, item: 'г', optional: true },
	{ itemprop: 'reportEduDocLink', row: 6, item: 'е', optional: false },
	{ itemprop: 'prescriptionDocLink', row: 7, item: 'ж', optional: true },
	{ itemprop: 'priemDocLink', row: 8, item: 'д', optional: false },
	{ itemprop: 'modeDocLink', row: 9, item: 'д', optional: false },
	{ itemprop: 'tekKontrolDocLink', row: 10, item: 'д', optional: false },
	{ itemprop: 'perevodDocLink', row: 11, item: 'д', optional: false },
	{ itemprop: 'vozDocLink', row: 12, item: 'д', optional: false }
] as const;

export type DocumentItemprop = (typeof DOCUMENT_ITEMPROPS)[number]['itemprop'];

/**
 * One row of the mapping: the documents it matches (a class, a kind of it or every kind, a template
 * where the kind alone is too coarse) and the attribute their links carry, or null with the reason.
 */
export interface MicrodataRule {
	documentClass: DocumentClass;
	/** Null: every kind of the class. */
	kind: DocumentKind | null;
	/** Only documents made from this template; absent: whatever their template. */
	templateId?: string;
	itemprop: DocumentItemprop | null;
	/** Why: the item of п. 9 and the row of table 3.4.1, or why no row applies. */
	basis: string;
}

const APPENDICES_NOT_LISTED =
	'Планы, графики и перечни — приложения к приказу; п. 9 Требований № 1493 их не называет, в табл. 3.4.1 МР 9.0.0 атрибута нет.';

const LOCAL_ACTS_NOT_LISTED =
	'П. 9 Требований № 1493 называет из локальных актов правила распорядка обучающихся и трудового распорядка («б», «в») и акты по основным вопросам образовательной деятельности ч. 2 ст. 30 273-ФЗ («д»); табл. 3.4.1 МР 9.0.0 даёт атрибуты пяти из них (строки 8–12: приём, режим занятий, текущий контроль и аттестация, перевод и отчисление, возникновение и прекращение отношений). Акты портала об электронном журнале, персональных данных и документообороте — иные локальные акты: им рекомендации атрибута не дают.';

/**
 * The mapping, most specific rows first: the first row that matches a document decides. Every class
 * and kind the portal publishes has its row, so a new one fails the tests until it is decided here. Today no kind or template of the portal is one of the documents table
 * 3.4.1 lists, so every row is deliberately unmapped; a template of, say, the rules of internal
 * order for students would get its own row with `localActStud` (row 3, п. 9 «б»).
 */
export const MICRODATA_RULES: readonly MicrodataRule[] = [
	{
		documentClass: 'order',
		kind: 'order',
		itemprop: null,
		basis:
			'Приказы в п. 9 Требований № 1493 не названы, в табл. 3.4.1 МР 9.0.0 атрибута для них нет; приказ об утверждении акта указан у самого акта.'
	},
	{ documentClass: 'act', kind: 'regulation', itemprop: null, basis: LOCAL_ACTS_NOT_LISTED },
	{ documentClass: 'act', kind: 'rules', itemprop: null, basis: LOCAL_ACTS_NOT_LISTED },
	{ documentClass: 'act', kind: 'procedure', itemprop: null, basis: LOCAL_ACTS_NOT_LISTED },
	{
		documentClass: 'act',
		kind: 'instruction',
		itemprop: null,
		basis:
			'Должностные инструкции и дополнения к ним — акты о трудовых обязанностях, не из п. 9 Требований № 1493; в табл. 3.4.1 МР 9.0.0 атрибута нет.'
	},
	{ documentClass: 'appendix', kind: 'plan', itemprop: null, basis: APPENDICES_NOT_LISTED },
	{ documentClass: 'appendix', kind: 'other', itemprop: null, basis: APPENDICES_NOT_LISTED },
	{
		documentClass: 'record',
		kind: null,
		itemprop: null,
		basis:
			'Записи (протоколы, согласия, уведомления, договоры, журналы) не публикуются порталом: у них нет публичной страницы.'
	}
];

/** The row that decides a document's attribute. */
export function microdataRuleOf(doc: {
	documentClass: DocumentClass;
	kind: DocumentKind;
	templateId: string | null;
}): MicrodataRule | undefined {
	return MICRODATA_RULES.find(
		(r) =>
			r.documentClass === doc.documentClass &&
			(r.kind === null || r.kind === doc.kind) &&
			(r.templateId === undefined || r.templateId === doc.templateId)
	);
}

/** The attribute on the link to a document in force, or null when the recommendations give none. */
export const itempropOf = (doc: Parameters<typeof microdataRuleOf>[0]) =>
	microdataRuleOf(doc)?.itemprop ?? null;
