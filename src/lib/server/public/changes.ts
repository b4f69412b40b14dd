import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import type { AuditInput } from '../audit/record-event';

/** The channel on which a committed change tells every app process which public pages to drop. */
export const PUBLIC_CHANGES_CHANNEL = 'reglament_public_changes';

/** The front page: the regions' counts, the latest publications, the open discussions. */
export const HOME_TAG = 'home';
// What the front page shows changes with these; the rest of a document's life does not reach it.
const HOME_ACTIONS = new Set([
	'document.published',
	'document.repealed',
	'document.superseded',
	'discussion.opened',
	'discussion.closed',
	'organization.created',
	'organization.updated',
	'organization.schools_imported'
]);

/** Search results: every act published anywhere, and the names of the organisations that publish them. */
export const SEARCH_TAG = 'search';
const SEARCH_ACTIONS = new Set([
	'document.published',
	'document.repealed',
	'document.superseded',
	'organization.created',
	'organization.updated',
	'organization.schools_imported'
]);

/** Everything an organisation publishes: its page, its acts' pages and their DOCX. */
export const orgTag = (organizationId: string) => `org:${organizationId}`;
/** A public page that shows this organisation's name or profile: its own pages and those under it. */
export const profileTag = (organizationId: string) => `profile:${organizationId}`;

// Changes of a document that the public never sees: drafts, review, acknowledgement by staff.
const PRIVATE_DOCUMENT_ACTIONS = new Set([
	'document.created',
	'document.version_saved',
	'document.submitted',
	'document.returned_to_draft',
	'document.acknowledged'
]);

/**
 * The public pages an audited change makes stale, as cache tags. Acts of one organisation show
 * each other (editions, the approving order, appendices, a new edition in discussion), so a change
 * to one drops the organisation's pages; a profile edit drops every page that prints the name.
 */
export function publicChangeTags(
	event: Pick<AuditInput, 'action' | 'organizationId' | 'after'>
): string[] {
	if (!event.organizationId) return [];
	const tags = pagesOf(event);
	if (HOME_ACTIONS.has(event.action)) tags.push(HOME_TAG);
	if (SEARCH_ACTIONS.has(event.action)) tags.push(SEARCH_TAG);
	return tags;
}

function pagesOf(event: Pick<AuditInput, 'action' | 'organizationId' | 'after'>): string[] {
	const { action } = event;
	const organizationId = event.organizationId!;
	if (action === 'organization.updated' || action === 'organization.readiness_page_changed')
		return [profileTag(organizationId)];
	// A new organisation appears on its authority's page, imported schools on the importer's.
	if (action === 'organization.created') {
		const parentId = (event.after as { parentId?: string | null } | undefined)?.parentId;
		return parentId ? [orgTag(parentId)] : [];
	}
	if (action === 'organization.schools_imported') return [orgTag(organizationId)];
	const [domain] = action.split('.');
	if (
		(domain === 'document' && !PRIVATE_DOCUMENT_ACTIONS.has(action)) ||
		domain === 'discussion' ||
		domain === 'public_comment'
	)
		return [orgTag(organizationId)];
	return [];
}

/** The tags of a public page of `org`: its own publications and every name in its breadcrumbs. */
export const publicPageTags = (org: { id: string }, ancestors: { id: string }[]) => [
	orgTag(org.id),
	profileTag(org.id),
	...ancestors.map((a) => profileTag(a.id))
];

/** Sent with the transaction of the change: PostgreSQL delivers it on commit, and never on rollback. */
export async function notifyPublicChange(tx: Database, tags: string[]): Promise<void> {
	if (tags.length)
		await tx.execute(sql`select pg_notify(${PUBLIC_CHANGES_CHANNEL}, ${tags.join(' ')})`);
}
