import { and, eq, inArray, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	checklists,
	notifications,
	outbox,
	users,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { recordEvent } from '../../src/lib/server/audit/record-event';
import { describeEvents } from '../../src/lib/server/audit/describe-events';
import { listEvents, parseAuditFilter } from '../../src/lib/server/audit/list-events';
import { generateDocument } from '../../src/lib/server/documents/generate-document';
import { createCampaign } from '../../src/lib/server/checklists/campaigns';
import { syncCatalogues } from '../../src/lib/server/checklists/sync-catalogues';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { decideReview, submitDocument } from '../../src/lib/server/workflow/review';
import { addWorkingGroupMember } from '../../src/lib/server/workflow/working-group';
import { runReminders } from '../../src/lib/server/notifications/reminders';
import { notifyUsers } from '../../src/lib/server/notifications/notify';
import {
	inboxCounts,
	inboxOrganizations,
	listInbox,
	mailKinds,
	markAllRead,
	markRead,
	parseInboxFilter,
	safeLink,
	saveMailKinds
} from '../../src/lib/server/notifications/inbox';
import { notificationKinds } from '../../src/lib/notifications/labels';
import type { Segment } from '../../src/lib/audit/sentences';
import { buildFixture, grantRole, insertOrg, insertUser, type Fixture } from '../helpers/fixtures';
import { plausibleForm } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
const library = readTemplateLibrary();
const text = (parts: Segment[]) =>
	parts
		.map((p) => (typeof p === 'string' ? p : p.href ? `[${p.name}](${p.href})` : p.name))
		.join('')
		.replace(/\u00a0/g, ' ');

async function draft(org: Organization, actor: Actor, title: string): Promise<DocumentRow> {
	const template = library.templates.find((t) => t.kind === 'regulation')!;
	return generateDocument(db(), actor, org, template.id, {
		title,
		number: '',
		documentDate: '',
		place: '',
		effectiveDate: '',
		responsibleId: '',
		...plausibleForm(template.variables)
	});
}

let counter = 0;
async function person(
	org: Organization,
	role: 'director' | 'working_group' | 'staff',
	fullName: string
): Promise<Actor> {
	counter += 1;
	const user = await insertUser(db(), { email: `ntf-${counter}@example.test`, fullName });
	await grantRole(db(), user, org, role);
	return loadActor(db(), user);
}

/** A school with a director and a working group of one chair, each a person of their own. */
async function schoolWithChair(chairName: string) {
	counter += 1;
	const org = await insertOrg(db(), f.municipality, 'school', {
		shortName: `Школа уведомлений ${counter}`,
		slug: `ntf-school-${counter}`
	});
	const director = await person(org, 'director', 'Ковальчук Елена Викторовна');
	const chair = await person(org, 'working_group', chairName);
	await addWorkingGroupMember(db(), director, org, {
		userId: chair.id,
		role: 'chair',
		position: ''
	});
	return { org, director, chair };
}

const eventsOf = async (org: Organization, withRaw = false) =>
	describeEvents(
		db(),
		org.id,
		(await listEvents(db(), org.id, parseAuditFilter(new URLSearchParams()).filter, org.timeZone))
			.events,
		withRaw
	);

/** Notifications written straight, for the list's own rules: `minutesAgo` orders them. */
async function seedNotices(
	userId: string,
	rows: {
		kind: string;
		minutesAgo: number;
		documentId?: string;
		organizationId?: string;
		title?: string;
	}[]
) {
	const now = Date.now();
	await db()
		.insert(notifications)
		.values(
			rows.map((r, i) => ({
				userId,
				kind: r.kind,
				documentId: r.documentId,
				organizationId: r.organizationId,
				title: r.title ?? `Уведомление ${i + 1}`,
				body: 'Текст',
				link: '/app',
				createdAt: new Date(now - r.minutesAgo * 60_000)
			}))
		);
}

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'ntf');
});
afterAll(async () => {
	await handle?.close();
});

describe('history in sentences', () => {
	it('tells a review step as a sentence naming and linking the document, with the changed fields in words', async () => {
		const { org, director, chair } = await schoolWithChair('Петренко Ольга Николаевна');
		const doc = await draft(org, director, 'Положение об электронном журнале');
		await submitDocument(db(), director, org, doc.id);
		await decideReview(db(), chair, org, doc.id, {
			version: String(doc.currentVersion),
			decision: 'approve',
			comment: ''
		});

		const events = await eventsOf(org);
		const sentences = events.map((e) => text(e.sentence));
		const link = `[Положение об электронном журнале](/app/orgs/${org.id}/documents/${doc.id})`;
		expect(sentences).toContain(
			`Петренко О. Н. согласовала версию ${doc.currentVersion} документа «${link}»`
		);
		expect(sentences).toContain(`Ковальчук Е. В. создала документ «${link}»`);
		const submitted = events.find((e) =>
			text(e.sentence).startsWith(`Ковальчук Е. В. направила документ «${link}»`)
		)!;
		expect(submitted.changes).toContainEqual({
			label: 'Статус',
			before: 'Черновик',
			after: 'На согласовании'
		});
		// People are linked to their card in this school.
		const added = events.find((e) =>
			text(e.sentence).startsWith('Ковальчук Е. В. включила в рабочую группу')
		)!;
		expect(text(added.sentence)).toMatch(
			new RegExp(
				`: \\[Петренко О\\. Н\\.\\]\\(/app/orgs/${org.id}/people/[0-9a-f-]{36}\\) \\(председатель\\)$`
			)
		);
		// No UUID is ever shown in the readable part.
		const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/;
		for (const e of events) {
			expect(e.sentence.filter((p) => typeof p === 'string').join('')).not.toMatch(uuid);
			for (const c of e.changes) expect(`${c.before} ${c.after}`).not.toMatch(uuid);
		}
	});

	it('gives the raw before and after only when asked for an administrator', async () => {
		const { org, director } = await schoolWithChair('Сидоров Алексей Борисович');
		await draft(org, director, 'Приказ о рабочей группе');
		expect((await eventsOf(org)).every((e) => e.raw === null)).toBe(true);
		const created = (await eventsOf(org, true)).find((e) =>
			text(e.sentence).includes('создала документ')
		)!;
		expect(created.raw?.after).toMatchObject({ title: 'Приказ о рабочей группе', version: 1 });
	});

	it('does not name another school’s document an event happens to mention', async () => {
		const foreign = await draft(f.schoolB, f.actors.directorB, 'Тайный акт школы Б');
		const { org, director } = await schoolWithChair('Орлова Анна Петровна');
		await db().transaction((tx) =>
			recordEvent(tx, {
				actor: director,
				organizationId: org.id,
				action: 'document.linked',
				entityType: 'document',
				entityId: foreign.id,
				after: { targetId: foreign.id, relation: 'related' }
			})
		);
		const [linked] = await eventsOf(org);
		expect(text(linked!.sentence)).toBe('Ковальчук Е. В. связала документ с документом (связан с)');
		expect(JSON.stringify(linked)).not.toContain('Тайный акт');
	});
});

describe('e-mail choice', () => {
	it('is every kind at first; saving keeps only known kinds and is audited on the person’s record', async () => {
		const p = await person(f.schoolA, 'staff', 'Выборова Вера Ивановна');
		expect(await mailKinds(db(), p.id)).toEqual(notificationKinds);
		await saveMailKinds(db(), p, ['overdue', 'acknowledge', 'nonsense']);
		expect(await mailKinds(db(), p.id)).toEqual(['acknowledge', 'overdue']);
		const [row] = await db()
			.select({ off: users.mailOffKinds })
			.from(users)
			.where(eq(users.id, p.id));
		expect(row!.off).not.toContain('nonsense');
		const audit = await db()
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, 'user.mail_preferences_changed'), eq(auditEvents.entityId, p.id))
			);
		expect(audit).toHaveLength(1);
		expect(audit[0]!.organizationId).toBeNull();
		// Saving the same choice again changes nothing and records nothing.
		await saveMailKinds(db(), p, ['acknowledge', 'overdue']);
		expect(
			await db().$count(
				auditEvents,
				and(eq(auditEvents.action, 'user.mail_preferences_changed'), eq(auditEvents.entityId, p.id))
			)
		).toBe(1);
	});

	it('a kind switched off writes the notification in the cabinet and no letter; others still get theirs', async () => {
		const { org, director, chair } = await schoolWithChair('Почтова Прасковья Ильинична');
		const second = await person(org, 'working_group', 'Письмова Полина Олеговна');
		await addWorkingGroupMember(db(), director, org, {
			userId: second.id,
			role: 'member',
			position: ''
		});
		await saveMailKinds(
			db(),
			chair,
			notificationKinds.filter((k) => k !== 'review_requested')
		);
		const doc = await draft(org, director, 'Положение о ведении журнала');
		await submitDocument(db(), director, org, doc.id);

		const notices = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.documentId, doc.id), eq(notifications.kind, 'review_requested')));
		expect(notices.map((n) => n.userId).sort()).toEqual([chair.id, second.id].sort());
		const letters = await db()
			.select()
			.from(outbox)
			.where(
				inArray(
					outbox.notificationId,
					notices.map((n) => n.id)
				)
			);
		expect(letters.map((l) => l.toEmail)).toEqual([second.email]);
	});

	it('a checklist reminder switched off is written but not mailed', async () => {
		expect((await syncCatalogues(db())).problems).toEqual([]);
		const [catalogue] = await db()
			.select({ id: checklistCatalogues.id })
			.from(checklistCatalogues)
			.where(and(eq(checklistCatalogues.code, 'crimea-001'), eq(checklistCatalogues.version, 1)));
		const { campaign } = await createCampaign(
			db(),
			f.actors.municipalityAuthority,
			f.municipality,
			{
				catalogueId: catalogue!.id,
				title: 'Переход, напоминания',
				startsOn: '2031-01-11',
				dueOn: '2031-06-30',
				scope: 'schools',
				schoolIds: [f.schoolB.id]
			}
		);
		const [list] = await db()
			.select()
			.from(checklists)
			.where(eq(checklists.campaignId, campaign.id));
		const [first] = await db()
			.select({ id: checklistItems.id, dueOn: checklistItems.dueOn })
			.from(checklistItems)
			.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
			.where(and(eq(checklistItems.checklistId, list!.id), eq(catalogueItems.code, '001.1')));
		await db()
			.update(checklistItems)
			.set({ status: 'not_needed', notNeededReason: 'не проверяется этим тестом' })
			.where(and(eq(checklistItems.checklistId, list!.id), ne(checklistItems.id, first!.id)));
		await saveMailKinds(
			db(),
			f.actors.directorB,
			notificationKinds.filter((k) => k !== 'overdue')
		);

		const day = new Date(`${first!.dueOn}T09:30:00Z`);
		day.setUTCDate(day.getUTCDate() + 3);
		expect(await runReminders(db(), day, false)).toBe(1);
		const [notice] = await db()
			.select()
			.from(notifications)
			.where(eq(notifications.checklistItemId, first!.id));
		expect(notice).toMatchObject({ userId: f.users.directorB.id, kind: 'overdue' });
		expect(await db().$count(outbox, eq(outbox.notificationId, notice!.id))).toBe(0);
	});

	it('notifyUsers mails only whom it may, and still tells everyone', async () => {
		const a = await person(f.schoolA, 'staff', 'Первая Анна');
		const b = await person(f.schoolA, 'staff', 'Вторая Бэлла');
		await saveMailKinds(db(), a, []);
		const told = await db().transaction((tx) =>
			notifyUsers(
				tx,
				[a.id, b.id],
				{
					organizationId: f.schoolA.id,
					kind: 'help_request',
					title: 'Проверка',
					body: 'Проверка',
					link: '/app'
				},
				true
			)
		);
		expect(told.sort()).toEqual([a.id, b.id].sort());
		const rows = await db()
			.select({ to: outbox.toEmail, status: outbox.status })
			.from(outbox)
			.innerJoin(notifications, eq(notifications.id, outbox.notificationId))
			.where(inArray(notifications.userId, [a.id, b.id]));
		expect(rows).toEqual([{ to: b.email, status: 'pending' }]);
	});
});

describe('read state', () => {
	it('one person never reads or marks another’s notification', async () => {
		const owner = await person(f.schoolA, 'staff', 'Хозяйкина Ольга');
		const other = await person(f.schoolB, 'staff', 'Чужакова Ирина');
		await seedNotices(owner.id, [{ kind: 'acknowledge', minutesAgo: 1 }]);
		const [mine] = await db()
			.select()
			.from(notifications)
			.where(eq(notifications.userId, owner.id));

		expect(await markRead(db(), other.id, mine!.id)).toBeNull();
		expect(await markAllRead(db(), other.id)).toBe(0);
		expect(
			(await listInbox(db(), other.id, parseInboxFilter(new URLSearchParams()).filter)).groups
		).toEqual([]);
		expect(
			(await db().select().from(notifications).where(eq(notifications.id, mine!.id)))[0]!.readAt
		).toBeNull();
		expect(await markRead(db(), other.id, 'not-a-uuid')).toBeNull();

		expect(await markRead(db(), owner.id, mine!.id)).toEqual({ link: '/app' });
		const readAt = (
			await db().select().from(notifications).where(eq(notifications.id, mine!.id))
		)[0]!.readAt;
		expect(readAt).not.toBeNull();
		// Opening it again keeps the first moment it was read.
		await markRead(db(), owner.id, mine!.id);
		expect(
			(await db().select().from(notifications).where(eq(notifications.id, mine!.id)))[0]!.readAt
		).toEqual(readAt);
	});

	it('«Отметить все прочитанными» marks only what the filter shows', async () => {
		const p = await person(f.schoolA, 'staff', 'Фильтрова Фаина');
		await seedNotices(p.id, [
			{ kind: 'acknowledge', minutesAgo: 3, organizationId: f.schoolA.id },
			{ kind: 'overdue', minutesAgo: 2, organizationId: f.schoolA.id },
			{ kind: 'overdue', minutesAgo: 1, organizationId: f.schoolB.id }
		]);
		const only = (q: string) => parseInboxFilter(new URLSearchParams(q)).filter;
		expect(await markAllRead(db(), p.id, only(`kind=overdue&org=${f.schoolA.id}`))).toBe(1);
		expect(await inboxCounts(db(), p.id, only(''))).toEqual({ total: 3, unread: 2 });
		expect(await inboxCounts(db(), p.id, only('kind=overdue'))).toEqual({ total: 2, unread: 1 });
		const unread = await listInbox(db(), p.id, only('unread=1'));
		expect(unread.groups.flatMap((g) => g.items.map((i) => i.kind)).sort()).toEqual([
			'acknowledge',
			'overdue'
		]);
		expect((await inboxOrganizations(db(), p.id)).map((o) => o.id).sort()).toEqual(
			[f.schoolA.id, f.schoolB.id].sort()
		);
	});

	it('reports nonsense in the address next to the filter and never leads off the site', () => {
		expect(parseInboxFilter(new URLSearchParams('kind=zzz&org=nobody&page=-4'))).toEqual({
			filter: { unreadOnly: false, kind: null, organizationId: null, page: 1 },
			problems: {
				kind: 'Такого вида уведомлений нет в списке.',
				org: 'Такой организации нет в списке.'
			}
		});
		expect(safeLink('https://evil.example/')).toBe('/app/notifications');
		expect(safeLink('//evil.example/')).toBe('/app/notifications');
		expect(safeLink(null)).toBe('/app/notifications');
		expect(safeLink('/app/acknowledge/x')).toBe('/app/acknowledge/x');
	});
});

describe('grouping and pages', () => {
	it('groups by document, the group with the latest notice first, and pages by 50', async () => {
		const p = await person(f.schoolA, 'director', 'Листова Лидия');
		// Two schools: a school drafts one act from a template at a time.
		const older = await draft(f.schoolA, f.actors.directorA, 'Старое положение');
		const newer = await draft(
			f.otherSchool,
			await person(f.otherSchool, 'director', 'Другова Дарья'),
			'Новое положение'
		);
		const rows = [
			// The older document has the newest notice of all: its group comes first.
			{ kind: 'review_requested', minutesAgo: 1, documentId: older.id },
			{ kind: 'round_closed', minutesAgo: 500, documentId: older.id },
			{ kind: 'awaiting_approval', minutesAgo: 5, documentId: newer.id },
			...Array.from({ length: 57 }, (_, i) => ({ kind: 'help_request', minutesAgo: 10 + i }))
		];
		await seedNotices(p.id, rows);

		const page1 = await listInbox(db(), p.id, parseInboxFilter(new URLSearchParams()).filter);
		expect(page1.groups.flatMap((g) => g.items)).toHaveLength(50);
		expect(page1.hasMore).toBe(true);
		expect(page1.groups[0]).toMatchObject({
			subject: { name: 'Старое положение', href: `/app/orgs/${f.schoolA.id}/documents/${older.id}` }
		});
		expect(page1.groups[0]!.items.map((i) => i.kind)).toEqual(['review_requested', 'round_closed']);
		expect(page1.groups[1]).toMatchObject({ subject: { name: 'Новое положение' } });
		// A notice about nothing in particular stands alone.
		expect(page1.groups[2]).toMatchObject({
			subject: null,
			items: [expect.objectContaining({ kind: 'help_request' })]
		});

		const page2 = await listInbox(
			db(),
			p.id,
			parseInboxFilter(new URLSearchParams('page=2')).filter
		);
		expect(page2.groups.flatMap((g) => g.items)).toHaveLength(10);
		expect(page2.hasMore).toBe(false);
		const seen = [...page1.groups, ...page2.groups].flatMap((g) => g.items.map((i) => i.id));
		expect(new Set(seen).size).toBe(60);
	});
});
