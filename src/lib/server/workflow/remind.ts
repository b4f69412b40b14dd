import type { Database } from '../db';
import type { Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { can, ForbiddenError, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import { notifyUsers } from '../notifications/notify';
import { formatDate, todayIn } from '../../format';
import { documentLink, lockDocument, workflowRoles } from './route';
import { waitingOn } from './waiting';

export const ROUTE_REMINDER_KIND = 'route_reminder';

/**
 * «Напомнить»: a notification to each person the document's step waits for, at most one a day
 * per person and act (the notifications' unique index), audited with whom. The director may
 * remind on any step, the chair on the review round. A second click the same day sends nothing
 * and says who was already reminded.
 */
export async function remindOnRoute(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string
): Promise<{ reminded: string[]; alreadyToday: string[] }> {
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const today = todayIn(org.timeZone);
		const waiting = await waitingOn(tx, org, doc, today);
		const director = can(actor, 'document.approve', org);
		const chair =
			!!waiting?.chairMayRemind && (await workflowRoles(tx, actor, org, doc)).includes('chair');
		if (!director && !chair)
			throw new ForbiddenError(
				'Напоминает руководитель, а членам рабочей группы о согласовании — и председатель группы.'
			);
		if (!waiting)
			throw new ValidationError({
				form: 'Документ сейчас ни от кого не ждёт хода: напоминать некому.'
			});
		const people = waiting.remind.filter((p) => p.id !== actor.id);
		if (!people.length)
			throw new ValidationError({
				form: waiting.remind.length
					? 'Сейчас ход за вами: напоминать некому.'
					: `Ход за: ${waiting.who}. Они не работают в системе — напомните им сами.`
			});
		const told = await notifyUsers(
			tx,
			people.map((p) => p.id),
			{
				organizationId: org.id,
				kind: ROUTE_REMINDER_KIND,
				documentId: doc.id,
				aboutDate: today,
				title: 'Напоминание: документ ждёт вашего хода',
				body: `«${doc.title}»: ${waiting.todo}. Ждёт с ${formatDate(waiting.since, org.timeZone)}. Напоминает ${actor.fullName}.`,
				link: documentLink(doc)
			}
		);
		const reminded = people.filter((p) => told.includes(p.id));
		const already = people.filter((p) => !told.includes(p.id));
		if (!reminded.length)
			throw new ValidationError({
				form: `Сегодня уже напомнили: ${already.map((p) => p.fullName).join(', ')}. Напомнить снова можно завтра.`
			});
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'route.reminded',
			entityType: 'document',
			entityId: doc.id,
			after: {
				documentId: doc.id,
				step: waiting.step,
				reminded: reminded.map((p) => ({ id: p.id, fullName: p.fullName })),
				alreadyToday: already.map((p) => p.fullName)
			}
		});
		return {
			reminded: reminded.map((p) => p.fullName),
			alreadyToday: already.map((p) => p.fullName)
		};
	});
}
