import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	discussions,
	documentVersions,
	documents,
	notifications,
	publicComments,
	registrationCounters,
	reviewDecisions,
	reviewRounds,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import type { Actor } from '../../src/lib/server/auth/permissions';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { generateDocument } from '../../src/lib/server/documents/generate-document';
import { submitPublicComment } from '../../src/lib/server/public/submit-comment';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import {
	APPROVAL_ORDER_TEMPLATE,
	approveDocuments,
	prepareApprovalOrder,
	signOrder
} from '../../src/lib/server/workflow/approval';
import {
	answerComment,
	closeDiscussion,
	moderateComment
} from '../../src/lib/server/workflow/discussion';
import { decideReview, openRound, submitDocument } from '../../src/lib/server/workflow/review';
import { todayIn } from '../../src/lib/format';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import {
	decision,
	discussionReachingLastDay,
	reloadDocument,
	schoolWithGroup
} from '../helpers/route';
import { fieldErrorsOf, plausibleForm } from '../helpers/documents';
import { ValidationError } from '../../src/lib/server/forms/errors';
import { openTestDatabase } from '../helpers/test-db';

// Every step of the route locks the document first, so steps that meet are applied one after
// the other. On PostgreSQL (the `postgres` project) the database client is a pool and the two
// transactions of each test really run at once on two connections; PGlite has one connection and
// runs them one after the other, so there the same assertions check the sequential outcome.
// Either way the outcome must be one of the orders, never a mixture.

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
let today: string;

const library = readTemplateLibrary();
const approvalTemplate = library.byId.get(APPROVAL_ORDER_TEMPLATE)!;
/** Each race is run several times: on PostgreSQL the interleaving differs from run to run. */
const TRIES = 6;

const reload = (id: string) => reloadDocument(db(), id);
const formError = (e: unknown) => fieldErrorsOf(e).form;
const roundsOf = (docId: string) =>
	db()
		.select()
		.from(reviewRounds)
		.where(eq(reviewRounds.documentId, docId))
		.orderBy(asc(reviewRounds.round));
const auditCount = (action: string, entityId: string) =>
	db().$count(auditEvents, and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));
/** The approval form: the journal gives the next number unless one is typed. */
const order = (orderNumber = '') => ({
	...plausibleForm(approvalTemplate.variables),
	var_repealed: '',
	series: '-о',
	orderNumber,
	orderDate: today,
	effectiveDate: '',
	publish: 'on'
});

/**
 * A school of its own for each race: its own director, a chair and a member, and so its own
 * registration journal and its own acts in force (one edition per act and template).
 */
interface School {
	org: Organization;
	director: Actor;
	chair: Actor;
	member: Actor;
}
async function school(): Promise<School> {
	const { org, director, members } = await schoolWithGroup(db(), f.municipality, 'wfc', [
		'chair',
		'member'
	]);
	return { org, director, chair: members[0]!, member: members[1]! };
}

let docCounter = 0;
async function generate(s: School, templateId: string, title?: string): Promise<DocumentRow> {
	docCounter += 1;
	const template = library.byId.get(templateId)!;
	return generateDocument(db(), s.director, s.org, templateId, {
		title: title ?? `${template.title} (${docCounter})`,
		number: '',
		documentDate: '',
		place: '',
		effectiveDate: '',
		responsibleId: '',
		...plausibleForm(template.variables)
	});
}

/** A plan (an appendix: review, then approval, no councils) sent by the director to the two members. */
async function inReview(
	s: School,
	templateId = 'school-plan-roadmap',
	title?: string
): Promise<DocumentRow> {
	const doc = await generate(s, templateId, title);
	expect(await submitDocument(db(), s.director, s.org, doc.id)).toBe('review');
	return reload(doc.id);
}

async function awaitingApproval(
	s: School,
	templateId = 'school-plan-roadmap',
	title?: string
): Promise<DocumentRow> {
	const doc = await inReview(s, templateId, title);
	await decideReview(db(), s.chair, s.org, doc.id, decision(1, 'approve'));
	await decideReview(db(), s.member, s.org, doc.id, decision(1, 'approve'));
	const fresh = await reload(doc.id);
	expect(fresh.status).toBe('approval');
	return fresh;
}

/** Approval as the director does it: the order made from the model template and registered in the journal. */
async function approve(s: School, ids: string[], raw: Record<string, string> = order()) {
	return approveDocuments(
		db(),
		s.director,
		s.org,
		ids,
		raw,
		await prepareApprovalOrder(db(), s.org, raw)
	);
}

/** The school's orders as the journal numbers them. */
async function journal(s: School) {
	return db()
		.select({
			id: documents.id,
			number: documents.number,
			seq: documents.registrationSeq,
			series: documents.registrationSeries,
			year: documents.registrationYear
		})
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, s.org.id),
				eq(documents.documentClass, 'order'),
				isNotNull(documents.number)
			)
		)
		.orderBy(asc(documents.registrationSeq));
}

async function counter(s: School) {
	const [row] = await db()
		.select()
		.from(registrationCounters)
		.where(eq(registrationCounters.organizationId, s.org.id));
	return row?.lastSeq ?? 0;
}

async function expectChainIntact(s: School) {
	const verdict = await verifyChain(db(), s.org.id);
	expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
}

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'wfc');
	today = todayIn(f.schoolA.timeZone);
});
afterAll(async () => {
	await handle?.close();
});

describe('two members deciding at the same moment', () => {
	it('both approve: both decisions count, the round closes exactly once, the plan goes on once', async () => {
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const doc = await inReview(s);
			const results = await Promise.all([
				decideReview(db(), s.chair, s.org, doc.id, decision(1, 'approve')),
				decideReview(db(), s.member, s.org, doc.id, decision(1, 'approve'))
			]);
			// The one that came second saw the other's decision and closed the round.
			expect(results.map((r) => r.closed).sort()).toEqual([false, true]);
			expect(results.find((r) => r.closed)!.status).toBe('approval');
			expect(results.find((r) => !r.closed)!.status).toBe('review');

			const [round, ...more] = await roundsOf(doc.id);
			expect(more).toHaveLength(0);
			expect(round).toMatchObject({ outcome: 'approved' });
			expect(round!.closedAt).toBeInstanceOf(Date);
			const decisions = await db()
				.select()
				.from(reviewDecisions)
				.where(eq(reviewDecisions.roundId, round!.id));
			expect(decisions.map((d) => d.userId).sort()).toEqual([s.chair.id, s.member.id].sort());
			expect((await reload(doc.id)).status).toBe('approval');
			expect(await auditCount('review.decided', round!.id)).toBe(2);
			expect(await auditCount('review.closed', round!.id)).toBe(1);
			const told = await db()
				.select()
				.from(notifications)
				.where(
					and(eq(notifications.userId, s.director.id), eq(notifications.kind, 'awaiting_approval'))
				);
			expect(told.filter((n) => n.body.includes(`«${doc.title}»`))).toHaveLength(1);
			await expectChainIntact(s);
		}
	});

	it('one approves, one asks for changes: the draft goes back to its author once', async () => {
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const doc = await inReview(s);
			const results = await Promise.all([
				decideReview(db(), s.chair, s.org, doc.id, decision(1, 'approve')),
				decideReview(
					db(),
					s.member,
					s.org,
					doc.id,
					decision(1, 'request_changes', 'Уточните пункт 1.')
				)
			]);
			expect(results.filter((r) => r.closed)).toEqual([{ closed: true, status: 'draft' }]);
			const [round] = await roundsOf(doc.id);
			expect(round).toMatchObject({ outcome: 'changes_requested' });
			expect(await db().$count(reviewDecisions, eq(reviewDecisions.roundId, round!.id))).toBe(2);
			expect((await reload(doc.id)).status).toBe('draft');
			expect(await auditCount('review.closed', round!.id)).toBe(1);
			await expectChainIntact(s);
		}
	});

	it('the same member twice at once (a double click): one decision is recorded, the other refused', async () => {
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const doc = await inReview(s);
			const results = await Promise.allSettled([
				decideReview(db(), s.member, s.org, doc.id, decision(1, 'approve')),
				decideReview(db(), s.member, s.org, doc.id, decision(1, 'approve'))
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
	it('either the approval is refused and the review closes, or the review closes first and the approval follows — never an act in force with an open round, never a lost number', async () => {
		const outcomes = { refused: 0, approved: 0 };
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const doc = await inReview(s);
			await decideReview(db(), s.chair, s.org, doc.id, decision(1, 'approve'));
			const [approval, decided] = await Promise.allSettled([
				approve(s, [doc.id]),
				decideReview(db(), s.member, s.org, doc.id, decision(1, 'approve'))
			]);
			// The member's decision is legal whichever came first.
			expect(decided).toEqual({ status: 'fulfilled', value: { closed: true, status: 'approval' } });
			expect(await openRound(db(), doc.id)).toBeNull();
			const [round] = await roundsOf(doc.id);
			expect(round).toMatchObject({ outcome: 'approved' });
			const fresh = await reload(doc.id);
			if (approval.status === 'fulfilled') {
				outcomes.approved += 1;
				expect(fresh).toMatchObject({
					status: 'published',
					approvedVersion: 1,
					approvalOrderNumber: '1-о',
					approvalOrderId: approval.value.order.id
				});
				// The round was closed before the act was approved.
				expect(round!.closedAt!.getTime()).toBeLessThanOrEqual(fresh.approvedAt!.getTime());
				expect(await auditCount('document.approved', doc.id)).toBe(1);
			} else {
				outcomes.refused += 1;
				expect(formError(approval.reason)).toBe(
					'Из состояния «согласование» так поступить нельзя.'
				);
				expect(fresh).toMatchObject({
					status: 'approval',
					approvedVersion: null,
					approvedAt: null,
					publishedAt: null
				});
				expect(await auditCount('document.approved', doc.id)).toBe(0);
				// The refused approval gave its number back: the next order is № 1-о.
				expect(await journal(s)).toEqual([]);
				expect(await counter(s)).toBe(0);
				expect((await approve(s, [doc.id])).order.number).toBe('1-о');
			}
			expect((await journal(s)).map((o) => o.number)).toEqual(['1-о']);
			await expectChainIntact(s);
		}
		expect(outcomes.approved + outcomes.refused).toBe(TRIES);
	});

	it('when the last member asks for changes the approval is always refused, the draft goes back, no order is registered', async () => {
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const doc = await inReview(s);
			await decideReview(db(), s.chair, s.org, doc.id, decision(1, 'approve'));
			const [approval, decided] = await Promise.allSettled([
				approve(s, [doc.id]),
				decideReview(db(), s.member, s.org, doc.id, decision(1, 'request_changes', 'Не готово.'))
			]);
			expect(decided).toEqual({ status: 'fulfilled', value: { closed: true, status: 'draft' } });
			expect(approval.status).toBe('rejected');
			expect([
				'Из состояния «согласование» так поступить нельзя.',
				'Из состояния «черновик» так поступить нельзя.'
			]).toContain(formError((approval as PromiseRejectedResult).reason));
			expect(await reload(doc.id)).toMatchObject({
				status: 'draft',
				approvedAt: null,
				publishedAt: null
			});
			expect(await openRound(db(), doc.id)).toBeNull();
			expect(await auditCount('document.approved', doc.id)).toBe(0);
			expect(await journal(s)).toEqual([]);
			expect(await counter(s)).toBe(0);
			await expectChainIntact(s);
		}
	});
});

describe('two approvals of the same act at once', () => {
	it('one order approves it, the other is refused and takes no number; one audit event', async () => {
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const doc = await awaitingApproval(s);
			const results = await Promise.allSettled([approve(s, [doc.id]), approve(s, [doc.id])]);
			expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
			const won = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<
				Awaited<ReturnType<typeof approveDocuments>>
			>;
			const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
			expect(formError(lost.reason)).toBe('Из состояния «действует» так поступить нельзя.');
			expect(won.value.order).toMatchObject({
				number: '1-о',
				registrationSeq: 1,
				documentClass: 'order',
				status: 'published'
			});
			expect(await reload(doc.id)).toMatchObject({
				status: 'published',
				approvalOrderNumber: '1-о',
				approvalOrderId: won.value.order.id,
				approvedVersion: 1
			});
			expect(await auditCount('document.approved', doc.id)).toBe(1);
			expect(await auditCount('document.published', doc.id)).toBe(1);
			expect((await journal(s)).map((o) => o.number)).toEqual(['1-о']);
			expect(await counter(s)).toBe(1);
			await expectChainIntact(s);
		}
	});

	it('two batch orders sharing two plans, listed in opposite orders, do not deadlock: one order is made, the other leaves nothing', async () => {
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const a = await awaitingApproval(s, 'school-plan-roadmap');
			const b = await awaitingApproval(s, 'school-plan-prospective');
			const first = order();
			const second = order();
			const results = await Promise.allSettled([
				approveDocuments(
					db(),
					s.director,
					s.org,
					[a.id, b.id],
					first,
					await prepareApprovalOrder(db(), s.org, first)
				),
				approveDocuments(
					db(),
					s.director,
					s.org,
					[b.id, a.id],
					second,
					await prepareApprovalOrder(db(), s.org, second)
				)
			]);
			expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
			const won = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<
				Awaited<ReturnType<typeof approveDocuments>>
			>;
			const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
			expect(formError(lost.reason)).toBe('Из состояния «действует» так поступить нельзя.');
			expect(
				await db().$count(
					documents,
					and(
						eq(documents.organizationId, s.org.id),
						eq(documents.templateId, APPROVAL_ORDER_TEMPLATE)
					)
				)
			).toBe(1);
			expect(won.value.order.number).toBe('1-о');
			for (const act of [a, b])
				expect(await reload(act.id)).toMatchObject({
					status: 'published',
					approvalOrderId: won.value.order.id,
					approvalOrderNumber: '1-о'
				});
			expect(await counter(s)).toBe(1);
			await expectChainIntact(s);
		}
	});
});

describe('the registration journal when orders are registered at once', () => {
	/** Orders signed at once, and the appendix templates (one edition each) approved by batches at once. */
	const N = 5;
	const PLANS = [
		'school-plan-roadmap',
		'school-plan-prospective',
		'school-schedule-devices',
		'school-list-acts-to-amend'
	];
	const TOTAL = N + PLANS.length;

	it(`${N} orders signed and ${PLANS.length} batches approved at the same moment in one school get ${TOTAL} distinct numbers without gaps; the failed ones leave none`, async () => {
		const s = await school();
		// Orders agreed and awaiting signature, plans awaiting approval; besides them one order still in
		// review and one act still a draft: those two are refused after the journal gave them a number.
		const orders: DocumentRow[] = [];
		for (let k = 1; k <= N; k++)
			orders.push(
				await awaitingApproval(s, 'school-order-working-group', `Приказ № ${k} этой пачки`)
			);
		const plans: DocumentRow[] = [];
		for (const templateId of PLANS) plans.push(await awaitingApproval(s, templateId));
		const lateOrder = await inReview(
			s,
			'school-order-working-group',
			'Приказ, ещё на согласовании'
		);
		const draftAct = await generate(
			s,
			'school-regulation-working-group',
			'Положение, ещё черновик'
		);

		const results = await Promise.allSettled([
			...orders.map((o) =>
				signOrder(db(), s.director, s.org, o.id, {
					series: '-о',
					orderNumber: '',
					orderDate: today,
					publish: 'on'
				})
			),
			...plans.map((p) => approve(s, [p.id])),
			signOrder(db(), s.director, s.org, lateOrder.id, {
				series: '-о',
				orderNumber: '',
				orderDate: today,
				publish: 'on'
			}),
			approve(s, [draftAct.id])
		]);
		expect(results.slice(0, TOTAL).map((r) => r.status)).toEqual(Array(TOTAL).fill('fulfilled'));
		const [late, draft] = results.slice(TOTAL) as PromiseRejectedResult[];
		expect(formError(late!.reason)).toBe('Из состояния «согласование» так поступить нельзя.');
		expect(formError(draft!.reason)).toBe('Из состояния «черновик» так поступить нельзя.');

		const registered = await journal(s);
		expect(registered.map((o) => o.seq)).toEqual(Array.from({ length: TOTAL }, (_, k) => k + 1));
		expect(registered.map((o) => o.number).sort()).toEqual(
			Array.from({ length: TOTAL }, (_, k) => `${k + 1}-о`).sort()
		);
		expect(registered.every((o) => o.series === '-о' && o.year === Number(today.slice(0, 4)))).toBe(
			true
		);
		expect(await counter(s)).toBe(TOTAL);
		// Each signed order bears its own number; each plan the number of the order that approved it.
		for (const o of orders)
			expect(await reload(o.id)).toMatchObject({ status: 'published', documentDate: today });
		for (const p of plans) {
			const row = await reload(p.id);
			expect(row.status).toBe('published');
			expect(registered.find((o) => o.id === row.approvalOrderId)?.number).toBe(
				row.approvalOrderNumber
			);
		}
		expect(
			new Set(await Promise.all(plans.map(async (p) => (await reload(p.id)).approvalOrderId))).size
		).toBe(PLANS.length);
		expect(await reload(lateOrder.id)).toMatchObject({
			status: 'review',
			number: null,
			registrationSeq: null
		});
		expect(await reload(draftAct.id)).toMatchObject({ status: 'draft', approvalOrderNumber: null });

		// The order agreed later takes the next number: nothing was lost to the refusals.
		await decideReview(db(), s.chair, s.org, lateOrder.id, decision(1, 'approve'));
		await decideReview(db(), s.member, s.org, lateOrder.id, decision(1, 'approve'));
		expect(
			await signOrder(db(), s.director, s.org, lateOrder.id, {
				series: '-о',
				orderNumber: '',
				orderDate: today,
				publish: 'on'
			})
		).toMatchObject({ number: `${TOTAL + 1}-о`, registrationSeq: TOTAL + 1 });
		await expectChainIntact(s);
	});

	it('the same number typed for two orders at once: one is registered with it, the other is refused and keeps no number', async () => {
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const a = await awaitingApproval(s, 'school-order-working-group', 'Приказ о рабочей группе');
			const b = await awaitingApproval(
				s,
				'school-order-pd-responsible',
				'Приказ об ответственном за персональные данные'
			);
			const sign = (id: string) =>
				signOrder(db(), s.director, s.org, id, {
					series: '-о',
					orderNumber: '7-о',
					orderDate: today,
					publish: 'on'
				});
			const results = await Promise.allSettled([sign(a.id), sign(b.id)]);
			expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
			const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
			// The journal serialises registrations of a school and year: the second hand sees the first's number taken.
			expect(lost.reason).toBeInstanceOf(ValidationError);
			expect(Object.keys((lost.reason as ValidationError).errors)).toEqual(['orderNumber']);
			expect((lost.reason as ValidationError).errors.orderNumber).toMatch(
				/^Номер 7-о в \d{4} году уже занят: «Приказ о(б)? (рабочей группе|ответственном за персональные данные)»/
			);
			const loser = [a, b].find(
				(d) =>
					d.id !==
					(results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<DocumentRow>)
						.value.id
			)!;
			expect(await reload(loser.id)).toMatchObject({
				status: 'approval',
				number: null,
				registrationSeq: null
			});
			expect((await journal(s)).map((o) => o.number)).toEqual(['7-о']);
			// The counter moved past the typed number: the journal goes on from 8-о.
			expect(await counter(s)).toBe(7);
		}
		// PGlite runs the two one after the other: there the refusal is always the field error.
	});
});

describe('a proposal arriving while the discussion closes', () => {
	it('is either refused or stops the closing — never left pending after the summary is made', async () => {
		const outcomes = { closed: 0, kept: 0 };
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const doc = await generate(s, 'school-regulation-journal');
			await submitDocument(db(), s.director, s.org, doc.id);
			await decideReview(db(), s.chair, s.org, doc.id, decision(1, 'approve'));
			await decideReview(db(), s.member, s.org, doc.id, decision(1, 'approve'));
			const d = await discussionReachingLastDay(db(), s.org, doc.id, s.chair);
			const [sent, closed] = await Promise.allSettled([
				submitPublicComment(
					db(),
					doc.id,
					{ authorName: 'Родитель', authorRole: 'parent', body: `Предложение ${i}` },
					`198.51.100.${i + 1}`
				),
				closeDiscussion(db(), s.chair, s.org, doc.id)
			]);
			expect([sent.status, closed.status].sort()).toEqual(['fulfilled', 'rejected']);
			const comments = await db()
				.select()
				.from(publicComments)
				.where(eq(publicComments.discussionId, d.id));
			const [discussion] = await db().select().from(discussions).where(eq(discussions.id, d.id));
			if (closed.status === 'fulfilled') {
				outcomes.closed += 1;
				expect(formError((sent as PromiseRejectedResult).reason)).toBe(
					'Этот документ сейчас не обсуждается: предложения к нему не принимаются.'
				);
				expect(comments).toEqual([]);
				expect(discussion!.closedAt).toBeInstanceOf(Date);
				expect((await reload(doc.id)).status).toBe('approval');
			} else {
				outcomes.kept += 1;
				expect(formError(closed.reason)).toBe(
					'Ещё не рассмотрено предложений: 1. Опубликуйте или отклоните их.'
				);
				expect(comments.map((c) => c.status)).toEqual(['pending']);
				expect(discussion!.closedAt).toBeNull();
				expect((await reload(doc.id)).status).toBe('discussion');
			}
			await expectChainIntact(s);
		}
		expect(outcomes.closed + outcomes.kept).toBe(TRIES);
	});

	it('an answer changed while the discussion closes is either in the summary or refused — the summary always has the answer kept', async () => {
		for (let i = 0; i < TRIES; i++) {
			const s = await school();
			const doc = await generate(s, 'school-regulation-journal');
			await submitDocument(db(), s.director, s.org, doc.id);
			await decideReview(db(), s.chair, s.org, doc.id, decision(1, 'approve'));
			await decideReview(db(), s.member, s.org, doc.id, decision(1, 'approve'));
			await discussionReachingLastDay(db(), s.org, doc.id, s.chair);
			const c = await submitPublicComment(
				db(),
				doc.id,
				{ authorName: 'Педагог', authorRole: 'teacher', body: `Замечание ${i}` },
				`198.51.100.${100 + i}`
			);
			await moderateComment(db(), s.chair, s.org, c.id, { verdict: 'publish', reason: '' });
			await answerComment(db(), s.chair, s.org, c.id, { answer: `Первый ответ ${i}` });
			const [changed, closed] = await Promise.allSettled([
				answerComment(db(), s.chair, s.org, c.id, { answer: `Уточнённый ответ ${i}` }),
				closeDiscussion(db(), s.chair, s.org, doc.id)
			]);
			expect(closed.status).toBe('fulfilled');
			const summary = (closed as PromiseFulfilledResult<DocumentRow>).value;
			expect(summary).toMatchObject({ documentClass: 'record', status: 'registered' });
			const [stored] = await db().select().from(publicComments).where(eq(publicComments.id, c.id));
			const [text] = await db()
				.select({ source: documentVersions.source })
				.from(documentVersions)
				.where(eq(documentVersions.documentId, summary.id));
			expect(text!.source).toContain(`| ${stored!.answer} |`);
			if (changed.status === 'fulfilled') expect(stored!.answer).toBe(`Уточнённый ответ ${i}`);
			else {
				expect(formError(changed.reason)).toBe(
					'Обсуждение завершено: предложения больше не рассматриваются, ответы не меняются.'
				);
				expect(stored!.answer).toBe(`Первый ответ ${i}`);
			}
			await expectChainIntact(s);
		}
	});
});
