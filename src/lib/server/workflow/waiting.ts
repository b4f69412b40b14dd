import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db';
import {
	auditEvents,
	councilOpinions,
	documents,
	paragraphComments,
	publicComments,
	reviewDecisions,
	reviewRounds,
	users,
	type DocumentRow,
	type Organization
} from '../db/schema';
import { startOfDay } from '../audit/list-events';
import { formatDate, todayIn } from '../../format';
import { councilLabels, waitingStepLabels, type WaitingStep } from '../../workflow/labels';
import { currentWorkingGroup } from './working-group';
import { directorsOf } from './route';
import { openRound } from './review';
import { discussionOf } from './discussion';
import { requiredCouncils } from './councils';
import { publicationDeadline } from './approval';

interface Person {
	id: string;
	fullName: string;
}

/** Whose move it is on a document's route, what they must do, and since when. */
export interface Waiting {
	step: WaitingStep;
	/** Whose move, in words: «председатель рабочей группы Группова Алла». */
	who: string;
	/** What they must do, in words: «открыть общественное обсуждение». */
	todo: string;
	/** The moment the document began to wait for this move. */
	since: Date;
	/** The last day of the move's term, when it has one (a council's 5 working days, publication's 10, the discussion's end). */
	dueOn: string | null;
	/** The people «Напомнить» writes to; empty when the move is not a user's (a council, the public). */
	remind: Person[];
	/** The chair may remind too: the reviewers of the open round are the group's own. */
	chairMayRemind: boolean;
	/** «Сейчас ход за: … — …, ждёт с ДД.ММ.ГГГГ.» */
	sentence: string;
}

const names = (people: Person[]) => people.map((p) => p.fullName).join(', ');

/**
 * For a document on the route, whose move it is. A draft waits on its author only after a step
 * sent it back (changes asked, returned); a fresh draft is still its author's own work.
 */
export async function waitingOn(
	db: Database,
	org: Organization,
	doc: DocumentRow,
	today = todayIn(org.timeZone)
): Promise<Waiting | null> {
	const found = await findWaiting(db, org, doc, today);
	if (!found) return null;
	const due = found.dueOn ? ` (срок — ${formatDate(found.dueOn)})` : '';
	return {
		chairMayRemind: false,
		...found,
		sentence: `Сейчас ход за: ${found.who} — ${found.todo}${due}, ждёт с ${formatDate(found.since, org.timeZone)}.`
	};
}

type Found = Omit<Waiting, 'sentence' | 'chairMayRemind'> & { chairMayRemind?: boolean };

async function findWaiting(
	db: Database,
	org: Organization,
	doc: DocumentRow,
	today: string
): Promise<Found | null> {
	if (doc.isRecord || doc.documentClass === 'record') return null;
	switch (doc.status) {
		case 'draft':
			return returnedDraft(db, org, doc);
		case 'review':
			return reviewers(db, doc);
		case 'discussion':
			return discussionStep(db, org, doc, today);
		case 'approval':
			return (await councilsStep(db, org, doc, today)) ?? (await directorStep(db, org, doc));
		case 'published':
			return publication(db, org, doc);
		default:
			return null;
	}
}

/** When the document entered its current state: the latest route event that left it there. */
async function enteredState(
	db: Database,
	doc: DocumentRow
): Promise<{ at: Date; action: string; entityId: string | null; after: unknown }> {
	const [e] = await db
		.select({
			at: auditEvents.occurredAt,
			action: auditEvents.action,
			entityId: auditEvents.entityId,
			after: auditEvents.after
		})
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.organizationId, doc.organizationId),
				or(eq(auditEvents.entityId, doc.id), sql`${auditEvents.after}->>'documentId' = ${doc.id}`),
				sql`${auditEvents.after}->>'status' = ${doc.status}`
			)
		)
		.orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
		.limit(1);
	// A row written without the route (an import) has only its own timestamp to go by.
	return e ?? { at: doc.updatedAt, action: '', entityId: null, after: null };
}

async function authorOrDirectors(
	db: Database,
	doc: DocumentRow
): Promise<{ people: Person[]; who: string }> {
	if (doc.authorId) {
		const people = await db
			.select({ id: users.id, fullName: users.fullName })
			.from(users)
			.where(eq(users.id, doc.authorId));
		return { people, who: `автор ${names(people)}` };
	}
	const people = await directors(db, doc.organizationId);
	return { people, who: `руководитель ${names(people)}` };
}

async function directors(db: Database, orgId: string): Promise<Person[]> {
	const ids = await directorsOf(db, orgId);
	return ids.length
		? db
				.select({ id: users.id, fullName: users.fullName })
				.from(users)
				.where(inArray(users.id, ids))
				.orderBy(asc(users.fullName))
		: [];
}

/** The chair of the working group; without one the director chairs it. */
async function chair(db: Database, orgId: string): Promise<{ people: Person[]; who: string }> {
	const c = (await currentWorkingGroup(db, orgId)).find((m) => m.role === 'chair');
	if (c)
		return {
			people: [{ id: c.userId, fullName: c.fullName }],
			who: `председатель рабочей группы ${c.fullName}`
		};
	const people = await directors(db, orgId);
	return { people, who: `руководитель ${names(people)} (у рабочей группы нет председателя)` };
}

async function returnedDraft(
	db: Database,
	org: Organization,
	doc: DocumentRow
): Promise<Found | null> {
	const entered = await enteredState(db, doc);
	const { people, who } = await authorOrDirectors(db, doc);
	if (entered.action === 'review.closed' && entered.entityId) {
		const [round] = await db
			.select()
			.from(reviewRounds)
			.where(eq(reviewRounds.id, entered.entityId));
		if (!round) return null;
		const decisionComments = await db.$count(
			reviewDecisions,
			and(eq(reviewDecisions.roundId, round.id), eq(reviewDecisions.decision, 'request_changes'))
		);
		const remarks = await db.$count(
			paragraphComments,
			and(eq(paragraphComments.documentId, doc.id), eq(paragraphComments.version, round.version))
		);
		return {
			step: 'revise',
			who,
			todo: `учесть замечания тура ${round.round} (${decisionComments + remarks}: решений «нужны изменения» — ${decisionComments}, к абзацам — ${remarks}) и отправить снова`,
			since: entered.at,
			dueOn: null,
			remind: people
		};
	}
	if (entered.action === 'document.returned_to_draft') {
		const reason = (entered.after as { reason?: string } | null)?.reason;
		return {
			step: 'revise',
			who,
			todo: `доработать текст${reason ? ` («${reason}»)` : ''} и отправить снова`,
			since: entered.at,
			dueOn: null,
			remind: people
		};
	}
	return null;
}

async function reviewers(db: Database, doc: DocumentRow): Promise<Found | null> {
	const round = await openRound(db, doc.id);
	if (!round) return null;
	const decided = await db
		.select({ userId: reviewDecisions.userId })
		.from(reviewDecisions)
		.where(eq(reviewDecisions.roundId, round.id));
	const undecided = round.reviewerIds.filter((id) => !decided.some((d) => d.userId === id));
	const people = undecided.length
		? await db
				.select({ id: users.id, fullName: users.fullName })
				.from(users)
				.where(inArray(users.id, undecided))
				.orderBy(asc(users.fullName))
		: [];
	return {
		step: 'review',
		who: `члены рабочей группы ${names(people)}`,
		todo: `согласовать версию ${round.version} или попросить изменений (тур ${round.round}, решили ${decided.length} из ${round.reviewerIds.length})`,
		since: round.openedAt,
		dueOn: null,
		remind: people,
		chairMayRemind: true
	};
}

async function discussionStep(
	db: Database,
	org: Organization,
	doc: DocumentRow,
	today: string
): Promise<Found> {
	const d = await discussionOf(db, doc.id);
	const c = await chair(db, org.id);
	if (!d || d.closedAt)
		return {
			step: 'open_discussion',
			who: c.who,
			todo: 'открыть общественное обсуждение: назначить даты',
			since: (await enteredState(db, doc)).at,
			dueOn: null,
			remind: c.people
		};
	const counts = await db
		.select({
			pending: sql<number>`count(*) filter (where ${publicComments.status} = 'pending')::int`,
			unanswered: sql<number>`count(*) filter (where ${publicComments.status} = 'published' and ${publicComments.answer} is null)::int`
		})
		.from(publicComments)
		.where(eq(publicComments.discussionId, d.id));
	const { pending, unanswered } = counts[0] ?? { pending: 0, unanswered: 0 };
	const left = [
		pending ? `не рассмотрено предложений — ${pending}` : '',
		unanswered ? `без ответа — ${unanswered}` : ''
	]
		.filter(Boolean)
		.join(', ');
	if (today >= d.endsOn)
		return {
			step: 'close_discussion',
			who: c.who,
			todo: left
				? `рассмотреть предложения (${left}) и завершить обсуждение`
				: 'завершить обсуждение и сформировать сводку предложений',
			since: startOfDay(d.endsOn, org.timeZone),
			dueOn: null,
			remind: c.people
		};
	if (left) {
		const moderators = (await currentWorkingGroup(db, org.id))
			.filter((m) => m.role !== 'member')
			.map((m) => ({ id: m.userId, fullName: m.fullName }));
		const people = moderators.length ? moderators : c.people;
		return {
			step: 'moderate',
			who: `председатель и секретарь рабочей группы ${names(people)}`,
			todo: `рассмотреть предложения: ${left}`,
			since: d.openedAt,
			dueOn: d.endsOn,
			remind: people
		};
	}
	return {
		step: 'discussion',
		who: 'участники общественного обсуждения',
		todo: `оставить предложения на публичной странице; с последнего дня ${c.who} завершит обсуждение`,
		since: d.openedAt,
		dueOn: d.endsOn,
		remind: []
	};
}

/** The councils the act still needs: not yet sent the current version (the author's move), or within their term. */
async function councilsStep(
	db: Database,
	org: Organization,
	doc: DocumentRow,
	today: string
): Promise<Found | null> {
	const required = requiredCouncils(doc);
	if (!required.length) return null;
	const opinions = await db
		.select()
		.from(councilOpinions)
		.where(eq(councilOpinions.documentId, doc.id));
	const notSent = required.filter(
		(c) => !opinions.some((o) => o.council === c && o.version === doc.currentVersion)
	);
	if (notSent.length) {
		const { people, who } = await authorOrDirectors(db, doc);
		return {
			step: 'send_to_councils',
			who,
			todo: `направить проект (версия ${doc.currentVersion}) на мнение: ${notSent.map((c) => councilLabels[c]).join(', ')}`,
			since: (await enteredState(db, doc)).at,
			dueOn: null,
			remind: people
		};
	}
	// A term that ran out is recorded as «не представлено в срок» by approval itself: no longer a wait.
	const awaiting = opinions.filter(
		(o) => required.includes(o.council) && !o.result && o.dueOn >= today
	);
	if (!awaiting.length) return null;
	const requestedOn = awaiting.map((o) => o.requestedOn).sort()[0]!;
	return {
		step: 'councils',
		who: awaiting.map((o) => councilLabels[o.council]).join(', '),
		todo: 'представить мотивированное мнение о проекте (ч. 3 ст. 30 273-ФЗ); советы не работают в системе — напомните их председателям',
		since: startOfDay(requestedOn, org.timeZone),
		dueOn: awaiting
			.map((o) => o.dueOn)
			.sort()
			.at(-1)!,
		remind: []
	};
}

async function directorStep(db: Database, org: Organization, doc: DocumentRow): Promise<Found> {
	const people = await directors(db, org.id);
	const order = doc.documentClass === 'order';
	return {
		step: order ? 'sign' : 'approve',
		who: `руководитель ${names(people)}`,
		todo: order ? 'подписать приказ и зарегистрировать его с номером' : 'утвердить приказом',
		since: (await enteredState(db, doc)).at,
		dueOn: null,
		remind: people
	};
}

async function publication(
	db: Database,
	org: Organization,
	doc: DocumentRow
): Promise<Found | null> {
	if (!doc.approvedAt || doc.publishedAt) return null;
	const people = await directors(db, org.id);
	return {
		step: 'publish',
		who: `руководитель ${names(people)}`,
		todo: 'опубликовать утверждённый акт на портале (ч. 3 ст. 29 273-ФЗ: 10 рабочих дней со дня приказа)',
		since: doc.approvedAt,
		dueOn: publicationDeadline(doc.approvalOrderDate ?? todayIn(org.timeZone, doc.approvedAt)),
		remind: people
	};
}

export interface RouteBoardRow extends Waiting {
	id: string;
	title: string;
	stepLabel: string;
	/** Who wrote it: their dashboard lists it among what they started. */
	authorId: string | null;
}

/**
 * The director's view of the route: every act, appendix and order of the organisation that
 * waits for someone — on review, discussion, approval, or approved but unpublished — the
 * longest waiting first.
 */
export async function routeBoard(
	db: Database,
	org: Organization,
	today = todayIn(org.timeZone)
): Promise<RouteBoardRow[]> {
	const rows = await db
		.select()
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, org.id),
				ne(documents.documentClass, 'record'),
				eq(documents.isRecord, false),
				or(
					inArray(documents.status, ['draft', 'review', 'discussion', 'approval']),
					and(
						eq(documents.status, 'published'),
						isNotNull(documents.approvedAt),
						isNull(documents.publishedAt)
					)
				)
			)
		);
	const board: RouteBoardRow[] = [];
	for (const doc of rows) {
		const w = await waitingOn(db, org, doc, today);
		if (w)
			board.push({
				...w,
				id: doc.id,
				title: doc.title,
				stepLabel: waitingStepLabels[w.step],
				authorId: doc.authorId
			});
	}
	return board.sort((a, b) => a.since.getTime() - b.since.getTime());
}
