import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import {
	documentVersions,
	paragraphComments,
	reviewDecisions,
	reviewRounds,
	users,
	workingGroupMembers,
	type DocumentRow,
	type Organization,
	type ReviewRound
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, ForbiddenError, type Actor } from '../auth/permissions';
import { validate, ValidationError } from '../forms/errors';
import { notifyUsers } from '../notifications/notify';
import { documentLink, directorsOf, lockDocument, moveDocument, workflowRoles } from './route';
import type { WorkflowState } from './state-machine';
import { paragraphsOf } from './paragraphs';
import { completeItemsByProof } from '../checklists/complete-by-proof';
import { chairStepRoles, tellChair, type ActingForChair } from './acting-chair';
import { assertTimeline } from '../timeline/check';

export const COMMENT_MAX = 5000;

/** The open round of a document under review, if any. */
export async function openRound(db: Database, docId: string): Promise<ReviewRound | null> {
	const [round] = await db
		.select()
		.from(reviewRounds)
		.where(and(eq(reviewRounds.documentId, docId), isNull(reviewRounds.closedAt)))
		.limit(1);
	return round ?? null;
}

/**
 * «Отправить»: the draft leaves its author. For a kind that is reviewed, a round opens on the
 * current version with the working group as it is now; for a kind without review it goes straight on.
 */
export async function submitDocument(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string
): Promise<WorkflowState> {
	assertCan(actor, 'document.edit', org);
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const roles = await workflowRoles(tx, actor, org, doc);
		if (doc.status === 'draft' && !(await hasText(tx, doc)))
			throw new ValidationError({
				form: 'У документа нет текста: приложенный файл утверждают как запись, а не по маршруту.'
			});
		await assertTimeline(tx, org, { step: 'submit', documentIds: [doc.id] });
		const to = await moveDocument(tx, doc, 'submit', roles);
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.submitted',
			entityType: 'document',
			entityId: doc.id,
			before: { status: doc.status },
			after: { status: to, version: doc.currentVersion }
		});
		if (to === 'review') await openReviewRound(tx, actor, org, doc);
		if (to === 'approval')
			await notifyUsers(tx, await directorsOf(tx, org.id), {
				organizationId: org.id,
				documentId: doc.id,
				kind: 'awaiting_approval',
				title: 'Документ ждёт утверждения',
				body: `«${doc.title}» готов к утверждению приказом.`,
				link: documentLink(doc)
			});
		return to;
	});
}

async function hasText(tx: Database, doc: DocumentRow): Promise<boolean> {
	const [v] = await tx
		.select({ source: documentVersions.source })
		.from(documentVersions)
		.where(
			and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, doc.currentVersion))
		);
	return v?.source != null;
}

async function openReviewRound(tx: Database, actor: Actor, org: Organization, doc: DocumentRow) {
	const group = await tx
		.select({ userId: workingGroupMembers.userId })
		.from(workingGroupMembers)
		.where(
			and(eq(workingGroupMembers.organizationId, org.id), isNull(workingGroupMembers.removedAt))
		);
	// The author does not review their own draft, nor does the one who sends it (the head may send another's).
	const reviewerIds = group
		.map((m) => m.userId)
		.filter((id) => id !== actor.id && id !== doc.authorId);
	if (!reviewerIds.length)
		throw new ValidationError({
			form: 'В рабочей группе нет никого, кроме автора: сначала сформируйте рабочую группу (раздел «Рабочая группа»).'
		});
	const [last] = await tx
		.select({ round: reviewRounds.round })
		.from(reviewRounds)
		.where(eq(reviewRounds.documentId, doc.id))
		.orderBy(desc(reviewRounds.round))
		.limit(1);
	const [round] = await tx
		.insert(reviewRounds)
		.values({
			documentId: doc.id,
			organizationId: org.id,
			round: (last?.round ?? 0) + 1,
			version: doc.currentVersion,
			reviewerIds,
			openedBy: actor.id
		})
		.returning();
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'review.opened',
		entityType: 'review_round',
		entityId: round!.id,
		after: {
			documentId: doc.id,
			round: round!.round,
			version: round!.version,
			reviewers: reviewerIds.length
		}
	});
	await notifyUsers(tx, reviewerIds, {
		organizationId: org.id,
		documentId: doc.id,
		kind: 'review_requested',
		title: 'Согласуйте проект',
		body: `«${doc.title}», версия ${doc.currentVersion} (тур ${round!.round}): согласуйте или попросите изменений.`,
		link: documentLink(doc)
	});
}

const decisionInput = z
	.object({
		version: z.coerce
			.number({ message: 'Не указана версия. Обновите страницу.' })
			.int()
			.positive({ message: 'Не указана версия. Обновите страницу.' }),
		decision: z.enum(['approve', 'request_changes'], {
			message: 'Выберите решение: согласовать или попросить изменений.'
		}),
		comment: z
			.string()
			.trim()
			.max(COMMENT_MAX, { message: `Комментарий не длиннее ${COMMENT_MAX} символов.` })
	})
	.refine((v) => v.decision !== 'request_changes' || v.comment.length > 0, {
		path: ['comment'],
		message: 'Напишите, что нужно изменить.'
	});

/**
 * A member's decision on the round's version. When everyone has decided the round closes by
 * itself: all approved — the document goes on; anyone asked for changes — it returns to its author.
 */
export async function decideReview(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
): Promise<{ closed: boolean; status: WorkflowState }> {
	const parsed = validate(decisionInput, {
		version: raw.version ?? '',
		decision: raw.decision ?? '',
		comment: raw.comment ?? ''
	});
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const input = parsed.value;
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const round = await openRound(tx, doc.id);
		if (doc.status !== 'review' || !round)
			throw new ValidationError({ form: 'Документ сейчас не на согласовании.' });
		if (input.version !== round.version)
			throw new ValidationError({
				form: `Решение принимается по версии ${round.version} (тур ${round.round}), а вы смотрели версию ${input.version}. Откройте документ заново.`
			});
		if (!round.reviewerIds.includes(actor.id))
			throw new ForbiddenError(
				'Вы не согласуете этот тур: в него включены члены рабочей группы на момент отправки.'
			);
		const [already] = await tx
			.select({ id: reviewDecisions.id })
			.from(reviewDecisions)
			.where(and(eq(reviewDecisions.roundId, round.id), eq(reviewDecisions.userId, actor.id)));
		if (already) throw new ValidationError({ form: 'Вы уже приняли решение в этом туре.' });
		await tx.insert(reviewDecisions).values({
			roundId: round.id,
			userId: actor.id,
			decision: input.decision,
			comment: input.comment || null
		});
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'review.decided',
			entityType: 'review_round',
			entityId: round.id,
			after: {
				documentId: doc.id,
				round: round.round,
				version: round.version,
				decision: input.decision,
				comment: input.comment || null
			}
		});
		const decisions = await tx
			.select({ userId: reviewDecisions.userId, decision: reviewDecisions.decision })
			.from(reviewDecisions)
			.where(eq(reviewDecisions.roundId, round.id));
		if (decisions.length < round.reviewerIds.length)
			return { closed: false, status: doc.status as WorkflowState };
		const changes = decisions.some((d) => d.decision === 'request_changes');
		const status = changes
			? await closeRound(
					tx,
					actor,
					org,
					doc,
					round,
					'request_changes',
					['working_group'],
					'changes_requested',
					null
				)
			: await closeRound(tx, actor, org, doc, round, 'close_review', ['system'], 'approved', null);
		return { closed: true, status };
	});
}

/** The chair (or the director for an absent chair) closes the round with a majority of approvals and a written reason. */
export async function closeRoundByChair(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
): Promise<WorkflowState> {
	const reason = (raw.reason ?? '').trim();
	if (!reason)
		throw new ValidationError({ reason: 'Напишите, почему тур закрывается без единогласия.' });
	if (reason.length > COMMENT_MAX)
		throw new ValidationError({ reason: `Не длиннее ${COMMENT_MAX} символов.` });
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const { roles, acting } = await chairStepRoles(tx, actor, org, doc, raw);
		if (!roles.includes('chair'))
			throw new ForbiddenError('Закрыть тур может председатель рабочей группы.');
		const round = await openRound(tx, doc.id);
		if (doc.status !== 'review' || !round)
			throw new ValidationError({ form: 'Документ сейчас не на согласовании.' });
		const decisions = await tx
			.select({ decision: reviewDecisions.decision })
			.from(reviewDecisions)
			.where(eq(reviewDecisions.roundId, round.id));
		const approvals = decisions.filter((d) => d.decision === 'approve').length;
		if (approvals * 2 <= round.reviewerIds.length)
			throw new ValidationError({
				form: `Нет большинства: согласовали ${approvals} из ${round.reviewerIds.length}. Тур закрывается большинством голосов членов группы, включённых в тур.`
			});
		const to = await closeRound(
			tx,
			actor,
			org,
			doc,
			round,
			'close_review',
			roles,
			'closed_by_chair',
			reason,
			acting
		);
		await tellChair(
			tx,
			actor,
			org,
			doc,
			acting,
			`закрыл(а) тур ${round.round} большинством голосов`
		);
		return to;
	});
}

async function closeRound(
	tx: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	round: ReviewRound,
	event: 'close_review' | 'request_changes',
	roles: Parameters<typeof moveDocument>[3],
	outcome: string,
	reason: string | null,
	acting: ActingForChair | null = null
): Promise<WorkflowState> {
	const to = await moveDocument(tx, doc, event, roles);
	await tx
		.update(reviewRounds)
		.set({ outcome, closeReason: reason, closedBy: actor.id, closedAt: new Date() })
		.where(eq(reviewRounds.id, round.id));
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'review.closed',
		entityType: 'review_round',
		entityId: round.id,
		before: { status: doc.status },
		after: {
			documentId: doc.id,
			round: round.round,
			version: round.version,
			outcome,
			reason,
			status: to,
			...acting
		}
	});
	if (event === 'close_review')
		await completeItemsByProof(tx, actor, org, {
			kind: 'event',
			key: 'review_closed',
			document: doc
		});
	const tell = [doc.authorId, ...round.reviewerIds].filter((id): id is string => !!id);
	if (to === 'draft')
		await notifyUsers(tx, doc.authorId ? [doc.authorId] : await directorsOf(tx, org.id), {
			organizationId: org.id,
			documentId: doc.id,
			kind: 'changes_requested',
			title: 'Проект вернули на доработку',
			body: `«${doc.title}»: в туре ${round.round} попросили изменений. Исправьте текст и отправьте снова — откроется тур ${round.round + 1}.`,
			link: documentLink(doc)
		});
	else
		await notifyUsers(tx, tell, {
			organizationId: org.id,
			documentId: doc.id,
			kind: 'round_closed',
			title: 'Тур согласования закрыт',
			body: `«${doc.title}», версия ${round.version}: согласовано. Следующий шаг — ${to === 'discussion' ? 'общественное обсуждение' : 'утверждение'}.`,
			link: documentLink(doc)
		});
	if (to === 'approval')
		await notifyUsers(tx, await directorsOf(tx, org.id), {
			organizationId: org.id,
			documentId: doc.id,
			kind: 'awaiting_approval',
			title: 'Документ ждёт утверждения',
			body: `«${doc.title}» согласован и ждёт утверждения приказом.`,
			link: documentLink(doc)
		});
	return to;
}

const paragraphInput = z.object({
	version: z.coerce.number().int().positive({ message: 'Не указана версия. Обновите страницу.' }),
	paragraph: z.coerce
		.number({ message: 'Выберите абзац.' })
		.int()
		.nonnegative({ message: 'Выберите абзац.' }),
	body: z
		.string()
		.trim()
		.min(1, { message: 'Напишите замечание.' })
		.max(COMMENT_MAX, { message: `Не длиннее ${COMMENT_MAX} символов.` })
});

/** A remark anchored to one paragraph of one version; it stays with that version for good. */
export async function commentParagraph(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
) {
	const parsed = validate(paragraphInput, {
		version: raw.version ?? '',
		paragraph: raw.paragraph ?? '',
		body: raw.body ?? ''
	});
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const input = parsed.value;
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const roles = await workflowRoles(tx, actor, org, doc);
		if (!roles.length)
			throw new ForbiddenError(
				'Замечания к абзацам оставляют члены рабочей группы, автор и руководитель.'
			);
		if (!['draft', 'review', 'discussion', 'approval'].includes(doc.status))
			throw new ValidationError({
				form: 'Замечания к абзацам оставляют к проекту; к действующему акту готовят новую редакцию.'
			});
		const [version] = await tx
			.select({ source: documentVersions.source })
			.from(documentVersions)
			.where(
				and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, input.version))
			);
		if (!version?.source) throw new ValidationError({ form: 'Такой версии с текстом нет.' });
		const quote = paragraphsOf(version.source)[input.paragraph];
		if (quote === undefined)
			throw new ValidationError({ paragraph: 'Такого абзаца в этой версии нет.' });
		const [row] = await tx
			.insert(paragraphComments)
			.values({
				documentId: doc.id,
				version: input.version,
				paragraph: input.paragraph,
				quote: quote.slice(0, 500),
				body: input.body,
				authorId: actor.id
			})
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'review.paragraph_commented',
			entityType: 'document',
			entityId: doc.id,
			after: { version: input.version, paragraph: input.paragraph, body: input.body }
		});
		return row!;
	});
}

/** Everything the document page shows of the review: rounds with decisions, paragraph remarks. */
export async function reviewHistory(db: Database, docId: string) {
	const rounds = await db
		.select()
		.from(reviewRounds)
		.where(eq(reviewRounds.documentId, docId))
		.orderBy(asc(reviewRounds.round));
	const decisions = rounds.length
		? await db
				.select({
					roundId: reviewDecisions.roundId,
					userId: reviewDecisions.userId,
					fullName: users.fullName,
					decision: reviewDecisions.decision,
					comment: reviewDecisions.comment,
					decidedAt: reviewDecisions.decidedAt
				})
				.from(reviewDecisions)
				.innerJoin(reviewRounds, eq(reviewRounds.id, reviewDecisions.roundId))
				.innerJoin(users, eq(users.id, reviewDecisions.userId))
				.where(eq(reviewRounds.documentId, docId))
				.orderBy(asc(reviewDecisions.decidedAt))
		: [];
	const reviewerIds = [...new Set(rounds.flatMap((r) => r.reviewerIds))];
	const reviewerNames = new Map(
		reviewerIds.length
			? (
					await db
						.select({ id: users.id, fullName: users.fullName })
						.from(users)
						.where(inArray(users.id, reviewerIds))
				).map((u) => [u.id, u.fullName])
			: []
	);
	const comments = await db
		.select({
			id: paragraphComments.id,
			version: paragraphComments.version,
			paragraph: paragraphComments.paragraph,
			quote: paragraphComments.quote,
			body: paragraphComments.body,
			authorName: users.fullName,
			createdAt: paragraphComments.createdAt
		})
		.from(paragraphComments)
		.innerJoin(users, eq(users.id, paragraphComments.authorId))
		.where(eq(paragraphComments.documentId, docId))
		.orderBy(
			asc(paragraphComments.version),
			asc(paragraphComments.paragraph),
			asc(paragraphComments.createdAt)
		);
	return {
		rounds: rounds.map((r) => ({
			...r,
			decisions: decisions.filter((d) => d.roundId === r.id),
			waitingFor: r.reviewerIds
				.filter((id) => !decisions.some((d) => d.roundId === r.id && d.userId === id))
				.map((id) => reviewerNames.get(id) ?? '—')
		})),
		comments
	};
}
