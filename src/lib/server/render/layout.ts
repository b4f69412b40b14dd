/**
 * What a rendered document carries besides its text: the requisites of ГОСТ Р 7.0.97-2016
 * (organisation, kind, date and number, place, approval stamp, heading, signature).
 * Both outputs, HTML and DOCX, take the same layout, so a document reads the same on screen and on paper.
 */
export interface DocumentLayout {
	/** Full name of the organisation, the first line, centred. */
	organizationName: string;
	/** Short name, e.g. «МБОУ «Школа № 1»»: the author of the file in its properties; the full name when absent. */
	organizationShortName?: string | null;
	/**
	 * Whether the organisation's line and the date-and-number line head the page (default true). A citizen's
	 * statement or consent is written by the citizen, not on the organisation's blank: it has neither.
	 */
	letterhead?: boolean;
	/**
	 * Адресат at the upper right, whom a citizen writes to: «Директору МБОУ …», «М. П. Ивановой». The applicant's
	 * blanks follow it ({@link APPLICANT_LINES}).
	 */
	addressee?: string[] | null;
	/** The citizen signs at the end: the date, the signature and its decoding, blanks with their captions. */
	applicantSignature?: boolean;
	/**
	 * A bilateral agreement: the last table of the body is the parties' block (their roles in the header row,
	 * then requisites, the last row the signatures), printed as two equal borderless columns.
	 */
	parties?: boolean;
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
	appendix?: {
		index: number | null;
		authority: string;
		orderNumber: string;
		orderDate: string;
	} | null;
	/**
	 * ПРИНЯТО, top left: the collegial body that adopted the act and its minutes. `body` is printed as given,
	 * in the instrumental case («педагогическим советом»); missing minutes leave their part out.
	 */
	adopted?: { body: string; minutesNumber: string | null; minutesDate: string | null } | null;
	/**
	 * УЧТЕНО МНЕНИЕ, top left under ПРИНЯТО: each council whose opinion was given, with its minutes;
	 * `council` is printed as given, best in the genitive («Совета обучающихся»).
	 */
	opinions?: { council: string; minutesNumber: string | null; minutesDate: string }[];
	/** Отметка об исполнителе, bottom left of an order: who prepared it (the full name, as ГОСТ asks), 12 pt. */
	executor?: { name: string; position: string | null } | null;
	/** «С приказом ознакомлен(ы)»: the employees an order names, each with the day they acknowledged it (null: a blank to sign). */
	acquainted?: { name: string; position: string | null; date: string | null }[];
	/**
	 * Лист согласования: who agreed the text on the route, their position, the decision and its date.
	 * Printed after everything else; in DOCX on a page of its own, as the sheet is filed behind the document.
	 */
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

/** The applicant's lines under the addressee; a caption is printed small under the blank it explains. */
export const APPLICANT_LINES: readonly { text: string; caption?: true }[] = [
	{ text: 'от ______________________________' },
	{ text: '(фамилия, имя, отчество заявителя)', caption: true },
	{ text: 'проживающего(-ей) по адресу:' },
	{ text: '__________________________________' },
	{ text: 'телефон: __________________________' }
];

/** The citizen's signature line, in three parts, and the caption under each. */
export const APPLICANT_SIGNATURE = {
	cells: ['«___» ____________ 20__ г.', '____________', '/ ______________________'],
	captions: ['', '(подпись)', '(расшифровка подписи)']
} as const;

/** A cell left for a hand to fill: empty, or only underscores. */
export function isBlankCell(text: string): boolean {
	return /^[\s_]*$/.test(text);
}

const OPERATIVE_WORDS = /^(?:ПРИКАЗЫВАЮ|ПОСТАНОВЛЯЮ)\s*:$/u;

/**
 * The word that opens the operative part of an order (ПРИКАЗЫВАЮ:, ПОСТАНОВЛЯЮ:): printed flush left on its own
 * line. Minutes' «РЕШИЛИ:» is not one; it is written in the body like any other paragraph.
 */
export function isOperativeWord(kindTitle: string, text: string): boolean {
	return isOrderKind(kindTitle) && OPERATIVE_WORDS.test(text.trim());
}

/**
 * The heading as printed. Under the kind word of an act it goes on from it, so it starts in lower case, as
 * ГОСТ Р 7.0.97-2016 writes «ПОЛОЖЕНИЕ / об электронном журнале»; a first word with another capital or a digit
 * is an abbreviation or a name (ЭлЖур, ИКТ, МБОУ) and a quoted one a name too, both kept. An order's heading is a
 * requisite of its own under the date, number and place, and keeps its capital («О переходе…»).
 */
export function headingText(layout: Pick<DocumentLayout, 'kindTitle' | 'heading'>): string {
	const heading = layout.heading.trim();
	// An order's heading stands apart from the kind word, under the date and number: «О переходе…».
	if (isOrderKind(layout.kindTitle))
		return heading.charAt(0).toLocaleUpperCase('ru-RU') + heading.slice(1);
	if (!kindText(layout.kindTitle)) return heading;
	const first = /^\S+/.exec(heading)?.[0] ?? '';
	if (!/^\p{Lu}\p{Ll}*[^\p{L}\p{N}]*$/u.test(first)) return heading;
	return heading.charAt(0).toLocaleLowerCase('ru-RU') + heading.slice(1);
}

/** The document's full title, the kind word and the heading: «Положение об электронном журнале», «Приказ «О переходе…»». */
export function documentTitle(layout: Pick<DocumentLayout, 'kindTitle' | 'heading'>): string {
	return agreementSheetSubject(layout.kindTitle, headingText(layout));
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
const FEMININE_KINDS = new Set([
	'ИНСТРУКЦИЯ',
	'ПОЛИТИКА',
	'ПРОГРАММА',
	'ДОРОЖНАЯ',
	'КОНЦЕПЦИЯ',
	'СТРУКТУРА',
	'ФОРМА',
	'СХЕМА',
	'МЕТОДИКА'
]);
const PLURAL_KINDS = new Set(['ПРАВИЛА', 'ДОПОЛНЕНИЯ', 'ИЗМЕНЕНИЯ', 'ТРЕБОВАНИЯ', 'НОРМЫ']);

/** The lines of the approval stamp: «УТВЕРЖДЕНО / приказом директора … / от ДД.ММ.ГГГГ № N». */
export function approvalLines(
	kindTitle: string,
	approval: NonNullable<DocumentLayout['approval']>
): string[] {
	const authority = approval.authority.trim().replace(/^приказом\s+/i, '');
	return [
		approvalWord(kindTitle),
		`приказом ${authority}`,
		`от ${dateText(approval.orderDate)} ${numberText(approval.orderNumber)}`
	];
}

/** Both ends of the protocol requisite: «протокол от ДД.ММ.ГГГГ № N», either part left out when missing; '' when both are. */
function minutesText(
	minutesDate: string | null | undefined,
	minutesNumber: string | null | undefined
): string {
	const date = minutesDate?.trim() ? `от ${formatDate(minutesDate)}` : '';
	const number = minutesNumber?.trim() ? numberText(minutesNumber) : '';
	// Non-breaking spaces: the minutes go over to the next line whole rather than split from their date.
	return date || number
		? ['протокол', date, number].filter(Boolean).join(' ').replace(/ /g, '\u00a0')
		: '';
}

/** «Приложение 2 / к приказу МБОУ … / от ДД.ММ.ГГГГ № N» (ГОСТ Р 7.0.97-2016, п. 5.22); «Приложение» alone when the order has one. */
export function appendixLines(appendix: NonNullable<DocumentLayout['appendix']>): string[] {
	const authority = appendix.authority.trim().replace(/^(?:к\s+)?приказ(?:у|ом)\s+/i, '');
	return [
		appendix.index === null ? 'Приложение' : `Приложение ${appendix.index}`,
		authority ? `к приказу ${authority}` : 'к приказу',
		`от ${dateText(appendix.orderDate)} ${numberText(appendix.orderNumber)}`
	];
}

/** «ПРИНЯТО / педагогическим советом / протокол от … № …», or nothing when no body is named. */
export function adoptedLines(adopted: DocumentLayout['adopted']): string[] {
	const body = adopted?.body.trim();
	if (!adopted || !body) return [];
	const minutes = minutesText(adopted.minutesDate, adopted.minutesNumber);
	return ['ПРИНЯТО', body, ...(minutes ? [minutes] : [])];
}

/** «УЧТЕНО МНЕНИЕ» and a line per council, «Совета обучающихся (протокол от … № …)»; nothing when there are none. */
export function opinionLines(opinions: DocumentLayout['opinions']): string[] {
	const lines = (opinions ?? [])
		.filter((o) => o.council.trim())
		.map((o) => {
			const minutes = minutesText(o.minutesDate, o.minutesNumber);
			return minutes ? `${o.council.trim()} (${minutes})` : o.council.trim();
		});
	return lines.length ? ['УЧТЕНО МНЕНИЕ', ...lines] : [];
}

/** «Исп.: Фамилия Имя Отчество» and the position on the next line (ГОСТ Р 7.0.97-2016, п. 5.26). */
export function executorLines(executor: DocumentLayout['executor']): string[] {
	const name = executor?.name.trim();
	if (!executor || !name) return [];
	const position = executor.position?.trim();
	return [`Исп.: ${name}`, ...(position ? [position] : [])];
}

/**
 * The word's ending from the patronymic of a full name «Фамилия Имя Отчество»: «ознакомлен», «ознакомлена»;
 * «ознакомлен(а)» when there is none (initials, two words).
 */
function acquaintedWord(fullName: string | null): string {
	const [, , patronymic = '', suffix = ''] = (fullName ?? '')
		.trim()
		.toLocaleLowerCase('ru-RU')
		.split(/\s+/);
	if (/^(оглы|улы|уулу)$/.test(suffix) || /ич$/.test(patronymic)) return 'ознакомлен';
	if (/^(кызы|гызы)$/.test(suffix) || /[вч]на$/.test(patronymic)) return 'ознакомлена';
	return 'ознакомлен(а)';
}

const ACQUAINTED_WITH: Record<string, string> = {
	ПРИКАЗ: 'С приказом',
	РАСПОРЯЖЕНИЕ: 'С распоряжением',
	ПОСТАНОВЛЕНИЕ: 'С постановлением',
	РЕШЕНИЕ: 'С решением'
};

/** «С приказом ознакомлены:», or «ознакомлен(а):» for one person; other kinds than orders say «С документом». */
export function acquaintedTitle(
	kindTitle: string,
	people: NonNullable<DocumentLayout['acquainted']>
): string {
	const withWhat = ACQUAINTED_WITH[kindText(kindTitle)] ?? 'С документом';
	return `${withWhat} ${people.length === 1 ? acquaintedWord(people[0]!.name) : 'ознакомлены'}:`;
}

/** The last column of an acquaintance row: when it was acknowledged on the portal, or a blank to sign on paper. */
export function acquaintedMark(person: NonNullable<DocumentLayout['acquainted']>[number]): string {
	return person.date?.trim()
		? `${acquaintedWord(person.name)} в электронной форме ${formatDate(person.date)}`
		: `________ ${BLANK_DATE}`;
}

export const AGREEMENT_SHEET_TITLE = 'ЛИСТ СОГЛАСОВАНИЯ';
export const AGREEMENT_SHEET_COLUMNS = ['№', 'Должность', 'Ф.И.О.', 'Решение', 'Дата'] as const;

/**
 * What the sheet agrees, under its title: «Положение об электронном журнале», «Приказ «О переходе…»» —
 * a heading that starts with a capital is quoted, one that goes on from the kind is not.
 */
export function agreementSheetSubject(kindTitle: string, heading: string): string {
	const kind = kindTitle.trim().toLocaleLowerCase('ru-RU');
	const kindWord = kind.charAt(0).toLocaleUpperCase('ru-RU') + kind.slice(1);
	const text = heading.trim();
	if (!text) return kindWord;
	return /^\p{Lu}/u.test(text) ? `${kindWord} «${text}»` : `${kindWord} ${text}`;
}

/** A row of the sheet: number, position, И.О. Фамилия, decision, ДД.ММ.ГГГГ. */
export function agreementSheetRows(sheet: DocumentLayout['approvalSheet']): string[][] {
	return (sheet ?? []).map((row, i) => [
		String(i + 1),
		row.position?.trim() ?? '',
		signatureName(row.name),
		row.decision.trim(),
		row.date.trim() ? formatDate(row.date) : ''
	]);
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
		.map((w) =>
			w
				.split('-')
				.map((part) => `${part.charAt(0).toLocaleUpperCase('ru-RU')}.`)
				.join('-')
		)
		.join('');
	return `${initials} ${surname}`;
}
