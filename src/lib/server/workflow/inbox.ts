import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import {
	discussions,
	documents,
	publicComments,
	reviewDecisions,
	reviewRounds,
	type Organization
} from '../db/schema';
import { can, type Actor } from '../auth/permissions';
import { workflowRoles } from './route';

export interface RouteTask {
	documentId: string;
	title: string;
	/** What the person is to do, in Russian. */
	todo: string;
	/** The page part where it is done. */
	path: '' | '/discussion';
	/** Which move: the dashboard names its button by it. */
	step: 'review' | 'open_discussion' | 'moderate' | 'close_discussion' | 'approve';
}

/**
 * The steps of the route waiting for this person in one organisation: drafts to decide on,
 * discussions to open, proposals to moderate, acts to approve.
 */
export async function routeTasks(
	db: Database,
	actor: Actor,
	org: Organization,
	today: string
): Promise<RouteTask[]> {
	const tasks: RouteTask[] = [];
	const undecided = await db
		.select({
			documentId: reviewRounds.documentId,
			title: documents.title,
			round: reviewRounds.round,
			version: reviewRounds.version
		})
		.from(reviewRounds)
		.innerJoin(documents, eq(documents.id, reviewRounds.documentId))
		.leftJoin(
			reviewDecisions,
			and(eq(reviewDecisions.roundId, reviewRounds.id), eq(reviewDecisions.userId, actor.id))
		)
		.where(
			and(
				eq(reviewRounds.organizationId, org.id),
				isNull(reviewRounds.closedAt),
				isNull(reviewDecisions.id),
				sql`${reviewRounds.reviewerIds} @> ${JSON.stringify([actor.id])}::jsonb`
			)
		);
	for (const r of undecided)
		tasks.push({
			documentId: r.documentId,
			title: r.title,
			todo: `согласуйте версию ${r.version} (тур ${r.round})`,
			path: '',
			step: 'review'
		});

	const roles = await workflowRoles(db, actor, org, { authorId: null });
	if (roles.includes('chair')) {
		const inDiscussion = await db
			.select({
				id: documents.id,
				title: documents.title,
				discussionId: discussions.id,
				endsOn: discussions.endsOn,
				pending: sql<number>`(select count(*)::int from ${publicComments} where ${publicComments.discussionId} = ${discussions.id} and ${publicComments.status} = 'pending')`
			})
			.from(documents)
			.leftJoin(
				discussions,
				and(eq(discussions.documentId, documents.id), isNull(discussions.closedAt))
			)
			.where(and(eq(documents.organizationId, org.id), eq(documents.status, 'discussion')));
		for (const d of inDiscussion) {
			if (!d.discussionId)
				tasks.push({
					documentId: d.id,
					title: d.title,
					todo: 'откройте общественное обсуждение',
					path: '',
					step: 'open_discussion'
				});
			else if (d.pending > 0)
				tasks.push({
					documentId: d.id,
					title: d.title,
					todo: `рассмотрите предложения: ${d.pending}`,
					path: '/discussion',
					step: 'moderate'
				});
			else if (d.endsOn && d.endsOn <= today)
				tasks.push({
					documentId: d.id,
					title: d.title,
					todo: 'срок обсуждения вышел — завершите его',
					path: '',
					step: 'close_discussion'
				});
		}
	}
	if (can(actor, 'document.approve', org)) {
		const awaiting = await db
			.select({ id: documents.id, title: documents.title })
			.from(documents)
			.where(and(eq(documents.organizationId, org.id), inArray(documents.status, ['approval'])));
		for (const d of awaiting)
			tasks.push({
				documentId: d.id,
				title: d.title,
				todo: 'утвердите приказом',
				path: '',
				step: 'approve'
			});
	}
	return tasks;
}
