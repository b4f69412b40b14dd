import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	eventChanges,
	eventSentence,
	sentenceActions,
	type EventView,
	type Ref,
	type Segment
} from '../../src/lib/audit/sentences';
import { auditActionLabels } from '../../src/lib/audit/labels';
import { shortPersonName } from '../../src/lib/russian/cases';

const DOC = '11111111-1111-4111-8111-111111111111';
const DOC2 = '22222222-2222-4222-8222-222222222222';
const USER = '33333333-3333-4333-8333-333333333333';
const ITEM = '44444444-4444-4444-8444-444444444444';
const ORG = '55555555-5555-4555-8555-555555555555';
const ROUND = '66666666-6666-4666-8666-666666666666';
const LIST = '77777777-7777-4777-8777-777777777777';
const UNKNOWN = '99999999-9999-4999-8999-999999999999';

const refs = new Map<string, Ref>([
	[DOC, { name: 'Положение об электронном журнале', href: `/app/orgs/o/documents/${DOC}` }],
	[DOC2, { name: 'Приказ о переходе', href: `/app/orgs/o/documents/${DOC2}` }],
	[ROUND, { name: 'Положение об электронном журнале', href: `/app/orgs/o/documents/${DOC}` }],
	[USER, { name: 'Сидоров А. Б.', href: '/app/orgs/o/people/m1' }],
	[ITEM, { name: '1.2 Назначить ответственного', href: `/app/orgs/o/checklists/c/items/${ITEM}` }],
	[ORG, { name: 'МБОУ «Школа № 1»', href: `/app/orgs/${ORG}` }],
	[LIST, { name: 'Переход на ЭЖ 2026', href: `/app/orgs/o/checklists/${LIST}` }]
]);

const SHE = 'Петренко Ольга Николаевна';
const HE = 'Иванов Пётр Сергеевич';

/** The sentence as text, links written [name](href). */
const text = (parts: Segment[]) =>
	parts
		.map((p) => (typeof p === 'string' ? p : p.href ? `[${p.name}](${p.href})` : p.name))
		.join('');

function say(
	action: string,
	entityType: string,
	entityId: string | null,
	payload: { before?: unknown; after?: unknown } = {},
	actorName: string | null = SHE,
	actorId: string | null = 'actor'
): string {
	const e: EventView = {
		action,
		entityType,
		entityId,
		actorId,
		actorName,
		before: payload.before ?? null,
		after: payload.after ?? null
	};
	return text(eventSentence(e, refs)).replace(/\u00a0/g, ' ');
}

const D = `[Положение об электронном журнале](/app/orgs/o/documents/${DOC})`;
const D2 = `[Приказ о переходе](/app/orgs/o/documents/${DOC2})`;
const P = '[Сидоров А. Б.](/app/orgs/o/people/m1)';
const I = `[1.2 Назначить ответственного](/app/orgs/o/checklists/c/items/${ITEM})`;

// One sentence for every event kind the code records (the list below is checked against the source).
const cases: [string, () => string, string][] = [
	[
		'organization.created',
		() =>
			say('organization.created', 'organization', ORG, {
				after: { shortName: 'МБОУ «Школа № 1»' }
			}),
		`Петренко О. Н. создала организацию «[МБОУ «Школа № 1»](/app/orgs/${ORG})»`
	],
	[
		'organization.updated',
		() =>
			say(
				'organization.updated',
				'organization',
				ORG,
				{ before: { website: '' }, after: { website: 'https://school1.ru' } },
				HE
			),
		`Иванов П. С. изменил профиль организации «[МБОУ «Школа № 1»](/app/orgs/${ORG})»`
	],
	[
		'organization.schools_imported',
		() =>
			say('organization.schools_imported', 'organization', ORG, {
				after: { count: 3, slugs: ['a', 'b', 'c'] }
			}),
		'Петренко О. Н. загрузила из CSV 3 школы'
	],
	[
		'organization.readiness_page_changed',
		() =>
			say(
				'organization.readiness_page_changed',
				'organization',
				ORG,
				{ before: { readinessPublic: false }, after: { readinessPublic: true } },
				HE
			),
		'Иванов П. С. включил публичную страницу готовности'
	],
	[
		'user.created',
		() =>
			say(
				'user.created',
				'user',
				USER,
				{ after: { email: 'a@b.c', fullName: 'Сидоров Алексей Борисович' } },
				null,
				null
			),
		`Создана учётная запись: ${P}`
	],
	[
		'user.created (by invitation)',
		() => say('user.created', 'user', USER, { after: { email: 'a@b.c' } }, SHE, USER),
		'Петренко О. Н. зарегистрировалась по приглашению'
	],
	[
		'user.password_changed',
		() => say('user.password_changed', 'user', USER, { after: { otherSessionsEnded: 1 } }, HE),
		'Иванов П. С. сменил пароль'
	],
	[
		'user.password_reset_issued',
		() =>
			say('user.password_reset_issued', 'password_reset', UNKNOWN, {
				after: { userId: USER, email: 'a@b.c' }
			}),
		`Петренко О. Н. выдала ссылку для сброса пароля: ${P}`
	],
	[
		'user.password_reset',
		() => say('user.password_reset', 'user', USER, { after: { sessionsEnded: 2 } }),
		'Петренко О. Н. задала новый пароль по ссылке для сброса'
	],
	[
		'user.mail_preferences_changed',
		() =>
			say('user.mail_preferences_changed', 'user', USER, {
				before: { mailOffKinds: [] },
				after: { mailOffKinds: ['overdue'] }
			}),
		'Петренко О. Н. изменила, какие уведомления приходят на почту'
	],
	[
		'session.signed_in',
		() => say('session.signed_in', 'session', USER, { after: { ipAddress: '127.0.0.1' } }, HE),
		'Иванов П. С. вошёл в систему'
	],
	[
		'session.signed_out',
		() => say('session.signed_out', 'session', USER),
		'Петренко О. Н. вышла из системы'
	],
	[
		'session.signed_out_everywhere',
		() =>
			say('session.signed_out_everywhere', 'session', USER, { after: { sessionsEnded: 3 } }, HE),
		'Иванов П. С. вышел из системы на всех устройствах'
	],
	[
		'invitation.created',
		() =>
			say('invitation.created', 'invitation', UNKNOWN, {
				after: { email: 'new@school.ru', role: 'staff' }
			}),
		'Петренко О. Н. пригласила new@school.ru — сотрудник (педагог)'
	],
	[
		'invitation.accepted',
		() =>
			say(
				'invitation.accepted',
				'invitation',
				UNKNOWN,
				{ after: { userId: USER, role: 'working_group' } },
				HE
			),
		'Иванов П. С. принял приглашение — член рабочей группы'
	],
	[
		'invitation.revoked',
		() =>
			say('invitation.revoked', 'invitation', UNKNOWN, {
				before: { email: 'x@y.z', role: 'staff' }
			}),
		'Петренко О. Н. отозвала приглашение для x@y.z'
	],
	[
		'membership.created',
		() =>
			say('membership.created', 'membership', UNKNOWN, {
				after: { userId: USER, email: 'a@b.c', role: 'director' }
			}),
		`Петренко О. Н. назначила роль «директор»: ${P}`
	],
	[
		'membership.removed',
		() =>
			say(
				'membership.removed',
				'membership',
				UNKNOWN,
				{ before: { userId: USER, email: 'a@b.c', role: 'staff' } },
				HE
			),
		`Иванов П. С. снял роль «сотрудник (педагог)»: ${P}`
	],
	[
		'membership.position_updated',
		() =>
			say('membership.position_updated', 'membership', USER, {
				before: { position: 'учитель' },
				after: { position: 'заместитель директора' }
			}),
		`Петренко О. Н. изменила должность: ${P}`
	],
	[
		'document.created',
		() =>
			say('document.created', 'document', DOC, {
				after: {
					title: 'Положение',
					kind: 'regulation',
					templateId: 't',
					templateHash: 'h',
					version: 1
				}
			}),
		`Петренко О. Н. создала документ «${D}»`
	],
	[
		'document.version_saved',
		() =>
			say(
				'document.version_saved',
				'document',
				DOC,
				{ before: { version: 1 }, after: { version: 2, sha256: 'x', note: 'правки' } },
				HE
			),
		`Иванов П. С. сохранил версию 2 документа «${D}»`
	],
	[
		'document.details_updated',
		() =>
			say('document.details_updated', 'document', DOC, {
				before: { number: '' },
				after: { number: '5' }
			}),
		`Петренко О. Н. изменила реквизиты документа «${D}»`
	],
	[
		'document.registered',
		() =>
			say('document.registered', 'document', DOC, { after: { title: 'Согласие', number: '1' } }),
		`Петренко О. Н. зарегистрировала документ «${D}»`
	],
	[
		'document.file_attached',
		() =>
			say('document.file_attached', 'document', DOC, {
				after: { version: 2, file: { name: 'скан.pdf', sha256: 'x', size: 10 } }
			}),
		`Петренко О. Н. приложила файл «скан.pdf» к документу «${D}»`
	],
	[
		'document.linked',
		() =>
			say('document.linked', 'document', DOC, {
				after: { targetId: DOC2, relation: 'approved_by' }
			}),
		`Петренко О. Н. связала документ «${D}» с документом «${D2}» (утверждён документом)`
	],
	[
		'contract.saved',
		() => say('contract.saved', 'contract', DOC, { after: { counterparty: 'ООО «Дневник»' } }, HE),
		`Иванов П. С. сохранил сведения о договоре «${D}» с ООО «Дневник»`
	],
	[
		'campaign.created',
		() =>
			say('campaign.created', 'campaign', UNKNOWN, {
				after: { title: 'Переход на ЭЖ', organizations: 21 }
			}),
		'Петренко О. Н. назначила перечень мероприятий «Переход на ЭЖ» — 21 организация'
	],
	[
		'checklist.assigned',
		() =>
			say('checklist.assigned', 'checklist', LIST, {
				after: { title: 'Переход на ЭЖ 2026', dueOn: '2026-09-01' }
			}),
		`Петренко О. Н. назначила перечень мероприятий «[Переход на ЭЖ 2026](/app/orgs/o/checklists/${LIST})» со сроком до 01.09.2026`
	],
	[
		'checklist_item.updated',
		() =>
			say('checklist_item.updated', 'checklist_item', ITEM, {
				before: { status: 'not_started' },
				after: { status: 'in_progress', code: '1.2' }
			}),
		`Петренко О. Н. изменила пункт «${I}»`
	],
	[
		'checklist_item.completed_by_document',
		() =>
			say('checklist_item.completed_by_document', 'checklist_item', ITEM, {
				before: { status: 'in_progress' },
				after: { status: 'done', evidenceDocumentId: DOC }
			}),
		`Пункт «${I}» выполнен: документ «${D}» принят как подтверждение`
	],
	[
		'checklist_item.completed_by_proof',
		() =>
			say('checklist_item.completed_by_proof', 'checklist_item', ITEM, {
				after: {
					status: 'done',
					proof: { kind: 'event', key: 'review_closed', label: 'Рабочая группа согласовала акт' }
				}
			}),
		`Пункт «${I}» выполнен: рабочая группа согласовала акт`
	],
	[
		'remark.created',
		() =>
			say(
				'remark.created',
				'checklist_item',
				ITEM,
				{ after: { remarkId: UNKNOWN, body: 'Нет подписи', code: '1.2' } },
				HE
			),
		`Иванов П. С. сделал замечание к пункту «${I}»`
	],
	[
		'remark.answered',
		() =>
			say('remark.answered', 'checklist_item', ITEM, {
				after: { remarkId: UNKNOWN, body: 'Исправили' }
			}),
		`Петренко О. Н. ответила на замечание к пункту «${I}»`
	],
	[
		'remark.resolved',
		() => say('remark.resolved', 'checklist_item', ITEM, { after: { remarkId: UNKNOWN } }, HE),
		`Иванов П. С. снял замечание к пункту «${I}»`
	],
	[
		'catalogue.created',
		() =>
			say('catalogue.created', 'catalogue', UNKNOWN, {
				after: { code: 'crimea-001', version: 2, title: 'Перечень Крыма' }
			}),
		'Петренко О. Н. создала перечень мероприятий «Перечень Крыма»'
	],
	[
		'catalogue.item_saved',
		() =>
			say('catalogue.item_saved', 'catalogue', UNKNOWN, {
				after: { itemId: UNKNOWN, code: '2.1', change: 'up' }
			}),
		'Петренко О. Н. переставила пункт 2.1 в перечне'
	],
	[
		'catalogue.published',
		() =>
			say(
				'catalogue.published',
				'catalogue',
				UNKNOWN,
				{ after: { code: 'c', version: 2, items: 10 } },
				HE
			),
		'Иванов П. С. выпустил перечень мероприятий, версия 2'
	],
	[
		'working_group.member_added',
		() =>
			say('working_group.member_added', 'working_group', UNKNOWN, {
				after: { userId: USER, role: 'chair' }
			}),
		`Петренко О. Н. включила в рабочую группу: ${P} (председатель)`
	],
	[
		'working_group.member_changed',
		() =>
			say('working_group.member_changed', 'working_group', UNKNOWN, {
				before: { role: 'member' },
				after: { userId: USER, role: 'secretary' }
			}),
		`Петренко О. Н. изменила роль в рабочей группе: ${P}`
	],
	[
		'working_group.member_removed',
		() =>
			say(
				'working_group.member_removed',
				'working_group',
				UNKNOWN,
				{ before: { userId: USER, role: 'member' } },
				HE
			),
		`Иванов П. С. исключил из рабочей группы: ${P}`
	],
	[
		'document.submitted',
		() =>
			say('document.submitted', 'document', DOC, {
				before: { status: 'draft' },
				after: { status: 'review', version: 2 }
			}),
		`Петренко О. Н. направила документ «${D}» дальше по маршруту: на согласовании`
	],
	[
		'document.returned_to_draft',
		() =>
			say('document.returned_to_draft', 'document', DOC, {
				before: { status: 'discussion' },
				after: { status: 'draft', reason: 'ошибка' }
			}),
		`Петренко О. Н. вернула документ «${D}» в черновик`
	],
	[
		'route.reminded',
		() =>
			say('route.reminded', 'document', DOC, {
				after: {
					documentId: DOC,
					step: 'review',
					reminded: [{ id: USER, fullName: 'Сидоров Алексей Борисович' }],
					alreadyToday: []
				}
			}),
		`Петренко О. Н. напомнила о документе «${D}»: Сидоров А. Б.`
	],
	[
		'review.opened',
		() =>
			say('review.opened', 'review_round', ROUND, {
				after: { documentId: DOC, round: 1, version: 2, reviewers: 3 }
			}),
		`Петренко О. Н. открыла тур 1 согласования документа «${D}» (версия 2)`
	],
	[
		'review.decided',
		() =>
			say('review.decided', 'review_round', ROUND, {
				after: { documentId: DOC, round: 1, version: 2, decision: 'approve', comment: null }
			}),
		`Петренко О. Н. согласовала версию 2 документа «${D}»`
	],
	[
		'review.decided (changes)',
		() =>
			say(
				'review.decided',
				'review_round',
				ROUND,
				{
					after: {
						documentId: DOC,
						round: 1,
						version: 2,
						decision: 'request_changes',
						comment: 'п. 3'
					}
				},
				HE
			),
		`Иванов П. С. попросил изменений в версии 2 документа «${D}»`
	],
	[
		'review.closed',
		() =>
			say('review.closed', 'review_round', ROUND, {
				before: { status: 'review' },
				after: { documentId: DOC, round: 1, version: 2, outcome: 'approved', status: 'discussion' }
			}),
		`Петренко О. Н. закрыла тур 1 согласования документа «${D}»: согласовано всеми`
	],
	[
		'review.paragraph_commented',
		() =>
			say(
				'review.paragraph_commented',
				'document',
				DOC,
				{ after: { version: 2, paragraph: 4, body: 'уточнить' } },
				HE
			),
		`Иванов П. С. оставил замечание к абзацу 4 версии 2 документа «${D}»`
	],
	[
		'discussion.opened',
		() =>
			say('discussion.opened', 'discussion', UNKNOWN, {
				after: { documentId: DOC, version: 2, startsOn: '2026-03-01', endsOn: '2026-03-15' }
			}),
		`Петренко О. Н. открыла общественное обсуждение документа «${D}» с 01.03.2026 по 15.03.2026`
	],
	[
		'discussion.closed',
		() =>
			say('discussion.closed', 'discussion', UNKNOWN, {
				after: {
					documentId: DOC,
					status: 'approval',
					summaryDocumentId: DOC2,
					published: 2,
					rejected: 1
				}
			}),
		`Петренко О. Н. завершила общественное обсуждение документа «${D}»: 2 предложения опубликованы, 1 отклонено`
	],
	[
		'public_comment.submitted',
		() =>
			say(
				'public_comment.submitted',
				'public_comment',
				UNKNOWN,
				{
					after: { documentId: DOC, authorName: 'Смирнова Т.', authorRole: 'parent', length: 120 }
				},
				null,
				null
			),
		`Поступило предложение к проекту «${D}», автор: Смирнова Т.`
	],
	[
		'public_comment.moderated',
		() =>
			say('public_comment.moderated', 'public_comment', ROUND, {
				before: { status: 'pending' },
				after: { status: 'rejected', reason: 'не по теме' }
			}),
		`Петренко О. Н. отклонила предложение к проекту «${D}»`
	],
	[
		'public_comment.answered',
		() =>
			say(
				'public_comment.answered',
				'public_comment',
				ROUND,
				{ before: { answer: null }, after: { answer: 'Учтено' } },
				HE
			),
		`Иванов П. С. ответил на предложение к проекту «${D}»`
	],
	[
		'council.requested',
		() =>
			say('council.requested', 'document', DOC, {
				after: { councils: ['students', 'parents'], version: 2 }
			}),
		`Петренко О. Н. запросила мнение о документе «${D}» (совет обучающихся, совет родителей (законных представителей))`
	],
	[
		'council.recorded',
		() =>
			say('council.recorded', 'council_opinion', ROUND, {
				after: { council: 'workers', result: 'supports', answeredOn: '2026-03-02' }
			}),
		`Петренко О. Н. записала мнение: Представительный орган работников — поддерживает; документ «${D}»`
	],
	[
		'council.recorded (no answer)',
		() =>
			say(
				'council.recorded',
				'council_opinion',
				ROUND,
				{ after: { council: 'parents', result: 'no_answer', dueOn: '2026-03-09' } },
				null,
				null
			),
		`Совет родителей (законных представителей): мнение не представлено в срок; документ «${D}»`
	],
	[
		'council.waived',
		() =>
			say('council.waived', 'document', DOC, {
				after: { councils: ['workers'], reason: 'нет профсоюза' }
			}),
		`Петренко О. Н. признала мнение не требуемым для документа «${D}» (представительный орган работников)`
	],
	[
		'document.approved',
		() =>
			say('document.approved', 'document', DOC, {
				before: { status: 'approval' },
				after: {
					status: 'published',
					version: 2,
					orderNumber: '4-о',
					orderDate: '2026-03-20',
					orderId: DOC2
				}
			}),
		`Петренко О. Н. утвердила документ «${D}» приказом [№ 4-о от 20.03.2026](/app/orgs/o/documents/${DOC2})`
	],
	[
		'document.signed',
		() =>
			say(
				'document.signed',
				'document',
				DOC2,
				{ after: { title: 'Приказ о переходе', kind: 'order', number: '3-о' } },
				HE
			),
		`Иванов П. С. подписал и зарегистрировал приказ «${D2}» № 3-о`
	],
	[
		'document.signed_simple',
		() =>
			say('document.signed_simple', 'document', DOC, {
				after: { version: 2, key: 'K7QM-3XPA-9D2F-HT4W', kind: 'simple' }
			}),
		`Петренко О. Н. подписала документ «${D}» простой электронной подписью (версия 2, ключ K7QM-3XPA-9D2F-HT4W)`
	],
	[
		'document.signed_record',
		() =>
			say('document.signed_record', 'document', DOC, {
				before: { status: 'draft' },
				after: { status: 'registered', number: '7' }
			}),
		`Петренко О. Н. подписала и зарегистрировала документ «${D}»`
	],
	[
		'document.published',
		() => say('document.published', 'document', DOC, { after: { version: 2 } }),
		`Петренко О. Н. опубликовала документ «${D}»`
	],
	[
		'document.superseded',
		() =>
			say('document.superseded', 'document', DOC, {
				before: { status: 'published' },
				after: { status: 'superseded', supersededBy: DOC2 }
			}),
		`Документ «${D}» утратил силу: его заменил документ «${D2}»`
	],
	[
		'document.repealed',
		() =>
			say('document.repealed', 'document', DOC, {
				before: { status: 'published' },
				after: { status: 'repealed', orderNumber: '9-о', orderDate: '2026-04-01' }
			}),
		`Петренко О. Н. отменила документ «${D}» приказом № 9-о от 01.04.2026`
	],
	[
		'document.new_edition',
		() =>
			say(
				'document.new_edition',
				'document',
				DOC2,
				{ after: { amends: DOC, title: 'Приказ о переходе', version: 1 } },
				HE
			),
		`Иванов П. С. начал новую редакцию документа «${D}»: «${D2}»`
	],
	[
		'document.new_edition (same title)',
		() =>
			say('document.new_edition', 'document', DOC2, {
				after: { amends: UNKNOWN, title: 'Приказ о переходе', version: 1 }
			}),
		`Петренко О. Н. начала новую редакцию документа «${D2}»`
	],
	[
		'document.acknowledged (unknown patronymic)',
		() =>
			say(
				'document.acknowledged',
				'acknowledgement',
				UNKNOWN,
				{ after: { documentId: DOC } },
				'Алиева Зарема Решатовна'
			),
		`Алиева З. Р. ознакомилась с документом «${D}»`
	],
	[
		'document.acknowledged',
		() =>
			say('document.acknowledged', 'acknowledgement', UNKNOWN, {
				after: { documentId: DOC, title: 'Положение', version: 2 }
			}),
		`Петренко О. Н. ознакомилась с документом «${D}» (версия 2)`
	],
	[
		'help_request.created',
		() =>
			say(
				'help_request.created',
				'help_request',
				UNKNOWN,
				{ after: { topic: 'documents', body: '?' } },
				HE
			),
		'Иванов П. С. обратился за помощью: локальные акты и документы по ведению ЭЖ'
	],
	[
		'help_request.answered',
		() =>
			say('help_request.answered', 'help_request', UNKNOWN, {
				after: { organizationId: ORG, answer: 'Вот так' }
			}),
		`Петренко О. Н. ответила на обращение: [МБОУ «Школа № 1»](/app/orgs/${ORG})`
	],
	[
		'help_request.closed',
		() =>
			say('help_request.closed', 'help_request', UNKNOWN, {
				before: { status: 'answered' },
				after: { status: 'closed' }
			}),
		'Петренко О. Н. закрыла обращение'
	]
];

/** Every `action: '…'` the server code records. */
function recordedActions(): Set<string> {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (path.endsWith('.ts'))
				for (const m of readFileSync(path, 'utf8').matchAll(/'([a-z_]+\.[a-z_]+)'/g))
					if (Object.hasOwn(auditActionLabels, m[1]!)) found.add(m[1]!);
		}
	};
	walk('src/lib/server');
	return found;
}

describe('history sentences', () => {
	it.each(cases)('%s', (_, run, expected) => {
		expect(run()).toBe(expected);
	});

	it('has its own sentence, tested here, for every kind the code records and every labelled kind', () => {
		const tested = new Set(cases.map(([name]) => name.split(' ')[0]!));
		const recorded = recordedActions();
		expect(recorded.size).toBeGreaterThan(50);
		for (const action of recorded) expect(tested, action).toContain(action);
		expect(new Set(sentenceActions)).toEqual(new Set(Object.keys(auditActionLabels)));
	});

	it('falls back to a readable generic sentence for a kind it does not know', () => {
		expect(say('document.teleported', 'document', DOC, { after: { title: 'x' } })).toBe(
			`Петренко О. Н. — document.teleported (документ «${D}»)`
		);
		expect(say('thing.done', 'thing', null, {}, null, null)).toBe('Система — thing.done');
	});

	it('names an object no longer found by its stored title, and writes (а) when the name does not tell', () => {
		expect(
			say(
				'document.created',
				'document',
				UNKNOWN,
				{ after: { title: 'Старый приказ' } },
				'Ким Саша'
			)
		).toBe('Ким С. создал(а) документ «Старый приказ»');
		expect(say('document.published', 'document', UNKNOWN)).toBe(
			'Петренко О. Н. опубликовала документ'
		);
	});
});

describe('history changes', () => {
	const change = (e: Partial<EventView>) =>
		eventChanges(
			{
				action: 'x',
				entityType: 'document',
				entityId: DOC,
				actorName: SHE,
				before: null,
				after: null,
				...e
			},
			refs
		);

	it('lists changed fields in words: statuses by label, dates as ДД.ММ.ГГГГ, ids by name', () => {
		expect(
			change({ before: { status: 'draft' }, after: { status: 'review', version: 2 } })
		).toEqual([
			{ label: 'Статус', before: 'Черновик', after: 'На согласовании' },
			{ label: 'Версия', before: null, after: '2' }
		]);
		expect(
			change({
				entityType: 'checklist_item',
				before: { status: 'not_started', dueOn: '2026-05-01', responsibleId: null },
				after: { status: 'in_progress', dueOn: '2026-06-01', responsibleId: USER, code: '1.2' }
			})
		).toEqual([
			{ label: 'Статус', before: 'Не начато', after: 'В работе' },
			{ label: 'Срок', before: '01.05.2026', after: '01.06.2026' },
			{ label: 'Ответственный', before: null, after: 'Сидоров А. Б.' }
		]);
	});

	it('leaves out hashes, unknown ids and what the sentence already says', () => {
		expect(
			change({
				after: {
					title: 'Положение',
					kind: 'regulation',
					templateId: 't',
					templateHash: 'h',
					version: 1,
					sha256: 'abc'
				}
			})
		).toEqual([]);
		expect(
			change({ before: { evidenceDocumentId: null }, after: { evidenceDocumentId: UNKNOWN } })
		).toEqual([]);
		expect(change({ after: { version: 2, sha256: 'x', note: 'правки по замечаниям' } })).toEqual([
			{ label: 'Примечание', before: null, after: 'правки по замечаниям' }
		]);
	});

	it('does not repeat what the sentence names', () => {
		const approved = change({
			action: 'document.approved',
			before: { status: 'approval' },
			after: {
				status: 'published',
				orderNumber: '4-о',
				orderDate: '2026-03-20',
				orderId: DOC2,
				publishedAt: '2026-03-21T10:00:00Z',
				effectiveDate: '2026-04-01'
			}
		});
		expect(approved).toEqual([
			{ label: 'Статус', before: 'На утверждении', after: 'Действует' },
			{ label: 'Вступает в силу', before: null, after: '01.04.2026' }
		]);
		expect(
			change({
				action: 'checklist_item.completed_by_document',
				entityType: 'checklist_item',
				entityId: ITEM,
				before: { status: 'in_progress' },
				after: { status: 'done', evidenceDocumentId: DOC }
			})
		).toEqual([{ label: 'Статус', before: 'В работе', after: 'Выполнено' }]);
	});

	it('reads the e-mail choice by kind labels', () => {
		expect(
			change({
				entityType: 'user',
				before: { mailOffKinds: [] },
				after: { mailOffKinds: ['overdue', 'due_in_7'] }
			})
		).toEqual([
			{
				label: 'Не присылать на почту',
				before: null,
				after: 'Срок пункта пропущен, Срок пункта через 7 дней'
			}
		]);
	});
});

describe('short person names', () => {
	it('writes the surname and the initials', () => {
		expect(shortPersonName('Петренко Ольга Николаевна')).toBe('Петренко\u00a0О.\u00a0Н.');
		expect(shortPersonName('Алиева Зарема Рустем кызы')).toBe('Алиева\u00a0З.\u00a0Р.');
		expect(shortPersonName('Ким')).toBe('Ким');
	});
});
