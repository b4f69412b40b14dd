import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	councilOpinions,
	discussions,
	documentLinks,
	documentVersions,
	documents,
	files,
	notifications,
	paragraphComments,
	publicComments,
	registrationCounters,
	reviewDecisions,
	reviewRounds,
	workingGroupMembers,
	type DocumentRow,
	type Organization,
	type PublicComment
} from '../../src/lib/server/db/schema';
import { ForbiddenError, loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { generateDocument } from '../../src/lib/server/documents/generate-document';
import { findVersion } from '../../src/lib/server/documents/queries';
import { saveVersion } from '../../src/lib/server/documents/save-version';
import { createCampaign } from '../../src/lib/server/checklists/campaigns';
import { syncCatalogues } from '../../src/lib/server/checklists/sync-catalogues';
import { publicAct } from '../../src/lib/server/public/act-page';
import { submitPublicComment } from '../../src/lib/server/public/submit-comment';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import {
	APPROVAL_ORDER_TEMPLATE,
	approveDocuments,
	prepareApprovalOrder,
	publishDocument,
	repealDocument,
	signOrder,
	startNewEdition
} from '../../src/lib/server/workflow/approval';
import { nextOrderNumber } from '../../src/lib/server/documents/registration';
import {
	REQUEST_LETTER_TEMPLATE,
	recordMissedOpinionsEverywhere,
	recordOpinion,
	requestOpinions,
	setRouteOptions
} from '../../src/lib/server/workflow/councils';
import {
	answerComment,
	closeDiscussion,
	moderateComment,
	openDiscussion,
	returnToDraft
} from '../../src/lib/server/workflow/discussion';
import { paragraphsOf } from '../../src/lib/server/workflow/paragraphs';
import {
	closeRoundByChair,
	commentParagraph,
	decideReview,
	reviewHistory,
	submitDocument
} from '../../src/lib/server/workflow/review';
import {
	addWorkingGroupMember,
	changeWorkingGroupRole,
	currentWorkingGroup,
	removeWorkingGroupMember,
	workingGroupHistory
} from '../../src/lib/server/workflow/working-group';
import { formatDate, todayIn } from '../../src/lib/format';
import { addWorkingDays } from '../../src/lib/working-days';
import { buildFixture, grantRole, insertOrg, insertUser, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf, plausibleForm, sampleExe, samplePdf } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';
import { discussionReachingLastDay, throughDiscussion, toApproval } from '../helpers/route';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

const library = readTemplateLibrary();
const REGULATION = 'school-regulation-journal';
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The second member of school A's working group, and the chair of school B's. */
let memberB: Actor;
let chairB: Actor;
/** The school's local date: every term of the route is counted in it. */
let today: string;

function shiftDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** A draft from a model template, every variable filled plausibly. */
async function generate(
	org: Organization,
	actor: Actor,
	templateId: string,
	title?: string
): Promise<DocumentRow> {
	const template = library.byId.get(templateId)!;
	return generateDocument(db(), actor, org, templateId, {
		title: title ?? template.title,
		number: '',
		documentDate: '',
		place: '',
		effectiveDate: '',
		responsibleId: '',
		...plausibleForm(template.variables)
	});
}

const reload = async (id: string) =>
	(await db().select().from(documents).where(eq(documents.id, id)))[0]!;
const roundsOf = (docId: string) =>
	db()
		.select()
		.from(reviewRounds)
		.where(eq(reviewRounds.documentId, docId))
		.orderBy(asc(reviewRounds.round));
const decision = (version: number, choice: string, comment = '') => ({
	version: String(version),
	decision: choice,
	comment
});
const order = (fields: Record<string, string> = {}) => ({
	orderNumber: '',
	orderDate: today,
	effectiveDate: '',
	publish: 'on',
	...plausibleForm(
		library.byId.get(APPROVAL_ORDER_TEMPLATE)!.variables.filter((v) => v.source !== 'route')
	),
	var_repealed: '',
	...fields
});
/** Approval as the director does it: the approval order made from the model template and registered in the journal. */
async function approve(
	actor: Actor,
	org: Organization,
	ids: string[],
	raw: Record<string, string>
) {
	return approveDocuments(db(), actor, org, ids, raw, await prepareApprovalOrder(db(), org, raw));
}
const sourceOf = async (docId: string, version: number) =>
	(await findVersion(db(), docId, version))!.source!;
/** Signing an order: the journal gives the next number of the series unless one is typed. */
const sign = (actor: Actor, org: Organization, id: string, fields: Record<string, string> = {}) =>
	signOrder(db(), actor, org, id, {
		series: '-о',
		orderNumber: '',
		orderDate: today,
		publish: 'on',
		...fields
	});
/** The «ПРИКАЗЫВАЮ» point that approves acts, as the order's text has it. */
const actsPoint = (text: string) =>
	/Утвердить и ввести в действие[^\n]*:\n((?: {4}\d+\. [^\n]*\n?)+)/.exec(text)?.[1] ?? '';
const appendicesPoint = (text: string) =>
	/\d+\. Утвердить:\n((?: {4}\d+\. [^\n]*\n?)+)/.exec(text)?.[1] ?? '';

async function noticesOf(userId: string, kind: string, title?: string) {
	const rows = await db()
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
	return title ? rows.filter((n) => n.body.includes(title)) : rows;
}

async function auditOf(action: string, entityId: string) {
	return db()
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)))
		.orderBy(asc(auditEvents.id));
}

/** Rows of every table a step of the route writes to. */
async function tally() {
	const tables = {
		documents,
		documentVersions,
		documentLinks,
		files,
		reviewRounds,
		reviewDecisions,
		paragraphComments,
		discussions,
		publicComments,
		councilOpinions,
		registrationCounters,
		notifications,
		workingGroupMembers,
		auditEvents
	};
	const out: Record<string, number> = {};
	for (const [name, table] of Object.entries(tables)) out[name] = await db().$count(table);
	return out;
}

/** Expects a refusal that leaves every table, and the document if named, exactly as it was. */
async function refused(action: () => Promise<unknown>, docId?: string): Promise<unknown> {
	const before = await tally();
	const row = docId ? await reload(docId) : null;
	let failed = false;
	let caught: unknown;
	try {
		await action();
	} catch (e) {
		failed = true;
		caught = e;
	}
	expect(failed, 'expected a refusal, but the action succeeded').toBe(true);
	expect(await tally()).toEqual(before);
	if (docId) expect(await reload(docId)).toEqual(row);
	return caught;
}

const formError = (e: unknown) => fieldErrorsOf(e).form;

function expectForbidden(e: unknown) {
	expect(e, e instanceof Error ? `${e.name}: ${e.message}` : String(e)).toBeInstanceOf(
		ForbiddenError
	);
}

/** A person of the school with a membership in it. */
let personCounter = 0;
async function person(
	org: Organization,
	role: 'director' | 'working_group' | 'staff',
	fullName: string
): Promise<Actor> {
	personCounter += 1;
	const user = await insertUser(db(), {
		email: `wf-person-${personCounter}@example.test`,
		fullName
	});
	await grantRole(db(), user, org, role);
	return loadActor(db(), user);
}

/** A school of the fixture municipality with a director and a working group of the given roles. */
let schoolCounter = 0;
async function schoolWithGroup(roles: ('chair' | 'secretary' | 'member')[]) {
	schoolCounter += 1;
	const n = schoolCounter;
	const org = await insertOrg(db(), f.municipality, 'school', {
		shortName: `Школа ${n} маршрута`,
		slug: `wf-school-${n}`
	});
	const director = await person(org, 'director', `Директоров ${n}`);
	const members: Actor[] = [];
	for (const [i, role] of roles.entries()) {
		const m = await person(org, 'working_group', `Участник ${n}-${i + 1}`);
		await addWorkingGroupMember(db(), director, org, { userId: m.id, role, position: '' });
		members.push(m);
	}
	return { org, director, members };
}

/** Sends the draft and has every reviewer of its round approve it. */
async function throughReview(
	org: Organization,
	author: Actor,
	doc: DocumentRow,
	reviewers: Actor[]
): Promise<DocumentRow> {
	expect(await submitDocument(db(), author, org, doc.id)).toBe('review');
	const fresh = await reload(doc.id);
	for (const r of reviewers)
		await decideReview(db(), r, org, doc.id, decision(fresh.currentVersion, 'approve'));
	return reload(doc.id);
}

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'wf');
	today = todayIn(f.schoolA.timeZone);
	memberB = await person(f.schoolA, 'working_group', 'Членова Бэлла');
	chairB = await person(f.schoolB, 'working_group', 'Чужова Вера');
	await addWorkingGroupMember(db(), f.actors.directorB, f.schoolB, {
		userId: chairB.id,
		role: 'chair',
		position: ''
	});
	// School A has a checklist: its item 001.21 is proven by the regulation on the journal.
	expect((await syncCatalogues(handle.db)).problems).toEqual([]);
	const [catalogue] = await db()
		.select({ id: checklistCatalogues.id })
		.from(checklistCatalogues)
		.where(and(eq(checklistCatalogues.code, 'crimea-001'), eq(checklistCatalogues.version, 1)));
	await createCampaign(db(), f.actors.municipalityAuthority, f.municipality, {
		catalogueId: catalogue!.id,
		title: 'Переход на электронный журнал',
		startsOn: '2026-09-01',
		dueOn: '2026-12-25',
		scope: 'schools',
		schoolIds: [f.schoolA.id]
	});
});
afterAll(async () => {
	await handle?.close();
});

async function checklistItem(orgId: string, code: string) {
	const [row] = await db()
		.select({ item: checklistItems })
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.where(and(eq(checklistItems.organizationId, orgId), eq(catalogueItems.code, code)));
	return row!.item;
}

describe('the route of a regulation in school A: director as author, two members, the public', () => {
	let doc: DocumentRow;
	let v1Source: string;
	let v2Source: string;
	let proposal: PublicComment;
	let spam: PublicComment;
	let endsLater: string;
	const PARA2_V2 = '2. Положение разработано рабочей группой в соответствии с:';

	it('forms the working group: one chair, one secretary, only people of the school; a new role closes the old row', async () => {
		const director = f.actors.directorA;
		const add = (actor: Actor, userId: string, role: string) =>
			addWorkingGroupMember(db(), actor, f.schoolA, { userId, role, position: '' });
		await add(director, f.users.memberA.id, 'chair');
		await add(director, memberB.id, 'member');
		await add(director, f.users.directorA.id, 'member');

		expect(fieldErrorsOf(await refused(() => add(director, f.users.staffA.id, 'chair')))).toEqual({
			role: 'Председатель у рабочей группы уже есть: сначала смените роль нынешнему.'
		});
		expect(fieldErrorsOf(await refused(() => add(director, memberB.id, 'secretary')))).toEqual({
			userId: 'Этот человек уже в рабочей группе.'
		});
		expect(
			fieldErrorsOf(await refused(() => add(director, f.users.directorB.id, 'member')))
		).toEqual({ userId: 'Этот человек не работает в организации: сначала пригласите его.' });
		expect(fieldErrorsOf(await refused(() => add(director, f.users.staffA.id, 'boss')))).toEqual({
			role: 'Выберите роль в рабочей группе.'
		});
		// Only the head forms the group: not a member, not the head of another school, not an authority above.
		for (const who of [
			f.actors.memberA,
			f.actors.staffA,
			f.actors.directorB,
			f.actors.municipalityAuthority
		])
			expectForbidden(await refused(() => add(who, f.users.staffA.id, 'member')));

		// The teacher becomes secretary, then a plain member: the secretary row closes, a new one opens.
		const secretary = await add(director, f.users.staffA.id, 'secretary');
		const memberBRow = (await currentWorkingGroup(db(), f.schoolA.id)).find(
			(m) => m.userId === memberB.id
		)!;
		const taken = await refused(() =>
			changeWorkingGroupRole(db(), director, f.schoolA, memberBRow.id, 'secretary')
		);
		expect(fieldErrorsOf(taken)).toEqual({
			role: 'Секретарь у рабочей группы уже есть: сначала смените роль нынешнему.'
		});
		expect(
			fieldErrorsOf(
				await refused(() =>
					changeWorkingGroupRole(db(), director, f.schoolA, secretary.id, 'secretary')
				)
			)
		).toEqual({ role: 'Эта роль у него уже есть.' });
		await changeWorkingGroupRole(db(), director, f.schoolA, secretary.id, 'member');
		const staffRows = (await workingGroupHistory(db(), f.schoolA.id)).filter(
			(r) => r.fullName === f.users.staffA.fullName
		);
		expect(staffRows.map((r) => [r.role, r.removedAt === null]).sort()).toEqual([
			['member', true],
			['secretary', false]
		]);
		// A closed row cannot be changed again; the teacher then leaves the group.
		expect(
			formError(
				await refused(() =>
					changeWorkingGroupRole(db(), director, f.schoolA, secretary.id, 'chair')
				)
			)
		).toBe('Такого члена рабочей группы нет: возможно, состав уже изменили. Обновите страницу.');
		const staffNow = (await currentWorkingGroup(db(), f.schoolA.id)).find(
			(m) => m.userId === f.users.staffA.id
		)!;
		await removeWorkingGroupMember(db(), director, f.schoolA, staffNow.id);

		const group = await currentWorkingGroup(db(), f.schoolA.id);
		expect(group[0]).toMatchObject({ userId: f.users.memberA.id, role: 'chair' });
		expect(group.map((m) => m.userId).sort()).toEqual(
			[f.users.memberA.id, memberB.id, f.users.directorA.id].sort()
		);
		expect(
			await auditOf(
				'working_group.member_changed',
				(await workingGroupHistory(db(), f.schoolA.id)).find(
					(r) => r.fullName === f.users.staffA.fullName && r.role === 'member'
				)!.id
			)
		).toHaveLength(1);
		expect((await verifyChain(db(), f.schoolA.id)).ok).toBe(true);
	});

	it('submitting opens round 1 on version 1 for the group without the author; the draft stays private', async () => {
		doc = await generate(
			f.schoolA,
			f.actors.directorA,
			REGULATION,
			'Положение об электронном журнале'
		);
		v1Source = await sourceOf(doc.id, 1);
		expect(doc).toMatchObject({
			kind: 'regulation',
			status: 'draft',
			currentVersion: 1,
			publishedAt: null,
			authorId: f.users.directorA.id
		});
		expect(await publicAct(db(), f.schoolA.slug, doc.id)).toBeNull();
		// A teacher cannot send it; a member cannot send another's draft.
		expectForbidden(
			await refused(() => submitDocument(db(), f.actors.staffA, f.schoolA, doc.id), doc.id)
		);
		expectForbidden(await refused(() => submitDocument(db(), memberB, f.schoolA, doc.id), doc.id));

		expect(await submitDocument(db(), f.actors.directorA, f.schoolA, doc.id)).toBe('review');
		const inReview = await reload(doc.id);
		expect(inReview).toMatchObject({ status: 'review', currentVersion: 1, publishedAt: null });
		expect(await publicAct(db(), f.schoolA.slug, doc.id)).toBeNull();

		const rounds = await roundsOf(doc.id);
		expect(rounds).toHaveLength(1);
		expect(rounds[0]).toMatchObject({
			round: 1,
			version: 1,
			closedAt: null,
			outcome: null,
			openedBy: f.users.directorA.id
		});
		expect([...rounds[0]!.reviewerIds].sort()).toEqual([f.users.memberA.id, memberB.id].sort());
		for (const id of [f.users.memberA.id, memberB.id])
			expect(await noticesOf(id, 'review_requested', doc.title)).toHaveLength(1);
		expect(await noticesOf(f.users.directorA.id, 'review_requested', doc.title)).toHaveLength(0);
		expect(await auditOf('document.submitted', doc.id)).toHaveLength(1);

		expect(
			formError(
				await refused(() => submitDocument(db(), f.actors.directorA, f.schoolA, doc.id), doc.id)
			)
		).toBe('Из состояния «согласование» так поступить нельзя.');
		// Only a draft is edited.
		expect(
			formError(
				await refused(
					() =>
						saveVersion(db(), f.actors.directorA, f.schoolA, inReview, {
							source: 'Другой текст',
							baseVersion: 1,
							note: ''
						}),
					doc.id
				)
			)
		).toBe('Редактировать можно только черновик.');
	});

	it('member A approves; member B must write what to change; nobody decides twice or outside the round', async () => {
		expect(
			await decideReview(db(), f.actors.memberA, f.schoolA, doc.id, decision(1, 'approve'))
		).toEqual({ closed: false, status: 'review' });

		expect(
			fieldErrorsOf(
				await refused(
					() =>
						decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'request_changes', '   ')),
					doc.id
				)
			)
		).toEqual({ comment: 'Напишите, что нужно изменить.' });
		expect(
			fieldErrorsOf(
				await refused(
					() => decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'maybe')),
					doc.id
				)
			)
		).toEqual({ decision: 'Выберите решение: согласовать или попросить изменений.' });
		expect(
			formError(
				await refused(
					() =>
						decideReview(
							db(),
							f.actors.memberA,
							f.schoolA,
							doc.id,
							decision(1, 'request_changes', 'Передумала')
						),
					doc.id
				)
			)
		).toBe('Вы уже приняли решение в этом туре.');
		// The author and a teacher are not in the round.
		expectForbidden(
			await refused(
				() => decideReview(db(), f.actors.directorA, f.schoolA, doc.id, decision(1, 'approve')),
				doc.id
			)
		);
		expectForbidden(
			await refused(
				() => decideReview(db(), f.actors.staffA, f.schoolA, doc.id, decision(1, 'approve')),
				doc.id
			)
		);

		const history = await reviewHistory(db(), doc.id);
		expect(history.rounds[0]!.decisions).toMatchObject([
			{ userId: f.users.memberA.id, decision: 'approve', comment: null }
		]);
		expect(history.rounds[0]!.waitingFor).toEqual([memberB.fullName]);
	});

	it('member B asks for changes: the round closes «на доработку», the draft goes back, the author is told', async () => {
		const remark = await commentParagraph(db(), memberB, f.schoolA, doc.id, {
			version: '1',
			paragraph: '2',
			body: 'Добавьте ссылку на устав.'
		});
		expect(remark.quote).toBe(paragraphsOf(v1Source)[2]);
		expect(remark.quote).toMatch(/^2\. Положение разработано в соответствии с/);

		const result = await decideReview(
			db(),
			memberB,
			f.schoolA,
			doc.id,
			decision(1, 'request_changes', 'Уточните пункт 2: сошлитесь на устав.')
		);
		expect(result).toEqual({ closed: true, status: 'draft' });
		const [round1] = await roundsOf(doc.id);
		expect(round1).toMatchObject({ outcome: 'changes_requested', closedBy: memberB.id });
		expect(round1!.closedAt).toBeInstanceOf(Date);
		expect((await reload(doc.id)).status).toBe('draft');
		const told = await noticesOf(f.users.directorA.id, 'changes_requested', doc.title);
		expect(told).toHaveLength(1);
		expect(told[0]!.title).toBe('Проект вернули на доработку');
		const closed = await auditOf('review.closed', round1!.id);
		expect(closed).toHaveLength(1);
		expect(closed[0]!.after).toMatchObject({
			outcome: 'changes_requested',
			status: 'draft',
			version: 1
		});
		// Nothing to decide on a draft.
		expect(
			formError(
				await refused(
					() => decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'approve')),
					doc.id
				)
			)
		).toBe('Документ сейчас не на согласовании.');
	});

	it('version 2 opens round 2; a decision on version 1 is refused; when both approve the draft goes to discussion', async () => {
		v2Source = v1Source.replace(
			/^(\s*)2\. Положение разработано в соответствии с:/m,
			`$1${PARA2_V2}`
		);
		expect(v2Source).not.toBe(v1Source);
		expect(
			await saveVersion(db(), f.actors.directorA, f.schoolA, await reload(doc.id), {
				source: v2Source,
				baseVersion: 1,
				note: 'По замечаниям тура 1'
			})
		).toBe(2);
		expect(await submitDocument(db(), f.actors.directorA, f.schoolA, doc.id)).toBe('review');
		const rounds = await roundsOf(doc.id);
		expect(rounds.map((r) => [r.round, r.version, r.closedAt === null])).toEqual([
			[1, 1, false],
			[2, 2, true]
		]);

		const stale = await refused(
			() => decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'approve')),
			doc.id
		);
		expect(formError(stale)).toBe(
			'Решение принимается по версии 2 (тур 2), а вы смотрели версию 1. Откройте документ заново.'
		);

		expect(
			await decideReview(db(), f.actors.memberA, f.schoolA, doc.id, decision(2, 'approve'))
		).toEqual({ closed: false, status: 'review' });
		expect(
			await decideReview(db(), memberB, f.schoolA, doc.id, decision(2, 'approve', 'Теперь хорошо.'))
		).toEqual({ closed: true, status: 'discussion' });
		const round2 = (await roundsOf(doc.id))[1]!;
		expect(round2).toMatchObject({ outcome: 'approved', version: 2 });
		expect(round2.closedAt).toBeInstanceOf(Date);
		const after = await reload(doc.id);
		expect(after).toMatchObject({ status: 'discussion', currentVersion: 2, publishedAt: null });
		// Without dates the discussion has not begun: the public still sees nothing.
		expect(await publicAct(db(), f.schoolA.slug, doc.id)).toBeNull();
		for (const id of [f.users.directorA.id, f.users.memberA.id, memberB.id])
			expect(await noticesOf(id, 'round_closed', doc.title)).toHaveLength(1);
	});

	it('paragraph remarks stay with the paragraph of their version', async () => {
		const late = await commentParagraph(db(), f.actors.memberA, f.schoolA, doc.id, {
			version: '1',
			paragraph: '2',
			body: 'К версии 1: пункт 2 был неполным.'
		});
		expect(late.quote).toBe(paragraphsOf(v1Source)[2]);
		const onV2 = await commentParagraph(db(), f.actors.memberA, f.schoolA, doc.id, {
			version: '2',
			paragraph: '2',
			body: 'Теперь полно.'
		});
		expect(onV2.quote).toBe(PARA2_V2);
		expect(onV2.quote).not.toBe(late.quote);

		const { comments } = await reviewHistory(db(), doc.id);
		expect(comments.map((c) => [c.version, c.paragraph, c.quote])).toEqual([
			[1, 2, paragraphsOf(v1Source)[2]],
			[1, 2, paragraphsOf(v1Source)[2]],
			[2, 2, PARA2_V2]
		]);

		expect(
			fieldErrorsOf(
				await refused(() =>
					commentParagraph(db(), memberB, f.schoolA, doc.id, {
						version: '2',
						paragraph: '9999',
						body: 'Тут'
					})
				)
			)
		).toEqual({ paragraph: 'Такого абзаца в этой версии нет.' });
		expect(
			formError(
				await refused(() =>
					commentParagraph(db(), memberB, f.schoolA, doc.id, {
						version: '7',
						paragraph: '0',
						body: 'Тут'
					})
				)
			)
		).toBe('Такой версии с текстом нет.');
		expect(
			fieldErrorsOf(
				await refused(() =>
					commentParagraph(db(), memberB, f.schoolA, doc.id, {
						version: '2',
						paragraph: '0',
						body: ' '
					})
				)
			)
		).toEqual({ body: 'Напишите замечание.' });
		expectForbidden(
			await refused(() =>
				commentParagraph(db(), f.actors.staffA, f.schoolA, doc.id, {
					version: '2',
					paragraph: '0',
					body: 'Тут'
				})
			)
		);
		expectForbidden(
			await refused(() =>
				commentParagraph(db(), chairB, f.schoolA, doc.id, {
					version: '2',
					paragraph: '0',
					body: 'Тут'
				})
			)
		);
		expect(
			formError(
				await refused(() =>
					commentParagraph(db(), chairB, f.schoolB, doc.id, {
						version: '2',
						paragraph: '0',
						body: 'Тут'
					})
				)
			)
		).toBe('Документ не найден.');
	});

	it('the chair opens the discussion: not in the past, not ending before it starts, by nobody else', async () => {
		const yesterday = shiftDays(today, -1);
		endsLater = shiftDays(today, 10);
		const open = (actor: Actor, startsOn: string, endsOn: string) =>
			openDiscussion(db(), actor, f.schoolA, doc.id, { startsOn, endsOn });
		expect(
			fieldErrorsOf(await refused(() => open(f.actors.memberA, yesterday, endsLater), doc.id))
		).toEqual({ startsOn: 'Обсуждение не может начаться в прошлом.' });
		expect(
			fieldErrorsOf(await refused(() => open(f.actors.memberA, today, yesterday), doc.id))
		).toEqual({ endsOn: 'Обсуждение не может закончиться раньше, чем начнётся.' });
		expect(
			fieldErrorsOf(await refused(() => open(f.actors.memberA, today, shiftDays(today, 5)), doc.id))
		).toEqual({
			endsOn: `Обсуждение не короче 7 дней: с ${formatDate(today)} по ${formatDate(shiftDays(today, 5))} — 6 дней. Назначьте окончание не раньше ${formatDate(shiftDays(today, 6))}.`
		});
		expect(
			fieldErrorsOf(await refused(() => open(f.actors.memberA, '', '01.12.2026'), doc.id))
		).toEqual({ startsOn: 'Укажите дату начала.', endsOn: 'Укажите дату окончания.' });
		// A member, and the director while the group has its chair, may not.
		expectForbidden(await refused(() => open(memberB, today, endsLater), doc.id));
		expectForbidden(await refused(() => open(f.actors.directorA, today, endsLater), doc.id));
		expect(
			formError(
				await refused(() =>
					openDiscussion(db(), chairB, f.schoolB, doc.id, { startsOn: today, endsOn: endsLater })
				)
			)
		).toBe('Документ не найден.');

		const d = await open(f.actors.memberA, today, endsLater);
		expect(d).toMatchObject({
			documentId: doc.id,
			version: 2,
			startsOn: today,
			endsOn: endsLater,
			closedAt: null,
			openedBy: f.users.memberA.id
		});
		expect(formError(await refused(() => open(f.actors.memberA, today, endsLater), doc.id))).toBe(
			`Обсуждение уже открыто: с ${formatDate(today)} по ${formatDate(endsLater)}.`
		);
		const page = await publicAct(db(), f.schoolA.slug, doc.id);
		expect(page?.mode).toBe('discussion');
		expect((await reload(doc.id)).publishedAt).toBeNull();
	});

	it('a proposal from the public waits for moderation; rejecting needs a reason; only the group’s leads and the head moderate', async () => {
		proposal = await submitPublicComment(
			db(),
			doc.id,
			{
				authorName: 'Иванова Мария',
				authorRole: 'parent',
				body: 'Предлагаю выставлять оценки в журнал не позднее следующего дня.'
			},
			'203.0.113.7'
		);
		spam = await submitPublicComment(
			db(),
			doc.id,
			{ authorName: 'Прохожий', authorRole: 'other', body: 'Продаю велосипед недорого.' },
			'203.0.113.8'
		);
		expect(proposal).toMatchObject({
			status: 'pending',
			organizationId: f.schoolA.id,
			answer: null,
			moderatedBy: null
		});
		expect(spam.status).toBe('pending');
		// The chair hears of it; the public page shows nothing unmoderated.
		expect(await noticesOf(f.users.memberA.id, 'public_comment', doc.title)).toHaveLength(2);
		const page = await publicAct(db(), f.schoolA.slug, doc.id);
		expect(page?.mode === 'discussion' && page.comments).toEqual([]);

		expect(
			formError(
				await refused(() => closeDiscussion(db(), f.actors.memberA, f.schoolA, doc.id), doc.id)
			)
		).toBe(
			`Обсуждение идёт до ${formatDate(endsLater)}: закрыть его можно в последний день или позже.`
		);

		// Another school's people, a plain member and a teacher may not moderate.
		expect(
			formError(
				await refused(() =>
					moderateComment(db(), chairB, f.schoolB, proposal.id, { verdict: 'publish', reason: '' })
				)
			)
		).toBe('Предложение не найдено.');
		expect(
			formError(
				await refused(() =>
					moderateComment(db(), f.actors.directorB, f.schoolB, proposal.id, {
						verdict: 'publish',
						reason: ''
					})
				)
			)
		).toBe('Предложение не найдено.');
		for (const who of [chairB, f.actors.directorB, memberB, f.actors.staffA])
			expectForbidden(
				await refused(() =>
					moderateComment(db(), who, f.schoolA, proposal.id, { verdict: 'publish', reason: '' })
				)
			);
		expectForbidden(
			await refused(() =>
				answerComment(db(), f.actors.directorB, f.schoolA, proposal.id, { answer: 'Нет.' })
			)
		);

		expect(
			fieldErrorsOf(
				await refused(() =>
					moderateComment(db(), f.actors.memberA, f.schoolA, spam.id, {
						verdict: 'reject',
						reason: '  '
					})
				)
			)
		).toEqual({ reason: 'Укажите причину отклонения: её увидит автор на странице обсуждения.' });
		expect(
			fieldErrorsOf(
				await refused(() =>
					moderateComment(db(), f.actors.memberA, f.schoolA, spam.id, {
						verdict: 'hide',
						reason: ''
					})
				)
			)
		).toEqual({ verdict: 'Выберите: опубликовать или отклонить.' });
		await moderateComment(db(), f.actors.memberA, f.schoolA, spam.id, {
			verdict: 'reject',
			reason: 'Не относится к проекту.'
		});
		const [rejected] = await db()
			.select()
			.from(publicComments)
			.where(eq(publicComments.id, spam.id));
		expect(rejected).toMatchObject({
			status: 'rejected',
			rejectReason: 'Не относится к проекту.',
			moderatedBy: f.users.memberA.id
		});
		expect(
			formError(
				await refused(() =>
					moderateComment(db(), f.actors.memberA, f.schoolA, spam.id, {
						verdict: 'publish',
						reason: ''
					})
				)
			)
		).toBe('Это предложение уже рассмотрено.');
		expect(
			formError(
				await refused(() =>
					answerComment(db(), f.actors.memberA, f.schoolA, spam.id, { answer: 'Нет.' })
				)
			)
		).toBe('Ответить можно на опубликованное предложение.');
		expect(
			formError(
				await refused(() =>
					answerComment(db(), f.actors.memberA, f.schoolA, proposal.id, { answer: 'Учтём.' })
				)
			)
		).toBe('Ответить можно на опубликованное предложение.');
	});

	it('the discussion closes on its last day with every proposal answered; the summary keeps proposals and answers', async () => {
		// The calendar moves on to the discussion's last day.
		await db().update(discussions).set({ endsOn: today }).where(eq(discussions.documentId, doc.id));
		expect(
			formError(
				await refused(() => closeDiscussion(db(), f.actors.memberA, f.schoolA, doc.id), doc.id)
			)
		).toBe('Ещё не рассмотрено предложений: 1. Опубликуйте или отклоните их.');
		await moderateComment(db(), f.actors.memberA, f.schoolA, proposal.id, {
			verdict: 'publish',
			reason: ''
		});
		expect(
			formError(
				await refused(() => closeDiscussion(db(), f.actors.memberA, f.schoolA, doc.id), doc.id)
			)
		).toBe(
			'Без ответа опубликованных предложений: 1. Ответьте на каждое — ответы войдут в сводку.'
		);
		expect(
			fieldErrorsOf(
				await refused(() =>
					answerComment(db(), f.actors.memberA, f.schoolA, proposal.id, { answer: ' ' })
				)
			)
		).toEqual({ answer: 'Напишите ответ.' });
		const ANSWER = 'Учтено: срок выставления отметок — один рабочий день (пункт 5.3).';
		await answerComment(db(), f.actors.memberA, f.schoolA, proposal.id, { answer: ANSWER });
		// A member of the group may not close it.
		expectForbidden(await refused(() => closeDiscussion(db(), memberB, f.schoolA, doc.id), doc.id));

		const summary = await closeDiscussion(db(), f.actors.memberA, f.schoolA, doc.id);
		expect(summary).toMatchObject({
			organizationId: f.schoolA.id,
			status: 'registered',
			isRecord: true,
			publishedAt: null
		});
		expect(summary.title).toBe(`Сводка предложений по проекту «${doc.title}»`);
		const links = await db()
			.select()
			.from(documentLinks)
			.where(eq(documentLinks.documentId, summary.id));
		expect(links).toMatchObject([{ targetId: doc.id, relation: 'annex_to' }]);
		const text = await sourceOf(summary.id, 1);
		expect(text).toContain(
			'Поступило предложений: 2; рассмотрено и опубликовано: 1; отклонено модератором: 1.'
		);
		expect(text).toContain(proposal.body);
		expect(text).toContain(ANSWER);
		expect(text).toContain('Иванова Мария (Родитель (законный представитель))');
		expect(text).toContain('Прохожий: Не относится к проекту.');
		expect(text).toContain(`(версия 2)`);

		const [d] = await db().select().from(discussions).where(eq(discussions.documentId, doc.id));
		expect(d!.closedAt).toBeInstanceOf(Date);
		expect(d!.summaryDocumentId).toBe(summary.id);
		expect(await reload(doc.id)).toMatchObject({ status: 'approval', publishedAt: null });
		expect(await noticesOf(f.users.directorA.id, 'awaiting_approval', doc.title)).toHaveLength(1);
		// No more proposals, and the draft is off the public site again.
		const late = await refused(() =>
			submitPublicComment(
				db(),
				doc.id,
				{ authorName: 'Опоздавший', authorRole: 'parent', body: 'Ещё одно.' },
				'203.0.113.9'
			)
		);
		expect(formError(late)).toBe(
			'Этот документ сейчас не обсуждается: предложения к нему не принимаются.'
		);
		expect(await publicAct(db(), f.schoolA.slug, doc.id)).toBeNull();
		// The summary is made: the answers in it are final (a stale page cannot change them).
		const closedMessage =
			'Обсуждение завершено: предложения больше не рассматриваются, ответы не меняются.';
		expect(
			formError(
				await refused(() =>
					answerComment(db(), f.actors.memberA, f.schoolA, proposal.id, { answer: 'Другой ответ' })
				)
			)
		).toBe(closedMessage);
		expect(
			formError(
				await refused(() =>
					moderateComment(db(), f.actors.memberA, f.schoolA, spam.id, {
						verdict: 'publish',
						reason: ''
					})
				)
			)
		).toBe(closedMessage);
		const [kept] = await db()
			.select()
			.from(publicComments)
			.where(eq(publicComments.id, proposal.id));
		expect(kept!.answer).toBe(ANSWER);
	});

	it('the model Положение touches students’ and workers’ rights: approval waits for all three councils; only the head lifts one, in writing', async () => {
		// The template says whose rights the act touches: the route requires those councils from the start.
		expect(await reload(doc.id)).toMatchObject({
			affectsStudents: true,
			affectsWorkers: true,
			councilWaivers: {}
		});
		const missing = formError(
			await refused(() => approve(f.actors.directorA, f.schoolA, [doc.id], order()), doc.id)
		)!;
		expect(missing).toMatch(
			/^Утвердить нельзя\. «Положение об электронном журнале»: нет мнения — /
		);
		expect(missing).toContain('Совет обучающихся — мнение не запрошено');
		expect(missing).toContain('Совет родителей (законных представителей) — мнение не запрошено');
		expect(missing).toContain('Представительный орган работников — мнение не запрошено');
		expect(missing).toMatch(/\(ч\. 3 ст\. 30 273-ФЗ\)\.$/);

		// A member of the group may not lift what the model act requires; the head may not without a reason.
		const lift = (actor: Actor, waiverReason: string) =>
			setRouteOptions(db(), actor, f.schoolA, doc.id, {
				affectsStudents: 'on',
				ackEveryone: 'on',
				waiverReason
			});
		const REASON =
			'Положение не меняет условий труда: обязанности педагогов уже в должностных инструкциях.';
		expect(fieldErrorsOf(await refused(() => lift(f.actors.memberA, REASON), doc.id))).toEqual({
			waiverReason: 'Снять требование мнения совета может только руководитель.'
		});
		expectForbidden(await refused(() => lift(f.actors.staffA, REASON), doc.id));
		for (const reason of ['', '  ', 'не нужно'])
			expect(fieldErrorsOf(await refused(() => lift(f.actors.directorA, reason), doc.id))).toEqual({
				waiverReason:
					'Акт по типовому шаблону затрагивает эти права: объясните письменно, почему мнение совета не требуется.'
			});
		await lift(f.actors.directorA, REASON);
		expect(await reload(doc.id)).toMatchObject({
			affectsStudents: true,
			affectsWorkers: false,
			councilWaivers: { workers: REASON },
			acknowledgementRoles: null
		});
		const waived = await auditOf('council.waived', doc.id);
		expect(waived).toHaveLength(1);
		expect(waived[0]).toMatchObject({
			actorId: f.users.directorA.id,
			organizationId: f.schoolA.id
		});
		expect(waived[0]!.after).toEqual({ councils: ['workers'], reason: REASON });
		// Setting the options again keeps the waiver without asking twice.
		await setRouteOptions(db(), f.actors.directorA, f.schoolA, doc.id, {
			affectsStudents: 'on',
			ackEveryone: 'on'
		});
		expect((await reload(doc.id)).councilWaivers).toEqual({ workers: REASON });
		expect(await auditOf('council.waived', doc.id)).toHaveLength(1);
		const stillMissing = formError(
			await refused(() => approve(f.actors.directorA, f.schoolA, [doc.id], order()), doc.id)
		)!;
		expect(stillMissing).toContain('Совет обучающихся — мнение не запрошено');
		expect(stillMissing).not.toContain('Представительный орган работников');
	});

	it('the students’ and parents’ councils are asked by registered letters; a real opinion needs its minutes', async () => {
		expect(
			fieldErrorsOf(
				await refused(
					() =>
						requestOpinions(db(), f.actors.directorA, f.schoolA, doc.id, {
							requestedOn: shiftDays(today, 1)
						}),
					doc.id
				)
			)
		).toEqual({
			requestedOn: 'Дата направления не может быть в будущем.'
		});
		expectForbidden(
			await refused(
				() => requestOpinions(db(), f.actors.staffA, f.schoolA, doc.id, { requestedOn: today }),
				doc.id
			)
		);
		const asked = await requestOpinions(db(), f.actors.directorA, f.schoolA, doc.id, {
			requestedOn: today
		});
		expect(asked).toEqual({ asked: ['students', 'parents'], dueOn: addWorkingDays(today, 5) });
		const opinions = await db()
			.select()
			.from(councilOpinions)
			.where(eq(councilOpinions.documentId, doc.id));
		expect(
			opinions.map((o) => [o.council, o.version, o.requestedOn, o.dueOn, o.result]).sort()
		).toEqual([
			['parents', 2, today, addWorkingDays(today, 5), null],
			['students', 2, today, addWorkingDays(today, 5), null]
		]);
		// Each request is a letter of its own: a registered record, dated, linked to the act, naming its term.
		const letters = await db()
			.select({ letter: documents, relation: documentLinks.relation })
			.from(documentLinks)
			.innerJoin(documents, eq(documents.id, documentLinks.documentId))
			.where(
				and(eq(documentLinks.targetId, doc.id), eq(documents.templateId, REQUEST_LETTER_TEMPLATE))
			);
		expect(letters).toHaveLength(2);
		for (const { letter, relation } of letters) {
			expect(relation).toBe('annex_to');
			expect(letter).toMatchObject({
				organizationId: f.schoolA.id,
				kind: 'letter',
				documentClass: 'record',
				status: 'registered',
				documentDate: today,
				approvalOrderNumber: null
			});
			expect(opinions.map((o) => o.requestDocumentId)).toContain(letter.id);
			const text = await sourceOf(letter.id, 1);
			expect(text).toContain(`«${doc.title}» (версия 2)`);
			expect(text).toContain('пяти рабочих дней');
		}
		expect(letters.map((l) => l.letter.title).sort()).toEqual([
			`${library.byId.get(REQUEST_LETTER_TEMPLATE)!.title}: «${doc.title}» — совет обучающихся`,
			`${library.byId.get(REQUEST_LETTER_TEMPLATE)!.title}: «${doc.title}» — совет родителей (законных представителей)`
		]);

		const answer = (fields: Record<string, string>) => ({
			council: 'students',
			result: 'supports',
			answeredOn: today,
			minutesNumber: '3',
			note: 'Поддерживаем',
			...fields
		});
		const pdf = { name: 'Протокол совета обучающихся.pdf', bytes: samplePdf('Совет обучающихся') };
		expect(
			fieldErrorsOf(
				await refused(
					() => recordOpinion(db(), f.actors.directorA, f.schoolA, doc.id, answer({}), null),
					doc.id
				)
			)
		).toEqual({
			file: 'Приложите протокол (выписку) с мнением совета.'
		});
		expect(
			fieldErrorsOf(
				await refused(
					() =>
						recordOpinion(
							db(),
							f.actors.directorA,
							f.schoolA,
							doc.id,
							answer({ minutesNumber: ' ' }),
							pdf
						),
					doc.id
				)
			)
		).toEqual({
			minutesNumber: 'Укажите номер протокола (выписки), которым совет выразил мнение.'
		});
		expect(
			Object.keys(
				fieldErrorsOf(
					await refused(
						() =>
							recordOpinion(db(), f.actors.directorA, f.schoolA, doc.id, answer({}), {
								name: 'протокол.pdf',
								bytes: sampleExe()
							}),
						doc.id
					)
				)
			)
		).toEqual(['file']);
		expect(
			fieldErrorsOf(
				await refused(
					() =>
						recordOpinion(
							db(),
							f.actors.directorA,
							f.schoolA,
							doc.id,
							answer({ answeredOn: shiftDays(today, -1) }),
							pdf
						),
					doc.id
				)
			)
		).toEqual({
			answeredOn: `Совет не мог ответить раньше, чем получил проект (${formatDate(today)}).`
		});
		expect(
			fieldErrorsOf(
				await refused(
					() =>
						recordOpinion(
							db(),
							f.actors.directorA,
							f.schoolA,
							doc.id,
							answer({ result: 'no_answer' }),
							pdf
						),
					doc.id
				)
			)
		).toEqual({
			result: 'Выберите, что решил совет.'
		});

		const students = await recordOpinion(
			db(),
			f.actors.directorA,
			f.schoolA,
			doc.id,
			answer({}),
			pdf
		);
		expect(students).toMatchObject({
			council: 'students',
			result: 'supports',
			answeredOn: today,
			minutesNumber: '3',
			recordedBy: f.users.directorA.id,
			note: 'Поддерживаем'
		});
		const [file] = await db().select().from(files).where(eq(files.id, students.fileId!));
		expect(file).toMatchObject({
			organizationId: f.schoolA.id,
			sha256: sha256(pdf.bytes),
			contentType: 'application/pdf'
		});
		expect(
			fieldErrorsOf(
				await refused(
					() =>
						recordOpinion(
							db(),
							f.actors.directorA,
							f.schoolA,
							doc.id,
							answer({ result: 'against' }),
							pdf
						),
					doc.id
				)
			)
		).toEqual({
			council: 'Мнение уже записано: «Поддерживает».'
		});

		const waiting = formError(
			await refused(() => approve(f.actors.directorA, f.schoolA, [doc.id], order()), doc.id)
		)!;
		expect(waiting).toContain(
			`Совет родителей (законных представителей) — ждём ответа до ${formatDate(addWorkingDays(today, 5))}`
		);
		expect(waiting).not.toContain('Совет обучающихся');
	});

	it('approval is by a registered order: a known series, a date not in the future, an order of the journal when one is cited; only this school’s director gives it', async () => {
		// The parents' council was asked two weeks ago and let its five working days pass.
		const asked = shiftDays(today, -14);
		await db()
			.update(councilOpinions)
			.set({ requestedOn: asked, dueOn: addWorkingDays(asked, 5) })
			.where(and(eq(councilOpinions.documentId, doc.id), eq(councilOpinions.council, 'parents')));
		const approveWith = (
			fields: Record<string, string>,
			who: Actor = f.actors.directorA,
			org: Organization = f.schoolA
		) => approve(who, org, [doc.id], order(fields));

		expect(fieldErrorsOf(await refused(() => approveWith({ series: '-я' }), doc.id))).toEqual({
			series: 'Выберите серию журнала регистрации приказов.'
		});
		expect(
			fieldErrorsOf(
				await refused(() => approveWith({ orderNumber: `${'1'.repeat(49)}-о` }), doc.id)
			)
		).toEqual({ orderNumber: 'Номер не длиннее 50 символов.' });
		expect(fieldErrorsOf(await refused(() => approveWith({ orderDate: '' }), doc.id))).toEqual({
			orderDate: 'Укажите дату приказа.'
		});
		expect(
			fieldErrorsOf(await refused(() => approveWith({ orderDate: shiftDays(today, 1) }), doc.id))
		).toEqual({ orderDate: 'Приказ не может быть датирован будущим днём.' });
		expect(
			fieldErrorsOf(
				await refused(() => approveWith({ effectiveDate: shiftDays(today, -1) }), doc.id)
			)
		).toEqual({ effectiveDate: 'Акт не может вступить в силу раньше, чем утверждён.' });
		expect(
			fieldErrorsOf(
				await refused(() => approve(f.actors.directorA, f.schoolA, ['not-a-uuid'], order()), doc.id)
			)
		).toEqual({ documents: 'Отметьте хотя бы один документ.' });
		// Without an order made now, the act cites one already in the journal — not a number typed from nowhere.
		expect(
			fieldErrorsOf(
				await refused(
					() =>
						approveDocuments(
							db(),
							f.actors.directorA,
							f.schoolA,
							[doc.id],
							order({ orderNumber: '15-о' })
						),
					doc.id
				)
			)
		).toEqual({ orderId: 'Выберите приказ из журнала регистрации или сформируйте новый.' });
		const draftOrder = await generate(
			f.schoolA,
			f.actors.directorA,
			'school-order-working-group',
			'Приказ о рабочей группе, ещё не подписан'
		);
		for (const orderId of [doc.id, draftOrder.id])
			expect(
				fieldErrorsOf(
					await refused(
						() =>
							approveDocuments(db(), f.actors.directorA, f.schoolA, [doc.id], order({ orderId })),
						doc.id
					)
				)
			).toEqual({ orderId: 'Это не подписанный и зарегистрированный приказ организации.' });

		// A teacher, the group's chair, the authorities above, the head of another school: no.
		for (const who of [
			f.actors.staffA,
			f.actors.memberA,
			memberB,
			f.actors.municipalityAuthority,
			f.actors.regionAuthority,
			f.actors.directorB
		])
			expectForbidden(await refused(() => approveWith({}, who), doc.id));
		expect(
			formError(await refused(() => approveWith({}, f.actors.directorB, f.schoolB), doc.id))
		).toBe('Документ не найден.');
		// Refusals recorded nothing, not even the missed term, and took no number from the journal.
		const [parents] = await db()
			.select()
			.from(councilOpinions)
			.where(and(eq(councilOpinions.documentId, doc.id), eq(councilOpinions.council, 'parents')));
		expect(parents!.result).toBeNull();
		expect(await nextOrderNumber(db(), f.schoolA, '-о', today)).toBe('1-о');
	});

	it('the director approves: the version and its sha-256 are frozen, the act is in force, published, audited, and proves the checklist item', async () => {
		expect((await checklistItem(f.schoolA.id, '001.21')).status).not.toBe('done');
		const effective = shiftDays(today, 30);
		const { approved, order: made } = await approve(
			f.actors.directorA,
			f.schoolA,
			[doc.id],
			order({ effectiveDate: effective })
		);
		// The approval order is itself a document: signed, registered with the journal's first number of the year.
		expect(made).toMatchObject({
			organizationId: f.schoolA.id,
			kind: 'order',
			documentClass: 'order',
			status: 'published',
			templateId: APPROVAL_ORDER_TEMPLATE,
			number: '1-о',
			registrationSeries: '-о',
			registrationYear: Number(today.slice(0, 4)),
			registrationSeq: 1,
			documentDate: today,
			approvedBy: f.users.directorA.id,
			approvalOrderNumber: null
		});
		expect(await nextOrderNumber(db(), f.schoolA, '-о', today)).toBe('2-о');
		expect(approved).toHaveLength(1);
		const act = await reload(doc.id);
		expect(act).toMatchObject({
			status: 'published',
			currentVersion: 2,
			approvedVersion: 2,
			approvedSha256: sha256(v2Source),
			approvalOrderNumber: '1-о',
			approvalOrderDate: today,
			approvalOrderId: made.id,
			appendixNumber: null,
			approvedBy: f.users.directorA.id,
			effectiveDate: effective
		});
		expect(act.approvedAt).toBeInstanceOf(Date);
		expect(act.publishedAt).toBeInstanceOf(Date);
		expect(approved[0]).toEqual(act);
		expect((await findVersion(db(), doc.id, 2))!.sha256).toBe(act.approvedSha256);

		// The parents' council's silence is on record as such, by the system.
		const [parents] = await db()
			.select()
			.from(councilOpinions)
			.where(and(eq(councilOpinions.documentId, doc.id), eq(councilOpinions.council, 'parents')));
		expect(parents).toMatchObject({ result: 'no_answer', fileId: null });
		const missed = await auditOf('council.recorded', parents!.id);
		expect(missed).toHaveLength(1);
		expect(missed[0]).toMatchObject({ actorId: null, organizationId: f.schoolA.id });

		const events = await auditOf('document.approved', doc.id);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			organizationId: f.schoolA.id,
			actorId: f.users.directorA.id
		});
		expect(events[0]!.after).toMatchObject({
			status: 'published',
			version: 2,
			sha256: sha256(v2Source),
			orderNumber: '1-о',
			orderDate: today,
			effectiveDate: effective,
			orderId: made.id
		});
		expect(
			await db()
				.select({ targetId: documentLinks.targetId })
				.from(documentLinks)
				.where(and(eq(documentLinks.documentId, doc.id), eq(documentLinks.relation, 'approved_by')))
		).toEqual([{ targetId: made.id }]);

		// The order's text says what happened: the act approved under its own words, the opinions as recorded.
		const text = await sourceOf(made.id, 1);
		expect(made.approvedSha256).toBe(sha256(text));
		expect(actsPoint(text)).toBe('    1. Положение об электронном журнале.\n');
		expect(appendicesPoint(text)).toBe('');
		expect(text).toContain(
			`с учётом мнения совета обучающихся (протокол от ${formatDate(today)} № 3), совета родителей (законных представителей) несовершеннолетних обучающихся (мнение в установленный срок не представлено)`
		);
		// The workers' body was not asked (the head lifted it): the order does not claim its opinion.
		expect(text).not.toContain('представительного органа работников');
		expect(text).not.toContain(plausibleForm([{ type: 'text', name: 'x' }]).var_x!);
		expect(await auditOf('document.published', doc.id)).toHaveLength(1);
		expect((await verifyChain(db(), f.schoolA.id)).ok).toBe(true);

		expect(await checklistItem(f.schoolA.id, '001.21')).toMatchObject({
			status: 'done',
			evidenceDocumentId: doc.id
		});
		expect((await publicAct(db(), f.schoolA.slug, doc.id))?.mode).toBe('published');
		expect(
			formError(
				await refused(() => approve(f.actors.directorA, f.schoolA, [doc.id], order()), doc.id)
			)
		).toBe('Из состояния «действует» так поступить нельзя.');
	});

	let second: DocumentRow;

	it('a second act from the same template, or of the same kind and title, is refused while one is in force: the change is offered as a new edition', async () => {
		const inForce = `«${doc.title}» уже действует (утверждён приказом от ${formatDate(today)} № 1-о). Второй такой акт создавать нельзя: изменения вносятся новой редакцией действующего.`;
		// The same template under another title, and another template under the same title.
		for (const [templateId, title] of [
			[REGULATION, 'Положение об электронном журнале успеваемости'],
			['school-regulation-working-group', 'положение об электронном журнале']
		] as const)
			expect(
				fieldErrorsOf(
					await refused(() => generate(f.schoolA, f.actors.directorA, templateId, title))
				)
			).toEqual({ form: inForce, existing: doc.id });
		// Another school has no such act: it may make its own.
		const own = await generate(f.schoolB, f.actors.directorB, REGULATION);
		expect(own).toMatchObject({ organizationId: f.schoolB.id, status: 'draft', editionOf: null });
	});

	it('a new edition goes the whole route and, once approved, ends the first edition', async () => {
		expectForbidden(
			await refused(() => startNewEdition(db(), f.actors.staffA, f.schoolA, doc.id), doc.id)
		);
		second = await startNewEdition(db(), f.actors.directorA, f.schoolA, doc.id);
		expect(second).toMatchObject({
			status: 'draft',
			kind: 'regulation',
			documentClass: 'act',
			editionOf: doc.id,
			title: doc.title,
			currentVersion: 1,
			affectsStudents: true,
			affectsWorkers: false,
			councilWaivers: (await reload(doc.id)).councilWaivers,
			publishedAt: null,
			authorId: f.users.directorA.id
		});
		// While the new edition is prepared, generating a rival still points to the act in force.
		expect(
			fieldErrorsOf(await refused(() => generate(f.schoolA, f.actors.directorA, REGULATION)))
				.existing
		).toBe(doc.id);
		expect(await sourceOf(second.id, 1)).toBe(v2Source);
		expect(
			await db()
				.select({ targetId: documentLinks.targetId, relation: documentLinks.relation })
				.from(documentLinks)
				.where(eq(documentLinks.documentId, second.id))
		).toEqual([{ targetId: doc.id, relation: 'amends' }]);
		expect(
			formError(
				await refused(() => startNewEdition(db(), f.actors.directorA, f.schoolA, doc.id), doc.id)
			)
		).toBe('Новая редакция уже готовится: продолжите её, а не начинайте ещё одну.');
		expect(
			formError(
				await refused(
					() => startNewEdition(db(), f.actors.directorA, f.schoolA, second.id),
					second.id
				)
			)
		).toBe('Новую редакцию готовят для действующего документа.');

		const v2 = `${v2Source}\n\nДополнение второй редакции.`;
		await saveVersion(db(), f.actors.directorA, f.schoolA, second, {
			source: v2,
			baseVersion: 1,
			note: 'Вторая редакция'
		});
		// While the new edition is on its way, the first stays in force.
		expect(
			(await throughReview(f.schoolA, f.actors.directorA, second, [f.actors.memberA, memberB]))
				.status
		).toBe('discussion');
		expect((await reload(doc.id)).status).toBe('published');
		await discussionReachingLastDay(db(), f.schoolA, second.id, f.actors.memberA);
		const summary = await closeDiscussion(db(), f.actors.memberA, f.schoolA, second.id);
		expect(await sourceOf(summary.id, 1)).toContain(
			'Предложений по существу проекта не поступило.'
		);
		expect((await reload(second.id)).status).toBe('approval');

		const pdf = (name: string) => ({ name, bytes: samplePdf(name) });
		// Sent on Friday 30 October 2026: five working days skip the weekends and 4 November.
		expect(
			await requestOpinions(db(), f.actors.directorA, f.schoolA, second.id, {
				requestedOn: '2026-10-30'
			})
		).toEqual({ asked: ['students', 'parents'], dueOn: '2026-11-09' });
		// Sent again today, the term starts anew.
		await db()
			.update(councilOpinions)
			.set({ requestedOn: today, dueOn: addWorkingDays(today, 5) })
			.where(eq(councilOpinions.documentId, second.id));
		await recordOpinion(
			db(),
			f.actors.directorA,
			f.schoolA,
			second.id,
			{ council: 'students', result: 'supports', answeredOn: today, minutesNumber: '5', note: '' },
			pdf('students.pdf')
		);
		await recordOpinion(
			db(),
			f.actors.directorA,
			f.schoolA,
			second.id,
			{
				council: 'parents',
				result: 'remarks',
				answeredOn: today,
				minutesNumber: '2',
				note: 'Просим разъяснить п. 5'
			},
			pdf('parents.pdf')
		);
		// A number typed by hand must be free that year: № 1-о is the order that approved the first edition.
		const taken = await refused(
			() => approve(f.actors.directorA, f.schoolA, [second.id], order({ orderNumber: '1-о' })),
			second.id
		);
		expect(fieldErrorsOf(taken)).toEqual({
			orderNumber: `Номер 1-о в ${today.slice(0, 4)} году уже занят: «${library.byId.get(APPROVAL_ORDER_TEMPLATE)!.title}» от ${formatDate(today)}. Оставьте поле пустым — журнал даст следующий свободный номер.`
		});
		expect(
			fieldErrorsOf(
				await refused(
					() =>
						approve(f.actors.directorA, f.schoolA, [second.id], order({ orderNumber: '№ 1-о' })),
					second.id
				)
			)
		).toHaveProperty('orderNumber');
		const { order: secondOrder } = await approve(
			f.actors.directorA,
			f.schoolA,
			[second.id],
			order()
		);
		expect(secondOrder).toMatchObject({ number: '2-о', registrationSeq: 2 });
		expect(await sourceOf(secondOrder.id, 1)).toContain(
			`с учётом мнения совета обучающихся (протокол от ${formatDate(today)} № 5), совета родителей (законных представителей) несовершеннолетних обучающихся (протокол от ${formatDate(today)} № 2)`
		);

		const newer = await reload(second.id);
		expect(newer).toMatchObject({
			status: 'published',
			approvedVersion: 2,
			approvedSha256: sha256(v2),
			approvalOrderNumber: '2-о',
			approvalOrderId: secondOrder.id,
			effectiveDate: today
		});
		const old = await reload(doc.id);
		expect(old).toMatchObject({
			status: 'superseded',
			supersededBy: second.id,
			approvedVersion: 2
		});
		expect(old.endedAt).toBeInstanceOf(Date);
		// The old edition keeps its page, marked as no longer in force.
		expect(old.publishedAt).toBeInstanceOf(Date);
		const superseded = await auditOf('document.superseded', doc.id);
		expect(superseded).toHaveLength(1);
		expect(superseded[0]!.after).toMatchObject({
			status: 'superseded',
			supersededBy: second.id,
			orderNumber: '2-о'
		});
		expect(
			formError(
				await refused(() => startNewEdition(db(), f.actors.directorA, f.schoolA, doc.id), doc.id)
			)
		).toBe('Новую редакцию готовят для действующего документа.');
	});

	it('an act is repealed by an order signed and registered in the journal, cited by the act', async () => {
		// The repealing order goes its own route: agreed by the group, signed by the head with the next number.
		const repealing = await generate(
			f.schoolA,
			f.actors.directorA,
			'school-order-working-group',
			'Приказ о признании утратившим силу Положения об электронном журнале'
		);
		expect(
			await throughReview(f.schoolA, f.actors.directorA, repealing, [f.actors.memberA, memberB])
		).toMatchObject({ status: 'approval', documentClass: 'order' });
		const repeal = (orderId: string, id = second.id, who: Actor = f.actors.directorA) =>
			repealDocument(db(), who, f.schoolA, id, { orderId });
		// Not signed yet: not an order of the journal.
		expect(fieldErrorsOf(await refused(() => repeal(repealing.id), second.id))).toEqual({
			orderId: 'Это не подписанный и зарегистрированный приказ организации.'
		});
		const signed = await sign(f.actors.directorA, f.schoolA, repealing.id);
		expect(signed).toMatchObject({
			status: 'published',
			number: '3-о',
			registrationSeq: 3,
			documentDate: today,
			approvalOrderNumber: null
		});

		expect(fieldErrorsOf(await refused(() => repeal(''), second.id))).toEqual({
			orderId: 'Выберите приказ из журнала регистрации или сформируйте новый.'
		});
		expect(fieldErrorsOf(await refused(() => repeal(doc.id), second.id))).toEqual({
			orderId: 'Это не подписанный и зарегистрированный приказ организации.'
		});
		expect(fieldErrorsOf(await refused(() => repeal(signed.id, signed.id), signed.id))).toEqual({
			orderId: 'Приказ не отменяет сам себя: выберите приказ об отмене.'
		});
		expectForbidden(await refused(() => repeal(signed.id, second.id, f.actors.memberA), second.id));
		expect(formError(await refused(() => repeal(signed.id, doc.id), doc.id))).toBe(
			'Из состояния «утратил силу» так поступить нельзя.'
		);
		// Another school's order is not school A's journal.
		expect(
			fieldErrorsOf(
				await refused(() =>
					repealDocument(db(), f.actors.directorB, f.schoolB, second.id, { orderId: signed.id })
				)
			)
		).toEqual({ orderId: 'Это не подписанный и зарегистрированный приказ организации.' });

		expect(
			formError(
				await refused(
					() =>
						setRouteOptions(db(), f.actors.directorA, f.schoolA, second.id, {
							affectsWorkers: 'on',
							ackEveryone: 'on'
						}),
					second.id
				)
			)
		).toBe('Эти отметки меняются только до утверждения.');

		await repeal(signed.id);
		const repealed = await reload(second.id);
		expect(repealed).toMatchObject({
			status: 'repealed',
			repealOrderNumber: '3-о',
			repealOrderDate: today
		});
		expect(repealed.endedAt).toBeInstanceOf(Date);
		expect(
			await db()
				.select({ targetId: documentLinks.targetId })
				.from(documentLinks)
				.where(
					and(eq(documentLinks.documentId, second.id), eq(documentLinks.relation, 'repealed_by'))
				)
		).toEqual([{ targetId: signed.id }]);
		const events = await auditOf('document.repealed', second.id);
		expect(events).toHaveLength(1);
		expect(events[0]!.after).toMatchObject({
			status: 'repealed',
			orderId: signed.id,
			orderNumber: '3-о',
			orderDate: today
		});
		expect(formError(await refused(() => repeal(signed.id), second.id))).toBe(
			'Из состояния «отменён» так поступить нельзя.'
		);
		expect((await verifyChain(db(), f.schoolA.id)).ok).toBe(true);
	});
});

describe('approval of several acts by one order', () => {
	it('makes one registered order naming acts as acts and plans as its appendices, with the opinions recorded; a batch with a draft approves nothing and takes no number', async () => {
		const director = f.actors.directorA;
		const reviewers = [f.actors.memberA, memberB];
		// An instruction is a local act: review, public discussion, the workers' body, then approval.
		const a = await generate(
			f.schoolA,
			director,
			'school-instruction-additions',
			'Дополнения в должностные инструкции'
		);
		expect(a).toMatchObject({ documentClass: 'act', affectsStudents: false, affectsWorkers: true });
		expect((await throughReview(f.schoolA, director, a, reviewers)).status).toBe('discussion');
		expect((await throughDiscussion(db(), f.schoolA, a.id, f.actors.memberA)).status).toBe(
			'approval'
		);
		await requestOpinions(db(), director, f.schoolA, a.id, { requestedOn: today });
		await recordOpinion(
			db(),
			director,
			f.schoolA,
			a.id,
			{ council: 'workers', result: 'remarks', answeredOn: today, minutesNumber: '7', note: '' },
			{ name: 'профком.pdf', bytes: samplePdf('профком') }
		);
		// Plans are appendices: review, then approval, no discussion.
		const b = await throughReview(
			f.schoolA,
			director,
			await generate(f.schoolA, director, 'school-plan-roadmap', 'Дорожная карта перехода на ЭЖ'),
			reviewers
		);
		const c = await throughReview(
			f.schoolA,
			director,
			await generate(
				f.schoolA,
				director,
				'school-schedule-devices',
				'График работы устройств доступа'
			),
			reviewers
		);
		expect([b, c].map((d) => [d.documentClass, d.status])).toEqual([
			['appendix', 'approval'],
			['appendix', 'approval']
		]);
		const draft = await generate(
			f.schoolA,
			director,
			'school-regulation-working-group',
			'Положение о рабочей группе, ещё черновик'
		);

		const raw = order();
		const withDraft = await refused(async () =>
			approveDocuments(
				db(),
				director,
				f.schoolA,
				[a.id, b.id, c.id, draft.id],
				raw,
				await prepareApprovalOrder(db(), f.schoolA, raw)
			)
		);
		expect(formError(withDraft)).toBe('Из состояния «черновик» так поступить нельзя.');
		expect([
			(await reload(a.id)).status,
			(await reload(b.id)).status,
			(await reload(c.id)).status
		]).toEqual(['approval', 'approval', 'approval']);
		expect(await nextOrderNumber(db(), f.schoolA, '-о', today)).toBe('4-о');

		const { approved, order: made } = await approveDocuments(
			db(),
			director,
			f.schoolA,
			[c.id, a.id, b.id, a.id],
			raw,
			await prepareApprovalOrder(db(), f.schoolA, raw)
		);
		expect(approved.map((d) => d.id).sort()).toEqual([a.id, b.id, c.id].sort());
		expect(made).toMatchObject({
			organizationId: f.schoolA.id,
			kind: 'order',
			documentClass: 'order',
			status: 'published',
			number: '4-о',
			registrationSeq: 4,
			documentDate: today,
			approvedVersion: 1,
			approvedBy: director.id,
			templateId: APPROVAL_ORDER_TEMPLATE
		});
		expect(made.publishedAt).toBeInstanceOf(Date);
		const text = await sourceOf(made.id, 1);
		expect(made.approvedSha256).toBe(sha256(text));
		// The act under «Утвердить и ввести в действие», the plans as the order's appendices in the listed order.
		expect(actsPoint(text)).toBe(`    1. ${a.title}.\n`);
		expect(appendicesPoint(text)).toBe(
			`    1. ${c.title} (приложение 1 к настоящему приказу);\n    2. ${b.title} (приложение 2 к настоящему приказу).\n`
		);
		expect(text).toContain(
			`с учётом мнения представительного органа работников (протокол от ${formatDate(today)} № 7)`
		);
		expect(text).not.toContain('совета обучающихся');

		expect(await reload(a.id)).toMatchObject({
			status: 'published',
			approvalOrderId: made.id,
			approvalOrderNumber: '4-о',
			appendixNumber: null,
			approvedVersion: 1
		});
		expect(await reload(c.id)).toMatchObject({
			status: 'published',
			approvalOrderId: made.id,
			approvalOrderNumber: '4-о',
			appendixNumber: 1
		});
		expect(await reload(b.id)).toMatchObject({
			status: 'published',
			approvalOrderId: made.id,
			approvalOrderNumber: '4-о',
			appendixNumber: 2
		});
		for (const act of [a, b, c]) {
			expect(
				await db()
					.select({ targetId: documentLinks.targetId })
					.from(documentLinks)
					.where(
						and(eq(documentLinks.documentId, act.id), eq(documentLinks.relation, 'approved_by'))
					)
			).toEqual([{ targetId: made.id }]);
			const [event] = await auditOf('document.approved', act.id);
			expect(event!.after).toMatchObject({ orderId: made.id, orderNumber: '4-о' });
		}
		expect(
			await db().$count(
				documents,
				and(
					eq(documents.organizationId, f.schoolA.id),
					eq(documents.templateId, APPROVAL_ORDER_TEMPLATE)
				)
			)
		).toBe(3);
		expect((await verifyChain(db(), f.schoolA.id)).ok).toBe(true);
	});
});

describe('orders are signed, acts approved: neither passes for the other', () => {
	it('an order is never approved by another order, a record never by any; an act is never signed as an order', async () => {
		const { org, director, members } = await schoolWithGroup(['chair', 'member']);
		const anOrder = await generate(
			org,
			director,
			'school-order-pd-responsible',
			'Приказ об ответственном за обработку персональных данных'
		);
		const anAct = await generate(
			org,
			director,
			'school-regulation-working-group',
			'Положение о рабочей группе'
		);
		const aPlan = await generate(org, director, 'school-plan-roadmap', 'Дорожная карта');
		expect([anOrder, anAct, aPlan].map((d) => d.documentClass)).toEqual([
			'order',
			'act',
			'appendix'
		]);
		for (const d of [anOrder, aPlan])
			expect((await throughReview(org, director, d, members)).status).toBe('approval');
		expect((await toApproval(db(), org, director, anAct.id, members, members[0]!)).status).toBe(
			'approval'
		);
		const [{ summaryDocumentId }] = (await db()
			.select({ summaryDocumentId: discussions.summaryDocumentId })
			.from(discussions)
			.where(eq(discussions.documentId, anAct.id))) as [{ summaryDocumentId: string }];
		const summary = await reload(summaryDocumentId);
		expect(summary).toMatchObject({ documentClass: 'record', status: 'registered' });

		const batch = formError(
			await refused(
				() => approve(director, org, [anAct.id, anOrder.id, summary.id], order()),
				anOrder.id
			)
		)!;
		// Each refused document is named with its reason (in the order the batch locks them, by id).
		expect(batch).toMatch(/^Утвердить нельзя\. «/);
		expect(batch).toContain(
			`«${anOrder.title}»: это приказ: его подписывают и регистрируют со своим номером, а не утверждают другим приказом.`
		);
		expect(batch).toContain(
			`«${summary.title}»: этот документ не утверждается приказом: его подписывают и регистрируют.`
		);
		expect(batch).not.toContain(anAct.title + '»:');
		for (const d of [anAct, aPlan]) {
			expect(formError(await refused(() => sign(director, org, d.id), d.id))).toBe(
				'Подписывают и регистрируют со своим номером только приказы; акт утверждают приказом.'
			);
		}
		expect(formError(await refused(() => sign(director, org, summary.id), summary.id))).toBe(
			'Подписывают и регистрируют со своим номером только приказы; акт утверждают приказом.'
		);
		// Only the head signs, with a date not in the future.
		expectForbidden(await refused(() => sign(members[0]!, org, anOrder.id), anOrder.id));
		expect(
			fieldErrorsOf(
				await refused(
					() => sign(director, org, anOrder.id, { orderDate: shiftDays(today, 1) }),
					anOrder.id
				)
			)
		).toEqual({ orderDate: 'Приказ не может быть датирован будущим днём.' });
		expect(await nextOrderNumber(db(), org, '-о', today)).toBe('1-о');

		// Each as what it is: the order signed with its own number, the act and the plan approved by another.
		const signed = await sign(director, org, anOrder.id);
		expect(signed).toMatchObject({
			status: 'published',
			number: '1-о',
			documentDate: today,
			approvalOrderNumber: null,
			approvalOrderId: null,
			approvedVersion: 1
		});
		expect(await auditOf('document.signed', anOrder.id)).toHaveLength(1);
		expect(await auditOf('document.approved', anOrder.id)).toHaveLength(0);
		expect(formError(await refused(() => sign(director, org, anOrder.id), anOrder.id))).toBe(
			'Из состояния «действует» так поступить нельзя.'
		);
		// A signed order is not approved afterwards either.
		expect(
			formError(await refused(() => approve(director, org, [anOrder.id], order()), anOrder.id))
		).toMatch(/это приказ: его подписывают и регистрируют со своим номером/);
		const { order: made } = await approve(director, org, [anAct.id, aPlan.id], order());
		expect(made.number).toBe('2-о');
		const text = await sourceOf(made.id, 1);
		expect(actsPoint(text)).toBe(`    1. ${anAct.title}.\n`);
		expect(appendicesPoint(text)).toBe(
			`    1. ${aPlan.title} (приложение к настоящему приказу).\n`
		);
		expect(text).not.toContain(anOrder.title);
		// Nobody's opinion was needed or recorded: the order claims none.
		expect(text).not.toContain('с учётом мнения');
	});
});

describe('approval without publishing at once', () => {
	it('puts the act in force unpublished under a number typed by hand; publishing later makes it public once', async () => {
		const director = f.actors.directorA;
		const doc = await generate(
			f.schoolA,
			director,
			'school-procedure-storage',
			'Порядок хранения без публикации'
		);
		expect(
			(await throughReview(f.schoolA, director, doc, [f.actors.memberA, memberB])).status
		).toBe('discussion');
		await throughDiscussion(db(), f.schoolA, doc.id, f.actors.memberA);
		await setRouteOptions(db(), director, f.schoolA, doc.id, {
			ackEveryone: 'on',
			waiverReason: 'Порядок касается только хранения архива, условия труда не меняются.'
		});
		await approve(director, f.schoolA, [doc.id], order({ orderNumber: '45-о', publish: '' }));
		const approved = await reload(doc.id);
		expect(approved).toMatchObject({
			status: 'published',
			publishedAt: null,
			approvalOrderNumber: '45-о',
			effectiveDate: today
		});
		// The journal goes on after the number typed.
		expect(await nextOrderNumber(db(), f.schoolA, '-о', today)).toBe('46-о');
		expect(await publicAct(db(), f.schoolA.slug, doc.id)).toBeNull();
		expect(await auditOf('document.published', doc.id)).toHaveLength(0);

		expectForbidden(
			await refused(() => publishDocument(db(), f.actors.memberA, f.schoolA, doc.id), doc.id)
		);
		await publishDocument(db(), director, f.schoolA, doc.id);
		expect((await reload(doc.id)).publishedAt).toBeInstanceOf(Date);
		expect((await publicAct(db(), f.schoolA.slug, doc.id))?.mode).toBe('published');
		expect(await auditOf('document.published', doc.id)).toHaveLength(1);
		expect(
			formError(await refused(() => publishDocument(db(), director, f.schoolA, doc.id), doc.id))
		).toBe('Документ уже опубликован.');
	});
});

describe('council opinions follow the text', () => {
	it('an opinion given on an earlier version does not let a changed text be approved', async () => {
		const director = f.actors.directorA;
		const doc = await generate(
			f.schoolA,
			director,
			'school-rules-diary-service',
			'Правила об электронном дневнике'
		);
		// The rules set teachers' duties too: the representative body of workers is asked as well (ст. 372 ТК РФ).
		expect(doc).toMatchObject({
			documentClass: 'act',
			affectsStudents: true,
			affectsWorkers: true
		});
		expect(
			(await throughReview(f.schoolA, director, doc, [f.actors.memberA, memberB])).status
		).toBe('discussion');
		await throughDiscussion(db(), f.schoolA, doc.id, f.actors.memberA);
		await setRouteOptions(db(), director, f.schoolA, doc.id, {
			affectsStudents: 'on',
			affectsWorkers: 'on',
			ackEveryone: 'on'
		});
		await requestOpinions(db(), director, f.schoolA, doc.id, { requestedOn: today });
		await recordOpinion(
			db(),
			director,
			f.schoolA,
			doc.id,
			{ council: 'students', result: 'supports', answeredOn: today, minutesNumber: '4', note: '' },
			{ name: 'students.pdf', bytes: samplePdf('students') }
		);
		await recordOpinion(
			db(),
			director,
			f.schoolA,
			doc.id,
			{
				council: 'parents',
				result: 'not_formed',
				answeredOn: today,
				note: 'Совет родителей не создан'
			},
			null
		);
		await recordOpinion(
			db(),
			director,
			f.schoolA,
			doc.id,
			{ council: 'workers', result: 'supports', answeredOn: today, minutesNumber: '12', note: '' },
			{ name: 'workers.pdf', bytes: samplePdf('workers') }
		);

		// The head sends it back; the text changes and goes the route again.
		expect(
			fieldErrorsOf(
				await refused(
					() => returnToDraft(db(), director, f.schoolA, doc.id, { reason: ' ' }),
					doc.id
				)
			)
		).toEqual({ reason: 'Напишите, что нужно изменить.' });
		await returnToDraft(db(), director, f.schoolA, doc.id, { reason: 'Добавить раздел о сроках.' });
		await saveVersion(db(), director, f.schoolA, await reload(doc.id), {
			source: `${await sourceOf(doc.id, 1)}\n\nРаздел о сроках.`,
			baseVersion: 1,
			note: ''
		});
		expect(
			(await throughReview(f.schoolA, director, doc, [f.actors.memberA, memberB])).status
		).toBe('discussion');
		expect((await throughDiscussion(db(), f.schoolA, doc.id, f.actors.memberA)).status).toBe(
			'approval'
		);

		const stale = formError(
			await refused(() => approve(director, f.schoolA, [doc.id], order()), doc.id)
		)!;
		expect(stale).toContain('Совет обучающихся — мнение дано по версии 1, а утверждается версия 2');
		expect(stale).toContain(
			'Совет родителей (законных представителей) — мнение дано по версии 1, а утверждается версия 2'
		);

		// Sent again on version 2, answered, and then the act may be approved.
		expect(
			(await requestOpinions(db(), director, f.schoolA, doc.id, { requestedOn: today })).asked
		).toEqual(['students', 'parents', 'workers']);
		await recordOpinion(
			db(),
			director,
			f.schoolA,
			doc.id,
			{ council: 'students', result: 'remarks', answeredOn: today, minutesNumber: '6', note: '' },
			{ name: 'students-2.pdf', bytes: samplePdf('students 2') }
		);
		await recordOpinion(
			db(),
			director,
			f.schoolA,
			doc.id,
			{ council: 'parents', result: 'not_formed', answeredOn: today, note: '' },
			null
		);
		await recordOpinion(
			db(),
			director,
			f.schoolA,
			doc.id,
			{ council: 'workers', result: 'supports', answeredOn: today, minutesNumber: '13', note: '' },
			{ name: 'workers-2.pdf', bytes: samplePdf('workers 2') }
		);
		const { order: made } = await approve(director, f.schoolA, [doc.id], order());
		expect(await reload(doc.id)).toMatchObject({
			status: 'published',
			approvedVersion: 2,
			approvalOrderNumber: '46-о'
		});
		// The order names the opinion given on the approved version; a council not formed gave none.
		const text = await sourceOf(made.id, 1);
		expect(text).toContain(
			`с учётом мнения совета обучающихся (протокол от ${formatDate(today)} № 6)`
		);
		expect(text).not.toContain('№ 4)');
		expect(text).not.toContain('совета родителей');
	});
});

describe('the daily check of council terms', () => {
	it('records an unanswered council as «не представлено в срок» once its term has passed, and tells the author', async () => {
		const director = f.actors.directorA;
		const doc = await throughReview(
			f.schoolA,
			director,
			await generate(f.schoolA, director, 'school-rules-journal', 'Правила о сроках советов'),
			[f.actors.memberA, memberB]
		);
		expect(doc).toMatchObject({ status: 'discussion', affectsWorkers: true });
		await setRouteOptions(db(), director, f.schoolA, doc.id, {
			affectsWorkers: 'on',
			ackEveryone: 'on'
		});
		await requestOpinions(db(), director, f.schoolA, doc.id, { requestedOn: today });
		const [opinion] = await db()
			.select()
			.from(councilOpinions)
			.where(eq(councilOpinions.documentId, doc.id));
		expect(opinion!.dueOn).toBe(addWorkingDays(today, 5));

		// On the due day itself the council still has time.
		await recordMissedOpinionsEverywhere(db(), new Date(`${opinion!.dueOn}T12:00:00Z`));
		expect(
			(await db().select().from(councilOpinions).where(eq(councilOpinions.documentId, doc.id)))[0]!
				.result
		).toBeNull();

		const dayAfter = new Date(`${opinion!.dueOn}T12:00:00Z`);
		dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
		expect(await recordMissedOpinionsEverywhere(db(), dayAfter)).toBeGreaterThanOrEqual(1);
		expect(
			(await db().select().from(councilOpinions).where(eq(councilOpinions.documentId, doc.id)))[0]!
				.result
		).toBe('no_answer');
		expect(await noticesOf(director.id, 'council_missed')).not.toHaveLength(0);
		expect(await recordMissedOpinionsEverywhere(db(), dayAfter)).toBe(0);
	});
});

describe('closing a round', () => {
	it('the chair closes it with a majority and a written reason; nobody else, and not without them', async () => {
		const { org, director, members } = await schoolWithGroup(['chair', 'member', 'member']);
		const [chair, m1, m2] = members as [Actor, Actor, Actor];
		const doc = await generate(org, director, REGULATION);
		expect(await submitDocument(db(), director, org, doc.id)).toBe('review');
		const draft = await generate(org, director, 'school-rules-journal', 'Черновик');
		expect(
			formError(
				await refused(() => closeRoundByChair(db(), chair, org, draft.id, { reason: 'Причина' }))
			)
		).toBe('Документ сейчас не на согласовании.');

		await decideReview(db(), chair, org, doc.id, decision(1, 'approve'));
		expect(
			fieldErrorsOf(
				await refused(() => closeRoundByChair(db(), chair, org, doc.id, { reason: '  ' }), doc.id)
			)
		).toEqual({ reason: 'Напишите, почему тур закрывается без единогласия.' });
		expect(
			formError(
				await refused(
					() => closeRoundByChair(db(), chair, org, doc.id, { reason: 'Срок поджимает' }),
					doc.id
				)
			)
		).toBe(
			'Нет большинства: согласовали 1 из 3. Тур закрывается большинством голосов членов группы, включённых в тур.'
		);
		await decideReview(db(), m1, org, doc.id, decision(1, 'approve'));
		for (const who of [m1, m2, director])
			expectForbidden(
				await refused(
					() => closeRoundByChair(db(), who, org, doc.id, { reason: 'Срок поджимает' }),
					doc.id
				)
			);

		expect(
			await closeRoundByChair(db(), chair, org, doc.id, {
				reason: 'Третий член группы в отпуске до конца месяца.'
			})
		).toBe('discussion');
		const [round] = await roundsOf(doc.id);
		expect(round).toMatchObject({
			outcome: 'closed_by_chair',
			closeReason: 'Третий член группы в отпуске до конца месяца.',
			closedBy: chair.id
		});
		expect((await reload(doc.id)).status).toBe('discussion');
		expect(
			formError(
				await refused(
					() => decideReview(db(), m2, org, doc.id, decision(1, 'request_changes', 'Поздно')),
					doc.id
				)
			)
		).toBe('Документ сейчас не на согласовании.');
	});

	it('a group without a chair is chaired by the head; a group of only the author cannot review', async () => {
		const { org, director, members } = await schoolWithGroup(['member', 'member', 'member']);
		// A plan: review, then straight to approval.
		const doc = await generate(org, director, 'school-plan-roadmap');
		await submitDocument(db(), director, org, doc.id);
		await decideReview(db(), members[0]!, org, doc.id, decision(1, 'approve'));
		await decideReview(db(), members[1]!, org, doc.id, decision(1, 'approve'));
		expect(
			await closeRoundByChair(db(), director, org, doc.id, { reason: 'Большинство согласовало.' })
		).toBe('approval');
		expect(await noticesOf(director.id, 'awaiting_approval', doc.title)).toHaveLength(1);

		const lonely = await schoolWithGroup([]);
		await addWorkingGroupMember(db(), lonely.director, lonely.org, {
			userId: lonely.director.id,
			role: 'chair',
			position: ''
		});
		const alone = await generate(lonely.org, lonely.director, REGULATION);
		expect(
			formError(
				await refused(() => submitDocument(db(), lonely.director, lonely.org, alone.id), alone.id)
			)
		).toBe(
			'В рабочей группе нет никого, кроме автора: сначала сформируйте рабочую группу (раздел «Рабочая группа»).'
		);
	});

	it('the author never reviews their own draft, even when the head sends it', async () => {
		const { org, director, members } = await schoolWithGroup(['chair', 'member', 'member']);
		const [chair, author, other] = members as [Actor, Actor, Actor];
		const doc = await generate(org, author, 'school-instruction-additions');
		expect(await submitDocument(db(), director, org, doc.id)).toBe('review');
		const [round] = await roundsOf(doc.id);
		expect([...round!.reviewerIds].sort()).toEqual([chair.id, other.id].sort());
		expectForbidden(
			await refused(() => decideReview(db(), author, org, doc.id, decision(1, 'approve')), doc.id)
		);
	});
});

describe('another school’s people', () => {
	it('cannot submit, decide, close, comment on, set options of or approve school A’s document', async () => {
		const draft = await generate(
			f.schoolA,
			f.actors.directorA,
			'school-rules-support',
			'Правила школы А'
		);
		const inReview = await generate(
			f.schoolA,
			f.actors.directorA,
			'school-regulation-paperless',
			'Положение школы А на согласовании'
		);
		await submitDocument(db(), f.actors.directorA, f.schoolA, inReview.id);
		const B = f.schoolB;
		const A = f.schoolA;
		const notFound = 'Документ не найден.';

		// Acting in their own school, they do not find it at all.
		expect(
			formError(
				await refused(() => submitDocument(db(), f.actors.directorB, B, draft.id), draft.id)
			)
		).toBe(notFound);
		expect(
			formError(
				await refused(
					() => decideReview(db(), chairB, B, inReview.id, decision(1, 'approve')),
					inReview.id
				)
			)
		).toBe(notFound);
		expect(
			formError(
				await refused(
					() => closeRoundByChair(db(), chairB, B, inReview.id, { reason: 'Так надо' }),
					inReview.id
				)
			)
		).toBe(notFound);
		expect(
			formError(
				await refused(() => approve(f.actors.directorB, B, [inReview.id], order()), inReview.id)
			)
		).toBe(notFound);
		expect(
			formError(
				await refused(
					() => setRouteOptions(db(), f.actors.directorB, B, draft.id, { ackEveryone: 'on' }),
					draft.id
				)
			)
		).toBe(notFound);
		expect(
			formError(
				await refused(
					() => requestOpinions(db(), f.actors.directorB, B, inReview.id, { requestedOn: today }),
					inReview.id
				)
			)
		).toBe(notFound);
		// Acting in school A, they have no right there.
		expectForbidden(
			await refused(() => submitDocument(db(), f.actors.directorB, A, draft.id), draft.id)
		);
		expectForbidden(
			await refused(
				() => decideReview(db(), chairB, A, inReview.id, decision(1, 'approve')),
				inReview.id
			)
		);
		expectForbidden(
			await refused(
				() => decideReview(db(), f.actors.directorB, A, inReview.id, decision(1, 'approve')),
				inReview.id
			)
		);
		expectForbidden(
			await refused(
				() => closeRoundByChair(db(), chairB, A, inReview.id, { reason: 'Так надо' }),
				inReview.id
			)
		);
		expectForbidden(
			await refused(() => approve(f.actors.directorB, A, [inReview.id], order()), inReview.id)
		);
		expectForbidden(
			await refused(
				() => setRouteOptions(db(), f.actors.directorB, A, draft.id, { ackEveryone: 'on' }),
				draft.id
			)
		);
		expectForbidden(
			await refused(() => startNewEdition(db(), f.actors.directorB, A, draft.id), draft.id)
		);
		// Nor may the authority above act for the school.
		expectForbidden(
			await refused(
				() => submitDocument(db(), f.actors.municipalityAuthority, A, draft.id),
				draft.id
			)
		);
		expectForbidden(
			await refused(
				() =>
					decideReview(
						db(),
						f.actors.municipalityAuthority,
						A,
						inReview.id,
						decision(1, 'approve')
					),
				inReview.id
			)
		);
		expect((await reload(inReview.id)).status).toBe('review');
		expect((await reload(draft.id)).status).toBe('draft');
		expect((await reload(draft.id)).publishedAt).toBeNull();
		expect((await reload(inReview.id)).publishedAt).toBeNull();
	});
});
