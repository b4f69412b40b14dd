import { and, eq, inArray, ne, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	checklists,
	notifications,
	outbox,
	type Campaign,
	type ChecklistItem,
	type Organization
} from '../../src/lib/server/db/schema';
import { createCampaign } from '../../src/lib/server/checklists/campaigns';
import { syncCatalogues } from '../../src/lib/server/checklists/sync-catalogues';
import { updateItem } from '../../src/lib/server/checklists/update-item';
import {
	deliverOutbox,
	markAllRead,
	notificationsOf,
	runReminders,
	unreadCount,
	type Sender
} from '../../src/lib/server/notifications/reminders';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

/** A moment of the given day, mid-morning UTC. */
const at = (day: string) => new Date(`${day}T09:30:00Z`);

async function catalogueId(code: string): Promise<string> {
	const [row] = await db()
		.select({ id: checklistCatalogues.id })
		.from(checklistCatalogues)
		.where(and(eq(checklistCatalogues.code, code), eq(checklistCatalogues.version, 1)));
	return row!.id;
}

async function assign(
	school: Organization,
	title: string,
	startsOn: string,
	dueOn: string
): Promise<Campaign> {
	const { campaign } = await createCampaign(db(), f.actors.municipalityAuthority, f.municipality, {
		catalogueId: await catalogueId('crimea-001'),
		title,
		startsOn,
		dueOn,
		scope: 'schools',
		schoolIds: [school.id]
	});
	return campaign;
}

async function item(campaign: Campaign, orgId: string, code: string): Promise<ChecklistItem> {
	const [row] = await db()
		.select({ item: checklistItems })
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.innerJoin(checklists, eq(checklists.id, checklistItems.checklistId))
		.where(
			and(
				eq(checklists.campaignId, campaign.id),
				eq(checklistItems.organizationId, orgId),
				eq(catalogueItems.code, code)
			)
		);
	return row!.item;
}

const notificationCount = () => db().$count(notifications);
const outboxRows = (status?: string) =>
	status ? db().select().from(outbox).where(eq(outbox.status, status)) : db().select().from(outbox);
const remindersOf = (itemId: string) =>
	db().select().from(notifications).where(eq(notifications.checklistItemId, itemId));

/** A sender that records what it was given, optionally slowly. */
function recordingSender(delayMs = 0) {
	const sent: { to: string; subject: string; text: string }[] = [];
	const send: Sender = async (mail) => {
		if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
		sent.push(mail);
	};
	return { sent, send };
}

let campaignA: Campaign;
/** School A's three open items: the rest of its checklist is closed. */
let x: ChecklistItem; // 001.1, due 18.01, nobody named: the director is reminded
let y: ChecklistItem; // 001.9, due 25.01, the teacher
let z: ChecklistItem; // 001.4, moved to 31.01, the working-group member

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'rem');
	await syncCatalogues(handle.db);
	campaignA = await assign(f.schoolA, 'Переход на ЭЖ, 2027', '2027-01-11', '2027-06-30');
	x = await item(campaignA, f.schoolA.id, '001.1');
	y = await item(campaignA, f.schoolA.id, '001.9');
	z = await item(campaignA, f.schoolA.id, '001.4');
	expect([x.dueOn, y.dueOn]).toEqual(['2027-01-18', '2027-01-25']);
	// Set-up, not under test: everything else of the checklist is closed.
	await db()
		.update(checklistItems)
		.set({ status: 'not_needed', notNeededReason: 'не проверяется этим тестом' })
		.where(
			and(
				eq(
					checklistItems.checklistId,
					(await db().select().from(checklists).where(eq(checklists.campaignId, campaignA.id)))[0]!
						.id
				),
				notInArray(checklistItems.id, [x.id, y.id, z.id])
			)
		);
	y = await updateItem(db(), f.actors.directorA, f.schoolA, y.id, {
		responsibleId: f.users.staffA.id
	});
	z = await updateItem(db(), f.actors.directorA, f.schoolA, z.id, {
		responsibleId: f.users.memberA.id,
		dueOn: '31.01.2027'
	});
});
afterAll(async () => {
	await handle?.close();
});

describe('runReminders', () => {
	it('writes due_in_7, due_in_1 and overdue for the responsible person, or the director when nobody is named; mail kept without SMTP', async () => {
		expect(await runReminders(db(), at('2027-01-24'), false)).toBe(3);

		const [nx] = await remindersOf(x.id);
		expect(nx).toMatchObject({
			userId: f.users.directorA.id,
			organizationId: f.schoolA.id,
			kind: 'overdue',
			aboutDate: '2027-01-18',
			title: 'Срок пункта пропущен 001.1',
			link: `/app/orgs/${f.schoolA.id}/checklists/${x.checklistId}/items/${x.id}`,
			readAt: null
		});
		expect(nx!.body).toContain('срок 18.01.2027');
		expect(await remindersOf(y.id)).toEqual([
			expect.objectContaining({
				userId: f.users.staffA.id,
				kind: 'due_in_1',
				aboutDate: '2027-01-25',
				title: 'Завтра срок пункта 001.9'
			})
		]);
		expect(await remindersOf(z.id)).toEqual([
			expect.objectContaining({
				userId: f.users.memberA.id,
				kind: 'due_in_7',
				aboutDate: '2027-01-31',
				title: 'Через 7 дней срок пункта 001.4'
			})
		]);

		const mail = await outboxRows();
		expect(mail).toHaveLength(3);
		expect(mail.every((m) => m.status === 'kept' && m.attempts === 0 && m.sentAt === null)).toBe(
			true
		);
		expect(mail.map((m) => m.toEmail).sort()).toEqual(
			[f.users.directorA.email, f.users.memberA.email, f.users.staffA.email].sort()
		);
		const toDirector = mail.find((m) => m.toEmail === f.users.directorA.email)!;
		expect(toDirector.subject).toBe('Регламент: Срок пункта пропущен 001.1');
		expect(toDirector.body).toContain(
			`/app/orgs/${f.schoolA.id}/checklists/${x.checklistId}/items/${x.id}`
		);

		// In the application: the director's unread reminder.
		expect(await unreadCount(db(), f.users.directorA.id)).toBe(1);
		expect(
			(await notificationsOf(db(), f.users.directorA.id)).map((n) => n.checklistItemId)
		).toEqual([x.id]);
		await markAllRead(db(), f.users.directorA.id);
		expect(await unreadCount(db(), f.users.directorA.id)).toBe(0);
	});

	it('writes each reminder once: a second run, and two runs at once, add nothing', async () => {
		const before = [await notificationCount(), (await outboxRows()).length];
		expect(await runReminders(db(), at('2027-01-24'), false)).toBe(0);
		// Later the same day, too.
		expect(await runReminders(db(), new Date('2027-01-24T22:00:00Z'), false)).toBe(0);
		expect(
			await Promise.all([
				runReminders(db(), at('2027-01-24'), false),
				runReminders(db(), at('2027-01-24'), false)
			])
		).toEqual([0, 0]);
		expect([await notificationCount(), (await outboxRows()).length]).toEqual(before);
	});

	it('two runs at once on a new day write the new reminders once between them', async () => {
		const before = await notificationCount();
		// 30.01: the member's item is due tomorrow, the teacher's is now missed; the director's was reminded already.
		const written = await Promise.all([
			runReminders(db(), at('2027-01-30'), false),
			runReminders(db(), at('2027-01-30'), false)
		]);
		expect(written[0] + written[1]).toBe(2);
		expect(await notificationCount()).toBe(before + 2);
		expect((await remindersOf(z.id)).map((n) => n.kind).sort()).toEqual(['due_in_1', 'due_in_7']);
		expect((await remindersOf(y.id)).map((n) => n.kind).sort()).toEqual(['due_in_1', 'overdue']);
		expect((await remindersOf(x.id)).map((n) => n.kind)).toEqual(['overdue']);
		expect((await outboxRows()).length).toBe(before + 2);
	});

	it('reminds nobody of a closed item', async () => {
		// The teacher's item closes with a new date that would be due within the week.
		const closed = await updateItem(db(), f.actors.directorA, f.schoolA, y.id, {
			status: 'not_needed',
			notNeededReason: 'Приказ о рабочей группе издан в прошлом году',
			dueOn: '03.02.2027'
		});
		expect(closed).toMatchObject({ status: 'not_needed', dueOn: '2027-02-03' });
		const before = (await remindersOf(y.id)).length;
		// 01.02: only the member's item (due 31.01) is newly missed.
		expect(await runReminders(db(), at('2027-02-01'), false)).toBe(1);
		expect(await remindersOf(y.id)).toHaveLength(before);
		expect((await remindersOf(z.id)).map((n) => n.kind).sort()).toEqual([
			'due_in_1',
			'due_in_7',
			'overdue'
		]);
	});
});

describe('outbox', () => {
	it('with mail enabled, new reminders wait as pending; deliverOutbox sends them and leaves kept mail alone', async () => {
		// The member's due date moves to 12.02: on 05.02 the new date is a week away, and reminds again.
		z = await updateItem(db(), f.actors.directorA, f.schoolA, z.id, { dueOn: '12.02.2027' });
		expect(await runReminders(db(), at('2027-02-05'), true)).toBe(1);
		const pending = await outboxRows('pending');
		expect(pending).toHaveLength(1);
		expect(pending[0]).toMatchObject({
			toEmail: f.users.memberA.email,
			subject: 'Регламент: Через 7 дней срок пункта 001.4',
			attempts: 0
		});
		const kept = await outboxRows('kept');
		expect(kept.length).toBeGreaterThan(0);

		const sender = recordingSender();
		expect(await deliverOutbox(db(), sender.send)).toBe(1);
		expect(sender.sent).toEqual([
			{ to: f.users.memberA.email, subject: pending[0]!.subject, text: pending[0]!.body }
		]);
		const [row] = await db().select().from(outbox).where(eq(outbox.id, pending[0]!.id));
		expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
		expect(row!.sentAt).toBeInstanceOf(Date);
		// Nothing left to send; kept mail stays kept.
		expect(await deliverOutbox(db(), sender.send)).toBe(0);
		expect(sender.sent).toHaveLength(1);
		expect((await outboxRows('kept')).map((r) => r.id).sort()).toEqual(
			kept.map((r) => r.id).sort()
		);
	});

	it('a failing sender leaves the mail pending with attempts and the error; after five it is failed', async () => {
		z = await updateItem(db(), f.actors.directorA, f.schoolA, z.id, { dueOn: '20.02.2027' });
		expect(await runReminders(db(), at('2027-02-13'), true)).toBe(1);
		const [mail] = await outboxRows('pending');
		expect(mail).toBeDefined();

		let calls = 0;
		const failing: Sender = async () => {
			calls += 1;
			throw new Error('421 Service not available');
		};
		expect(await deliverOutbox(db(), failing)).toBe(1);
		const [afterOne] = await db().select().from(outbox).where(eq(outbox.id, mail!.id));
		expect(afterOne).toMatchObject({
			status: 'pending',
			attempts: 1,
			lastError: '421 Service not available',
			sentAt: null
		});

		for (let i = 0; i < 4; i++) await deliverOutbox(db(), failing);
		const [afterFive] = await db().select().from(outbox).where(eq(outbox.id, mail!.id));
		expect(afterFive).toMatchObject({ status: 'failed', attempts: 5, sentAt: null });
		expect(calls).toBe(5);
		expect(await deliverOutbox(db(), failing)).toBe(0);
		expect(calls).toBe(5);
		// School A is done with reminders: its last open item closes.
		z = await updateItem(db(), f.actors.directorA, f.schoolA, z.id, {
			status: 'not_needed',
			notNeededReason: 'Вариант ЭЖ выбран муниципалитетом'
		});
	});

	it('two deliveries at once never send a row twice', async () => {
		// A short campaign for school B: every one of its items is due around 15.03, nobody named.
		const campaignB = await assign(f.schoolB, 'Короткая кампания', '2027-03-01', '2027-03-20');
		const [runs1, runs2] = await Promise.all([
			runReminders(db(), at('2027-03-15'), true),
			runReminders(db(), at('2027-03-15'), true)
		]);
		const itemsB = await db()
			.select()
			.from(checklistItems)
			.innerJoin(checklists, eq(checklists.id, checklistItems.checklistId))
			.where(eq(checklists.campaignId, campaignB.id));
		expect(runs1 + runs2).toBe(itemsB.length);
		const toDirectorB = await db()
			.select()
			.from(notifications)
			.where(
				and(
					eq(notifications.userId, f.users.directorB.id),
					inArray(
						notifications.checklistItemId,
						itemsB.map((i) => i.checklist_items.id)
					)
				)
			);
		expect(toDirectorB).toHaveLength(itemsB.length);

		const pending = await outboxRows('pending');
		expect(pending.length).toBe(itemsB.length);
		expect(pending.length).toBeGreaterThan(20);

		const one = recordingSender(3);
		const two = recordingSender(3);
		// Small batches, several rounds of two workers each, until nothing is left.
		for (let round = 0; round < 20; round++) {
			const claimed = await Promise.all([
				deliverOutbox(db(), one.send, 5),
				deliverOutbox(db(), two.send, 5)
			]);
			if (claimed[0] + claimed[1] === 0) break;
		}
		const all = [...one.sent, ...two.sent];
		const keys = all.map((m) => `${m.to}\n${m.subject}\n${m.text}`);
		expect(new Set(keys).size).toBe(keys.length);
		expect(all).toHaveLength(pending.length);
		expect(all.every((m) => m.to === f.users.directorB.email)).toBe(true);
		const rows = await db()
			.select()
			.from(outbox)
			.where(
				inArray(
					outbox.id,
					pending.map((p) => p.id)
				)
			);
		expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
		expect(
			await db().$count(outbox, and(eq(outbox.status, 'pending'), ne(outbox.toEmail, '')))
		).toBe(0);
	});
});

describe('reminders of a municipality’s own checklist', () => {
	// With nobody named, an authority's own items go to its officers (it has no director).
	it('reminds the municipality’s officer when no one is named', async () => {
		const { campaign } = await createCampaign(db(), f.actors.regionAuthority, f.region, {
			catalogueId: await catalogueId('crimea-000-municipal'),
			title: 'Обязанности муниципальных органов',
			startsOn: '2027-04-01',
			dueOn: '2027-04-20',
			scope: 'municipality',
			municipalityId: f.municipality.id
		});
		const items = await db()
			.select()
			.from(checklistItems)
			.innerJoin(checklists, eq(checklists.id, checklistItems.checklistId))
			.where(eq(checklists.campaignId, campaign.id));
		expect(items.length).toBe(13);
		// The letter's fixed date (15.02.2021) lies outside the campaign: every item is due on its due date.
		expect(new Set(items.map((i) => i.checklist_items.dueOn))).toEqual(new Set(['2027-04-20']));

		await runReminders(db(), at('2027-04-14'), false);
		const reminded = await db()
			.select()
			.from(notifications)
			.where(
				inArray(
					notifications.checklistItemId,
					items.map((i) => i.checklist_items.id)
				)
			);
		expect(reminded.map((n) => [n.userId, n.kind])).toEqual(
			items.map(() => [f.users.municipalityAuthority.id, 'due_in_7'])
		);
	});
});
