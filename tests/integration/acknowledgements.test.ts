import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	acknowledgements,
	auditEvents,
	documentLinks,
	documentVersions,
	documents,
	memberships,
	notifications,
	workingGroupMembers,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { ForbiddenError } from '../../src/lib/server/auth/permissions';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import {
	acknowledgeDocument,
	APPROVED_IT,
	NOT_PUBLISHED,
	notifyToAcknowledge
} from '../../src/lib/server/acknowledgements/acknowledge';
import {
	acknowledgementProgress,
	acknowledgementStatus,
	acknowledgementSummary,
	actForAcknowledgement,
	mustAcknowledge,
	mustAcknowledgeCount
} from '../../src/lib/server/acknowledgements/queries';
import {
	generateAcknowledgementSheet,
	NOT_APPROVED,
	SHEET_TEMPLATE
} from '../../src/lib/server/acknowledgements/sheet';
import { findVersion } from '../../src/lib/server/documents/queries';
import { loadDashboard, publicationDue } from '../../src/lib/server/dashboard/load-dashboard';
import { countPhrase, formatDate, todayIn } from '../../src/lib/format';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf, refusedWithoutChange } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let actCounter = 0;
/** An act as the publish step leaves it: published and signed, version 1 approved by order № 12-о of 01.09.2026. */
async function publishedAct(
	org: Organization,
	fields: Partial<typeof documents.$inferInsert> = {}
): Promise<DocumentRow> {
	actCounter += 1;
	const source = `1. Общие положения акта № ${actCounter}.\n2. Акт вступает в силу со дня утверждения.\n`;
	const [doc] = await db()
		.insert(documents)
		.values({
			organizationId: org.id,
			kind: 'regulation',
			documentClass: 'act',
			title: `Положение об электронном журнале ${actCounter}`,
			status: 'published',
			needsApproval: true,
			currentVersion: 1,
			approvedVersion: 1,
			approvedSha256: sha256(source),
			approvalOrderNumber: '12-о',
			approvalOrderDate: '2026-09-01',
			approvedAt: new Date('2026-09-01T09:00:00Z'),
			publishedAt: new Date('2026-09-02T09:00:00Z'),
			signedAt: fields.publishedAt === null ? null : new Date('2026-09-02T09:00:00Z'),
			...fields
		})
		.returning();
	await db()
		.insert(documentVersions)
		.values({ documentId: doc!.id, version: 1, source, sha256: sha256(source) });
	return doc!;
}

const ackRows = (docId: string) =>
	db().select().from(acknowledgements).where(eq(acknowledgements.documentId, docId));
const idsOf = async (userId: string) => (await mustAcknowledge(db(), userId)).map((a) => a.id);

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'ack');
	// Positions as a school keeps them: on the membership, or only in the working group's composition.
	await db()
		.update(memberships)
		.set({ position: 'Учитель математики' })
		.where(eq(memberships.id, f.memberships.staffA!));
	await db().insert(workingGroupMembers).values({
		organizationId: f.schoolA.id,
		userId: f.users.memberA.id,
		role: 'member',
		position: 'Заместитель директора по УВР'
	});
});
afterAll(async () => {
	await handle?.close();
});

describe('mustAcknowledge', () => {
	it('lists a published act to every person of its school, and to nobody elsewhere', async () => {
		const act = await publishedAct(f.schoolA);
		for (const person of ['staffA', 'memberA', 'directorA'] as const) {
			const list = await mustAcknowledge(db(), f.users[person].id);
			expect(
				list.map((a) => a.id),
				person
			).toContain(act.id);
			expect(await mustAcknowledgeCount(db(), f.users[person].id)).toBe(list.length);
		}
		const item = (await mustAcknowledge(db(), f.users.staffA.id)).find((a) => a.id === act.id);
		expect(item).toMatchObject({
			organizationId: f.schoolA.id,
			organizationName: f.schoolA.shortName,
			title: act.title,
			approvalOrderNumber: '12-о',
			approvalOrderDate: '2026-09-01'
		});
		expect(item!.publishedAt.toISOString()).toBe('2026-09-02T09:00:00.000Z');
		// Another school's director and the authorities above read the act but need not acknowledge it.
		for (const person of [
			'directorB',
			'municipalityAuthority',
			'regionAuthority',
			'admin'
		] as const)
			expect(await idsOf(f.users[person].id), person).not.toContain(act.id);
	});

	it('does not list drafts, approved acts not yet published, or acts no longer in force', async () => {
		const draft = await publishedAct(f.schoolA, {
			status: 'draft',
			approvedVersion: null,
			approvedAt: null,
			publishedAt: null
		});
		const unpublished = await publishedAct(f.schoolA, { status: 'approval', publishedAt: null });
		const repealed = await publishedAct(f.schoolA, { status: 'repealed' });
		const listed = await idsOf(f.users.staffA.id);
		for (const doc of [draft, unpublished, repealed]) expect(listed).not.toContain(doc.id);
	});

	it('does not ask the one who approved or signed the act: the employer issues it, the staff are acquainted with it', async () => {
		const act = await publishedAct(f.schoolA, { approvedBy: f.users.directorA.id });
		expect(await idsOf(f.users.directorA.id)).not.toContain(act.id);
		expect(await mustAcknowledgeCount(db(), f.users.directorA.id)).toBe(
			(await idsOf(f.users.directorA.id)).length
		);
		for (const person of ['staffA', 'memberA'] as const)
			expect(await idsOf(f.users[person].id), person).toContain(act.id);
		const status = await acknowledgementStatus(db(), f.schoolA, act);
		expect(status.people.map((p) => p.userId).sort()).toEqual(
			[f.users.memberA.id, f.users.staffA.id].sort()
		);
		expect(
			(await acknowledgementProgress(db(), f.schoolA.id, 100)).find((p) => p.id === act.id)
		).toMatchObject({ total: 2, acknowledged: 0 });
		await db().transaction((tx) => notifyToAcknowledge(tx, f.schoolA, act));
		const sent = await db()
			.select()
			.from(notifications)
			.where(eq(notifications.kind, 'acknowledge'));
		expect(
			sent.filter((n) => n.body.includes(`«${act.title}»`)).map((n) => n.userId)
		).not.toContain(f.users.directorA.id);
		// Nor can she acknowledge it by the direct address: refused, nothing written.
		expect(
			fieldErrorsOf(
				await acknowledgeDocument(db(), f.actors.directorA, f.schoolA, act).catch((e) => e)
			)
		).toEqual({ form: APPROVED_IT });
		expect(await ackRows(act.id)).toEqual([]);
	});

	it('limits the act to the roles it names', async () => {
		const act = await publishedAct(f.schoolA, { acknowledgementRoles: ['staff'] });
		expect(await idsOf(f.users.staffA.id)).toContain(act.id);
		expect(await idsOf(f.users.memberA.id)).not.toContain(act.id);
		expect(await idsOf(f.users.directorA.id)).not.toContain(act.id);
		const status = await acknowledgementStatus(db(), f.schoolA, act);
		expect(status.people.map((p) => p.fullName)).toEqual([f.users.staffA.fullName]);
		expect(status).toMatchObject({ total: 1, acknowledged: 0 });
	});
});

describe('acknowledgeDocument', () => {
	it('records the person, the approved version and the time, with an audit event, and the act leaves the list', async () => {
		const act = await publishedAct(f.schoolA);
		const auditBefore = await db().$count(auditEvents);
		const before = Date.now();
		const result = await acknowledgeDocument(db(), f.actors.staffA, f.schoolA, act);
		expect(result.created).toBe(true);

		const rows = await ackRows(act.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			documentId: act.id,
			organizationId: f.schoolA.id,
			userId: f.users.staffA.id,
			version: 1
		});
		expect(rows[0]!.acknowledgedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
		expect(rows[0]!.acknowledgedAt.getTime()).toBe(result.acknowledgedAt.getTime());

		const events = await db()
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'document.acknowledged'));
		const event = events.find((e) => e.entityId === rows[0]!.id);
		expect(event).toMatchObject({
			organizationId: f.schoolA.id,
			actorId: f.users.staffA.id,
			entityType: 'acknowledgement'
		});
		expect(event!.after).toMatchObject({
			documentId: act.id,
			version: 1,
			sha256: act.approvedSha256
		});
		expect(await db().$count(auditEvents)).toBe(auditBefore + 1);
		expect((await verifyChain(db(), f.schoolA.id)).ok).toBe(true);

		expect(await idsOf(f.users.staffA.id)).not.toContain(act.id);
		expect(await idsOf(f.users.memberA.id)).toContain(act.id);
	});

	it('takes a second click without an error, a second row or a second audit event', async () => {
		const act = await publishedAct(f.schoolA);
		const first = await acknowledgeDocument(db(), f.actors.memberA, f.schoolA, act);
		const auditBefore = await db().$count(auditEvents);
		const second = await acknowledgeDocument(db(), f.actors.memberA, f.schoolA, act);
		expect(second).toEqual({ acknowledgedAt: first.acknowledgedAt, created: false });
		expect(await ackRows(act.id)).toHaveLength(1);
		expect(await db().$count(auditEvents)).toBe(auditBefore);
	});

	it('takes two clicks at once as one acknowledgement', async () => {
		const act = await publishedAct(f.schoolA);
		const results = await Promise.all([
			acknowledgeDocument(db(), f.actors.directorA, f.schoolA, act),
			acknowledgeDocument(db(), f.actors.directorA, f.schoolA, act)
		]);
		expect(results.filter((r) => r.created)).toHaveLength(1);
		expect(await ackRows(act.id)).toHaveLength(1);
	});

	it('refuses a person of another school, and an authority above, with 403', async () => {
		const act = await publishedAct(f.schoolA);
		for (const [actor, org] of [
			[f.actors.directorB, f.schoolA],
			// Their own school's permission does not reach another school's act.
			[f.actors.directorB, f.schoolB],
			[f.actors.municipalityAuthority, f.schoolA]
		] as const) {
			const e = await refusedWithoutChange(db(), () => acknowledgeDocument(db(), actor, org, act));
			expect(e).toBeInstanceOf(ForbiddenError);
		}
		expect(await ackRows(act.id)).toHaveLength(0);
		expect(await actForAcknowledgement(db(), f.actors.directorB, act.id)).toBeNull();
		expect(await actForAcknowledgement(db(), f.actors.municipalityAuthority, act.id)).toBeNull();
	});

	it('refuses a draft and an act approved but not yet published, in Russian', async () => {
		for (const doc of [
			await publishedAct(f.schoolA, {
				status: 'draft',
				approvedVersion: null,
				approvedAt: null,
				publishedAt: null
			}),
			await publishedAct(f.schoolA, { status: 'approval', publishedAt: null })
		]) {
			const e = await refusedWithoutChange(db(), () =>
				acknowledgeDocument(db(), f.actors.staffA, f.schoolA, doc)
			);
			expect(fieldErrorsOf(e)).toEqual({ form: NOT_PUBLISHED });
			expect(await ackRows(doc.id)).toHaveLength(0);
			expect(await actForAcknowledgement(db(), f.actors.staffA, doc.id)).toBeNull();
		}
	});

	it('asks again when a new version of the act is approved', async () => {
		const act = await publishedAct(f.schoolA);
		await acknowledgeDocument(db(), f.actors.staffA, f.schoolA, act);
		expect(await idsOf(f.users.staffA.id)).not.toContain(act.id);
		const source = 'Новая редакция.\n';
		await db()
			.insert(documentVersions)
			.values({ documentId: act.id, version: 2, source, sha256: sha256(source) });
		const [v2] = await db()
			.update(documents)
			.set({ currentVersion: 2, approvedVersion: 2, approvedSha256: sha256(source) })
			.where(eq(documents.id, act.id))
			.returning();
		expect(await idsOf(f.users.staffA.id)).toContain(act.id);
		const opened = await actForAcknowledgement(db(), f.actors.staffA, act.id);
		expect(opened).toMatchObject({ acknowledgedAt: null, version: { version: 2, source } });
		await acknowledgeDocument(db(), f.actors.staffA, f.schoolA, v2!);
		expect((await ackRows(act.id)).map((r) => r.version).sort()).toEqual([1, 2]);
	});
});

describe('acknowledgementStatus and progress', () => {
	it('lists everyone who must, with positions, who has acknowledged and when', async () => {
		const act = await publishedAct(f.schoolA);
		const { acknowledgedAt } = await acknowledgeDocument(db(), f.actors.staffA, f.schoolA, act);
		const status = await acknowledgementStatus(db(), f.schoolA, act);
		expect(status).toMatchObject({ total: 3, acknowledged: 1 });
		expect(status.people).toEqual([
			{
				userId: f.users.memberA.id,
				fullName: f.users.memberA.fullName,
				position: 'Заместитель директора по УВР',
				acknowledgedAt: null
			},
			{
				userId: f.users.directorA.id,
				fullName: f.users.directorA.fullName,
				position: null,
				acknowledgedAt: null
			},
			{
				userId: f.users.staffA.id,
				fullName: f.users.staffA.fullName,
				position: 'Учитель математики',
				acknowledgedAt
			}
		]);
		const progress = await acknowledgementProgress(db(), f.schoolA.id, 100);
		expect(progress.find((p) => p.id === act.id)).toMatchObject({
			title: act.title,
			total: 3,
			acknowledged: 1
		});
		// Another organisation's act is not this school's status.
		expect(await acknowledgementStatus(db(), f.schoolB, act)).toEqual({
			people: [],
			total: 0,
			acknowledged: 0
		});
	});

	it('notifies in the caller’s transaction those who must and have not yet acknowledged', async () => {
		const act = await publishedAct(f.schoolA);
		await acknowledgeDocument(db(), f.actors.directorA, f.schoolA, act);
		await db().transaction((tx) => notifyToAcknowledge(tx, f.schoolA, act));
		const sent = await db()
			.select()
			.from(notifications)
			.where(
				and(eq(notifications.kind, 'acknowledge'), eq(notifications.organizationId, f.schoolA.id))
			);
		const forAct = sent.filter((n) => n.body.includes(`«${act.title}»`));
		expect(forAct.map((n) => n.userId).sort()).toEqual(
			[f.users.memberA.id, f.users.staffA.id].sort()
		);
		expect(forAct[0]).toMatchObject({
			title: 'Ознакомьтесь с документом',
			link: `/app/acknowledge/${act.id}`,
			documentId: act.id
		});

		const staffOnly = await publishedAct(f.schoolA, { acknowledgementRoles: ['staff'] });
		await db().transaction((tx) => notifyToAcknowledge(tx, f.schoolA, staffOnly));
		const toStaff = await db()
			.select()
			.from(notifications)
			.where(eq(notifications.kind, 'acknowledge'));
		expect(
			toStaff.filter((n) => n.body.includes(`«${staffOnly.title}»`)).map((n) => n.userId)
		).toEqual([f.users.staffA.id]);
	});
});

describe('generateAcknowledgementSheet', () => {
	it('makes a draft sheet naming everyone who must, dated for those who acknowledged, linked to the act', async () => {
		const act = await publishedAct(f.schoolA);
		const { acknowledgedAt } = await acknowledgeDocument(db(), f.actors.staffA, f.schoolA, act);
		const sheet = await generateAcknowledgementSheet(db(), f.actors.directorA, f.schoolA, act);
		expect(sheet).toMatchObject({
			organizationId: f.schoolA.id,
			kind: 'acknowledgement_sheet',
			status: 'draft',
			templateId: SHEET_TEMPLATE,
			title: `Лист ознакомления с актом «${act.title}»`
		});

		const text = (await findVersion(db(), sheet.id, 1))!.source!;
		expect(text).toContain(`«${act.title}»`);
		expect(text).toContain('от 01.09.2026 № 12-о');
		const date = formatDate(todayIn(f.schoolA.timeZone, acknowledgedAt));
		const row = (name: string) => text.split('\n').find((l) => l.includes(name))!;
		expect(row(f.users.staffA.fullName)).toMatch(
			new RegExp(`\\| Учитель математики \\| ${date.replace(/\./g, '\\.')} \\|`)
		);
		expect(row(f.users.memberA.fullName)).toMatch(/\| Заместитель директора по УВР \| +\|/);
		expect(row(f.users.directorA.fullName)).toBeDefined();
		expect(text).toContain('подтвердили в системе «Регламент»');

		const links = await db()
			.select()
			.from(documentLinks)
			.where(eq(documentLinks.documentId, sheet.id));
		expect(links).toMatchObject([{ targetId: act.id, relation: 'annex_to' }]);
		const events = await db()
			.select({ action: auditEvents.action })
			.from(auditEvents)
			.where(eq(auditEvents.entityId, sheet.id));
		expect(events.map((e) => e.action).sort()).toEqual(['document.created', 'document.linked']);
	});

	it('leaves the date column blank when nobody has acknowledged yet', async () => {
		const act = await publishedAct(f.schoolA);
		const sheet = await generateAcknowledgementSheet(db(), f.actors.directorA, f.schoolA, act);
		const text = (await findVersion(db(), sheet.id, 1))!.source!;
		expect(text.split('\n').find((l) => l.includes(f.users.staffA.fullName))).toMatch(
			/\| Учитель математики \| +\| +\|$/
		);
		expect(text).not.toContain('подтвердили в системе');
	});

	it('is refused to staff (403) and for an act not yet approved', async () => {
		const act = await publishedAct(f.schoolA);
		expect(
			await refusedWithoutChange(db(), () =>
				generateAcknowledgementSheet(db(), f.actors.staffA, f.schoolA, act)
			)
		).toBeInstanceOf(ForbiddenError);
		const draft = await publishedAct(f.schoolA, {
			status: 'draft',
			approvedVersion: null,
			approvedAt: null,
			publishedAt: null
		});
		const e = await refusedWithoutChange(db(), () =>
			generateAcknowledgementSheet(db(), f.actors.directorA, f.schoolA, draft)
		);
		expect(fieldErrorsOf(e)).toEqual({ form: NOT_APPROVED });
	});
});

describe('dashboard', () => {
	it('gives the head the publication deadline, 10 working days after the order, and when it is missed', async () => {
		const act = await publishedAct(f.schoolB, {
			status: 'approval',
			approvalOrderDate: '2026-04-30',
			publishedAt: null
		});
		// 1 May is a holiday, 2–3 May a weekend, 9–10 May a holiday and Sunday.
		expect(
			(await publicationDue(db(), f.schoolB, new Date('2026-05-15T09:00:00Z'))).find(
				(p) => p.id === act.id
			)
		).toMatchObject({ dueOn: '2026-05-15', overdue: false });
		expect(
			(await publicationDue(db(), f.schoolB, new Date('2026-05-18T09:00:00Z'))).find(
				(p) => p.id === act.id
			)
		).toMatchObject({ dueOn: '2026-05-15', overdue: true });
	});

	it('shows each person what to acknowledge, and the head the publication and acknowledgement figures', async () => {
		const act = await publishedAct(f.schoolB);
		const waiting = await publishedAct(f.schoolB, { status: 'approval', publishedAt: null });
		const director = (await loadDashboard(db(), f.actors.directorB)).cards.find(
			(c) => c.organization.id === f.schoolB.id
		)!;
		expect(director.yours.filter((l) => l.kind === 'acknowledge').map((l) => l.href)).toContain(
			`/app/acknowledge/${act.id}`
		);
		expect(director.yours.filter((l) => l.kind === 'publish').map((l) => l.key)).toContain(
			`publish-${waiting.id}`
		);
		const summary = await acknowledgementSummary(db(), f.schoolB.id);
		expect(summary).toMatchObject({ acknowledged: 0 });
		expect(director.others.find((l) => l.kind === 'acknowledgement-progress')?.text).toBe(
			`Ознакомлены 0 из ${summary.total} по ${countPhrase(summary.acts, 'акту', 'актам', 'актам')}`
		);

		const staff = (await loadDashboard(db(), f.actors.staffA)).cards.find(
			(c) => c.organization.id === f.schoolA.id
		)!;
		expect(staff.yours.filter((l) => l.kind === 'acknowledge').length).toBeGreaterThan(0);
		expect(staff.yours.every((l) => l.kind === 'acknowledge')).toBe(true);
		expect(staff.others).toEqual([]);
	});
});
