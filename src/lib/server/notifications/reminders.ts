import { and, eq, gte, inArray, lte, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../db';
import {
	catalogueItems,
	checklistItems,
	memberships,
	notifications,
	organizations,
	outbox
} from '../db/schema';
import { wantMail } from './inbox';
import { addDays } from '../checklists/due-dates';
import { formatDate, todayIn } from '../../format';
import { reminderLabels } from '../../checklists/labels';

type ReminderKind = keyof typeof reminderLabels;

function kindFor(dueOn: string, today: string): ReminderKind | null {
	if (dueOn < today) return 'overdue';
	if (dueOn <= addDays(today, 1)) return 'due_in_1';
	if (dueOn <= addDays(today, 7)) return 'due_in_7';
	return null;
}

/**
 * Reminds the responsible person (or, when nobody is named, the director) 7 days and 1 day
 * before an item's due date and once it is missed. Safe on any number of processes at once:
 * a reminder is unique per item, person, kind and due date, so it is written and mailed once
 * (mailed only to whom wants this kind by e-mail).
 */
export async function runReminders(
	db: Database,
	now = new Date(),
	mailEnabled = !!process.env.SMTP_URL
): Promise<number> {
	// Deadlines are local days: the window is a day wider, and each item is judged in its own zone.
	const utcToday = now.toISOString().slice(0, 10);
	const due = await db
		.select({
			item: checklistItems,
			code: catalogueItems.code,
			title: catalogueItems.title,
			timeZone: organizations.timeZone
		})
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.innerJoin(organizations, eq(organizations.id, checklistItems.organizationId))
		.where(
			and(
				notInArray(checklistItems.status, ['done', 'not_needed']),
				lte(checklistItems.dueOn, addDays(utcToday, 8)),
				gte(checklistItems.dueOn, addDays(utcToday, -31))
			)
		);
	if (!due.length) return 0;
	const orgIds = [
		...new Set(due.filter((d) => !d.item.responsibleId).map((d) => d.item.organizationId))
	];
	// Nobody named: the head of the organisation answers — the director of a school, the officers of an authority.
	const heads = orgIds.length
		? await db
				.select({ userId: memberships.userId, orgId: memberships.organizationId })
				.from(memberships)
				.where(
					and(
						inArray(memberships.organizationId, orgIds),
						inArray(memberships.role, ['director', 'authority'])
					)
				)
		: [];
	let written = 0;
	for (const { item, code, title, timeZone } of due) {
		const today = todayIn(timeZone, now);
		if (item.dueOn < addDays(today, -30)) continue;
		const kind = kindFor(item.dueOn, today);
		if (!kind) continue;
		const recipients = item.responsibleId
			? [item.responsibleId]
			: heads.filter((d) => d.orgId === item.organizationId).map((d) => d.userId);
		for (const userId of recipients) {
			written += await db.transaction(async (tx) => {
				const [n] = await tx
					.insert(notifications)
					.values({
						userId,
						organizationId: item.organizationId,
						checklistItemId: item.id,
						kind,
						aboutDate: item.dueOn,
						title: `${reminderLabels[kind]} ${code}`,
						body: `«${title}» — срок ${formatDate(item.dueOn)}.`,
						link: `/app/orgs/${item.organizationId}/checklists/${item.checklistId}/items/${item.id}`
					})
					.onConflictDoNothing()
					.returning();
				if (!n) return 0;
				const to = (await wantMail(tx, [userId], kind)).get(userId);
				if (to)
					await tx.insert(outbox).values({
						notificationId: n.id,
						toEmail: to,
						subject: `Регламент: ${n.title}`,
						body: `${n.body}\n\nОткрыть пункт: ${n.link}`,
						status: mailEnabled ? 'pending' : 'kept'
					});
				return 1;
			});
		}
	}
	return written;
}

export type Sender = (mail: { to: string; subject: string; text: string }) => Promise<void>;

/** Sends pending mail; rows are claimed with SKIP LOCKED, so parallel workers never send one twice. */
export async function deliverOutbox(db: Database, send: Sender, batch = 20): Promise<number> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.select()
			.from(outbox)
			.where(eq(outbox.status, 'pending'))
			.orderBy(outbox.createdAt)
			.limit(batch)
			.for('update', { skipLocked: true });
		for (const row of rows) {
			try {
				await send({ to: row.toEmail, subject: row.subject, text: row.body });
				await tx
					.update(outbox)
					.set({ status: 'sent', sentAt: new Date(), attempts: row.attempts + 1 })
					.where(eq(outbox.id, row.id));
			} catch (e) {
				const attempts = row.attempts + 1;
				await tx
					.update(outbox)
					.set({
						attempts,
						lastError: String((e as Error).message ?? e).slice(0, 500),
						status: attempts >= 5 ? 'failed' : 'pending'
					})
					.where(eq(outbox.id, row.id));
			}
		}
		return rows.length;
	});
}

export async function notificationsOf(db: Database, userId: string, limit = 50) {
	return db
		.select()
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(sql`${notifications.createdAt} desc`)
		.limit(limit);
}

export async function unreadCount(db: Database, userId: string): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)`.mapWith(Number) })
		.from(notifications)
		.where(and(eq(notifications.userId, userId), sql`${notifications.readAt} is null`));
	return row?.n ?? 0;
}

export { markAllRead } from './inbox';

export async function outboxOf(db: Database, limit = 100) {
	return db
		.select()
		.from(outbox)
		.orderBy(sql`${outbox.createdAt} desc`)
		.limit(limit);
}
