import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import {
	catalogueItems,
	checklistItems,
	documents,
	notifications,
	organizations,
	users
} from '../db/schema';
import type { Actor } from '../auth/permissions';
import { recordEvent } from '../audit/record-event';
import { isUuid } from '../orgs/queries';
import {
	isNotificationKind,
	notificationKinds,
	NOTIFICATIONS_PAGE_SIZE,
	type NotificationKind
} from '../../notifications/labels';

export interface InboxFilter {
	unreadOnly: boolean;
	kind: NotificationKind | null;
	organizationId: string | null;
	page: number;
}

/** The list's filter from the query string; nonsense is dropped and reported, never an error. */
export function parseInboxFilter(params: URLSearchParams): {
	filter: InboxFilter;
	problems: Record<string, string>;
} {
	const problems: Record<string, string> = {};
	const kind = params.get('kind') ?? '';
	const org = params.get('org') ?? '';
	const filter: InboxFilter = {
		unreadOnly: params.get('unread') === '1',
		kind: isNotificationKind(kind) ? kind : null,
		organizationId: org && isUuid(org) ? org : null,
		page: Math.min(Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1), 10_000)
	};
	if (kind && !filter.kind) problems.kind = 'Такого вида уведомлений нет в списке.';
	if (org && !filter.organizationId) problems.org = 'Такой организации нет в списке.';
	return { filter, problems };
}

/** One person's notifications the filter keeps: never anyone else's. */
function ownWhere(userId: string, filter: Omit<InboxFilter, 'page'>): SQL {
	const where: SQL[] = [eq(notifications.userId, userId)];
	if (filter.unreadOnly) where.push(isNull(notifications.readAt));
	if (filter.kind) where.push(eq(notifications.kind, filter.kind));
	if (filter.organizationId) where.push(eq(notifications.organizationId, filter.organizationId));
	return and(...where)!;
}

export interface InboxItem {
	id: string;
	kind: string;
	title: string;
	body: string;
	link: string | null;
	readAt: Date | null;
	createdAt: Date;
}

export interface InboxGroup {
	key: string;
	/** The document or checklist item the notifications are about; null for one on its own. */
	subject: { name: string; href: string } | null;
	organizationName: string | null;
	items: InboxItem[];
}

// A document's (or checklist item's) notifications form one group; any other stands alone.
const groupKey = sql<string>`coalesce(${notifications.documentId}::text, ${notifications.checklistItemId}::text, ${notifications.id}::text)`;

/**
 * A page of one person's notifications, grouped by document or checklist item, the group with
 * the latest notification first and each group newest first. A page holds 50 notifications; a
 * group may go on over the next page.
 */
export async function listInbox(
	db: Database,
	userId: string,
	filter: InboxFilter
): Promise<{ groups: InboxGroup[]; hasMore: boolean }> {
	const latest = sql`max(${notifications.createdAt}) over (partition by ${groupKey})`;
	const rows = await db
		.select({
			n: notifications,
			key: groupKey,
			documentTitle: documents.title,
			documentOrg: documents.organizationId,
			itemChecklist: checklistItems.checklistId,
			itemOrg: checklistItems.organizationId,
			itemCode: catalogueItems.code,
			itemTitle: catalogueItems.title,
			organizationName: organizations.shortName
		})
		.from(notifications)
		.leftJoin(documents, eq(documents.id, notifications.documentId))
		.leftJoin(checklistItems, eq(checklistItems.id, notifications.checklistItemId))
		.leftJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.leftJoin(organizations, eq(organizations.id, notifications.organizationId))
		.where(ownWhere(userId, filter))
		.orderBy(desc(latest), groupKey, desc(notifications.createdAt), desc(notifications.id))
		.limit(NOTIFICATIONS_PAGE_SIZE + 1)
		.offset((filter.page - 1) * NOTIFICATIONS_PAGE_SIZE);
	const groups: InboxGroup[] = [];
	for (const r of rows.slice(0, NOTIFICATIONS_PAGE_SIZE)) {
		let group = groups.at(-1);
		if (!group || group.key !== r.key) {
			const subject =
				r.documentTitle && r.documentOrg
					? {
							name: r.documentTitle,
							href: `/app/orgs/${r.documentOrg}/documents/${r.n.documentId}`
						}
					: r.itemCode && r.itemOrg
						? {
								name: `${r.itemCode} ${r.itemTitle}`,
								href: `/app/orgs/${r.itemOrg}/checklists/${r.itemChecklist}/items/${r.n.checklistItemId}`
							}
						: null;
			group = { key: r.key, subject, organizationName: r.organizationName, items: [] };
			groups.push(group);
		}
		const { id, kind, title, body, link, readAt, createdAt } = r.n;
		group.items.push({ id, kind, title, body, link, readAt, createdAt });
	}
	return { groups, hasMore: rows.length > NOTIFICATIONS_PAGE_SIZE };
}

/** Organisations the person has notifications from, for the filter (shown when there are several). */
export async function inboxOrganizations(
	db: Database,
	userId: string
): Promise<{ id: string; name: string }[]> {
	const rows = await db
		.selectDistinct({ id: organizations.id, name: organizations.shortName })
		.from(notifications)
		.innerJoin(organizations, eq(organizations.id, notifications.organizationId))
		.where(eq(notifications.userId, userId));
	return rows.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/** Counts of the person's notifications, all and unread, under the filter's kind and organisation. */
export async function inboxCounts(
	db: Database,
	userId: string,
	filter: InboxFilter
): Promise<{ total: number; unread: number }> {
	const [row] = await db
		.select({
			total: sql<number>`count(*)`.mapWith(Number),
			unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(Number)
		})
		.from(notifications)
		.where(ownWhere(userId, { ...filter, unreadOnly: false }));
	return { total: row?.total ?? 0, unread: row?.unread ?? 0 };
}

/**
 * Marks one of the person's own notifications read and returns where it leads; null when it is
 * not theirs (or does not exist), so nobody learns of, or touches, another's notification.
 */
export async function markRead(
	db: Database,
	userId: string,
	notificationId: string
): Promise<{ link: string | null } | null> {
	if (!isUuid(notificationId)) return null;
	const [own] = await db
		.select({ link: notifications.link, readAt: notifications.readAt })
		.from(notifications)
		.where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)));
	if (!own) return null;
	if (!own.readAt)
		await db
			.update(notifications)
			.set({ readAt: new Date() })
			.where(
				and(
					eq(notifications.id, notificationId),
					eq(notifications.userId, userId),
					isNull(notifications.readAt)
				)
			);
	return { link: own.link };
}

/** Marks read every unread notification of the person the filter keeps (all of them without one). */
export async function markAllRead(
	db: Database,
	userId: string,
	filter: Omit<InboxFilter, 'page'> = { unreadOnly: false, kind: null, organizationId: null }
): Promise<number> {
	const done = await db
		.update(notifications)
		.set({ readAt: new Date() })
		.where(and(ownWhere(userId, filter), isNull(notifications.readAt)))
		.returning({ id: notifications.id });
	return done.length;
}

/** A link of a notification is a path in this site; anything else leads to the list. */
export function safeLink(link: string | null): string {
	return link && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\')
		? link
		: '/app/notifications';
}

/** Kinds the person also gets by e-mail. */
export async function mailKinds(db: Database, userId: string): Promise<NotificationKind[]> {
	const [row] = await db
		.select({ off: users.mailOffKinds })
		.from(users)
		.where(eq(users.id, userId));
	const off = new Set(row?.off ?? []);
	return notificationKinds.filter((k) => !off.has(k));
}

/** Saves which kinds go by e-mail too (the rest stay in the cabinet only); audited on the person's own record. */
export async function saveMailKinds(
	db: Database,
	actor: Actor,
	chosen: readonly string[]
): Promise<void> {
	const on = new Set(chosen.filter(isNotificationKind));
	const off = notificationKinds.filter((k) => !on.has(k));
	await db.transaction(async (tx) => {
		const [row] = await tx
			.select({ off: users.mailOffKinds })
			.from(users)
			.where(eq(users.id, actor.id))
			.for('update');
		const before = [...(row?.off ?? [])].sort();
		if (before.join() === [...off].sort().join()) return;
		await tx.update(users).set({ mailOffKinds: off }).where(eq(users.id, actor.id));
		await recordEvent(tx, {
			actor,
			organizationId: null,
			action: 'user.mail_preferences_changed',
			entityType: 'user',
			entityId: actor.id,
			before: { mailOffKinds: before },
			after: { mailOffKinds: off }
		});
	});
}

/** These people (those who exist) with the address a letter of this kind goes to, or null when they read it in the cabinet only. */
export async function wantMail(
	tx: Database,
	userIds: string[],
	kind: string
): Promise<Map<string, string | null>> {
	if (!userIds.length) return new Map();
	const rows = await tx
		.select({ id: users.id, email: users.email, off: users.mailOffKinds })
		.from(users)
		.where(inArray(users.id, userIds));
	return new Map(rows.map((r) => [r.id, r.off.includes(kind) ? null : r.email]));
}
