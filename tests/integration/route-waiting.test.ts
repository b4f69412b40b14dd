import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	discussions,
	documents,
	notifications,
	outbox,
	reviewRounds,
	type DocumentRow
} from '../../src/lib/server/db/schema';
import { ForbiddenError, loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { generateDocument } from '../../src/lib/server/documents/generate-document';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { loadDashboard } from '../../src/lib/server/dashboard/load-dashboard';
import { closeDiscussion, openDiscussion } from '../../src/lib/server/workflow/discussion';
import {
	closeRoundByChair,
	decideReview,
	submitDocument
} from '../../src/lib/server/workflow/review';
import { addWorkingGroupMember } from '../../src/lib/server/workflow/working-group';
import { waitingOn } from '../../src/lib/server/workflow/waiting';
import { remindOnRoute, ROUTE_REMINDER_KIND } from '../../src/lib/server/workflow/remind';
import { routeHistory } from '../../src/lib/server/workflow/history';
import { formatDate, todayIn } from '../../src/lib/format';
import { buildFixture, grantRole, insertUser, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf, plausibleForm } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
const library = readTemplateLibrary();
const REGULATION = 'school-regulation-journal';

/** School A's group: Группова Алла chairs it; two members review with her. */
let memberB: Actor;
let memberC: Actor;
let today: string;
/** An act the group approved: now it waits for the chair to open the discussion. */
let act: DocumentRow;

/** Each act from its own model template: a school has one act of each, its changes go in as editions. */
async function generate(title: string, templateId = REGULATION): Promise<DocumentRow> {
	const template = library.byId.get(templateId)!;
	return generateDocument(db(), f.actors.directorA, f.schoolA, templateId, {
		title,
		number: '',
		documentDate: '',
		place: '',
		effectiveDate: '',
		responsibleId: '',
		...plausibleForm(template.variables)
	});
}

// A school that allows a one-day discussion, so it opens and ends today.
const oneDay = () => ({ ...f.schoolA, discussionMinDays: 1 });
const reload = async (id: string) =>
	(await db().select().from(documents).where(eq(documents.id, id)))[0]!;
const approveAs = (who: Actor, doc: DocumentRow) =>
	decideReview(db(), who, f.schoolA, doc.id, {
		version: String(doc.currentVersion),
		decision: 'approve',
		comment: ''
	});
const reminders = (docId: string) =>
	db()
		.select()
		.from(notifications)
		.where(and(eq(notifications.documentId, docId), eq(notifications.kind, ROUTE_REMINDER_KIND)));
const events = (action: string, docId: string) =>
	db()
		.select()
		.from(auditEvents)
		.where(eq(auditEvents.action, action))
		.orderBy(asc(auditEvents.id))
		.then((rows) =>
			rows.filter(
				(r) =>
					r.entityId === docId || (r.after as { documentId?: string } | null)?.documentId === docId
			)
		);

async function tally() {
	return {
		notifications: await db().$count(notifications),
		outbox: await db().$count(outbox),
		audit: await db().$count(auditEvents),
		discussions: await db().$count(discussions),
		documents: await db().$count(documents)
	};
}

/** Expects a refusal that writes nothing anywhere. */
async function refused(action: () => Promise<unknown>): Promise<unknown> {
	const before = await tally();
	const outcome = await action().then(
		() => null,
		(e: unknown) => e
	);
	expect(outcome, 'expected a refusal, but the action succeeded').not.toBeNull();
	expect(await tally()).toEqual(before);
	return outcome;
}

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'rw');
	today = todayIn(f.schoolA.timeZone);
	const person = async (email: string, fullName: string) => {
		const user = await insertUser(db(), { email, fullName });
		await grantRole(db(), user, f.schoolA, 'working_group');
		return loadActor(db(), user);
	};
	memberB = await person('rw-member-b@example.test', 'Вторая Бэлла');
	memberC = await person('rw-member-c@example.test', 'Третья Вера');
	await addWorkingGroupMember(db(), f.actors.directorA, f.schoolA, {
		userId: f.users.memberA.id,
		role: 'chair',
		position: ''
	});
	await addWorkingGroupMember(db(), f.actors.directorA, f.schoolA, {
		userId: memberB.id,
		role: 'member',
		position: ''
	});
	await addWorkingGroupMember(db(), f.actors.directorA, f.schoolA, {
		userId: memberC.id,
		role: 'member',
		position: ''
	});
});
afterAll(async () => {
	await handle?.close();
});

describe('whose move it is on the route', () => {
	it('in review: the members who have not decided, by name, since the round opened', async () => {
		act = await generate('Положение об электронном журнале');
		expect(await waitingOn(db(), f.schoolA, act)).toBeNull();
		await submitDocument(db(), f.actors.directorA, f.schoolA, act.id);
		await approveAs(f.actors.memberA, await reload(act.id));
		const [round] = await db()
			.select()
			.from(reviewRounds)
			.where(eq(reviewRounds.documentId, act.id));
		const w = (await waitingOn(db(), f.schoolA, await reload(act.id)))!;
		expect(w).toMatchObject({ step: 'review', since: round!.openedAt, chairMayRemind: true });
		expect(w.remind.map((p) => p.fullName)).toEqual(['Вторая Бэлла', 'Третья Вера']);
		expect(w.sentence).toBe(
			`Сейчас ход за: члены рабочей группы Вторая Бэлла, Третья Вера — согласовать версию 1 или попросить изменений (тур 1, решили 1 из 3), ждёт с ${formatDate(round!.openedAt, f.schoolA.timeZone)}.`
		);
	});

	it('after the group approves: the chair, by name, to open the discussion, since the round closed', async () => {
		await approveAs(memberB, act);
		await approveAs(memberC, act);
		act = await reload(act.id);
		expect(act.status).toBe('discussion');
		const [closed] = await events('review.closed', act.id);
		const w = (await waitingOn(db(), f.schoolA, act))!;
		expect(w).toMatchObject({
			step: 'open_discussion',
			since: closed!.occurredAt,
			dueOn: null,
			remind: [{ id: f.users.memberA.id, fullName: 'Группова Алла' }]
		});
		expect(w.sentence).toBe(
			`Сейчас ход за: председатель рабочей группы Группова Алла — открыть общественное обсуждение: назначить даты, ждёт с ${formatDate(closed!.occurredAt, f.schoolA.timeZone)}.`
		);
	});

	it("the director's dashboard lists the act with the chair and the time, the longest waiting first; others' dashboards do not", async () => {
		const later = await generate(
			'Правила ведения электронного дневника',
			'school-rules-diary-service'
		);
		await submitDocument(db(), f.actors.directorA, f.schoolA, later.id);
		const { cards } = await loadDashboard(db(), f.actors.directorA);
		const board = cards
			.find((c) => c.organization.id === f.schoolA.id)!
			.others.filter((l) => l.kind === 'route');
		expect(board.map((l) => [l.text, l.note!.split(':')[0]])).toEqual([
			['Положение об электронном журнале', 'Открыть обсуждение'],
			['Правила ведения электронного дневника', 'Согласование']
		]);
		const [closed] = await events('review.closed', act.id);
		expect(board[0]).toMatchObject({
			key: `board-${act.id}`,
			remindDocId: act.id,
			note: `Открыть обсуждение: председатель рабочей группы Группова Алла · ждёт с ${formatDate(closed!.occurredAt, f.schoolA.timeZone)}`
		});
		// A member of the group and a teacher see their own tasks, not the director's board.
		for (const who of [f.actors.memberA, f.actors.staffA]) {
			const card = (await loadDashboard(db(), who)).cards.find(
				(c) => c.organization.id === f.schoolA.id
			)!;
			expect(card.others.filter((l) => l.kind === 'route' && l.remindDocId)).toEqual([]);
			expect(card.others.map((l) => l.key)).not.toContain(`board-${later.id}`);
		}
	});
});

describe('«Напомнить»', () => {
	it('writes one notification per person and one audit event a day; a second click the same day is refused and says who was reminded', async () => {
		const result = await remindOnRoute(db(), f.actors.directorA, f.schoolA, act.id);
		expect(result).toEqual({ reminded: ['Группова Алла'], alreadyToday: [] });
		const sent = await reminders(act.id);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			userId: f.users.memberA.id,
			aboutDate: today,
			organizationId: f.schoolA.id,
			link: `/app/orgs/${f.schoolA.id}/documents/${act.id}`
		});
		expect(sent[0]!.body).toContain('открыть общественное обсуждение');
		expect(
			await db().select().from(outbox).where(eq(outbox.notificationId, sent[0]!.id))
		).toHaveLength(1);
		const [event] = await events('route.reminded', act.id);
		expect(event).toMatchObject({
			actorId: f.users.directorA.id,
			entityType: 'document',
			entityId: act.id
		});
		expect(event!.after).toMatchObject({
			step: 'open_discussion',
			reminded: [{ id: f.users.memberA.id, fullName: 'Группова Алла' }]
		});

		const again = await refused(() => remindOnRoute(db(), f.actors.directorA, f.schoolA, act.id));
		expect(fieldErrorsOf(again)).toEqual({
			form: 'Сегодня уже напомнили: Группова Алла. Напомнить снова можно завтра.'
		});
		expect(await reminders(act.id)).toHaveLength(1);
		expect(await events('route.reminded', act.id)).toHaveLength(1);
	});

	it('a teacher, a member, the other school and the authority above may not remind; the chair may only about the review', async () => {
		for (const who of [f.actors.staffA, memberB, f.actors.memberA, f.actors.municipalityAuthority])
			expect(await refused(() => remindOnRoute(db(), who, f.schoolA, act.id))).toBeInstanceOf(
				ForbiddenError
			);
		expect(
			fieldErrorsOf(await refused(() => remindOnRoute(db(), f.actors.directorB, f.schoolB, act.id)))
		).toEqual({ form: 'Документ не найден.' });

		const inReview = await generate('Порядок хранения', 'school-procedure-storage');
		await submitDocument(db(), f.actors.directorA, f.schoolA, inReview.id);
		await approveAs(memberB, await reload(inReview.id));
		expect(await remindOnRoute(db(), f.actors.memberA, f.schoolA, inReview.id)).toEqual({
			reminded: ['Третья Вера'],
			alreadyToday: []
		});
		// The chair herself is waited for too; she is not reminded by her own click.
		expect((await reminders(inReview.id)).map((n) => n.userId)).toEqual([memberC.id]);
		// The director the same day reaches the one not yet reminded and reports the other.
		expect(await remindOnRoute(db(), f.actors.directorA, f.schoolA, inReview.id)).toEqual({
			reminded: ['Группова Алла'],
			alreadyToday: ['Третья Вера']
		});
		expect(await reminders(inReview.id)).toHaveLength(2);
	});
});

describe('the director acts for an absent chair', () => {
	it('opening the discussion: refused without the choice, and without a reason next to its field; with both, recorded as for the chair', async () => {
		const dates = { startsOn: today, endsOn: today };
		expect(
			await refused(() => openDiscussion(db(), f.actors.directorA, oneDay(), act.id, dates))
		).toBeInstanceOf(ForbiddenError);
		expect(
			fieldErrorsOf(
				await refused(() =>
					openDiscussion(db(), f.actors.directorA, oneDay(), act.id, {
						...dates,
						actingForChair: 'on',
						actingReason: '  '
					})
				)
			)
		).toEqual({
			actingReason:
				'Укажите, почему председатель не может сделать это сам (например: «в отпуске до 15.12»).'
		});
		// A member cannot take the chair's step by ticking the box.
		expect(
			await refused(() =>
				openDiscussion(db(), memberB, oneDay(), act.id, {
					...dates,
					actingForChair: 'on',
					actingReason: 'Нет её'
				})
			)
		).toBeInstanceOf(ForbiddenError);

		await openDiscussion(db(), f.actors.directorA, oneDay(), act.id, {
			...dates,
			actingForChair: 'on',
			actingReason: 'Председатель на больничном до 20.12'
		});
		const [opened] = await events('discussion.opened', act.id);
		expect(opened).toMatchObject({ actorId: f.users.directorA.id, actorName: 'Директорова Анна' });
		expect(opened!.after).toMatchObject({
			onBehalfOf: 'chair',
			chairId: f.users.memberA.id,
			chair: 'Группова Алла',
			onBehalfReason: 'Председатель на больничном до 20.12'
		});
		const told = await db()
			.select()
			.from(notifications)
			.where(
				and(eq(notifications.userId, f.users.memberA.id), eq(notifications.kind, 'acted_for_chair'))
			);
		expect(told).toHaveLength(1);
		expect(told[0]!.body).toContain('Председатель на больничном до 20.12');

		const history = await routeHistory(db(), act);
		const entry = history.find((h) => h.what === 'Открыто общественное обсуждение')!;
		expect(entry).toMatchObject({
			actorName: 'Директорова Анна',
			actingForChair: true,
			note: 'руководитель — за председателя рабочей группы Группова Алла, который отсутствует: Председатель на больничном до 20.12'
		});
		expect(history.find((h) => h.what === 'Напоминание о ходе по маршруту')?.note).toBe(
			'напомнили: Группова Алла'
		);
	});

	it('the last day: the chair is to close it; the director closes it for her, and approval waits for the councils first', async () => {
		const w = (await waitingOn(db(), f.schoolA, await reload(act.id)))!;
		expect(w).toMatchObject({
			step: 'close_discussion',
			who: 'председатель рабочей группы Группова Алла',
			remind: [{ id: f.users.memberA.id }]
		});
		await closeDiscussion(db(), f.actors.directorA, f.schoolA, act.id, {
			actingForChair: 'on',
			actingReason: 'Председатель на больничном'
		});
		const [closed] = await events('discussion.closed', act.id);
		expect(closed!.after).toMatchObject({
			onBehalfOf: 'chair',
			chair: 'Группова Алла',
			onBehalfReason: 'Председатель на больничном',
			status: 'approval'
		});
		act = await reload(act.id);
		// The regulation touches students' and workers' rights: its councils have not been asked yet.
		expect(await waitingOn(db(), f.schoolA, act)).toMatchObject({
			step: 'send_to_councils',
			who: 'автор Директорова Анна',
			since: closed!.occurredAt
		});
	});

	it('closing a round with a majority for the chair carries the reason of closing and the reason of acting apart', async () => {
		const doc = await generate('Инструкция по заполнению журнала', 'school-instruction-additions');
		await submitDocument(db(), f.actors.directorA, f.schoolA, doc.id);
		await approveAs(memberB, await reload(doc.id));
		await approveAs(memberC, await reload(doc.id));
		expect(
			await closeRoundByChair(db(), f.actors.directorA, f.schoolA, doc.id, {
				reason: 'Большинство согласовало',
				actingForChair: 'on',
				actingReason: 'Председатель в командировке'
			})
		).toBe('discussion');
		const [closed] = await events('review.closed', doc.id);
		expect(closed!.after).toMatchObject({
			outcome: 'closed_by_chair',
			reason: 'Большинство согласовало',
			onBehalfOf: 'chair',
			onBehalfReason: 'Председатель в командировке'
		});
		expect((await verifyChain(db(), f.schoolA.id)).ok).toBe(true);
	});
});
