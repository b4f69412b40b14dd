import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import {
	documentLinks,
	documents,
	publicComments,
	type DocumentRow,
	type Organization
} from '../db/schema';
import { can, type Actor } from '../auth/permissions';
import { todayIn } from '../../format';
import { firstStep, routeByClass, type WorkflowState } from './state-machine';
import { workflowRoles } from './route';
import { openRound, reviewHistory } from './review';
import { discussionOf } from './discussion';
import { missingOpinions, opinionsOf, requiredCouncils, templateAffects } from './councils';
import { publicationDeadline } from './approval';
import { waitingOn } from './waiting';
import { routeHistory } from './history';

/** Everything the document page shows and offers about the route, for this actor. */
export async function workflowView(
	db: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow
) {
	const roles = await workflowRoles(db, actor, org, doc);
	const route = routeByClass[doc.documentClass];
	const round = doc.status === 'review' ? await openRound(db, doc.id) : null;
	const history = await reviewHistory(db, doc.id);
	const discussion = await discussionOf(db, doc.id);
	const pending = discussion
		? (
				await db
					.select({ id: publicComments.id })
					.from(publicComments)
					.where(
						and(
							eq(publicComments.discussionId, discussion.id),
							eq(publicComments.status, 'pending')
						)
					)
			).length
		: 0;
	const opinions = (await opinionsOf(db, doc.id)).map((o) => ({
		...o.opinion,
		fileName: o.fileName
	}));
	const editions = await editionsOf(db, doc);
	const today = todayIn(org.timeZone);
	const waiting = await waitingOn(db, org, doc, today);
	const reviewer =
		!!round &&
		round.reviewerIds.includes(actor.id) &&
		!history.rounds.find((r) => r.id === round.id)?.decisions.some((d) => d.userId === actor.id);
	return {
		onRoute: !doc.isRecord && (route.review || route.discussion || route.approval),
		steps: (['draft', 'review', 'discussion', 'approval', 'published'] as WorkflowState[]).filter(
			(s) => s === 'draft' || s === 'published' || route[s as 'review' | 'discussion' | 'approval']
		),
		firstStep: firstStep(doc.documentClass),
		roles,
		round,
		reviewer,
		history,
		discussion: discussion
			? {
					...discussion,
					pending,
					open: !discussion.closedAt && discussion.startsOn <= today && today <= discussion.endsOn
				}
			: null,
		requiredCouncils: requiredCouncils(doc),
		templateAffects: templateAffects(doc),
		opinions,
		missingOpinions: missingOpinions(doc, opinions),
		editions,
		waiting,
		routeHistory: await routeHistory(db, doc),
		publicationDeadline:
			doc.approvalOrderDate && !doc.publishedAt && doc.status === 'published'
				? publicationDeadline(doc.approvalOrderDate)
				: null,
		today,
		may: {
			submit:
				doc.status === 'draft' &&
				can(actor, 'document.edit', org) &&
				(roles.includes('author') || roles.includes('director')),
			chair: roles.includes('chair'),
			// The director may take a chair's step for a chair who is away (recorded as such).
			actForChair: !roles.includes('chair') && roles.includes('director'),
			remind:
				!!waiting &&
				waiting.remind.some((p) => p.id !== actor.id) &&
				(can(actor, 'document.approve', org) ||
					(waiting.chairMayRemind && roles.includes('chair'))),
			approve: can(actor, 'document.approve', org),
			edit: can(actor, 'document.edit', org)
		}
	};
}

/** The edition chain: the editions this one amends and the ones amending it, oldest first. */
async function editionsOf(db: Database, doc: DocumentRow) {
	const links = await db
		.select({ to: documentLinks.targetId })
		.from(documentLinks)
		.where(and(eq(documentLinks.relation, 'amends'), eq(documentLinks.documentId, doc.id)));
	const later = await db
		.select({ from: documentLinks.documentId })
		.from(documentLinks)
		.where(and(eq(documentLinks.relation, 'amends'), eq(documentLinks.targetId, doc.id)));
	const ids = [...links.map((l) => l.to), ...later.map((l) => l.from)];
	if (!ids.length) return [];
	return db
		.select({
			id: documents.id,
			title: documents.title,
			status: documents.status,
			approvalOrderNumber: documents.approvalOrderNumber,
			approvalOrderDate: documents.approvalOrderDate,
			createdAt: documents.createdAt
		})
		.from(documents)
		.where(inArray(documents.id, ids))
		.orderBy(documents.createdAt);
}

export type WorkflowView = Awaited<ReturnType<typeof workflowView>>;
