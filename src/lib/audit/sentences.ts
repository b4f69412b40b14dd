import { countPhrase, formatDate } from '../format';
import { nameGender, shortPersonName } from '../russian/cases';
import { documentRelationLabels, documentStatusLabels } from '../documents/labels';
import { itemStatusLabels } from '../checklists/labels';
import { roleLabels } from '../people/labels';
import {
	adoptingBodyLabels,
	councilLabels,
	councilResultLabels,
	reviewDecisionLabels,
	reviewOutcomeLabels,
	workingGroupRoleLabels
} from '../workflow/labels';
import { helpTopicLabels } from '../help-requests/labels';
import { organizationFieldLabels } from '../orgs/labels';
import { contractFieldLabels, guaranteeLabels } from '../contracts/labels';
import { auditActionLabels, auditEntityLabels, auditFieldLabels } from './labels';
import { notificationKindLabels } from '../notifications/labels';

/** Something an event names: a document, a person, a checklist item…, with where it lives. */
export interface Ref {
	name: string;
	href?: string;
}

/** A sentence is text with named links in it. */
export type Segment = string | Ref;

export interface EventView {
	action: string;
	entityType: string;
	entityId: string | null;
	actorId?: string | null;
	actorName: string | null;
	before: unknown;
	after: unknown;
}

/** Names of the ids an event mentions (documents, people, items…), looked up by the server. */
export type Refs = ReadonlyMap<string, Ref>;

export interface FieldChange {
	label: string;
	before: string | null;
	after: string | null;
}

type Fields = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fields = (v: unknown): Fields =>
	v && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {};
const str = (v: unknown): string =>
	typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const labelOf = (labels: Record<string, string>, key: unknown): string =>
	typeof key === 'string' && Object.hasOwn(labels, key) ? labels[key]! : str(key);
const lower = (s: string) => (s ? s.charAt(0).toLowerCase() + s.slice(1) : s);

class Sentence {
	readonly before: Fields;
	readonly after: Fields;
	constructor(
		readonly e: EventView,
		readonly refs: Refs
	) {
		this.before = fields(e.before);
		this.after = fields(e.after);
	}

	/** The actor, short: «Петренко О. Н.»; the system when nobody acted. */
	get who(): string {
		return this.e.actorName ? shortPersonName(this.e.actorName) : 'Система';
	}

	/** The verb agreeing with the actor: «согласовал», «согласовала», «согласовал(а)». */
	verb(male: string, female: string, either = `${male}(а)`): string {
		if (!this.e.actorName) return female;
		const g = nameGender(this.e.actorName);
		return g === 'male' ? male : g === 'female' ? female : either;
	}

	/** Past tense of a regular verb: «согласовал» → «согласовала». */
	did(male: string): string {
		return this.verb(male, `${male}а`);
	}

	/** A named object in quotes with its link; the stored title when the object is gone; null when nothing names it. */
	quoted(id: unknown, fallbackTitle?: unknown): Segment[] | null {
		const ref = typeof id === 'string' ? this.refs.get(id) : undefined;
		if (ref) return ['«', ref, '»'];
		const title = str(fallbackTitle);
		return title ? [`«${title}»`] : null;
	}

	/** A person (or anything named without quotes) with its link. */
	person(id: unknown, fallback?: unknown): Segment {
		const ref = typeof id === 'string' ? this.refs.get(id) : undefined;
		return ref ?? (str(fallback) || 'пользователь');
	}

	/** «документа «…»» — the noun and the named object, or just the noun when nothing names it. */
	object(noun: string, id: unknown, fallbackTitle?: unknown): Segment[] {
		const q = this.quoted(id, fallbackTitle);
		return q ? [`${noun} `, ...q] : [noun];
	}

	get entity(): string | null {
		return this.e.entityId;
	}

	/** The document the event is about: the entity itself or the one its payload names. */
	get documentId(): unknown {
		return this.after.documentId ?? this.before.documentId ?? this.entity;
	}
}

type Builder = (s: Sentence) => Segment[];

const text = (parts: Segment[]) => parts.map((p) => (typeof p === 'string' ? p : p.name)).join('');

const statusWord = (status: unknown) => lower(labelOf(documentStatusLabels, status));

/** « приказом № 4-о от 02.12.2026», the order linked when it is known. */
const byOrder = (s: Sentence): Segment[] => {
	const n = str(s.after.orderNumber) || str(s.after.number);
	const d = str(s.after.orderDate);
	const words = [n ? `№ ${n}` : '', d ? `от ${formatDate(d)}` : ''].filter(Boolean).join(' ');
	const order = typeof s.after.orderId === 'string' ? s.refs.get(s.after.orderId) : undefined;
	if (!words) return [' приказом'];
	return order?.href ? [' приказом ', { name: words, href: order.href }] : [` приказом ${words}`];
};

const builders: Record<string, Builder> = {
	'organization.created': (s) => [
		s.who,
		` ${s.did('создал')} `,
		...s.object('организацию', s.entity, s.after.shortName)
	],
	'organization.updated': (s) => [
		s.who,
		` ${s.did('изменил')} `,
		...s.object('профиль организации', s.entity)
	],
	'organization.schools_imported': (s) => [
		s.who,
		` ${s.did('загрузил')} из CSV `,
		num(s.after.count) !== null
			? countPhrase(num(s.after.count)!, 'школу', 'школы', 'школ')
			: 'школы'
	],
	'organization.readiness_page_changed': (s) => [
		s.who,
		` ${s.did(s.after.readinessPublic ? 'включил' : 'выключил')} публичную страницу готовности`
	],
	'user.created': (s) =>
		s.e.actorId && s.e.actorId === s.entity
			? [
					s.who,
					` ${s.verb('зарегистрировался', 'зарегистрировалась', 'зарегистрировался(ась)')} по приглашению`
				]
			: ['Создана учётная запись: ', s.person(s.entity, s.after.fullName)],
	'user.password_changed': (s) => [s.who, ` ${s.did('сменил')} пароль`],
	'user.password_reset_issued': (s) => [
		s.who,
		` ${s.did('выдал')} ссылку для сброса пароля: `,
		s.person(s.after.userId, s.after.email)
	],
	'user.password_reset': (s) => [s.who, ` ${s.did('задал')} новый пароль по ссылке для сброса`],
	'user.mail_preferences_changed': (s) => [
		s.who,
		` ${s.did('изменил')}, какие уведомления приходят на почту`
	],
	'session.signed_in': (s) => [s.who, ` ${s.verb('вошёл', 'вошла', 'вошёл (вошла)')} в систему`],
	'session.signed_out': (s) => [s.who, ` ${s.verb('вышел', 'вышла', 'вышел (вышла)')} из системы`],
	'session.signed_out_everywhere': (s) => [
		s.who,
		` ${s.verb('вышел', 'вышла', 'вышел (вышла)')} из системы на всех устройствах`
	],
	'invitation.created': (s) => [
		s.who,
		` ${s.did('пригласил')} `,
		s.person(s.entity, s.after.email),
		` — ${lower(labelOf(roleLabels, s.after.role))}`
	],
	'invitation.accepted': (s) => [
		s.who,
		` ${s.did('принял')} приглашение — ${lower(labelOf(roleLabels, s.after.role))}`
	],
	'invitation.revoked': (s) => [
		s.who,
		` ${s.did('отозвал')} приглашение для `,
		s.person(s.entity, s.before.email)
	],
	'membership.created': (s) => [
		s.who,
		` ${s.did('назначил')} роль «${lower(labelOf(roleLabels, s.after.role))}»: `,
		s.person(s.after.userId, s.after.email)
	],
	'membership.removed': (s) => [
		s.who,
		` ${s.did('снял')} роль «${lower(labelOf(roleLabels, s.before.role))}»: `,
		s.person(s.before.userId, s.before.email)
	],
	'membership.position_updated': (s) => [
		s.who,
		` ${s.did('изменил')} должность: `,
		s.person(s.entity)
	],
	'document.created': (s) => [
		s.who,
		` ${s.did('создал')} `,
		...s.object('документ', s.entity, s.after.title)
	],
	'document.version_saved': (s) => [
		s.who,
		` ${s.did('сохранил')} версию ${str(s.after.version)} `,
		...s.object('документа', s.entity)
	],
	'document.details_updated': (s) => [
		s.who,
		` ${s.did('изменил')} реквизиты `,
		...s.object('документа', s.entity)
	],
	'document.registered': (s) => [
		s.who,
		` ${s.did('зарегистрировал')} `,
		...s.object('документ', s.entity, s.after.title)
	],
	'document.file_attached': (s) => [
		s.who,
		` ${s.did('приложил')} файл «${str(fields(s.after.file).name)}» к `,
		...s.object('документу', s.entity)
	],
	'document.linked': (s) => [
		s.who,
		` ${s.did('связал')} `,
		...s.object('документ', s.entity),
		` с `,
		...s.object('документом', s.after.targetId),
		` (${lower(labelOf(documentRelationLabels, s.after.relation))})`
	],
	'contract.saved': (s) => [
		s.who,
		` ${s.did('сохранил')} сведения о `,
		...s.object('договоре', s.entity),
		s.after.counterparty ? ` с ${str(s.after.counterparty)}` : ''
	],
	'campaign.created': (s) => [
		s.who,
		` ${s.did('назначил')} `,
		...s.object('перечень мероприятий', s.entity, s.after.title),
		num(s.after.organizations) !== null
			? ` — ${countPhrase(num(s.after.organizations)!, 'организация', 'организации', 'организаций')}`
			: ''
	],
	'checklist.assigned': (s) => [
		s.who,
		` ${s.did('назначил')} `,
		...s.object('перечень мероприятий', s.entity, s.after.title),
		s.after.dueOn ? ` со сроком до ${formatDate(str(s.after.dueOn))}` : ''
	],
	'checklist_item.updated': (s) => [
		s.who,
		` ${s.did('изменил')} `,
		...s.object('пункт', s.entity, s.after.code)
	],
	'checklist_item.completed_by_document': (s) => [
		'Пункт ',
		...(s.quoted(s.entity, s.after.code) ?? ['перечня']),
		' выполнен: ',
		...s.object('документ', s.after.evidenceDocumentId),
		' принят как подтверждение'
	],
	'checklist_item.completed_by_proof': (s) => [
		'Пункт ',
		...(s.quoted(s.entity, s.after.code) ?? ['перечня']),
		' выполнен',
		fields(s.after.proof).label ? `: ${lower(str(fields(s.after.proof).label))}` : ''
	],
	'remark.created': (s) => [
		s.who,
		` ${s.did('сделал')} замечание к `,
		...s.object('пункту', s.entity, s.after.code)
	],
	'remark.answered': (s) => [
		s.who,
		` ${s.did('ответил')} на замечание к `,
		...s.object('пункту', s.entity)
	],
	'remark.resolved': (s) => [
		s.who,
		` ${s.did('снял')} замечание к `,
		...s.object('пункту', s.entity)
	],
	'catalogue.created': (s) => [
		s.who,
		` ${s.did('создал')} `,
		...s.object('перечень мероприятий', s.entity, s.after.title)
	],
	'catalogue.item_saved': (s) => [
		s.who,
		` ${s.did(catalogueChange(s.after.change))} пункт ${str(s.after.code)} в `,
		...s.object('перечне', s.entity)
	],
	'catalogue.published': (s) => [
		s.who,
		` ${s.did('выпустил')} `,
		...s.object('перечень мероприятий', s.entity),
		s.after.version ? `, версия ${str(s.after.version)}` : ''
	],
	'working_group.member_added': (s) => [
		s.who,
		` ${s.did('включил')} в рабочую группу: `,
		s.person(s.after.userId),
		` (${lower(labelOf(workingGroupRoleLabels, s.after.role))})`
	],
	'working_group.member_changed': (s) => [
		s.who,
		` ${s.did('изменил')} роль в рабочей группе: `,
		s.person(s.after.userId)
	],
	'working_group.member_removed': (s) => [
		s.who,
		` ${s.did('исключил')} из рабочей группы: `,
		s.person(s.before.userId)
	],
	'document.submitted': (s) => [
		s.who,
		` ${s.did('направил')} `,
		...s.object('документ', s.entity),
		` дальше по маршруту: ${statusWord(s.after.status)}`
	],
	'document.returned_to_draft': (s) => [
		s.who,
		` ${s.did('вернул')} `,
		...s.object('документ', s.entity),
		' в черновик'
	],
	'route.reminded': (s) => [
		s.who,
		` ${s.did('напомнил')} о `,
		...s.object('документе', s.documentId),
		remindedNames(s.after.reminded)
	],
	'review.opened': (s) => [
		s.who,
		` ${s.did('открыл')} тур ${str(s.after.round)} согласования `,
		...s.object('документа', s.documentId),
		s.after.version ? ` (версия ${str(s.after.version)})` : ''
	],
	'review.decided': (s) =>
		s.after.decision === 'approve'
			? [
					s.who,
					` ${s.did('согласовал')} версию ${str(s.after.version)} `,
					...s.object('документа', s.documentId)
				]
			: [
					s.who,
					` ${s.did('попросил')} изменений в версии ${str(s.after.version)} `,
					...s.object('документа', s.documentId)
				],
	'review.closed': (s) => [
		s.who,
		` ${s.did('закрыл')} тур ${str(s.after.round)} согласования `,
		...s.object('документа', s.documentId),
		s.after.outcome ? `: ${lower(labelOf(reviewOutcomeLabels, s.after.outcome))}` : ''
	],
	'review.paragraph_commented': (s) => [
		s.who,
		` ${s.did('оставил')} замечание к абзацу ${str(s.after.paragraph)} версии ${str(s.after.version)} `,
		...s.object('документа', s.entity)
	],
	'discussion.opened': (s) => [
		s.who,
		` ${s.did('открыл')} общественное обсуждение `,
		...s.object('документа', s.documentId),
		s.after.startsOn && s.after.endsOn
			? ` с ${formatDate(str(s.after.startsOn))} по ${formatDate(str(s.after.endsOn))}`
			: ''
	],
	'discussion.closed': (s) => [
		s.who,
		` ${s.did('завершил')} общественное обсуждение `,
		...s.object('документа', s.documentId),
		discussionCounts(s.after)
	],
	'public_comment.submitted': (s) => [
		'Поступило предложение к проекту ',
		...(s.quoted(s.documentId) ?? ['документа']),
		s.after.authorName ? `, автор: ${str(s.after.authorName)}` : ''
	],
	'public_comment.moderated': (s) => [
		s.who,
		` ${s.did(s.after.status === 'rejected' ? 'отклонил' : 'опубликовал')} предложение к проекту `,
		...(s.quoted(s.documentId) ?? ['документа'])
	],
	'public_comment.answered': (s) => [
		s.who,
		` ${s.did('ответил')} на предложение к проекту `,
		...(s.quoted(s.documentId) ?? ['документа'])
	],
	'council.requested': (s) => [
		s.who,
		` ${s.did('запросил')} мнение о `,
		...s.object('документе', s.entity),
		councilList(s.after.councils)
	],
	'council.recorded': (s) =>
		s.e.actorName
			? [
					s.who,
					` ${s.did('записал')} мнение: ${labelOf(councilLabels, s.after.council)} — ${lower(labelOf(councilResultLabels, s.after.result))}; `,
					...s.object('документ', s.documentId)
				]
			: [
					`${labelOf(councilLabels, s.after.council)}: ${lower(labelOf(councilResultLabels, s.after.result))}; `,
					...s.object('документ', s.documentId)
				],
	'council.waived': (s) => [
		s.who,
		` ${s.did('признал')} мнение не требуемым для `,
		...s.object('документа', s.entity),
		councilList(s.after.councils)
	],
	'document.approved': (s) => [
		s.who,
		` ${s.did('утвердил')} `,
		...s.object('документ', s.entity),
		...byOrder(s)
	],
	'document.signed': (s) => [
		s.who,
		` ${s.did('подписал')} и ${s.did('зарегистрировал')} `,
		...s.object('приказ', s.entity, s.after.title),
		s.after.number ? ` № ${str(s.after.number)}` : ''
	],
	'document.signed_record': (s) => [
		s.who,
		` ${s.did('подписал')} и ${s.did('зарегистрировал')} `,
		...s.object('документ', s.entity)
	],
	'document.published': (s) => [
		s.who,
		` ${s.did('опубликовал')} `,
		...s.object('документ', s.entity)
	],
	'document.signed_simple': (s) => [
		s.who,
		` ${s.did('подписал')} `,
		...s.object('документ', s.entity),
		' простой электронной подписью',
		s.after.version ? ` (версия ${str(s.after.version)}, ключ ${str(s.after.key)})` : ''
	],
	'document.superseded': (s) => [
		'',
		...s.object('Документ', s.entity),
		' утратил силу: его заменил ',
		...s.object('документ', s.after.supersededBy)
	],
	'document.repealed': (s) => [
		s.who,
		` ${s.did('отменил')} `,
		...s.object('документ', s.entity),
		...byOrder(s)
	],
	'document.new_edition': (s) => {
		const old = s.quoted(s.after.amends);
		const edition = s.quoted(s.entity, s.after.title) ?? ['новый документ'];
		// The new edition usually keeps the title: named once, linked to the new edition.
		const same = old && text(old) === text(edition);
		return [
			s.who,
			` ${s.did('начал')} новую редакцию `,
			...(same || !old ? ['документа ', ...edition] : ['документа ', ...old, ': ', ...edition])
		];
	},
	'document.acknowledged': (s) => [
		s.who,
		` ${s.verb('ознакомился', 'ознакомилась', 'ознакомился(ась)')} с `,
		...s.object('документом', s.documentId, s.after.title),
		s.after.version ? ` (версия ${str(s.after.version)})` : ''
	],
	'help_request.created': (s) => [
		s.who,
		` ${s.verb('обратился', 'обратилась', 'обратился(ась)')} за помощью: ${lower(labelOf(helpTopicLabels, s.after.topic))}`
	],
	'help_request.answered': (s) => [
		s.who,
		` ${s.did('ответил')} на обращение`,
		...(s.refs.get(str(s.after.organizationId)) ? [': ', s.person(s.after.organizationId)] : [])
	],
	'help_request.closed': (s) => [s.who, ` ${s.did('закрыл')} обращение`]
};

function catalogueChange(change: unknown): string {
	if (change === 'up' || change === 'down') return 'переставил';
	if (change === 'retire') return 'исключил';
	if (change === 'restore') return 'вернул';
	return 'сохранил';
}

function remindedNames(reminded: unknown): string {
	const names = Array.isArray(reminded)
		? reminded.map((p) => str(fields(p).fullName)).filter(Boolean)
		: [];
	return names.length ? `: ${names.map(shortPersonName).join(', ')}` : '';
}

function councilList(councils: unknown): string {
	const list = Array.isArray(councils) ? councils.map((c) => lower(labelOf(councilLabels, c))) : [];
	return list.length ? ` (${list.join(', ')})` : '';
}

function discussionCounts(after: Fields): string {
	const published = num(after.published);
	const rejected = num(after.rejected);
	if (published === null || rejected === null) return '';
	return `: ${countPhrase(published, 'предложение опубликовано', 'предложения опубликованы', 'предложений опубликовано')}, ${countPhrase(rejected, 'отклонено', 'отклонено', 'отклонено')}`;
}

/** An event kind the sentences do not know yet: the actor, the action's label and the object named. */
function generic(s: Sentence): Segment[] {
	const action = labelOf(auditActionLabels, s.e.action) || 'действие';
	const entity = labelOf(auditEntityLabels, s.e.entityType).toLowerCase() || 'объект';
	const named = s.quoted(s.entity, s.after.title ?? s.before.title);
	return [s.who, ` — ${lower(action)}`, ...(named ? [` (${entity} `, ...named, ')'] : [])];
}

/** The event as one sentence: «Петренко О. Н. согласовала версию 2 документа «Положение…»». */
export function eventSentence(e: EventView, refs: Refs): Segment[] {
	const s = new Sentence(e, refs);
	const build = Object.hasOwn(builders, e.action) ? builders[e.action]! : generic;
	return build(s).filter((part) => part !== '');
}

/** The event kinds written as their own sentence (the rest fall back to a generic one). */
export const sentenceActions = Object.keys(builders);

// Fields never worth reading in the history: hashes, sizes and the technical marks of the demo.
const HIDDEN_FIELDS = new Set([
	'orderId',
	'publishedAt',
	'sha256',
	'templateHash',
	'templateId',
	'source',
	'hash',
	'size',
	'ipAddress',
	'proof',
	'slugs',
	'code',
	'kind',
	'remarkId',
	'itemId',
	'campaignId',
	'discussionId',
	'documentId',
	'userId',
	'email',
	'onBehalfOf'
]);

const fieldLabels: Record<string, string> = {
	...organizationFieldLabels,
	...contractFieldLabels,
	...guaranteeLabels,
	...auditFieldLabels
};

// Without a «before», these are already said by the sentence.
const IN_SENTENCE = new Set([
	'title',
	'version',
	'status',
	'round',
	'paragraph',
	'published',
	'rejected',
	'count',
	'items',
	'organizations',
	'reviewers',
	'outcome',
	'council',
	'councils',
	'result',
	'decision',
	'relation',
	'role',
	'topic',
	'number',
	'orderNumber',
	'orderDate',
	'targetId',
	'amends',
	'supersededBy',
	'reminded',
	'file',
	'readinessPublic',
	'counterparty',
	'authorName',
	'startsOn',
	'endsOn'
]);

/** A field's value in words: statuses and roles by their labels, dates as ДД.ММ.ГГГГ, ids by the names they point to. */
function valueText(key: string, value: unknown, e: EventView, refs: Refs): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'boolean') return value ? 'да' : 'нет';
	if (Array.isArray(value)) {
		const parts = value.map((v) => valueText(key, v, e, refs)).filter((v): v is string => !!v);
		return parts.length ? parts.join(', ') : null;
	}
	if (typeof value === 'object') {
		const f = value as Fields;
		if (typeof f.name === 'string') return f.name;
		if (typeof f.fullName === 'string') return shortPersonName(f.fullName);
		if (key === 'adoption')
			return [
				labelOf(adoptingBodyLabels, f.body),
				str(f.minutesNumber) && `протокол № ${str(f.minutesNumber)}`,
				str(f.minutesDate) && `от ${formatDate(str(f.minutesDate))}`
			]
				.filter(Boolean)
				.join(' ');
		const entries = Object.entries(f)
			.map(([k, v]) => [k, valueText(k, v, e, refs)] as const)
			.filter(([, v]) => v && v !== 'нет');
		return entries.length
			? entries
					.map(([k, v]) =>
						v === 'да' ? labelOf(fieldLabels, k) || k : `${labelOf(fieldLabels, k) || k}: ${v}`
					)
					.join('; ')
			: null;
	}
	const text = String(value);
	if (UUID.test(text)) return refs.get(text)?.name ?? null;
	if (key === 'status')
		return labelOf(
			e.entityType === 'checklist_item'
				? itemStatusLabels
				: e.entityType === 'public_comment'
					? { published: 'опубликовано', rejected: 'отклонено', pending: 'ждёт модерации' }
					: documentStatusLabels,
			text
		);
	if (key === 'role')
		return labelOf(e.entityType === 'working_group' ? workingGroupRoleLabels : roleLabels, text);
	if (key === 'council') return labelOf(councilLabels, text);
	if (key === 'councils' || key === 'acknowledgementRoles')
		return labelOf(key === 'councils' ? councilLabels : roleLabels, text);
	if (key === 'decision') return labelOf(reviewDecisionLabels, text);
	if (key === 'mailOffKinds') return labelOf(notificationKindLabels, text);
	if (key === 'result') return labelOf(councilResultLabels, text);
	if (key === 'outcome') return labelOf(reviewOutcomeLabels, text);
	if (key === 'relation') return labelOf(documentRelationLabels, text);
	if (key === 'topic') return labelOf(helpTopicLabels, text);
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
	if (/^\d{4}-\d{2}-\d{2}T/.test(text)) return formatDate(new Date(text));
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * The before and after as a list of changed fields: «Статус: черновик → на согласовании».
 * With a «before», only what changed; without one, the new values worth reading. Ids are named or left out.
 */
export function eventChanges(e: EventView, refs: Refs): FieldChange[] {
	const before = fields(e.before);
	const after = fields(e.after);
	const hasBefore = Object.keys(before).length > 0;
	const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
		(k) =>
			!HIDDEN_FIELDS.has(k) && Object.hasOwn(fieldLabels, k) && (hasBefore || !IN_SENTENCE.has(k))
	);
	// A new value the sentence already names («приказом № 4-о», the document accepted as proof) is not repeated.
	const said = text(eventSentence(e, refs));
	const out: FieldChange[] = [];
	for (const key of keys) {
		const was =
			hasBefore && Object.hasOwn(before, key) ? valueText(key, before[key], e, refs) : null;
		const now = Object.hasOwn(after, key) ? valueText(key, after[key], e, refs) : null;
		if (was === now || (was === null && (now === null || (now.length >= 3 && said.includes(now)))))
			continue;
		out.push({
			label: key === 'fullName' && e.entityType !== 'organization' ? 'ФИО' : fieldLabels[key]!,
			before: was,
			after: now
		});
	}
	return out;
}
