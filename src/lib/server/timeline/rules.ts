import type { DocumentClass } from '../../documents/classes';
import type { DocumentKind } from '../../documents/labels';
import { formatDate } from '../../format';
import { addDays, addMonths, daysBetween, isIsoDate } from '../../timeline/dates';
import { daysWord } from '../../timeline/labels';

/**
 * The dates of one organisation's documents and profile must tell a possible story (issue 10,
 * item 5). Pure rules over a snapshot, so each is tested without a database; `check.ts` loads the
 * snapshot and decides which findings a step must refuse.
 */

export const TRANSITION_ORDER = 'school-order-transition';
export const PROCESSING_AGREEMENT = 'school-agreement-pd-processing';
export const STAFF_NOTICE = 'school-notice-staff';
const PAPERLESS_REGULATION = 'school-regulation-paperless';
/** The option of the templates' `journal_form` that keeps the journal without a paper copy (ч. 8 ст. 28 273-ФЗ). */
export const PAPERLESS_JOURNAL_FORM = 'электронный журнал без дублирования на бумажном носителе';
const JOURNAL_REGULATION = 'school-regulation-journal';
const PROSPECTIVE_PLAN = 'school-plan-prospective';

export type FindingCode =
	| 'contract-after-start'
	| 'order-contract-mismatch'
	| 'paperless-before-start'
	| 'paperless-before-founder'
	| 'paperless-without-founder'
	| 'founder-agreement-mismatch'
	| 'notice-too-late'
	| 'notice-no-acquaintance'
	| 'stages-out-of-order'
	| 'effective-before-order'
	| 'dated-in-future'
	| 'discussion-too-short';

export type Severity = 'error' | 'warning';

/** What a finding blames in a document: a template variable (`var:start_date`) or a requisite. */
export type FindingField =
	`var:${string}` | 'documentDate' | 'effectiveDate' | 'approvalOrderDate' | 'form';

export interface Finding {
	code: FindingCode;
	severity: Severity;
	message: string;
	/** The documents the finding is about; a step refuses only findings about its own documents. */
	documentIds: string[];
	fields: Record<string, FindingField>;
}

export interface TimelineDocument {
	id: string;
	title: string;
	kind: DocumentKind;
	documentClass: DocumentClass;
	templateId: string | null;
	/** `new` for a document being generated, not yet written. */
	status:
		| 'new'
		| 'draft'
		| 'review'
		| 'discussion'
		| 'approval'
		| 'published'
		| 'superseded'
		| 'repealed'
		| 'registered';
	number: string | null;
	documentDate: string | null;
	effectiveDate: string | null;
	approvalOrderNumber: string | null;
	approvalOrderDate: string | null;
	/** The template values of the current version (jsonb `document_versions.variables`). */
	variables: Record<string, unknown>;
	/** The latest public discussion, if any. */
	discussion: { startsOn: string; endsOn: string } | null;
}

export interface TimelineSnapshot {
	today: string;
	profile: { paperlessSince: string | null; discussionMinDays: number };
	documents: TimelineDocument[];
}

const d = formatDate;
const live = (doc: TimelineDocument) => doc.status !== 'superseded' && doc.status !== 'repealed';
/** Signed or approved: a fault in it is a fault of the record, not of a draft still being written. */
const signed = (doc: TimelineDocument) => doc.status === 'published' || doc.status === 'registered';
const dateVar = (doc: TimelineDocument, name: string) =>
	isIsoDate(doc.variables[name]) ? (doc.variables[name] as string) : null;
const textVar = (doc: TimelineDocument, name: string) =>
	typeof doc.variables[name] === 'string' ? (doc.variables[name] as string).trim() : '';
const sameNumber = (a: string, b: string | null) =>
	a.replace(/\s/g, '').toLowerCase() === (b ?? '').replace(/\s/g, '').toLowerCase();
const earliest = (docs: TimelineDocument[]) =>
	docs
		.filter((x) => x.documentDate)
		.sort((a, b) => a.documentDate!.localeCompare(b.documentDate!))[0];

/** «Приказ о переходе…» № 12-о от 01.10.2026 */
export function named(doc: Pick<TimelineDocument, 'title' | 'number' | 'documentDate'>): string {
	return `«${doc.title}»${doc.number ? ` № ${doc.number}` : ''}${doc.documentDate ? ` от ${d(doc.documentDate)}` : ''}`;
}

function finding(
	code: FindingCode,
	severity: Severity,
	message: string,
	blamed: [TimelineDocument, FindingField][]
): Finding {
	const fields: Record<string, FindingField> = {};
	for (const [doc, field] of blamed) fields[doc.id] ??= field;
	return { code, severity, message, documentIds: Object.keys(fields), fields };
}

interface Context {
	snapshot: TimelineSnapshot;
	docs: TimelineDocument[];
	transitions: { doc: TimelineDocument; start: string }[];
}

type Rule = (c: Context) => Finding[];

/** The operator contract and the processing agreement come before the journal is kept in the operator's system. */
const contractBeforeStart: Rule = ({ docs, transitions }) => {
	const out: Finding[] = [];
	const first = earliest(docs.filter((x) => x.kind === 'contract'));
	for (const { doc: t, start } of transitions) {
		if (first && first.documentDate! > start)
			out.push(
				finding(
					'contract-after-start',
					'error',
					`Начало ведения электронного журнала ${d(start)} по приказу ${named(t)} — раньше договора с оператором ${named(first)}: журнал ведут в системе оператора только после договора с ним. Перенесите начало не раньше ${d(first.documentDate)}.`,
					[
						[t, 'var:start_date'],
						[first, 'documentDate']
					]
				)
			);
		const own = dateVar(t, 'contract_date');
		if (own && own > start)
			out.push(
				finding(
					'contract-after-start',
					'error',
					`В приказе ${named(t)} договор с оператором датирован ${d(own)}, а ведение журнала начинается ${d(start)} — раньше договора.`,
					[[t, 'var:contract_date']]
				)
			);
		for (const a of docs.filter(
			(x) => x.templateId === PROCESSING_AGREEMENT && x.documentDate && x.documentDate > start
		))
			out.push(
				finding(
					'contract-after-start',
					'error',
					`Соглашение о поручении обработки персональных данных ${named(a)} заключено позже начала ведения электронного журнала ${d(start)} по приказу ${named(t)}: до соглашения оператор не вправе обрабатывать персональные данные (ч. 3 ст. 6 152-ФЗ).`,
					[
						[t, 'var:start_date'],
						[a, 'documentDate']
					]
				)
			);
	}
	return out;
};

/** The order cites the contract; when the register has it, the citation must match it. */
const orderCitesContract: Rule = ({ docs, transitions }) => {
	const registered = docs.filter((x) => x.kind === 'contract');
	if (!registered.length) return [];
	return transitions.flatMap(({ doc: t }) => {
		const number = textVar(t, 'contract_number');
		const date = dateVar(t, 'contract_date');
		if (!number && !date) return [];
		if (
			registered.some(
				(c) => (!number || sameNumber(number, c.number)) && (!date || date === c.documentDate)
			)
		)
			return [];
		const cited = `№ ${number || '—'}${date ? ` от ${d(date)}` : ''}`;
		return [
			finding(
				'order-contract-mismatch',
				'warning',
				`Приказ ${named(t)} ссылается на договор ${cited}, а в реестре договоров: ${registered.map(named).join('; ')}. Проверьте номер и дату.`,
				[[t, date ? 'var:contract_date' : 'var:contract_number']]
			)
		];
	});
};

interface PaperlessClaim {
	doc: TimelineDocument | null;
	date: string;
	variable: string;
}

/** Where a paperless date is stated: the profile, and the documents that declare the mode. */
function paperlessClaims({ snapshot, docs }: Context): PaperlessClaim[] {
	const claims: PaperlessClaim[] = snapshot.profile.paperlessSince
		? [{ doc: null, date: snapshot.profile.paperlessSince, variable: '' }]
		: [];
	for (const doc of docs) {
		// The set's shared choice of the journal's form; documents made before it had a paperless switch.
		const form = doc.variables.journal_form;
		const declares =
			typeof form === 'string'
				? form === PAPERLESS_JOURNAL_FORM
				: doc.templateId === PAPERLESS_REGULATION ||
					((doc.templateId === TRANSITION_ORDER || doc.templateId === JOURNAL_REGULATION) &&
						doc.variables.paperless !== false);
		const variable =
			doc.templateId === PROSPECTIVE_PLAN ? 'paperless_date' : declares ? 'paperless_since' : null;
		const date = variable ? dateVar(doc, variable) : null;
		if (variable && date) claims.push({ doc, date, variable });
	}
	return claims;
}

const claimName = (c: PaperlessClaim) => (c.doc ? named(c.doc) : 'профиль организации');

const paperlessAfterStart: Rule = (c) =>
	c.transitions.flatMap(({ doc: t, start }) =>
		paperlessClaims(c)
			.filter((p) => p.date < start)
			.map((p) =>
				finding(
					'paperless-before-start',
					'error',
					`Безбумажный режим с ${d(p.date)} (${p.doc === t ? 'в этом же приказе' : claimName(p)}) — раньше начала ведения электронного журнала ${d(start)} по приказу ${named(t)}: без бумажного журнала работают только после перехода на электронный.`,
					[
						...(p.doc
							? ([[p.doc, `var:${p.variable}`]] as [TimelineDocument, FindingField][])
							: []),
						[t, 'var:start_date']
					]
				)
			)
	);

/** ч. 8 ст. 28 273-ФЗ: without the paper duplicate only with the founder's agreement, and from its date. */
const paperlessWithFounder: Rule = (c) => {
	const consents = c.docs.filter((x) => x.kind === 'founder_consent');
	const claims = paperlessClaims(c).filter((p) => p.doc && p.doc.templateId !== PROSPECTIVE_PLAN);
	if (!consents.length)
		return claims.map((p) =>
			finding(
				'paperless-without-founder',
				signed(p.doc!) ? 'error' : 'warning',
				`${named(p.doc!)} вводит безбумажный режим с ${d(p.date)}, а согласие учредителя не зарегистрировано: без него журнал на бумаге вести обязательно (ч. 8 ст. 28 273-ФЗ). Зарегистрируйте согласие учредителя (вид документа «Согласие учредителя»).`,
				[[p.doc!, `var:${p.variable}`]]
			)
		);
	const first = earliest(consents);
	if (!first) return [];
	return paperlessClaims(c)
		.filter((p) => p.date < first.documentDate!)
		.map((p) =>
			finding(
				'paperless-before-founder',
				'error',
				`Безбумажный режим с ${d(p.date)} (${claimName(p)}) — раньше согласия учредителя ${named(first)} (ч. 8 ст. 28 273-ФЗ).`,
				[
					...(p.doc ? ([[p.doc, `var:${p.variable}`]] as [TimelineDocument, FindingField][]) : []),
					[first, 'documentDate']
				]
			)
		);
};

/** The order and the Положение об ЭДО cite the founder's agreement: it must be the registered one. */
const founderAgreementCited: Rule = ({ docs }) => {
	const consents = docs.filter((x) => x.kind === 'founder_consent');
	if (!consents.length) return [];
	return docs
		.filter((x) => x.templateId === TRANSITION_ORDER || x.templateId === PAPERLESS_REGULATION)
		.flatMap((doc) => {
			const number = textVar(doc, 'founder_agreement_number');
			const date = dateVar(doc, 'founder_agreement_date');
			if (!number && !date) return [];
			if (
				consents.some(
					(k) => (!number || sameNumber(number, k.number)) && (!date || date === k.documentDate)
				)
			)
				return [];
			return [
				finding(
					'founder-agreement-mismatch',
					'warning',
					`${named(doc)} ссылается на согласие учредителя № ${number || '—'}${date ? ` от ${d(date)}` : ''}, а зарегистрировано: ${consents.map(named).join('; ')}.`,
					[[doc, date ? 'var:founder_agreement_date' : 'var:founder_agreement_number']]
				)
			];
		});
};

/**
 * ст. 74 ТК РФ: a change of working conditions is notified at least two months ahead. Where the
 * conditions do not change, the staff are acquainted with the new acts instead (ст. 22, 68 ТК РФ).
 * A notice not yet dated is taken as handed today, the earliest it can be.
 */
const staffNotice: Rule = ({ docs, snapshot }) =>
	docs
		.filter((x) => x.templateId === STAFF_NOTICE)
		.flatMap((n) => {
			// The notice's choice: «не меняются» (or, in older drafts, the boolean false).
			if (
				n.variables.conditions_change === false ||
				n.variables.conditions_change === 'не меняются'
			) {
				const staff = n.variables.staff;
				if (Array.isArray(staff) && staff.length) return [];
				return [
					finding(
						'notice-no-acquaintance',
						'warning',
						`${named(n)}: условия труда не меняются, но не указано, кого ознакомить с новыми актами (ст. 22, 68 ТК РФ). Перечислите работников в уведомлении или сформируйте лист ознакомления.`,
						[[n, 'var:staff']]
					)
				];
			}
			const variable = dateVar(n, 'change_date') ? 'change_date' : 'transition_date';
			const change = dateVar(n, variable);
			if (!change) return [];
			const handed = dateVar(n, 'notice_date') ?? n.documentDate ?? snapshot.today;
			const earliestChange = addMonths(handed, 2);
			if (change >= earliestChange) return [];
			return [
				finding(
					'notice-too-late',
					'error',
					`${named(n)}: условия труда меняются с ${d(change)}, а уведомление ${n.documentDate ? `датировано ${d(handed)}` : `может быть вручено не раньше ${d(handed)}`} — меньше чем за два месяца (ст. 74 ТК РФ). Изменение возможно не раньше ${d(earliestChange)}.`,
					[[n, `var:${variable}`]]
				)
			];
		});

/** Dated stages of plans and orders, in the order they must come; `strict`: a «from» strictly before its «to». */
export const stageChains: Record<
	string,
	{ strict: boolean; stages: [variable: string, label: string][] }
> = {
	'school-plan-roadmap': {
		strict: true,
		stages: [
			['start_date', 'начало работ'],
			['due_date', 'завершение подготовки']
		]
	},
	'school-plan-prospective': {
		strict: true,
		stages: [
			['prep_start', 'начало подготовительного этапа'],
			['pilot_start', 'начало апробации'],
			['paperless_date', 'полный переход на безбумажный вариант']
		]
	},
	'school-order-working-group': {
		strict: false,
		stages: [
			['analysis_date', 'анализ готовности'],
			['plan_date', 'план работы и дорожная карта'],
			['drafts_date', 'проекты локальных актов'],
			['end_date', 'окончание работы группы']
		]
	}
};

const stagesInOrder: Rule = ({ docs }) =>
	docs.flatMap((doc) => {
		const chain = doc.templateId ? stageChains[doc.templateId] : undefined;
		if (!chain) return [];
		const dated = chain.stages.flatMap(([name, label]) =>
			dateVar(doc, name) ? [{ name, label, date: dateVar(doc, name)! }] : []
		);
		const out: Finding[] = [];
		for (let i = 1; i < dated.length; i++) {
			const [a, b] = [dated[i - 1]!, dated[i]!];
			if (chain.strict ? a.date < b.date : a.date <= b.date) continue;
			out.push(
				finding(
					'stages-out-of-order',
					'error',
					`${named(doc)}: этап «${a.label}» ${d(a.date)} не может быть ${a.date === b.date ? 'в один день с этапом' : 'позже этапа'} «${b.label}» ${d(b.date)} — сроки идут по порядку.`,
					[[doc, `var:${b.name}`]]
				)
			);
		}
		return out;
	});

const effectiveAfterOrder: Rule = ({ docs }) =>
	docs.flatMap((doc) => {
		if (!doc.effectiveDate) return [];
		const order =
			doc.approvalOrderDate ?? (doc.documentClass === 'order' ? doc.documentDate : null);
		if (!order || doc.effectiveDate >= order) return [];
		const by = doc.approvalOrderDate
			? `приказа об утверждении${doc.approvalOrderNumber ? ` № ${doc.approvalOrderNumber}` : ''} от ${d(order)}`
			: `самого приказа ${d(order)}`;
		return [
			finding(
				'effective-before-order',
				'error',
				`${named(doc)} вступает в силу ${d(doc.effectiveDate)} — раньше ${by}.`,
				[[doc, 'effectiveDate']]
			)
		];
	});

/** A document cannot be signed on a day still to come; a draft may carry its planned date, with a warning. */
const notInFuture: Rule = ({ docs, snapshot }) =>
	docs.flatMap((doc) => {
		const out: Finding[] = [];
		const severity = signed(doc) ? 'error' : 'warning';
		if (doc.documentDate && doc.documentDate > snapshot.today)
			out.push(
				finding(
					'dated-in-future',
					severity,
					`${named(doc)} датирован будущим днём: сегодня ${d(snapshot.today)}.`,
					[[doc, 'documentDate']]
				)
			);
		if (doc.approvalOrderDate && doc.approvalOrderDate > snapshot.today)
			out.push(
				finding(
					'dated-in-future',
					'error',
					`Приказ об утверждении ${named(doc)} датирован ${d(doc.approvalOrderDate)} — будущим днём: сегодня ${d(snapshot.today)}.`,
					[[doc, 'approvalOrderDate']]
				)
			);
		return out;
	});

/** Days of a discussion, both ends counted: from 03.12 to 09.12 is 7. */
export const discussionDays = (startsOn: string, endsOn: string) =>
	daysBetween(startsOn, endsOn) + 1;

/** The refusal when a discussion is shorter than the organisation's minimum, or null. */
export function discussionTooShort(
	startsOn: string,
	endsOn: string,
	minDays: number
): string | null {
	const days = discussionDays(startsOn, endsOn);
	if (days >= minDays) return null;
	const until = addDays(startsOn, minDays - 1);
	return `Обсуждение не короче ${minDays} ${daysWord(minDays)}: с ${d(startsOn)} по ${d(endsOn)} — ${days} ${daysWord(days)}. Назначьте окончание не раньше ${d(until)}.`;
}

/** A discussion already held cannot be made longer: shown, not refused (opening it is refused). */
const discussionLongEnough: Rule = ({ docs, snapshot }) =>
	docs.flatMap((doc) => {
		const problem =
			doc.discussion &&
			discussionTooShort(
				doc.discussion.startsOn,
				doc.discussion.endsOn,
				snapshot.profile.discussionMinDays
			);
		return problem
			? [
					finding(
						'discussion-too-short',
						'warning',
						`Общественное обсуждение ${named(doc)}. ${problem}`,
						[[doc, 'form']]
					)
				]
			: [];
	});

const rules: Rule[] = [
	contractBeforeStart,
	orderCitesContract,
	paperlessAfterStart,
	paperlessWithFounder,
	founderAgreementCited,
	staffNotice,
	stagesInOrder,
	effectiveAfterOrder,
	notInFuture,
	discussionLongEnough
];

/** Every finding over the organisation's documents in force or on their way, errors first. */
export function timelineFindings(snapshot: TimelineSnapshot): Finding[] {
	const docs = snapshot.documents.filter(live);
	const transitions = docs.flatMap((doc) =>
		doc.templateId === TRANSITION_ORDER && dateVar(doc, 'start_date')
			? [{ doc, start: dateVar(doc, 'start_date')! }]
			: []
	);
	const found = rules.flatMap((rule) => rule({ snapshot, docs, transitions }));
	return [
		...found.filter((f) => f.severity === 'error'),
		...found.filter((f) => f.severity === 'warning')
	];
}
