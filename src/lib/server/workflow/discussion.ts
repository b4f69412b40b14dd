import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import {
	discussions,
	documentLinks,
	documentVersions,
	documents,
	publicComments,
	workingGroupMembers,
	type DocumentRow,
	type Organization,
	type PublicComment
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { ForbiddenError, type Actor } from '../auth/permissions';
import { validate, ValidationError } from '../forms/errors';
import { isUuid } from '../orgs/queries';
import { notifyUsers } from '../notifications/notify';
import { sha256Hex } from '../documents/hash';
import { formatDate, todayIn } from '../../format';
import { publicCommentRoleLabels } from '../../workflow/labels';
import { documentLink, directorsOf, lockDocument, moveDocument, workflowRoles } from './route';
import { COMMENT_MAX } from './review';
import { completeItemsByProof } from '../checklists/complete-by-proof';
import { chairStepRoles, tellChair } from './acting-chair';
import { discussionTooShort } from '../timeline/rules';

/** The latest discussion of a document, open or closed. */
export async function discussionOf(db: Database, docId: string) {
	const [d] = await db
		.select()
		.from(discussions)
		.where(eq(discussions.documentId, docId))
		.orderBy(desc(discussions.openedAt))
		.limit(1);
	return d ?? null;
}

export async function commentsOf(db: Database, discussionId: string): Promise<PublicComment[]> {
	return db
		.select()
		.from(publicComments)
		.where(eq(publicComments.discussionId, discussionId))
		.orderBy(asc(publicComments.createdAt));
}

const datesInput = z
	.object({
		startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Укажите дату начала.' }),
		endsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Укажите дату окончания.' })
	})
	.refine((v) => v.endsOn >= v.startsOn, {
		path: ['endsOn'],
		message: 'Обсуждение не может закончиться раньше, чем начнётся.'
	});

/**
 * The chair (or the director for an absent chair) sets the dates: from then on the draft is
 * readable and open to comments at its public address.
 */
export async function openDiscussion(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
) {
	const parsed = validate(datesInput, { startsOn: raw.startsOn ?? '', endsOn: raw.endsOn ?? '' });
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const { startsOn, endsOn } = parsed.value;
	if (startsOn < todayIn(org.timeZone))
		throw new ValidationError({ startsOn: 'Обсуждение не может начаться в прошлом.' });
	const tooShort = discussionTooShort(startsOn, endsOn, org.discussionMinDays);
	if (tooShort) throw new ValidationError({ endsOn: tooShort });
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const open = await discussionOf(tx, doc.id);
		if (open && !open.closedAt)
			throw new ValidationError({
				form: `Обсуждение уже открыто: с ${formatDate(open.startsOn)} по ${formatDate(open.endsOn)}.`
			});
		const { roles, acting } = await chairStepRoles(tx, actor, org, doc, raw);
		await moveDocument(tx, doc, 'open_discussion', roles);
		const [d] = await tx
			.insert(discussions)
			.values({
				documentId: doc.id,
				organizationId: org.id,
				version: doc.currentVersion,
				startsOn,
				endsOn,
				openedBy: actor.id
			})
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'discussion.opened',
			entityType: 'discussion',
			entityId: d!.id,
			after: { documentId: doc.id, version: doc.currentVersion, startsOn, endsOn, ...acting }
		});
		await tellChair(
			tx,
			actor,
			org,
			doc,
			acting,
			`открыл(а) общественное обсуждение с ${formatDate(startsOn)} по ${formatDate(endsOn)}`
		);
		return d!;
	});
}

/** A comment of the open discussion, checked to be the organisation's and the actor's to moderate. */
async function moderatedComment(tx: Database, actor: Actor, org: Organization, commentId: string) {
	if (!isUuid(commentId)) throw new ValidationError({ form: 'Предложение не найдено.' });
	const [c] = await tx
		.select()
		.from(publicComments)
		.where(and(eq(publicComments.id, commentId), eq(publicComments.organizationId, org.id)))
		.for('update');
	if (!c) throw new ValidationError({ form: 'Предложение не найдено.' });
	// Shared lock: closing waits for this step, so the summary has the proposal as it ends up.
	const [d] = await tx
		.select()
		.from(discussions)
		.where(eq(discussions.id, c.discussionId))
		.for('share');
	const [doc] = await tx.select().from(documents).where(eq(documents.id, d!.documentId));
	const roles = await workflowRoles(tx, actor, org, doc!);
	if (
		!roles.includes('chair') &&
		!roles.includes('director') &&
		!(await isSecretary(tx, actor, org))
	)
		throw new ForbiddenError(
			'Предложения рассматривают председатель и секретарь рабочей группы или руководитель.'
		);
	if (d!.closedAt)
		throw new ValidationError({
			form: 'Обсуждение завершено: предложения больше не рассматриваются, ответы не меняются.'
		});
	return { comment: c, discussion: d!, doc: doc! };
}

async function isSecretary(tx: Database, actor: Actor, org: Organization) {
	const [row] = await tx
		.select({ id: workingGroupMembers.id })
		.from(workingGroupMembers)
		.where(
			and(
				eq(workingGroupMembers.organizationId, org.id),
				eq(workingGroupMembers.userId, actor.id),
				eq(workingGroupMembers.role, 'secretary'),
				isNull(workingGroupMembers.removedAt)
			)
		);
	return !!row;
}

const moderationInput = z
	.object({
		verdict: z.enum(['publish', 'reject'], { message: 'Выберите: опубликовать или отклонить.' }),
		reason: z.string().trim().max(1000, { message: 'Не длиннее 1000 символов.' })
	})
	.refine((v) => v.verdict === 'publish' || v.reason.length > 0, {
		path: ['reason'],
		message: 'Укажите причину отклонения: её увидит автор на странице обсуждения.'
	});

export async function moderateComment(
	db: Database,
	actor: Actor,
	org: Organization,
	commentId: string,
	raw: Record<string, string>
) {
	const parsed = validate(moderationInput, {
		verdict: raw.verdict ?? '',
		reason: raw.reason ?? ''
	});
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const { verdict, reason } = parsed.value;
	await db.transaction(async (tx) => {
		const { comment } = await moderatedComment(tx, actor, org, commentId);
		if (comment.status !== 'pending')
			throw new ValidationError({ form: 'Это предложение уже рассмотрено.' });
		const status = verdict === 'publish' ? 'published' : 'rejected';
		await tx
			.update(publicComments)
			.set({
				status,
				rejectReason: verdict === 'reject' ? reason : null,
				moderatedBy: actor.id,
				moderatedAt: new Date()
			})
			.where(eq(publicComments.id, comment.id));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'public_comment.moderated',
			entityType: 'public_comment',
			entityId: comment.id,
			before: { status: comment.status },
			after: { status, reason: verdict === 'reject' ? reason : null }
		});
	});
}

export async function answerComment(
	db: Database,
	actor: Actor,
	org: Organization,
	commentId: string,
	raw: Record<string, string>
) {
	const answer = (raw.answer ?? '').trim();
	if (!answer) throw new ValidationError({ answer: 'Напишите ответ.' });
	if (answer.length > COMMENT_MAX)
		throw new ValidationError({ answer: `Не длиннее ${COMMENT_MAX} символов.` });
	await db.transaction(async (tx) => {
		const { comment } = await moderatedComment(tx, actor, org, commentId);
		if (comment.status !== 'published')
			throw new ValidationError({ form: 'Ответить можно на опубликованное предложение.' });
		await tx
			.update(publicComments)
			.set({ answer, answeredBy: actor.id, answeredAt: new Date() })
			.where(eq(publicComments.id, comment.id));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'public_comment.answered',
			entityType: 'public_comment',
			entityId: comment.id,
			before: { answer: comment.answer },
			after: { answer }
		});
	});
}

/**
 * Closes the discussion once its last day has come, with every proposal considered, and makes
 * the сводка предложений (proposals and answers) as a registered document linked to the act.
 */
export async function closeDiscussion(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string> = {}
): Promise<DocumentRow> {
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const d = await discussionOf(tx, doc.id);
		if (doc.status !== 'discussion' || !d || d.closedAt)
			throw new ValidationError({ form: 'Открытого обсуждения у документа нет.' });
		if (todayIn(org.timeZone) < d.endsOn)
			throw new ValidationError({
				form: `Обсуждение идёт до ${formatDate(d.endsOn)}: закрыть его можно в последний день или позже.`
			});
		// A proposal being sent holds a share lock on the discussion: wait for it before reading the
		// proposals, and make later ones wait until closedAt is set, so none lands after the summary.
		await tx
			.select({ id: discussions.id })
			.from(discussions)
			.where(eq(discussions.id, d.id))
			.for('update');
		const comments = await commentsOf(tx, d.id);
		const pending = comments.filter((c) => c.status === 'pending').length;
		if (pending)
			throw new ValidationError({
				form: `Ещё не рассмотрено предложений: ${pending}. Опубликуйте или отклоните их.`
			});
		const unanswered = comments.filter((c) => c.status === 'published' && !c.answer).length;
		if (unanswered)
			throw new ValidationError({
				form: `Без ответа опубликованных предложений: ${unanswered}. Ответьте на каждое — ответы войдут в сводку.`
			});
		const { roles, acting } = await chairStepRoles(tx, actor, org, doc, raw);
		const to = await moveDocument(tx, doc, 'close_discussion', roles);
		const summary = await insertSummary(tx, actor, org, doc, d, comments);
		await tx
			.update(discussions)
			.set({ closedAt: new Date(), summaryDocumentId: summary.id })
			.where(eq(discussions.id, d.id));
		await completeItemsByProof(tx, actor, org, {
			kind: 'event',
			key: 'discussion_summarised',
			document: summary
		});
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'discussion.closed',
			entityType: 'discussion',
			entityId: d.id,
			after: {
				documentId: doc.id,
				status: to,
				summaryDocumentId: summary.id,
				published: comments.filter((c) => c.status === 'published').length,
				rejected: comments.filter((c) => c.status === 'rejected').length,
				...acting
			}
		});
		await tellChair(tx, actor, org, doc, acting, 'завершил(а) общественное обсуждение');
		await notifyUsers(tx, await directorsOf(tx, org.id), {
			organizationId: org.id,
			documentId: doc.id,
			kind: 'awaiting_approval',
			title: 'Документ ждёт утверждения',
			body: `Обсуждение «${doc.title}» завершено, сводка предложений сформирована.`,
			link: documentLink(doc)
		});
		return summary;
	});
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function summarySource(
	doc: Pick<DocumentRow, 'title'>,
	d: { startsOn: string; endsOn: string; version: number },
	comments: PublicComment[]
): string {
	const published = comments.filter((c) => c.status === 'published');
	const rejected = comments.filter((c) => c.status === 'rejected');
	const lines = [
		`Проект: «${doc.title}» (версия ${d.version}). Общественное обсуждение проводилось с ${formatDate(d.startsOn)} по ${formatDate(d.endsOn)}.`,
		'',
		`Поступило предложений: ${comments.length}; рассмотрено и опубликовано: ${published.length}; отклонено модератором: ${rejected.length}.`,
		''
	];
	if (published.length) {
		lines.push('| № | Автор | Предложение | Ответ рабочей группы |', '| --- | --- | --- | --- |');
		published.forEach((c, i) =>
			lines.push(
				`| ${i + 1} | ${cell(c.authorName)} (${publicCommentRoleLabels[c.authorRole as keyof typeof publicCommentRoleLabels] ?? c.authorRole}) | ${cell(c.body)} | ${cell(c.answer ?? '')} |`
			)
		);
		lines.push('');
	} else lines.push('Предложений по существу проекта не поступило.', '');
	if (rejected.length) {
		lines.push('Отклонённые обращения (не по существу проекта):', '');
		rejected.forEach((c) => lines.push(`- ${cell(c.authorName)}: ${cell(c.rejectReason ?? '')}`));
		lines.push('');
	}
	return lines.join('\n');
}

async function insertSummary(
	tx: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	d: { startsOn: string; endsOn: string; version: number },
	comments: PublicComment[]
) {
	const source = summarySource(doc, d, comments);
	const today = todayIn(org.timeZone);
	const [summary] = await tx
		.insert(documents)
		.values({
			organizationId: org.id,
			kind: 'other',
			documentClass: 'record',
			kindTitle: 'СВОДКА ПРЕДЛОЖЕНИЙ',
			title: `Сводка предложений по проекту «${doc.title}»`,
			heading: `по итогам общественного обсуждения проекта «${doc.title}»`,
			documentDate: today,
			status: 'registered',
			isRecord: true,
			authorId: actor.id,
			currentVersion: 1
		})
		.returning();
	await tx.insert(documentVersions).values({
		documentId: summary!.id,
		version: 1,
		source,
		sha256: sha256Hex(source),
		note: 'Сформирована при завершении обсуждения',
		authorId: actor.id
	});
	await tx
		.insert(documentLinks)
		.values({ documentId: summary!.id, targetId: doc.id, relation: 'annex_to' });
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'document.created',
		entityType: 'document',
		entityId: summary!.id,
		after: { title: summary!.title, kind: 'other', version: 1, discussionOf: doc.id }
	});
	return summary!;
}

/** A step finds the text must change: back to the author's draft, with the reason kept. */
export async function returnToDraft(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
) {
	const reason = (raw.reason ?? '').trim();
	if (!reason) throw new ValidationError({ reason: 'Напишите, что нужно изменить.' });
	if (reason.length > COMMENT_MAX)
		throw new ValidationError({ reason: `Не длиннее ${COMMENT_MAX} символов.` });
	await db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const to = await moveDocument(
			tx,
			doc,
			'return_to_draft',
			await workflowRoles(tx, actor, org, doc)
		);
		const d = await discussionOf(tx, doc.id);
		if (doc.status === 'discussion' && d && !d.closedAt)
			await tx.update(discussions).set({ closedAt: new Date() }).where(eq(discussions.id, d.id));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.returned_to_draft',
			entityType: 'document',
			entityId: doc.id,
			before: { status: doc.status },
			after: { status: to, reason }
		});
		if (doc.authorId && doc.authorId !== actor.id)
			await notifyUsers(tx, [doc.authorId], {
				organizationId: org.id,
				documentId: doc.id,
				kind: 'changes_requested',
				title: 'Документ возвращён на доработку',
				body: `«${doc.title}»: ${reason}`,
				link: documentLink(doc)
			});
	});
}
