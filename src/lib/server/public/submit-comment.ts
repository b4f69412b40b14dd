import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import {
	discussions,
	documents,
	organizations,
	publicComments,
	type PublicComment
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { validate, ValidationError, withoutNul } from '../forms/errors';
import { notifyUsers } from '../notifications/notify';
import { isUuid } from '../orgs/queries';
import { moderatorsOf } from '../workflow/route';
import { formatDate, todayIn } from '../../format';
import {
	PUBLIC_COMMENT_MAX,
	PUBLIC_NAME_MAX,
	publicCommentRoleLabels,
	type PublicCommentRole
} from '../../workflow/labels';

export const COMMENTS_PER_ADDRESS = 5;
export const COMMENT_WINDOW_MS = 60 * 60 * 1000;
const NOT_DISCUSSED = 'Этот документ сейчас не обсуждается: предложения к нему не принимаются.';

// Only to tell one sender's addresses apart: without SECRET a fixed key still keeps raw addresses out of the table.
const ADDRESS_KEY = new TextEncoder().encode(
	process.env.SECRET || 'reglament-public-comment-address'
);

/** A keyed SHA-256 of the sender's address: the same address gives the same value, the value gives no address back. */
export function addressHash(address: string, key: Uint8Array = ADDRESS_KEY): string {
	return encodeHexLowerCase(hmac(SHA256, key, new TextEncoder().encode(address)));
}

const roles = Object.keys(publicCommentRoleLabels) as [PublicCommentRole, ...PublicCommentRole[]];

export const publicCommentInput = z.object({
	authorName: z
		.string({ error: 'Укажите, как вас подписать.' })
		.trim()
		.min(1, 'Укажите, как вас подписать.')
		.max(PUBLIC_NAME_MAX, `Имя — не длиннее ${PUBLIC_NAME_MAX} символов.`),
	authorRole: z.enum(roles, {
		error: 'Выберите, кто вы: родитель, обучающийся, педагог или другое.'
	}),
	body: z
		.string({ error: 'Напишите предложение.' })
		.trim()
		.min(1, 'Напишите предложение.')
		.max(
			PUBLIC_COMMENT_MAX,
			`Предложение — не длиннее ${PUBLIC_COMMENT_MAX} символов; сократите его или разделите на несколько.`
		)
});

/** Raised when one address has sent too many proposals within the hour; the form shows the message. */
export class TooManyComments extends ValidationError {}

/**
 * A proposal from anyone to a draft in public discussion (issue #5, item 4). Accepted only while the
 * discussion is open on the organisation's local date; stored as waiting for moderation, with an audit
 * record, and the working group's chair and secretary (or, without them, the directors) notified — all in
 * one transaction. At most {@link COMMENTS_PER_ADDRESS} per address an hour.
 */
export async function submitPublicComment(
	db: Database,
	documentId: string,
	values: Record<string, string>,
	address: string,
	now = new Date()
): Promise<PublicComment> {
	if (!isUuid(documentId)) throw new ValidationError({ form: NOT_DISCUSSED });
	return db.transaction(async (tx) => {
		const [doc] = await tx
			.select({
				id: documents.id,
				title: documents.title,
				status: documents.status,
				organizationId: documents.organizationId,
				timeZone: organizations.timeZone
			})
			.from(documents)
			.innerJoin(organizations, eq(organizations.id, documents.organizationId))
			.where(eq(documents.id, documentId))
			// The notice below references the document, which takes this lock anyway: taken first, in the
			// order closing the discussion takes its locks (document, then discussion), it cannot deadlock.
			.for('key share', { of: documents });
		// Shared lock: closing the discussion waits for this proposal, so none arrives after the summary is made.
		const [discussion] =
			doc?.status === 'discussion'
				? await tx
						.select()
						.from(discussions)
						.where(and(eq(discussions.documentId, doc.id), isNull(discussions.closedAt)))
						.orderBy(desc(discussions.openedAt))
						.limit(1)
						.for('share')
				: [];
		if (!doc || !discussion) throw new ValidationError({ form: NOT_DISCUSSED });
		const today = todayIn(doc.timeZone, now);
		if (today < discussion.startsOn)
			throw new ValidationError({
				form: `Обсуждение начнётся ${formatDate(discussion.startsOn)}: тогда и присылайте предложения.`
			});
		if (today > discussion.endsOn)
			throw new ValidationError({
				form: `Обсуждение завершилось ${formatDate(discussion.endsOn)}: предложения больше не принимаются.`
			});

		const input = validate(publicCommentInput, {
			authorName: withoutNul(values.authorName ?? ''),
			authorRole: values.authorRole ?? '',
			body: withoutNul(values.body ?? '')
		});
		if (!input.ok) throw new ValidationError(input.errors);

		const hash = addressHash(address);
		// Serialises one address's proposals across processes, so the limit cannot be raced past.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'public-comment:' + hash}))`);
		// The public page carries no per-visitor key (it is served like a static file), so a repeat is
		// recognised by its content: the same text from the same address to the same discussion within
		// the hour is the first proposal sent again — a double click or a retry after a lost answer.
		const [repeat] = await tx
			.select()
			.from(publicComments)
			.where(
				and(
					eq(publicComments.discussionId, discussion.id),
					eq(publicComments.addressHash, hash),
					eq(publicComments.body, input.value.body),
					gt(publicComments.createdAt, new Date(now.getTime() - COMMENT_WINDOW_MS))
				)
			)
			.limit(1);
		if (repeat) return repeat;
		const recent = await tx
			.select({ createdAt: publicComments.createdAt })
			.from(publicComments)
			.where(
				and(
					eq(publicComments.addressHash, hash),
					gt(publicComments.createdAt, new Date(now.getTime() - COMMENT_WINDOW_MS))
				)
			)
			.orderBy(desc(publicComments.createdAt))
			.limit(COMMENTS_PER_ADDRESS);
		if (recent.length >= COMMENTS_PER_ADDRESS) {
			// The oldest counted proposal leaving the window lets the next one in.
			const retryAt = recent[COMMENTS_PER_ADDRESS - 1]!.createdAt.getTime() + COMMENT_WINDOW_MS;
			const minutes = Math.max(1, Math.ceil((retryAt - now.getTime()) / 60_000));
			throw new TooManyComments({
				form: `Слишком много предложений с вашего адреса. Попробуйте через ${minutes} мин.`
			});
		}
		const [comment] = await tx
			.insert(publicComments)
			.values({
				discussionId: discussion.id,
				organizationId: doc.organizationId,
				authorName: input.value.authorName,
				authorRole: input.value.authorRole,
				body: input.value.body,
				addressHash: hash,
				status: 'pending',
				createdAt: now
			})
			.returning();
		await recordEvent(tx, {
			actor: null,
			organizationId: doc.organizationId,
			action: 'public_comment.submitted',
			entityType: 'public_comment',
			entityId: comment!.id,
			after: {
				documentId: doc.id,
				discussionId: discussion.id,
				authorName: comment!.authorName,
				authorRole: comment!.authorRole,
				length: comment!.body.length
			}
		});
		await notifyUsers(tx, await moderatorsOf(tx, doc.organizationId), {
			organizationId: doc.organizationId,
			documentId: doc.id,
			kind: 'public_comment',
			title: 'Новое предложение ждёт модерации',
			body: `К проекту «${doc.title}» поступило предложение (${publicCommentRoleLabels[comment!.authorRole as PublicCommentRole].toLowerCase()}: ${comment!.authorName}). Опубликуйте или отклоните его.`,
			link: `/app/orgs/${doc.organizationId}/documents/${doc.id}/discussion`
		});
		return comment!;
	});
}
