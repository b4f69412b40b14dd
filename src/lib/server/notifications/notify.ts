import { inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { notifications, outbox, users } from '../db/schema';

export interface Notice {
	organizationId: string;
	kind: string;
	title: string;
	body: string;
	link: string;
	/** A route reminder: the act and the day it is about; one per person, act, kind and day. */
	documentId?: string;
	aboutDate?: string;
}

/**
 * Tells people about a step of the route: a row in their cabinet and a letter in the outbox,
 * written in the caller's transaction so that a refused step notifies nobody. Returns whom it
 * told: a reminder already sent that day (the unique index) is skipped, with no letter.
 */
export async function notifyUsers(tx: Database, userIds: Iterable<string>, notice: Notice, mailEnabled = !!process.env.SMTP_URL): Promise<string[]> {
	const ids = [...new Set(userIds)];
	if (!ids.length) return [];
	const recipients = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, ids));
	const told: string[] = [];
	for (const r of recipients) {
		const [n] = await tx.insert(notifications).values({ userId: r.id, ...notice }).onConflictDoNothing().returning({ id: notifications.id });
		if (!n) continue;
		told.push(r.id);
		await tx.insert(outbox).values({
			notificationId: n.id,
			toEmail: r.email,
			subject: `Регламент: ${notice.title}`,
			body: `${notice.body}\n\nОткрыть: ${notice.link}`,
			status: mailEnabled ? 'pending' : 'kept'
		});
	}
	return told;
}
