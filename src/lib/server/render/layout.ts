/**
 * What a rendered document carries besides its text: the requisites of ГОСТ Р 7.0.97-2016
 * (organisation, kind, date and number, place, approval stamp, heading, signature).
 * Both outputs, HTML and DOCX, take the same layout, so a document reads the same on screen and on paper.
 */
export interface DocumentLayout {
	/** Full name of the organisation, the first line, centred. */
	organizationName: string;
	/** The document kind word, e.g. 'ПРИКАЗ', 'ПОЛОЖЕНИЕ', 'РЕГЛАМЕНТ'; rendered in capitals. */
	kindTitle: string;
	/** The title after the kind, e.g. 'О переходе на ведение электронного журнала'. */
	heading: string;
	/** Registration number; when absent '№ ____' is printed. */
	number?: string | null;
	/** ISO date YYYY-MM-DD, shown ДД.ММ.ГГГГ; when absent '«___» ________ 20__ г.' is printed. */
	date?: string | null;
	/**
	 * Whether the date-and-number line is printed (default true). An act approved by an order
	 * takes its date and number from that order's stamp, so until then the line is left out.
	 */
	dateLine?: boolean;
	/** Place of issue (место составления), e.g. 'пгт Новофедоровка'; the line is left out when absent. */
	place?: string | null;
	/** The approving order of a local act; when given, the approval stamp (гриф утверждения) is put in the top right corner. */
	approval?: { authority: string; orderNumber: string; orderDate: string } | null;
	/**
	 * A plan, schedule or list approved as an order's appendix: «Приложение 2 / к приказу … / от ДД.ММ.ГГГГ № N»
	 * in the top right corner instead of the approval stamp; `index` null when the order has one appendix.
	 */
	appendix?: { index: number | null; authority: string; orderNumber: string; orderDate: string } | null;
	/** ПРИНЯТО, top left: the collegial body that adopted the act (педагогический совет…) and its minutes. */
	adopted?: { body: string; minutesNumber: string | null; minutesDate: string | null } | null;
	/** УЧТЕНО МНЕНИЕ, top left under ПРИНЯТО: each council whose opinion was given, with its minutes. */
	opinions?: { council: string; minutesNumber: string | null; minutesDate: string }[];
	/** Отметка об исполнителе, bottom left of an order: who prepared it. */
	executor?: { name: string; position: string | null } | null;
	/** «С приказом ознакомлен(ы)»: the employees an order names, each with the day they acknowledged it (null: a blank to sign). */
	acquainted?: { name: string; position: string | null; date: string | null }[];
	/** Лист согласования: who agreed the text on the route, their position, the decision and its date. */
	approvalSheet?: { name: string; position: string | null; decision: string; date: string }[];
	/** Signature block at the end: the position on the left, the name ('И.О. Фамилия') on the right. */
	signature?: { position: string; name: string } | null;
	/** The document text, Markdown. */
	body: string;
}

/** Printed in place of a date not yet given. */
export const BLANK_DATE = '«___» ________ 20__ г.';
/** Printed in place of a number not yet given. */
export const BLANK_NUMBER = '№ ____';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** 'YYYY-MM-DD' (or an ISO timestamp) as ДД.ММ.ГГГГ; anything else is returned trimmed, as written. */
export function formatDate(value: string): string {
	const m = ISO_DATE.exec(value.trim());
	return m ? `${m[3]}.${m[2]}.${m[1]}` : value.trim();
}

/** The date requisite: ДД.ММ.ГГГГ, or the blank to fill in by hand. */
export function dateText(date: string | null | undefined): string {
	return date && date.trim() ? formatDate(date) : BLANK_DATE;
}

/** The number requisite with its sign: '№ 12-о', or the blank to fill in by hand. */
export function numberText(number: string | null | undefined): string {
	const n = (number ?? '').trim().replace(/^№\s*/, '');
	return n ? `№ ${n}` : BLANK_NUMBER;
}

/** The kind of document in capitals, as ГОСТ Р 7.0.97-2016 prints it. */
export function kindText(kindTitle: string): string {
	return kindTitle.trim().toLocaleUpperCase('ru-RU');
}

const ORDER_KINDS = new Set(['ПРИКАЗ', 'РАСПОРЯЖЕНИЕ', 'ПОСТАНОВЛЕНИЕ', 'РЕШЕНИЕ']);

/**
 * Administrative documents (приказ, распоряжение, …) put the heading to the text on the left;
 * the others (положение, регламент, план, …) centre it under the kind.
 */
export function isOrderKind(kindTitle: string): boolean {
	return ORDER_KINDS.has(kindText(kindTitle));
}

/**
 * The word of the approval stamp agrees with the kind of the document (ГОСТ Р 7.0.97-2016, гриф утверждения:
 * УТВЕРЖДЕН, УТВЕРЖДЕНА, УТВЕРЖДЕНЫ or УТВЕРЖДЕНО): «УТВЕРЖДЕН регламент», «УТВЕРЖДЕНА инструкция»,
 * «УТВЕРЖДЕНЫ правила», «УТВЕРЖДЕНО положение». Kinds not listed take УТВЕРЖДЕНО.
 */
export function approvalWord(kindTitle: string): string {
	const first = kindText(kindTitle).split(/\s+/)[0] ?? '';
	if (PLURAL_KINDS.has(first)) return 'УТВЕРЖДЕНЫ';
	if (FEMININE_KINDS.has(first)) return 'УТВЕРЖДЕНА';
	if (MASCULINE_KINDS.has(first)) return 'УТВЕРЖДЕН';
	return 'УТВЕРЖДЕНО';
}

const MASCULINE_KINDS = new Set([
	'РЕГЛАМЕНТ',
	'ПОРЯДОК',
	'ПЛАН',
	'ПЕРЕЧЕНЬ',
	'ГРАФИК',
	'ПРИКАЗ',
	'ДОГОВОР',
	'ПРОТОКОЛ',
	'ЛИСТ',
	'СОСТАВ',
	'КОДЕКС',
	'СПИСОК',
	'АНАЛИЗ',
	'ОТЧЁТ',
	'ОТЧЕТ'
]);
const FEMININE_KINDS = new Set(['ИНСТРУКЦИЯ', 'ПОЛИТИКА', 'ПРОГРАММА', 'ДОРОЖНАЯ', 'КОНЦЕПЦИЯ', 'СТРУКТУРА', 'ФОРМА', 'СХЕМА', 'МЕТОДИКА']);
const PLURAL_KINDS = new Set(['ПРАВИЛА', 'ДОПОЛНЕНИЯ', 'ИЗМЕНЕНИЯ', 'ТРЕБОВАНИЯ', 'НОРМЫ']);

/** The lines of the approval stamp: «УТВЕРЖДЕНО / приказом директора … / от ДД.ММ.ГГГГ № N». */
export function approvalLines(kindTitle: string, approval: NonNullable<DocumentLayout['approval']>): string[] {
	const authority = approval.authority.trim().replace(/^приказом\s+/i, '');
	return [approvalWord(kindTitle), `приказом ${authority}`, `от ${dateText(approval.orderDate)} ${numberText(approval.orderNumber)}`];
}

/**
 * A full name as the signature block prints it: 'Фамилия Имя Отчество' → 'И.О. Фамилия'.
 * A name already written with initials ('И.О. Фамилия', 'Фамилия И.О.') is brought to that order;
 * a single word is kept as it is.
 */
export function signatureName(fullName: string): string {
	const name = fullName.trim().replace(/\s+/g, ' ');
	if (!name) return '';
	const initialsFirst = /^((?:[\p{Lu}][\p{Ll}]?\.\s?)+)\s*(\S.*)$/u.exec(name);
	if (initialsFirst) return `${initialsFirst[1]!.replace(/\s/g, '')} ${initialsFirst[2]}`;
	const initialsLast = /^(\S+)\s+((?:[\p{Lu}][\p{Ll}]?\.\s?)+)$/u.exec(name);
	if (initialsLast) return `${initialsLast[2]!.replace(/\s/g, '')} ${initialsLast[1]}`;
	const words = name.split(' ');
	if (words.length < 2) return name;
	const [surname, ...given] = words as [string, ...string[]];
	// 'оглы', 'кызы' and the like follow the patronymic and have no initial of their own.
	const initials = given
		.slice(0, 2)
		.map((w) => w.split('-').map((part) => `${part.charAt(0).toLocaleUpperCase('ru-RU')}.`).join('-'))
		.join('');
	return `${initials} ${surname}`;
}
