import { and, desc, eq, gte, isNotNull, isNull, lte, notInArray, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { discussions, documents, type Discussion, type Organization } from '../db/schema';
import { findOrganizationBySlug } from '../orgs/queries';
import { SLUG_PATTERN } from '../orgs/validation';

/**
 * What the public may see of a document: an act once published (it stays visible, marked, when it is
 * superseded or repealed), and a draft only while its public discussion is open. Nothing else exists publicly.
 */
export const isPublished = isNotNull(documents.publishedAt);

/** Statuses an act may show publicly; a published row in any other state still shows as published. */
export const PUBLIC_STATUSES = ['published', 'superseded', 'repealed'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export function publicStatus(status: string): PublicStatus {
	return (PUBLIC_STATUSES as readonly string[]).includes(status)
		? (status as PublicStatus)
		: 'published';
}

/** A published act whose public status is «published» (in force), as {@link publicStatus} shows it. */
export const isInForce = notInArray(documents.status, ['superseded', 'repealed']);

/**
 * Conditions of an open discussion on `today`: the organisation's local date (ГГГГ-ММ-ДД), or an SQL
 * date computed per row in each organisation's own zone when one query spans several.
 */
export const discussionOpenOn = (today: string | SQL) =>
	and(
		isNull(discussions.closedAt),
		lte(discussions.startsOn, today),
		gte(discussions.endsOn, today),
		eq(documents.status, 'discussion')
	);

/**
 * A discussion public after its end: it had begun by `today` and its act is now published (so not in
 * discussion any more). A draft that was discussed but never published stays unseen, as its page does.
 */
export const discussionEndedOn = (today: string | SQL) =>
	and(lte(discussions.startsOn, today), isPublished);

/** The document's discussion that is not closed, the latest opened, whatever its dates. */
export async function unclosedDiscussion(
	db: Database,
	documentId: string
): Promise<Discussion | null> {
	const [row] = await db
		.select()
		.from(discussions)
		.where(and(eq(discussions.documentId, documentId), isNull(discussions.closedAt)))
		.orderBy(desc(discussions.openedAt))
		.limit(1);
	return row ?? null;
}

/** The organisation at a public address; anything that cannot be a slug (a NUL, a path) finds nothing without asking. */
export async function organizationAt(db: Database, slug: string): Promise<Organization | null> {
	return slug.length <= 100 && SLUG_PATTERN.test(slug) ? findOrganizationBySlug(db, slug) : null;
}
