import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents, discussions, documentVersions, documents, notifications, publicComments, reviewDecisions, reviewRounds, type DocumentRow } from '../../src/lib/server/db/schema';
import { loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { generateDocument } from '../../src/lib/server/documents/generate-document';
import { submitPublicComment } from '../../src/lib/server/public/submit-comment';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { APPROVAL_ORDER_TEMPLATE, approveDocuments, prepareApprovalOrder } from '../../src/lib/server/workflow/approval';
import { answerComment, closeDiscussion, moderateComment, openDiscussion } from '../../src/lib/server/workflow/discussion';
import { decideReview, openRound, submitDocument } from '../../src/lib/server/workflow/review';
import { addWorkingGroupMember } from '../../src/lib/server/workflow/working-group';
import { todayIn } from '../../src/lib/format';
import { buildFixture, grantRole, insertUser, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf, plausibleForm } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

// Every step of the route locks the document first, so steps that meet are applied one after
// the other. On PostgreSQL (the `postgres` project) the database client is a pool and the two
// transactions of each test really run at once on two connections; PGlite has one connection and
// runs them one after the other, so there the same assertions check the sequential outcome.
// Either way the outcome must be one of the orders, never a mixture.

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
let memberB: Actor;
let today: string;

const library = readTemplateLibrary();
/** Each race is run several times: on PostgreSQL the interleaving differs from run to run. */
const TRIES = 6;

const reload = async (id: string) => (await db().select().from(documents).where(eq(documents.id, id)))[0]!;
const decision = (version: number, choice: string, comment = '') => ({ version: String(version), decision: choice, comment });
const order = (orderNumber: string) => ({ orderNumber, orderDate: today, effectiveDate: '', publish: 'on' });
const formError = (e: unknown) => fieldErrorsOf(e).form;
const roundsOf = (docId: string) => db().select().from(reviewRounds).where(eq(reviewRounds.documentId, docId)).orderBy(asc(reviewRounds.round));
const auditCount = (action: string, entityId: string) => db().$count(auditEvents, and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));

let docCounter = 0;
async function generate(templateId: string): Promise<DocumentRow> {
	docCounter += 1;
	const template = library.byId.get(templateId)!;
	return generateDocument(db(), f.actors.directorA, f.schoolA, templateId, {
		title: `${template.title} (${docCounter})`,
		number: '',
		documentDate: '',
		place: '',
		effectiveDate: '',
		responsibleId: '',
		...plausibleForm(template.variables)
	});
}

/** An instruction (review, then approval) sent by the director to the two members. */
async function inReview(templateId = 'school-instruction-additions'): Promise<DocumentRow> {
	const doc = await generate(templateId);
	expect(await submitDocument(db(), f.actors.directorA, f.schoolA, doc.id)).toBe('review');
	return reload(doc.id);
}

async function awaitingApproval(): Promise<DocumentRow> {
	const doc = await inReview();
	await decideReview(db(), f.actors.memberA, f.schoolA, doc.id, decision(1, 'approve'));
	await decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'approve'));
	const fresh = await reload(doc.id);
	expect(fresh.status).toBe('approval');
	return fresh;
}

async function expectChainIntact() {
	const verdict = await verifyChain(db(), f.schoolA.id);
	expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
}

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'wfc');
	today = todayIn(f.schoolA.timeZone);
	const user = await insertUser(db(), { email: 'memberb.wfc@example.test', fullName: 'Членова Бэлла' });
	await grantRole(db(), user, f.schoolA, 'working_group');
	memberB = await loadActor(db(), user);
	await addWorkingGroupMember(db(), f.actors.directorA, f.schoolA, { userId: f.users.memberA.id, role: 'chair', position: '' });
	await addWorkingGroupMember(db(), f.actors.directorA, f.schoolA, { userId: memberB.id, role: 'member', position: '' });
});
afterAll(async () => {
	await handle?.close();
});

describe('two members deciding at the same moment', () => {
	it('both approve: both decisions count, the round closes exactly once, the act goes on once', async () => {
		for (let i = 0; i < TRIES; i++) {
			const doc = await inReview();
			const results = await Promise.all([
				decideReview(db(), f.actors.memberA, f.schoolA, doc.id, decision(1, 'approve')),
				decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'approve'))
			]);
			// The one that came second saw the other's decision and closed the round.
			expect(results.map((r) => r.closed).sort()).toEqual([false, true]);
			expect(results.find((r) => r.closed)!.status).toBe('approval');
			expect(results.find((r) => !r.closed)!.status).toBe('review');

			const [round, ...more] = await roundsOf(doc.id);
			expect(more).toHaveLength(0);
			expect(round).toMatchObject({ outcome: 'approved' });
			expect(round!.closedAt).toBeInstanceOf(Date);
			const decisions = await db().select().from(reviewDecisions).where(eq(reviewDecisions.roundId, round!.id));
			expect(decisions.map((d) => d.userId).sort()).toEqual([f.users.memberA.id, memberB.id].sort());
			expect((await reload(doc.id)).status).toBe('approval');
			expect(await auditCount('review.decided', round!.id)).toBe(2);
			expect(await auditCount('review.closed', round!.id)).toBe(1);
			const told = await db()
				.select()
				.from(notifications)
				.where(and(eq(notifications.userId, f.users.directorA.id), eq(notifications.kind, 'awaiting_approval')));
			expect(told.filter((n) => n.body.includes(`«${doc.title}»`))).toHaveLength(1);
		}
		await expectChainIntact();
	});

	it('one approves, one asks for changes: the draft goes back to its author once', async () => {
		for (let i = 0; i < TRIES; i++) {
			const doc = await inReview();
			const results = await Promise.all([
				decideReview(db(), f.actors.memberA, f.schoolA, doc.id, decision(1, 'approve')),
				decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'request_changes', 'Уточните пункт 1.'))
			]);
			expect(results.filter((r) => r.closed)).toEqual([{ closed: true, status: 'draft' }]);
			const [round] = await roundsOf(doc.id);
			expect(round).toMatchObject({ outcome: 'changes_requested' });
			expect(await db().$count(reviewDecisions, eq(reviewDecisions.roundId, round!.id))).toBe(2);
			expect((await reload(doc.id)).status).toBe('draft');
			expect(await auditCount('review.closed', round!.id)).toBe(1);
		}
		await expectChainIntact();
	});

	it('the same member twice at once (a double click): one decision is recorded, the other refused', async () => {
		for (let i = 0; i < TRIES; i++) {
			const doc = await inReview();
			const results = await Promise.allSettled([
				decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'approve')),
				decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'approve'))
			]);
			expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
			const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
			expect(formError(failure.reason)).toBe('Вы уже приняли решение в этом туре.');
			const [round] = await roundsOf(doc.id);
			expect(await db().$count(reviewDecisions, eq(reviewDecisions.roundId, round!.id))).toBe(1);
			expect(round!.closedAt).toBeNull();
		}
	});
});

describe('the director approving while the last member decides', () => {
	it('either the approval is refused and the review closes, or the review closes first and the approval follows — never an act in force with an open round', async () => {
		const outcomes = { refused: 0, approved: 0 };
		for (let i = 0; i < TRIES; i++) {
			const doc = await inReview();
			await decideReview(db(), f.actors.memberA, f.schoolA, doc.id, decision(1, 'approve'));
			const [approval, decided] = await Promise.allSettled([
				approveDocuments(db(), f.actors.directorA, f.schoolA, [doc.id], order(`${60 + i}-о`)),
				decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'approve'))
			]);
			// The member's decision is legal whichever came first.
			expect(decided).toEqual({ status: 'fulfilled', value: { closed: true, status: 'approval' } });
			expect(await openRound(db(), doc.id)).toBeNull();
			const [round] = await roundsOf(doc.id);
			expect(round).toMatchObject({ outcome: 'approved' });
			const fresh = await reload(doc.id);
			if (approval.status === 'fulfilled') {
				outcomes.approved += 1;
				expect(fresh).toMatchObject({ status: 'published', approvedVersion: 1, approvalOrderNumber: `${60 + i}-о` });
				// The round was closed before the act was approved.
				expect(round!.closedAt!.getTime()).toBeLessThanOrEqual(fresh.approvedAt!.getTime());
				expect(await auditCount('document.approved', doc.id)).toBe(1);
			} else {
				outcomes.refused += 1;
				expect(formError(approval.reason)).toBe('Из состояния «согласование» так поступить нельзя.');
				expect(fresh).toMatchObject({ status: 'approval', approvedVersion: null, approvedAt: null, publishedAt: null });
				expect(await auditCount('document.approved', doc.id)).toBe(0);
			}
		}
		expect(outcomes.approved + outcomes.refused).toBe(TRIES);
		await expectChainIntact();
	});

	it('when the last member asks for changes the approval is always refused and the draft goes back', async () => {
		for (let i = 0; i < TRIES; i++) {
			const doc = await inReview();
			await decideReview(db(), f.actors.memberA, f.schoolA, doc.id, decision(1, 'approve'));
			const [approval, decided] = await Promise.allSettled([
				approveDocuments(db(), f.actors.directorA, f.schoolA, [doc.id], order(`${70 + i}-о`)),
				decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'request_changes', 'Не готово.'))
			]);
			expect(decided).toEqual({ status: 'fulfilled', value: { closed: true, status: 'draft' } });
			expect(approval.status).toBe('rejected');
			expect(['Из состояния «согласование» так поступить нельзя.', 'Из состояния «черновик» так поступить нельзя.']).toContain(formError((approval as PromiseRejectedResult).reason));
			expect(await reload(doc.id)).toMatchObject({ status: 'draft', approvedAt: null, publishedAt: null });
			expect(await openRound(db(), doc.id)).toBeNull();
			expect(await auditCount('document.approved', doc.id)).toBe(0);
		}
		await expectChainIntact();
	});
});

describe('two approvals of the same act at once', () => {
	it('one order approves it, the other is refused; one audit event', async () => {
		for (let i = 0; i < TRIES; i++) {
			const doc = await awaitingApproval();
			const numbers = [`${80 + i}-о`, `${90 + i}-о`];
			const results = await Promise.allSettled(numbers.map((n) => approveDocuments(db(), f.actors.directorA, f.schoolA, [doc.id], order(n))));
			expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
			const won = results.findIndex((r) => r.status === 'fulfilled');
			const lost = results[1 - won] as PromiseRejectedResult;
			expect(formError(lost.reason)).toBe('Из состояния «действует» так поступить нельзя.');
			expect(await reload(doc.id)).toMatchObject({ status: 'published', approvalOrderNumber: numbers[won], approvedVersion: 1 });
			expect(await auditCount('document.approved', doc.id)).toBe(1);
			expect(await auditCount('document.published', doc.id)).toBe(1);
		}
		await expectChainIntact();
	});

	it('two batch orders sharing two acts, listed in opposite orders, do not deadlock: one order is made, the other leaves nothing', async () => {
		const template = library.byId.get(APPROVAL_ORDER_TEMPLATE)!;
		for (let i = 0; i < TRIES; i++) {
			const a = await awaitingApproval();
			const b = await awaitingApproval();
			const ordersBefore = await db().$count(documents, and(eq(documents.organizationId, f.schoolA.id), eq(documents.templateId, APPROVAL_ORDER_TEMPLATE)));
			const raw = (n: string) => ({ ...plausibleForm(template.variables), var_repealed: '', ...order(n) });
			const first = raw(`${100 + i}-о`);
			const second = raw(`${200 + i}-о`);
			const results = await Promise.allSettled([
				approveDocuments(db(), f.actors.directorA, f.schoolA, [a.id, b.id], first, await prepareApprovalOrder(db(), f.schoolA, first)),
				approveDocuments(db(), f.actors.directorA, f.schoolA, [b.id, a.id], second, await prepareApprovalOrder(db(), f.schoolA, second))
			]);
			expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
			const won = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof approveDocuments>>>;
			const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
			expect(formError(lost.reason)).toBe('Из состояния «действует» так поступить нельзя.');
			expect(await db().$count(documents, and(eq(documents.organizationId, f.schoolA.id), eq(documents.templateId, APPROVAL_ORDER_TEMPLATE)))).toBe(ordersBefore + 1);
			for (const act of [a, b]) expect(await reload(act.id)).toMatchObject({ status: 'published', approvalOrderId: won.value.order!.id });
		}
		await expectChainIntact();
	});
});

describe('a proposal arriving while the discussion closes', () => {
	it('is either refused or stops the closing — never left pending after the summary is made', async () => {
		const outcomes = { closed: 0, kept: 0 };
		for (let i = 0; i < TRIES; i++) {
			const doc = await generate('school-regulation-journal');
			await submitDocument(db(), f.actors.directorA, f.schoolA, doc.id);
			await decideReview(db(), f.actors.memberA, f.schoolA, doc.id, decision(1, 'approve'));
			await decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'approve'));
			const d = await openDiscussion(db(), f.actors.memberA, f.schoolA, doc.id, { startsOn: today, endsOn: today });
			const [sent, closed] = await Promise.allSettled([
				submitPublicComment(db(), doc.id, { authorName: 'Родитель', authorRole: 'parent', body: `Предложение ${i}` }, `198.51.100.${i + 1}`),
				closeDiscussion(db(), f.actors.memberA, f.schoolA, doc.id)
			]);
			expect([sent.status, closed.status].sort()).toEqual(['fulfilled', 'rejected']);
			const comments = await db().select().from(publicComments).where(eq(publicComments.discussionId, d.id));
			const [discussion] = await db().select().from(discussions).where(eq(discussions.id, d.id));
			if (closed.status === 'fulfilled') {
				outcomes.closed += 1;
				expect(formError((sent as PromiseRejectedResult).reason)).toBe('Этот документ сейчас не обсуждается: предложения к нему не принимаются.');
				expect(comments).toEqual([]);
				expect(discussion!.closedAt).toBeInstanceOf(Date);
				expect((await reload(doc.id)).status).toBe('approval');
			} else {
				outcomes.kept += 1;
				expect(formError(closed.reason)).toBe('Ещё не рассмотрено предложений: 1. Опубликуйте или отклоните их.');
				expect(comments.map((c) => c.status)).toEqual(['pending']);
				expect(discussion!.closedAt).toBeNull();
				expect((await reload(doc.id)).status).toBe('discussion');
			}
		}
		expect(outcomes.closed + outcomes.kept).toBe(TRIES);
		await expectChainIntact();
	});

	it('an answer changed while the discussion closes is either in the summary or refused — the summary always has the answer kept', async () => {
		for (let i = 0; i < TRIES; i++) {
			const doc = await generate('school-regulation-journal');
			await submitDocument(db(), f.actors.directorA, f.schoolA, doc.id);
			await decideReview(db(), f.actors.memberA, f.schoolA, doc.id, decision(1, 'approve'));
			await decideReview(db(), memberB, f.schoolA, doc.id, decision(1, 'approve'));
			await openDiscussion(db(), f.actors.memberA, f.schoolA, doc.id, { startsOn: today, endsOn: today });
			const c = await submitPublicComment(db(), doc.id, { authorName: 'Педагог', authorRole: 'teacher', body: `Замечание ${i}` }, `198.51.100.${100 + i}`);
			await moderateComment(db(), f.actors.memberA, f.schoolA, c.id, { verdict: 'publish', reason: '' });
			await answerComment(db(), f.actors.memberA, f.schoolA, c.id, { answer: `Первый ответ ${i}` });
			const [changed, closed] = await Promise.allSettled([
				answerComment(db(), f.actors.memberA, f.schoolA, c.id, { answer: `Уточнённый ответ ${i}` }),
				closeDiscussion(db(), f.actors.memberA, f.schoolA, doc.id)
			]);
			expect(closed.status).toBe('fulfilled');
			const summary = (closed as PromiseFulfilledResult<DocumentRow>).value;
			const [stored] = await db().select().from(publicComments).where(eq(publicComments.id, c.id));
			const [text] = await db().select({ source: documentVersions.source }).from(documentVersions).where(eq(documentVersions.documentId, summary.id));
			expect(text!.source).toContain(`| ${stored!.answer} |`);
			if (changed.status === 'fulfilled') expect(stored!.answer).toBe(`Уточнённый ответ ${i}`);
			else {
				expect(formError(changed.reason)).toBe('Обсуждение завершено: предложения больше не рассматриваются, ответы не меняются.');
				expect(stored!.answer).toBe(`Первый ответ ${i}`);
			}
		}
		await expectChainIntact();
	});
});
