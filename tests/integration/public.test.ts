import { assignTextFamilies } from '../../src/lib/server/public/text-families';
import { classOfKind } from '../../src/lib/documents/classes';
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	discussions,
	documentLinks,
	documentVersions,
	documents,
	notifications,
	organizations,
	publicComments,
	workingGroupMembers,
	type Discussion,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import type { DocumentKind } from '../../src/lib/documents/labels';
import { PUBLIC_COMMENT_MAX, PUBLIC_NAME_MAX } from '../../src/lib/workflow/labels';
import { HOME_LIST, NAME_QUERY_MAX, publicHome } from '../../src/lib/server/public/directory';
import { publicOrganization } from '../../src/lib/server/public/organization-page';
import { publicAct, publishedActFile } from '../../src/lib/server/public/act-page';
import { searchActs, SEARCH_PAGE_SIZE } from '../../src/lib/server/public/search';
import {
	addressHash,
	COMMENTS_PER_ADDRESS,
	submitPublicComment,
	TooManyComments
} from '../../src/lib/server/public/submit-comment';
import { buildFixture, insertOrg, insertUser, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf, refusedWithoutChange } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

/** 10 March 2026, noon in Moscow: the day every discussion below is judged on. */
const NOW = new Date('2026-03-10T09:00:00Z');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface DocSpec {
	title: string;
	kind?: DocumentKind;
	status: DocumentRow['status'];
	/** The text of each version, oldest first. */
	texts: string[];
	/** Which version the order approved; published statuses only (default 1). */
	approvedVersion?: number;
	extra?: Partial<typeof documents.$inferInsert>;
}

/** A document as the route would have left it: published ones carry the approval columns. */
async function makeDocument(org: Organization, spec: DocSpec): Promise<DocumentRow> {
	const published = ['published', 'superseded', 'repealed'].includes(spec.status);
	const approvedVersion = published ? (spec.approvedVersion ?? 1) : null;
	const [doc] = await db()
		.insert(documents)
		.values({
			organizationId: org.id,
			kind: spec.kind ?? 'regulation',
			documentClass: classOfKind[spec.kind ?? 'regulation'],
			title: spec.title,
			status: spec.status,
			needsApproval: true,
			currentVersion: spec.texts.length,
			approvedVersion,
			approvedSha256: approvedVersion ? sha256(spec.texts[approvedVersion - 1]!) : null,
			approvalOrderNumber: published ? '112-о' : null,
			approvalOrderDate: published ? '2025-08-28' : null,
			approvedAt: published ? new Date('2025-08-28T07:00:00Z') : null,
			effectiveDate: published ? '2025-09-01' : null,
			publishedAt: published ? new Date('2025-08-29T07:00:00Z') : null,
			...spec.extra
		})
		.returning();
	await db()
		.insert(documentVersions)
		.values(
			spec.texts.map((source, i) => ({
				documentId: doc!.id,
				version: i + 1,
				source,
				sha256: sha256(source)
			}))
		);
	// As publication does: the act gets its text family.
	await assignTextFamilies(db(), [doc!.id]);
	return doc!;
}

async function openDiscussion(
	doc: DocumentRow,
	startsOn: string,
	endsOn: string,
	closedAt: Date | null = null
): Promise<Discussion> {
	const [d] = await db()
		.insert(discussions)
		.values({
			documentId: doc.id,
			organizationId: doc.organizationId,
			version: doc.currentVersion,
			startsOn,
			endsOn,
			closedAt
		})
		.returning();
	return d!;
}

const comment = (fields: Record<string, string> = {}) => ({
	authorName: 'Иванова Мария, мама ученика 5 «А»',
	authorRole: 'parent',
	body: 'Предлагаю выставлять отметки в журнал в день урока.',
	...fields
});

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(db(), 'pub');
});

afterAll(async () => {
	await handle?.close();
});

describe('the front page', () => {
	it('counts each region’s municipalities and schools, and finds organisations by a part of their name', async () => {
		const home = await publicHome(db(), null);
		const region = home.regions.find((r) => r.slug === f.region.slug)!;
		const all = await db().select().from(organizations);
		const under = all.filter((o) => o.path.startsWith(f.region.path) && o.id !== f.region.id);
		expect(region).toMatchObject({
			municipalities: under.filter((o) => o.kind === 'municipality').length,
			schools: under.filter((o) => o.kind === 'school').length
		});
		expect(region.schools).toBeGreaterThanOrEqual(3);
		expect(home.problems).toEqual({});

		const part = f.schoolA.shortName.slice(2, 10).toLocaleUpperCase('ru-RU');
		const found = await publicHome(db(), `  ${part} `);
		expect(found.found.map((o) => o.slug)).toContain(f.schoolA.slug);
		expect(found.found.find((o) => o.slug === f.schoolA.slug)!.parentShortName).toBe(
			f.municipality.shortName
		);
		// A % or _ is a letter of the name, not a pattern.
		expect((await publicHome(db(), '%%')).found).toEqual([]);
		expect((await publicHome(db(), 'ш')).problems.name).toBe(
			'Напишите хотя бы две буквы названия.'
		);
		expect((await publicHome(db(), 'ш'.repeat(NAME_QUERY_MAX + 1))).problems.name).toMatch(
			/не длиннее 100 символов/
		);
	});

	it('shows the newest publications and only the discussions open today, a few of each', async () => {
		// A region of its own, so that the other tests' lists stay as they expect.
		const region = await insertOrg(db(), null, 'region', {
			shortName: 'Регион главной страницы',
			slug: 'pub-home-region'
		});
		const district = await insertOrg(db(), region, 'municipality', {
			shortName: 'Район главной страницы',
			slug: 'pub-home-district'
		});
		const school = await insertOrg(db(), district, 'school', {
			shortName: 'Школа главной страницы',
			slug: 'pub-home-school'
		});
		const newest = await makeDocument(school, {
			title: 'Самое новое положение',
			status: 'published',
			texts: ['Текст.'],
			extra: { publishedAt: new Date('2026-03-09T10:00:00Z') }
		});
		const open = await makeDocument(school, {
			title: 'Проект на главной',
			status: 'discussion',
			texts: ['Проект.']
		});
		await openDiscussion(open, '2026-03-01', '2026-03-20');
		const over = await makeDocument(school, {
			title: 'Проект, обсуждение которого кончилось',
			status: 'discussion',
			texts: ['Проект.']
		});
		await openDiscussion(over, '2026-02-01', '2026-03-05');
		const home = await publicHome(db(), null, NOW);
		expect(home.recent[0]).toMatchObject({
			id: newest.id,
			orgSlug: school.slug,
			date: '2026-03-09T10:00:00.000Z'
		});
		expect(home.recent.length).toBeLessThanOrEqual(HOME_LIST);
		const dates = home.recent.map((a) => a.date);
		expect([...dates].sort().reverse()).toEqual(dates);
		expect(home.discussed.map((a) => a.id)).toContain(open.id);
		expect(home.discussed.map((a) => a.id)).not.toContain(over.id);
		expect(home.discussed.find((a) => a.id === open.id)!.date).toBe('2026-03-20');
	});
});

describe('an act on the public portal', () => {
	let published: DocumentRow;
	let draft: DocumentRow;
	let review: DocumentRow;
	let approval: DocumentRow;
	let order: DocumentRow;

	beforeAll(async () => {
		order = await makeDocument(f.schoolA, {
			title: 'Приказ об утверждении положения об ЭЖ',
			kind: 'order',
			status: 'published',
			texts: ['1. Утвердить положение об электронном журнале.']
		});
		// Version 2 is a later draft: the published address must keep showing version 1.
		published = await makeDocument(f.schoolA, {
			title: 'Положение об электронном журнале',
			status: 'published',
			texts: [
				'## 1. Общие положения\n\n1. Учитель заполняет журнал в день урока. <script>alert(1)</script>',
				'ЧЕРНОВИК НОВОЙ РЕДАКЦИИ'
			],
			extra: { approvalOrderId: order.id }
		});
		draft = await makeDocument(f.schoolA, {
			title: 'Черновик положения',
			status: 'draft',
			texts: ['Секретный черновик']
		});
		review = await makeDocument(f.schoolA, {
			title: 'Положение на согласовании',
			status: 'review',
			texts: ['Текст на согласовании']
		});
		approval = await makeDocument(f.schoolA, {
			title: 'Положение на утверждении',
			status: 'approval',
			texts: ['Текст на утверждении']
		});
	});

	it('shows the approved version, never a later draft, with its order, dates and sha-256', async () => {
		const act = await publicAct(db(), f.schoolA.slug, published.id, NOW);
		expect(act?.mode).toBe('published');
		if (act?.mode !== 'published') return;
		expect(act.html).toContain('Учитель заполняет журнал в день урока.');
		expect(act.html).not.toContain('ЧЕРНОВИК НОВОЙ РЕДАКЦИИ');
		// markdown-it with raw HTML off: the script is text.
		expect(act.html).not.toContain('<script>');
		expect(act.html).toContain('&lt;script&gt;');
		expect(act.doc).toMatchObject({
			status: 'published',
			approvedVersion: 1,
			approvedSha256: published.approvedSha256,
			approvalOrderNumber: '112-о',
			approvalOrderDate: '2025-08-28',
			effectiveDate: '2025-09-01'
		});
		expect(act.order).toEqual({ id: order.id, title: order.title });
		expect(act.org.slug).toBe(f.schoolA.slug);
		expect(act.ancestors.map((a) => a.slug)).toEqual([f.region.slug, f.municipality.slug]);
	});

	it('does not link an approving order that is not itself published', async () => {
		const unpublishedOrder = await makeDocument(f.schoolA, {
			title: 'Приказ-черновик',
			kind: 'order',
			status: 'approval',
			texts: ['…']
		});
		const act = await makeDocument(f.schoolA, {
			title: 'Инструкция',
			kind: 'instruction',
			status: 'published',
			texts: ['Текст.'],
			extra: { approvalOrderId: unpublishedOrder.id }
		});
		const page = await publicAct(db(), f.schoolA.slug, act.id, NOW);
		expect(page?.mode === 'published' && page.order).toBeNull();
	});

	it('answers nothing for drafts, acts under review or approval, another organisation’s slug and nonsense ids', async () => {
		for (const doc of [draft, review, approval])
			expect(await publicAct(db(), f.schoolA.slug, doc.id, NOW)).toBeNull();
		expect(await publicAct(db(), f.schoolB.slug, published.id, NOW)).toBeNull();
		expect(await publicAct(db(), 'no-such-school', published.id, NOW)).toBeNull();
		expect(await publicAct(db(), f.schoolA.slug, 'not-a-uuid', NOW)).toBeNull();
		expect(
			await publicAct(db(), f.schoolA.slug, '00000000-0000-4000-8000-000000000000', NOW)
		).toBeNull();
		for (const slug of ['a\u0000b', '../etc', 'x'.repeat(300), '']) {
			expect(await publicAct(db(), slug, published.id, NOW)).toBeNull();
			expect(await publicOrganization(db(), slug, NOW)).toBeNull();
		}
	});

	it('gives the DOCX of the approved version only, and none for a draft or another slug', async () => {
		const docx = await publishedActFile(db(), f.schoolA.slug, published.id, 'docx');
		expect(docx?.title).toBe(published.title);
		const xml = strFromU8(unzipSync(docx!.bytes)['word/document.xml']!);
		expect(xml).toContain('Учитель заполняет журнал в день урока.');
		expect(xml).not.toContain('ЧЕРНОВИК НОВОЙ РЕДАКЦИИ');
		expect(await publishedActFile(db(), f.schoolA.slug, draft.id, 'docx')).toBeNull();
		expect(await publishedActFile(db(), f.schoolB.slug, published.id, 'docx')).toBeNull();
	});

	it('gives the approved version as ODT and PDF by the same rules', async () => {
		const odt = await publishedActFile(db(), f.schoolA.slug, published.id, 'odt');
		const content = strFromU8(unzipSync(odt!.bytes)['content.xml']!);
		expect(content).toContain('Учитель заполняет журнал в день урока.');
		expect(content).not.toContain('ЧЕРНОВИК НОВОЙ РЕДАКЦИИ');
		const pdf = await publishedActFile(db(), f.schoolA.slug, published.id, 'pdf');
		expect(strFromU8(pdf!.bytes.subarray(0, 5))).toBe('%PDF-');
		expect(await publishedActFile(db(), f.schoolA.slug, draft.id, 'pdf')).toBeNull();
		expect(await publishedActFile(db(), f.schoolB.slug, published.id, 'odt')).toBeNull();
	});

	it('marks a superseded act and links its new edition; lists the edition chain and amendments', async () => {
		const next = await makeDocument(f.schoolB, {
			title: 'Правила (редакция 2026 года)',
			kind: 'rules',
			status: 'published',
			texts: ['Новая редакция.'],
			extra: { approvalOrderDate: '2026-01-15' }
		});
		const old = await makeDocument(f.schoolB, {
			title: 'Правила (редакция 2025 года)',
			kind: 'rules',
			status: 'superseded',
			texts: ['Старая редакция.'],
			extra: { supersededBy: next.id }
		});
		const amendment = await makeDocument(f.schoolB, {
			title: 'Изменения в правила',
			kind: 'order',
			status: 'published',
			texts: ['Внести изменения.'],
			extra: { approvalOrderDate: '2026-02-01' }
		});
		const draftAmendment = await makeDocument(f.schoolB, {
			title: 'Проект изменений',
			kind: 'order',
			status: 'draft',
			texts: ['…']
		});
		await db()
			.insert(documentLinks)
			.values([
				{ documentId: amendment.id, targetId: next.id, relation: 'amends' },
				{ documentId: draftAmendment.id, targetId: next.id, relation: 'amends' }
			]);

		// A further edition in public discussion is announced on the act in force, a draft one is not.
		const third = await makeDocument(f.schoolB, {
			title: 'Правила (проект редакции 2027 года)',
			kind: 'rules',
			status: 'discussion',
			texts: ['Проект.']
		});
		await openDiscussion(third, '2026-03-01', '2026-03-20');
		await db()
			.insert(documentLinks)
			.values({ documentId: third.id, targetId: next.id, relation: 'amends' });
		const announced = await publicAct(db(), f.schoolB.slug, next.id, NOW);
		expect(announced?.mode === 'published' && announced.editionsInDiscussion).toEqual([
			{ id: third.id, title: third.title, endsOn: '2026-03-20' }
		]);
		const afterwards = await publicAct(
			db(),
			f.schoolB.slug,
			next.id,
			new Date('2026-03-25T09:00:00Z')
		);
		expect(afterwards?.mode === 'published' && afterwards.editionsInDiscussion).toEqual([]);

		const oldPage = await publicAct(db(), f.schoolB.slug, old.id, NOW);
		expect(oldPage?.mode).toBe('published');
		if (oldPage?.mode !== 'published') return;
		expect(oldPage.doc.status).toBe('superseded');
		expect(oldPage.supersededBy).toMatchObject({ id: next.id, title: next.title });
		expect(oldPage.html).toContain('Старая редакция.');

		const nextPage = await publicAct(db(), f.schoolB.slug, next.id, NOW);
		if (nextPage?.mode !== 'published') throw new Error('expected the new edition to be public');
		expect(nextPage.supersededBy).toBeNull();
		// Oldest approval first; the unpublished amendment is not shown.
		expect(nextPage.editions.map((e) => [e.id, e.relation])).toEqual([
			[old.id, 'earlier'],
			[next.id, 'this'],
			[amendment.id, 'amended_by']
		]);
	});

	it('marks a repealed act with its repealing order', async () => {
		const repealed = await makeDocument(f.schoolB, {
			title: 'Отменённый порядок',
			kind: 'procedure',
			status: 'repealed',
			texts: ['Текст.'],
			extra: { repealOrderNumber: '5-о', repealOrderDate: '2026-02-10' }
		});
		const page = await publicAct(db(), f.schoolB.slug, repealed.id, NOW);
		expect(page?.mode === 'published' && page.doc).toMatchObject({
			status: 'repealed',
			repealOrderNumber: '5-о',
			repealOrderDate: '2026-02-10'
		});
	});
});

describe('a draft in public discussion', () => {
	let doc: DocumentRow;
	let discussion: Discussion;

	beforeAll(async () => {
		doc = await makeDocument(f.schoolA, {
			title: 'Положение о ведении электронного дневника (проект)',
			status: 'discussion',
			texts: [
				'Версия один.',
				'Версия для обсуждения: родители видят отметки в день урока.',
				'Версия три, после обсуждения.'
			]
		});
		[discussion] = (await db()
			.insert(discussions)
			.values({
				documentId: doc.id,
				organizationId: doc.organizationId,
				version: 2,
				startsOn: '2026-03-01',
				endsOn: '2026-03-20'
			})
			.returning()) as [Discussion];
	});

	it('shows the discussion version with only published comments and their answers', async () => {
		const [pending] = await db()
			.insert(publicComments)
			.values({
				discussionId: discussion.id,
				organizationId: doc.organizationId,
				authorName: 'Ждёт',
				authorRole: 'parent',
				body: 'Ещё не проверено',
				addressHash: 'x'
			})
			.returning();
		const [shown] = await db()
			.insert(publicComments)
			.values({
				discussionId: discussion.id,
				organizationId: doc.organizationId,
				authorName: 'Петров П.',
				authorRole: 'teacher',
				body: 'Добавьте срок для домашнего задания.',
				addressHash: 'y',
				status: 'published',
				answer: 'Учтено в пункте 3.',
				answeredAt: new Date('2026-03-05T10:00:00Z')
			})
			.returning();
		const [rejected] = await db()
			.insert(publicComments)
			.values({
				discussionId: discussion.id,
				organizationId: doc.organizationId,
				authorName: 'Грубиян',
				authorRole: 'other',
				body: 'Оскорбительный текст',
				addressHash: 'z',
				status: 'rejected',
				rejectReason: 'Не относится к проекту.'
			})
			.returning();
		const act = await publicAct(db(), f.schoolA.slug, doc.id, NOW);
		expect(act?.mode).toBe('discussion');
		if (act?.mode !== 'discussion') return;
		// A rejected proposal shows only its reason, never its author's name or text.
		expect(act.rejected).toEqual([
			{
				id: rejected!.id,
				authorRole: 'other',
				createdAt: rejected!.createdAt,
				rejectReason: 'Не относится к проекту.'
			}
		]);
		expect(act.discussion).toEqual({ version: 2, startsOn: '2026-03-01', endsOn: '2026-03-20' });
		expect(act.html).toContain('Версия для обсуждения');
		expect(act.html).not.toContain('Версия три');
		expect(act.comments.map((c) => c.id)).toEqual([shown!.id]);
		expect(act.comments[0]).toMatchObject({ answer: 'Учтено в пункте 3.', authorRole: 'teacher' });
		expect(act.comments.map((c) => c.id)).not.toContain(pending!.id);
		expect(await publishedActFile(db(), f.schoolA.slug, doc.id, 'docx')).toBeNull();
	});

	it('is hidden before the start, after the end and once closed', async () => {
		expect(
			await publicAct(db(), f.schoolA.slug, doc.id, new Date('2026-02-28T12:00:00Z'))
		).toBeNull();
		expect(
			await publicAct(db(), f.schoolA.slug, doc.id, new Date('2026-03-21T12:00:00Z'))
		).toBeNull();
		const closed = await makeDocument(f.schoolA, {
			title: 'Закрытое обсуждение',
			status: 'discussion',
			texts: ['Текст.']
		});
		await openDiscussion(closed, '2026-03-01', '2026-03-20', new Date('2026-03-05T00:00:00Z'));
		expect(await publicAct(db(), f.schoolA.slug, closed.id, NOW)).toBeNull();
		const left = await makeDocument(f.schoolA, {
			title: 'Возвращён в черновик',
			status: 'draft',
			texts: ['Текст.']
		});
		await openDiscussion(left, '2026-03-01', '2026-03-20');
		expect(await publicAct(db(), f.schoolA.slug, left.id, NOW)).toBeNull();
	});

	it('the organisation page lists published acts by kind, open discussions and nothing else', async () => {
		const page = (await publicOrganization(db(), f.schoolA.slug, NOW))!;
		expect(page.org).toMatchObject({ slug: f.schoolA.slug, fullName: f.schoolA.fullName });
		const titles = page.groups.flatMap((g) => g.acts.map((a) => a.title));
		expect(titles).toContain('Положение об электронном журнале');
		for (const hidden of [
			'Черновик положения',
			'Положение на согласовании',
			'Положение на утверждении',
			'Приказ-черновик',
			doc.title
		])
			expect(titles).not.toContain(hidden);
		// Groups follow the order of the kinds: orders before regulations.
		expect(page.groups.map((g) => g.kind)).toEqual(['order', 'regulation', 'instruction']);
		expect(page.discussions.map((d) => d.id)).toEqual([doc.id]);
		expect(page.discussions[0]).toMatchObject({ startsOn: '2026-03-01', endsOn: '2026-03-20' });
		expect(page.children).toEqual([]);
		const later = (await publicOrganization(
			db(),
			f.schoolA.slug,
			new Date('2026-04-01T09:00:00Z')
		))!;
		expect(later.discussions).toEqual([]);
	});

	it('an authority’s page lists the organisations under it with their acts in force', async () => {
		const page = (await publicOrganization(db(), f.municipality.slug, NOW))!;
		expect(page.children.map((c) => c.slug).sort()).toEqual(
			[f.schoolA.slug, f.schoolB.slug].sort()
		);
		expect(page.children.find((c) => c.slug === f.schoolA.slug)!.acts).toBeGreaterThan(0);
		expect(await publicOrganization(db(), 'no-such-org', NOW)).toBeNull();
	});
});

describe('public comments', () => {
	let doc: DocumentRow;
	let discussion: Discussion;

	beforeAll(async () => {
		doc = await makeDocument(f.schoolB, {
			title: 'Порядок ознакомления с отметками (проект)',
			kind: 'procedure',
			status: 'discussion',
			texts: ['Текст проекта.']
		});
		discussion = await openDiscussion(doc, '2026-03-01', '2026-03-20');
	});

	it('stores the proposal as pending, writes the audit record and tells the directors when there is no working group', async () => {
		const saved = await submitPublicComment(
			db(),
			doc.id,
			comment({ authorName: '  Иванова Мария  ' }),
			'203.0.113.7',
			NOW
		);
		expect(saved).toMatchObject({
			status: 'pending',
			discussionId: discussion.id,
			organizationId: f.schoolB.id,
			authorName: 'Иванова Мария',
			authorRole: 'parent'
		});
		expect(saved.addressHash).toBe(addressHash('203.0.113.7'));
		expect(saved.addressHash).toMatch(/^[0-9a-f]{64}$/);
		expect(saved.addressHash).not.toContain('203.0.113.7');

		const [event] = await db()
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.entityType, 'public_comment'), eq(auditEvents.entityId, saved.id)));
		expect(event).toMatchObject({
			action: 'public_comment.submitted',
			actorId: null,
			organizationId: f.schoolB.id
		});
		expect((await verifyChain(db(), f.schoolB.id)).ok).toBe(true);

		const notes = await db()
			.select()
			.from(notifications)
			.where(eq(notifications.kind, 'public_comment'));
		expect(notes.map((n) => n.userId)).toEqual([f.users.directorB.id]);
		expect(notes[0]).toMatchObject({
			title: 'Новое предложение ждёт модерации',
			link: `/app/orgs/${f.schoolB.id}/documents/${doc.id}/discussion`
		});

		// Pending: not on the public page yet.
		const act = await publicAct(db(), f.schoolB.slug, doc.id, NOW);
		expect(act?.mode === 'discussion' && act.comments).toEqual([]);
	});

	it('tells the working group’s chair and secretary, not the director, when the group has them', async () => {
		const chair = await insertUser(db(), {
			email: 'chair.pub@example.test',
			fullName: 'Председателева Вера'
		});
		const secretary = await insertUser(db(), {
			email: 'secretary.pub@example.test',
			fullName: 'Секретарёва Нина'
		});
		const member = await insertUser(db(), {
			email: 'member.pub@example.test',
			fullName: 'Членова Ольга'
		});
		const gone = await insertUser(db(), {
			email: 'gone.pub@example.test',
			fullName: 'Бывшая Председатель'
		});
		await db()
			.insert(workingGroupMembers)
			.values([
				{ organizationId: f.schoolB.id, userId: chair.id, role: 'chair' },
				{ organizationId: f.schoolB.id, userId: secretary.id, role: 'secretary' },
				{ organizationId: f.schoolB.id, userId: member.id, role: 'member' },
				{
					organizationId: f.schoolB.id,
					userId: gone.id,
					role: 'chair',
					removedAt: new Date('2026-01-01T00:00:00Z')
				}
			]);
		const earlier = new Set(
			(await db().select({ id: notifications.id }).from(notifications)).map((n) => n.id)
		);
		await submitPublicComment(db(), doc.id, comment(), '203.0.113.8', NOW);
		const fresh = (await db().select().from(notifications)).filter((n) => !earlier.has(n.id));
		expect(fresh.map((n) => n.userId).sort()).toEqual([chair.id, secretary.id].sort());
		expect(
			fresh.every((n) => n.kind === 'public_comment' && n.organizationId === f.schoolB.id)
		).toBe(true);
	});

	it('refuses empty, oversized and unknown-role proposals with a message per field, changing nothing', async () => {
		const empty = fieldErrorsOf(
			await refusedWithoutChange(db(), () =>
				submitPublicComment(
					db(),
					doc.id,
					{ authorName: ' ', authorRole: '', body: '  ' },
					'203.0.113.9',
					NOW
				)
			)
		);
		expect(empty.authorName).toMatch(/Укажите/);
		expect(empty.authorRole).toMatch(/Выберите/);
		expect(empty.body).toMatch(/Напишите предложение/);

		const long = fieldErrorsOf(
			await refusedWithoutChange(db(), () =>
				submitPublicComment(
					db(),
					doc.id,
					comment({
						authorName: 'Я'.repeat(PUBLIC_NAME_MAX + 1),
						authorRole: 'director',
						body: 'а'.repeat(PUBLIC_COMMENT_MAX + 1)
					}),
					'203.0.113.9',
					NOW
				)
			)
		);
		expect(long.authorName).toContain(String(PUBLIC_NAME_MAX));
		expect(long.authorRole).toMatch(/Выберите/);
		expect(long.body).toContain(String(PUBLIC_COMMENT_MAX));

		const exact = await submitPublicComment(
			db(),
			doc.id,
			comment({ body: 'б'.repeat(PUBLIC_COMMENT_MAX) }),
			'203.0.113.9',
			NOW
		);
		expect(exact.body.length).toBe(PUBLIC_COMMENT_MAX);
	});

	it('refuses outside the discussion’s dates, in the organisation’s time zone, and when there is no open discussion', async () => {
		const before = fieldErrorsOf(
			await refusedWithoutChange(db(), () =>
				submitPublicComment(
					db(),
					doc.id,
					comment(),
					'198.51.100.1',
					new Date('2026-02-28T12:00:00Z')
				)
			)
		);
		expect(before.form).toBe('Обсуждение начнётся 01.03.2026: тогда и присылайте предложения.');
		const after = fieldErrorsOf(
			await refusedWithoutChange(db(), () =>
				submitPublicComment(
					db(),
					doc.id,
					comment(),
					'198.51.100.1',
					new Date('2026-03-21T06:00:00Z')
				)
			)
		);
		expect(after.form).toMatch(/^Обсуждение завершилось 20\.03\.2026/);

		// 20 March, 20:00 in UTC is already 21 March in Yakutsk: the region's discussion is over there.
		const regional = await makeDocument(f.region, {
			title: 'Региональный порядок (проект)',
			kind: 'procedure',
			status: 'discussion',
			texts: ['Текст.']
		});
		await openDiscussion(regional, '2026-03-01', '2026-03-20');
		const lateEvening = new Date('2026-03-20T20:00:00Z');
		const yakutsk = fieldErrorsOf(
			await refusedWithoutChange(db(), () =>
				submitPublicComment(db(), regional.id, comment(), '198.51.100.1', lateEvening)
			)
		);
		expect(yakutsk.form).toMatch(/завершилось/);
		// The same instant is still 20 March in Moscow: the school's discussion accepts it.
		await expect(
			submitPublicComment(db(), doc.id, comment(), '198.51.100.1', lateEvening)
		).resolves.toMatchObject({ status: 'pending' });

		const closed = await makeDocument(f.schoolB, {
			title: 'Обсуждение закрыто',
			status: 'discussion',
			texts: ['Текст.']
		});
		await openDiscussion(closed, '2026-03-01', '2026-03-20', new Date('2026-03-09T00:00:00Z'));
		const draft = await makeDocument(f.schoolB, {
			title: 'Просто черновик',
			status: 'draft',
			texts: ['Текст.']
		});
		const published = await makeDocument(f.schoolB, {
			title: 'Уже действует',
			status: 'published',
			texts: ['Текст.']
		});
		for (const id of [
			closed.id,
			draft.id,
			published.id,
			'not-a-uuid',
			'00000000-0000-4000-8000-000000000000'
		]) {
			const e = fieldErrorsOf(
				await refusedWithoutChange(db(), () =>
					submitPublicComment(db(), id, comment(), '198.51.100.1', NOW)
				)
			);
			expect(e.form).toBe(
				'Этот документ сейчас не обсуждается: предложения к нему не принимаются.'
			);
		}
	});

	it('accepts five proposals an hour from one address, refuses the sixth with the minutes to wait, and lets it in after the hour', async () => {
		const address = '2001:db8::42';
		const start = new Date('2026-03-11T08:00:00Z');
		for (let i = 0; i < COMMENTS_PER_ADDRESS; i++) {
			await submitPublicComment(
				db(),
				doc.id,
				comment({ body: `Предложение ${i + 1}` }),
				address,
				new Date(start.getTime() + i * 60_000)
			);
		}
		const tenMinutesLater = new Date(start.getTime() + 10 * 60_000);
		const refused = await refusedWithoutChange<TooManyComments>(db(), () =>
			submitPublicComment(db(), doc.id, comment(), address, tenMinutesLater)
		);
		expect(refused).toBeInstanceOf(TooManyComments);
		expect(fieldErrorsOf(refused).form).toBe(
			'Слишком много предложений с вашего адреса. Попробуйте через 50 мин.'
		);
		// Another address is not affected.
		await expect(
			submitPublicComment(db(), doc.id, comment(), '2001:db8::43', tenMinutesLater)
		).resolves.toMatchObject({ status: 'pending' });
		// Once the first of the five is an hour old, one more is accepted.
		await expect(
			submitPublicComment(
				db(),
				doc.id,
				comment(),
				address,
				new Date(start.getTime() + 60 * 60_000 + 1000)
			)
		).resolves.toMatchObject({ status: 'pending' });
		await expect(
			submitPublicComment(
				db(),
				doc.id,
				comment({ body: 'Ещё одно' }),
				address,
				new Date(start.getTime() + 60 * 60_000 + 2000)
			)
		).rejects.toBeInstanceOf(TooManyComments);
	});

	it('takes the same proposal sent twice from one address — a double click, a retry — as one', async () => {
		const address = '198.51.100.77';
		const text = comment({ body: 'Прошу добавить пункт о дневнике.' });
		const pending = () =>
			db()
				.select()
				.from(publicComments)
				.where(eq(publicComments.addressHash, addressHash(address)));
		const [first, second] = await Promise.all([
			submitPublicComment(db(), doc.id, text, address, NOW),
			submitPublicComment(db(), doc.id, text, address, NOW)
		]);
		expect(second.id).toBe(first.id);
		const retry = await submitPublicComment(
			db(),
			doc.id,
			text,
			address,
			new Date(NOW.getTime() + 5 * 60_000)
		);
		expect(retry.id).toBe(first.id);
		expect(await pending()).toHaveLength(1);
		// Another text, or the same text from someone else, is a proposal of its own.
		await submitPublicComment(
			db(),
			doc.id,
			comment({ body: 'И ещё пункт о журнале.' }),
			address,
			NOW
		);
		await submitPublicComment(db(), doc.id, text, '198.51.100.78', NOW);
		expect(await pending()).toHaveLength(2);
	});
});

describe('search', () => {
	let search: Organization;
	let titled: DocumentRow;
	let bodyOnly: DocumentRow;
	let superseded: DocumentRow;
	const params = (p: Record<string, string>) => new URLSearchParams(p);

	beforeAll(async () => {
		search = await insertOrg(db(), f.municipality, 'school', {
			shortName: 'Школа поиска',
			slug: 'pub-search-school'
		});
		// The body mentions the word far more often, yet the title match comes first.
		titled = await makeDocument(search, {
			title: 'Положение о светофоре',
			status: 'published',
			texts: ['Общие нормы безопасности дорожного движения.']
		});
		bodyOnly = await makeDocument(search, {
			title: 'Инструкция по безопасности',
			kind: 'instruction',
			status: 'published',
			texts: [
				'Светофор у школы. '.repeat(3) +
					'Дети переходят дорогу на зелёный сигнал светофора. Светофоры проверяют <b>ежедневно</b> & "вовремя".'
			]
		});
		superseded = await makeDocument(search, {
			title: 'Старое положение',
			status: 'superseded',
			texts: ['Старый светофор во дворе.']
		});
		await makeDocument(search, {
			title: 'Черновик про светофор',
			status: 'draft',
			texts: ['Светофор в черновике.']
		});
		await makeDocument(search, {
			title: 'Проект про светофор',
			status: 'discussion',
			texts: ['Светофор в проекте.']
		});
		// Approved version 1 speaks of something else; only the later draft has the word.
		await makeDocument(search, {
			title: 'Порядок дежурства',
			kind: 'procedure',
			status: 'published',
			texts: ['Дежурный учитель встречает детей.', 'Светофор в новой редакции.']
		});
		await makeDocument(f.otherSchool, {
			title: 'Светофор соседней школы',
			status: 'published',
			texts: ['Светофор.']
		});
	});

	it('finds published acts by their approved text and title, title matches first, with highlights', async () => {
		const r = await searchActs(db(), params({ q: 'светофор', org: search.slug }));
		expect(r.problems).toEqual({});
		expect(r.hits.map((h) => h.id)).toEqual([titled.id, bodyOnly.id]);
		expect(r.total).toBe(2);
		expect(r.hits[0]!.titleHtml).toBe('Положение о <mark>светофоре</mark>');
		const fragment = r.hits[1]!.fragmentHtml;
		expect(fragment).toMatch(/<mark>Светофор<\/mark>/);
		expect(fragment).toMatch(/<mark>светофора<\/mark>/);
		// Everything but the marks is escaped text.
		expect(fragment.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
		expect(r.hits[1]).toMatchObject({
			kind: 'instruction',
			orgSlug: search.slug,
			orgName: 'Школа поиска',
			status: 'published',
			approvalOrderNumber: '112-о'
		});
	});

	it('includes superseded acts only when asked', async () => {
		const r = await searchActs(db(), params({ q: 'светофор', org: search.slug, ended: 'on' }));
		expect(r.hits.map((h) => h.id)).toEqual([titled.id, bodyOnly.id, superseded.id]);
		expect(r.hits[2]!.status).toBe('superseded');
	});

	it('narrows to an organisation’s subtree and to a kind', async () => {
		const all = await searchActs(db(), params({ q: 'светофор' }));
		expect(all.hits.map((h) => h.title)).toContain('Светофор соседней школы');
		const municipality = await searchActs(
			db(),
			params({ q: 'светофор', org: f.municipality.slug })
		);
		expect(municipality.hits.map((h) => h.id).sort()).toEqual([titled.id, bodyOnly.id].sort());
		expect(municipality.scope).toEqual({
			slug: f.municipality.slug,
			shortName: f.municipality.shortName
		});
		const region = await searchActs(db(), params({ q: 'светофор', org: f.region.slug }));
		expect(region.total).toBe(3);
		const kind = await searchActs(db(), params({ q: 'светофор', kind: 'instruction' }));
		expect(kind.hits.map((h) => h.id)).toEqual([bodyOnly.id]);
	});

	it('turns nonsense filters into messages, never an error', async () => {
		expect(
			(await searchActs(db(), params({ q: 'светофор', org: 'школа\u0000' }))).problems.org
		).toMatch(/Такой организации нет/);
		const r = await searchActs(
			db(),
			params({ q: 'светофор', org: 'no-such-org', kind: 'poem', page: 'abc' })
		);
		expect(r.problems.org).toMatch(/Такой организации нет/);
		expect(r.problems.kind).toMatch(/Такого вида документа нет/);
		expect(r.scope).toBeNull();
		expect(r.total).toBe(3);
		const huge = await searchActs(db(), params({ q: 'светофор', page: '99999' }));
		expect(huge.params.page).toBe(1);
		expect(huge.problems.page).toBeDefined();
		const beyond = await searchActs(db(), params({ q: 'светофор', page: '5' }));
		expect(beyond.hits).toEqual([]);
		expect(beyond.total).toBe(3);
		expect(beyond.problems.page).toMatch(/результатов нет/);
		expect((await searchActs(db(), params({ q: '' }))).hits).toEqual([]);
		const stop = await searchActs(db(), params({ q: 'и в на' }));
		expect(stop.noWords).toBe(true);
		for (const q of [
			'"',
			'!!!',
			'-',
			':*',
			'\u0000светофор',
			'a'.repeat(5000),
			"'); drop table documents; --"
		]) {
			const weird = await searchActs(db(), params({ q }));
			expect(Array.isArray(weird.hits)).toBe(true);
		}
		expect(await db().$count(documents)).toBeGreaterThan(0);
	});

	it('escapes titles it highlights', async () => {
		const hostile = await makeDocument(search, {
			title: 'Правила <img src=x onerror=alert(1)> «Зебра»',
			kind: 'rules',
			status: 'published',
			texts: ['Пешеходный переход.']
		});
		const r = await searchActs(db(), params({ q: 'зебра' }));
		const hit = r.hits.find((h) => h.id === hostile.id)!;
		expect(hit.titleHtml).not.toContain('<img');
		expect(hit.titleHtml).toContain('&lt;img');
		expect(hit.titleHtml).toContain('<mark>Зебра</mark>');
	});

	describe('one text published by many', () => {
		const modelAct = (org: Organization, name: string, edit?: string) =>
			makeDocument(org, {
				title: 'Положение о ведении табеля дежурств',
				status: 'published',
				texts: [
					`Настоящее положение определяет порядок ведения табеля дежурств в ${name}.`,
					...(edit ? [edit] : [])
				],
				approvedVersion: edit ? 2 : 1,
				extra: { templateId: 'test-duty-roster', templateHash: 'h1' }
			});
		let schools: Organization[];
		let acts: DocumentRow[];

		beforeAll(async () => {
			schools = [];
			for (let i = 1; i <= 4; i++)
				schools.push(
					await insertOrg(db(), i <= 3 ? f.municipality : f.otherMunicipality, 'school', {
						shortName: `Школа табеля ${i}`,
						slug: `pub-duty-${i}`
					})
				);
			// The template made version 1 of each (its hash recorded on it): an unchanged model text, names aside.
			acts = [];
			for (const [i, school] of schools.entries())
				acts.push(await modelAct(school, `«Школа табеля ${i + 1}»`));
			await db()
				.update(documentVersions)
				.set({ templateHash: 'h1' })
				.where(
					inArray(
						documentVersions.documentId,
						acts.map((a) => a.id)
					)
				);
			await db()
				.update(documents)
				.set({ textFamilyId: null })
				.where(
					inArray(
						documents.id,
						acts.map((a) => a.id)
					)
				);
			await assignTextFamilies(
				db(),
				acts.map((a) => a.id)
			);
		});

		it('groups acts whose text is the same model act with other names into one result', async () => {
			const r = await searchActs(db(), params({ q: 'табель дежурств' }));
			expect(r.total).toBe(1);
			expect(r.acts).toBe(4);
			expect(r.hits).toHaveLength(1);
			expect(r.hits[0]).toMatchObject({ sameText: 4, changedText: 0, modelText: 'unchanged' });
			// Shown by one real act of the group, its fragment from its own text.
			expect(acts.map((a) => a.id)).toContain(r.hits[0]!.id);
			expect(r.hits[0]!.fragmentHtml).toMatch(/<mark>табеля<\/mark> <mark>дежурств<\/mark>/);
			const listed = await searchActs(
				db(),
				params({ q: 'табель дежурств', same: r.hits[0]!.textId })
			);
			expect(listed.total).toBe(4);
			expect(listed.sameTitle).toBe('Положение о ведении табеля дежурств');
			expect(listed.hits.map((h) => h.id).sort()).toEqual(acts.map((a) => a.id).sort());
		});

		it('counts a text within the scope searched', async () => {
			const r = await searchActs(db(), params({ q: 'табель дежурств', org: f.municipality.slug }));
			expect(r.hits.map((h) => h.sameText)).toEqual([3]);
			expect(r.hits[0]!.changedText).toBe(0);
			expect(schools.slice(0, 3).map((s) => s.slug)).toContain(r.hits[0]!.orgSlug);
			const listed = await searchActs(
				db(),
				params({ q: 'табель дежурств', org: f.municipality.slug, same: r.hits[0]!.textId })
			);
			expect(listed.total).toBe(3);
			expect(listed.hits.map((h) => h.orgSlug).sort()).toEqual(
				schools
					.slice(0, 3)
					.map((s) => s.slug)
					.sort()
			);
		});

		it('counts an edited model act beside the unchanged text, and keeps a text of its own apart; counts follow repeal whatever the code path', async () => {
			const school = await insertOrg(db(), f.municipality, 'school', {
				shortName: 'Школа правок',
				slug: 'pub-duty-edited'
			});
			const edited = await modelAct(
				school,
				'«Школа правок»',
				'Настоящее положение определяет порядок ведения табеля дежурств и журнала дежурных.'
			);
			await db()
				.update(documentVersions)
				.set({ templateHash: 'h1' })
				.where(eq(documentVersions.documentId, edited.id));
			// Same title, written by hand: its own text too.
			const handWritten = await makeDocument(f.otherSchool, {
				title: 'Положение о ведении табеля дежурств',
				status: 'published',
				texts: ['Дежурства по графику.']
			});
			const r = await searchActs(db(), params({ q: 'табель дежурств' }));
			expect(r.total).toBe(2);
			expect(r.acts).toBe(6);
			expect(r.hits[0]).toMatchObject({ sameText: 4, changedText: 1, modelText: 'unchanged' });
			expect(r.hits[1]).toMatchObject({
				id: handWritten.id,
				sameText: 1,
				changedText: 0,
				modelText: null
			});
			// A word only the edited act has finds it alone, marked as changed.
			const own = await searchActs(db(), params({ q: 'журнал дежурных' }));
			expect(own.hits).toHaveLength(1);
			expect(own.hits[0]).toMatchObject({
				id: edited.id,
				modelText: 'changed',
				sameText: 1,
				changedText: 0
			});
			// The list of the model act's acts: the unchanged ones first, then the changed one.
			const listed = await searchActs(
				db(),
				params({ q: 'табель дежурств', same: r.hits[0]!.textId })
			);
			expect(listed.total).toBe(5);
			expect(listed.hits.map((h) => h.modelText)).toEqual([
				'unchanged',
				'unchanged',
				'unchanged',
				'unchanged',
				'changed'
			]);
			await db().update(documents).set({ status: 'repealed' }).where(eq(documents.id, acts[0]!.id));
			const after = await searchActs(db(), params({ q: 'табель дежурств' }));
			expect(after.hits[0]!.sameText).toBe(3);
			const withEnded = await searchActs(db(), params({ q: 'табель дежурств', ended: 'on' }));
			expect(withEnded.hits[0]!.sameText).toBe(4);
			await db()
				.update(documents)
				.set({ status: 'published' })
				.where(eq(documents.id, acts[0]!.id));
		});

		it('drops a link to a text the query does not match, saying so', async () => {
			const r = await searchActs(db(), params({ q: 'табель дежурств' }));
			const other = await searchActs(db(), params({ q: 'светофор', same: r.hits[0]!.textId }));
			expect(other.problems.same).toMatch(/не подходит под запрос/);
			expect(other.params.same).toBeNull();
			expect(other.hits.length).toBeGreaterThan(0);
			expect(
				(await searchActs(db(), params({ q: 'светофор', same: 'не-uuid' }))).problems.same
			).toMatch(/Такого текста нет/);
		});
	});

	it('pages by twenty', async () => {
		const many = await insertOrg(db(), f.otherMunicipality, 'school', {
			shortName: 'Школа многих актов',
			slug: 'pub-many-acts'
		});
		for (let i = 1; i <= SEARCH_PAGE_SIZE + 5; i++)
			await makeDocument(many, {
				title: `Акт ${i}`,
				kind: 'other',
				status: 'published',
				texts: [`Пункт ${i}: расписание звонков.`]
			});
		const first = await searchActs(db(), params({ q: 'расписание звонков', org: many.slug }));
		expect(first.total).toBe(SEARCH_PAGE_SIZE + 5);
		expect(first.hits).toHaveLength(SEARCH_PAGE_SIZE);
		const second = await searchActs(
			db(),
			params({ q: 'расписание звонков', org: many.slug, page: '2' })
		);
		expect(second.hits).toHaveLength(5);
		expect(new Set([...first.hits, ...second.hits].map((h) => h.id)).size).toBe(
			SEARCH_PAGE_SIZE + 5
		);
	});
});
