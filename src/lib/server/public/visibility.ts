import { and, desc, eq, gte, isNotNull, isNull, lte } from 'drizzle-orm';
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

/** Conditions of an open discussion on `today` (the organisation's local date, ГГГГ-ММ-ДД). */
export const discussionOpenOn = (today: string) =>
	and(
		isNull(discussions.closedAt),
		lte(discussions.startsOn, today),
		gte(discussions.endsOn, today),
		eq(documents.status, 'discussion')
	);

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
