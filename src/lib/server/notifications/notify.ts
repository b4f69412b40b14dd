import type { Database } from '../db';
import { notifications, outbox } from '../db/schema';
import { wantMail } from './inbox';

export interface Notice {
	organizationId: string;
	kind: string;
	title: string;
	body: string;
	link: string;
	/** The act it is about (the list groups by it); with aboutDate, a route reminder: one per person, act, kind and day. */
	documentId?: string;
	aboutDate?: string;
}

/**
 * Tells people about a step of the route: a row in their cabinet and, unless they switched this
 * kind off for e-mail, a letter in the outbox, written in the caller's transaction so that a
 * refused step notifies nobody. Returns whom it told: a reminder already sent that day (the
 * unique index) is skipped, with no letter.
 */
export async function notifyUsers(
	tx: Database,
	userIds: Iterable<string>,
	notice: Notice,
	mailEnabled = !!process.env.SMTP_URL
): Promise<string[]> {
	const ids = [...new Set(userIds)];
	if (!ids.length) return [];
	const mail = await wantMail(tx, ids, notice.kind);
	const told: string[] = [];
	for (const id of mail.keys()) {
		const [n] = await tx
			.insert(notifications)
			.values({ userId: id, ...notice })
			.onConflictDoNothing()
			.returning({ id: notifications.id });
		if (!n) continue;
		told.push(id);
		const email = mail.get(id);
		if (!email) continue;
		await tx.insert(outbox).values({
			notificationId: n.id,
			toEmail: email,
			subject: `Регламент: ${notice.title}`,
			body: `${notice.body}\n\nОткрыть: ${notice.link}`,
			status: mailEnabled ? 'pending' : 'kept'
		});
	}
	return told;
}
