import { alias } from 'drizzle-orm/pg-core';
import {
	and,
	asc,
	count,
	eq,
	exists,
	gte,
	isNotNull,
	isNull,
	like,
	ne,
	notInArray,
	sql
} from 'drizzle-orm';
import type { Database } from '../db';
import {
	catalogueItems,
	checklistItems,
	memberships,
	organizations,
	remarks,
	users,
	type MembershipRole,
	type Organization,
	type OrganizationKind
} from '../db/schema';
import { can, rolesOver, viewRoots, type Actor } from '../auth/permissions';
import { whatsNext } from '../checklists/whats-next';
import { formatDate, todayIn } from '../../format';
import { findOrganization } from '../orgs/queries';
import { contractWarnings } from '../contracts/contracts';
import { organizationFieldLabels } from '../../orgs/labels';
import { routeTasks } from '../workflow/inbox';
import { currentWorkingGroup } from '../workflow/working-group';
import { actsAwaitingPublication, type AwaitingPublication } from '../figures/publication';
import { CLOSED_STATUSES } from '../figures/checklist';
import { routeBoard, type RouteBoardRow } from '../workflow/waiting';
import {
	acknowledgementSummary,
	mustAcknowledge,
	type ActToAcknowledge
} from '../acknowledgements/queries';
import { helpLog, requestsOf } from '../help-requests/help-requests';
import { campaignsOf } from '../checklists/campaigns';
import { monitoringOverview } from '../monitoring/overview';
import { publicationOverdue } from '../monitoring/analysis';
import { defaultOverviewParams } from '../../monitoring/query';
import { helpTopicLabels } from '../../help-requests/labels';
import { actions, lines, moreTitles, routeStepActions } from '../../dashboard/labels';

/** Profile fields a school or authority should fill before its acts can name them. */
const PROFILE_FIELDS = ['headName', 'address', 'website', 'inn', 'journalSystem'] as const;
const SCHOOL_ONLY_FIELDS = ['paperlessSince'] as const;

export function missingProfileFields(org: Organization): string[] {
	const fields: (keyof typeof organizationFieldLabels)[] = [
		...PROFILE_FIELDS,
		...(org.kind === 'school' ? SCHOOL_ONLY_FIELDS : [])
	];
	if (org.kind !== 'school') fields.splice(fields.indexOf('journalSystem'), 1);
	return fields.filter((f) => !org[f]).map((f) => organizationFieldLabels[f]);
}

export type LineKind =
	| 'route'
	| 'publish'
	| 'item'
	| 'remark'
	| 'help'
	| 'lagging'
	| 'acknowledge'
	| 'profile'
	| 'contract'
	| 'working-group'
	| 'acknowledgement-progress'
	| 'paperless'
	| 'campaign'
	| 'more';

/** One line of a block: what it is about (a link), a short note, and at most one button that does it. */
export interface DashboardLine {
	kind: LineKind;
	/** Unique in the block: the document, item, request… it is about. */
	key: string;
	text: string;
	href: string;
	note: string | null;
	action: { label: string; href: string } | null;
	dueOn: string | null;
	overdue: boolean;
	/** A document on the route the person may send «Напомнить» about. */
	remindDocId: string | null;
}

export interface AuthorityFigures {
	schools: number;
	averageProgress: number;
	paperless: number;
}

export interface DashboardCard {
	organization: Organization;
	roles: MembershipRole[];
	/** What the person can do now. */
	yours: DashboardLine[];
	/** What the person (or her organisation) started that waits on someone else. */
	others: DashboardLine[];
	/** The nearest deadlines: checklist items, the route, publication, the paperless day, campaigns. */
	deadlines: DashboardLine[];
	/** For an authority: its schools, their mean progress and how many are paperless (the monitoring figures). */
	figures: AuthorityFigures | null;
}

const line = (
	l: Pick<DashboardLine, 'kind' | 'key' | 'text' | 'href'> & Partial<DashboardLine>
): DashboardLine => ({
	note: null,
	action: null,
	dueOn: null,
	overdue: false,
	remindDocId: null,
	...l
});

/** The first `max` lines, then one «ещё N» line to the page with the whole list. */
function collapse(
	all: DashboardLine[],
	max: number,
	more: { key: string; href: string; title: string }
): DashboardLine[] {
	if (all.length <= max) return all;
	return [
		...all.slice(0, max),
		line({
			kind: 'more',
			key: `more-${more.key}`,
			text: lines.more(all.length - max),
			href: more.href,
			note: more.title
		})
	];
}

const DEADLINES_SHOWN = 4;

/** One card per organisation the person works in, each as «ждёт вас», «ждёт других», «сроки». */
export async function loadDashboard(
	db: Database,
	actor: Actor,
	now = new Date()
): Promise<{ cards: DashboardCard[]; platform: PlatformCounts | null }> {
	const cards: DashboardCard[] = [];
	const pending = await mustAcknowledge(db, actor.id);
	const pathOf = new Map(actor.memberships.map((m) => [m.organizationId, m.organizationPath]));
	for (const root of viewRoots(actor)) {
		const org = await findOrganization(db, root.organizationId);
		if (!org) continue;
		const acknowledge = pending.filter((a) => pathOf.get(a.organizationId)?.startsWith(org.path));
		cards.push(await cardFor(db, actor, org, acknowledge, now));
	}
	return { cards, platform: actor.isAdmin ? await platformCounts(db) : null };
}

async function cardFor(
	db: Database,
	actor: Actor,
	org: Organization,
	acknowledge: ActToAcknowledge[],
	now: Date
): Promise<DashboardCard> {
	const today = todayIn(org.timeZone, now);
	const base = `/app/orgs/${org.id}`;
	const head = can(actor, 'document.approve', org);
	const yours: DashboardLine[] = [];
	const others: DashboardLine[] = [];
	const deadlines: DashboardLine[] = [];
	const mine = (responsibleId: string | null) =>
		responsibleId === actor.id || (!responsibleId && head);

	// The route: steps waiting for the person, and what she started that waits on others.
	const tasks = await routeTasks(db, actor, org, today);
	yours.push(
		...collapse(
			tasks.map((t) =>
				line({
					kind: 'route',
					key: `task-${t.documentId}-${t.step}`,
					text: t.title,
					href: `${base}/documents/${t.documentId}`,
					note: t.todo,
					action: {
						label: routeStepActions[t.step],
						href: `${base}/documents/${t.documentId}${t.path}`
					}
				})
			),
			3,
			{ key: 'tasks', href: `${base}/documents`, title: moreTitles.route }
		)
	);
	const board = can(actor, 'document.edit', org) ? await routeBoard(db, org, today) : [];
	const waitsOnMe = (r: RouteBoardRow) => r.remind.some((p) => p.id === actor.id);
	// A draft sent back to its author is the one route step routeTasks does not name.
	for (const r of board.filter((r) => r.step === 'revise' && waitsOnMe(r)))
		yours.push(
			line({
				kind: 'route',
				key: `revise-${r.id}`,
				text: r.title,
				href: `${base}/documents/${r.id}`,
				note: r.todo,
				action: { label: 'Доработать', href: `${base}/documents/${r.id}` }
			})
		);
	const started = board.filter((r) => !waitsOnMe(r) && (head || r.authorId === actor.id));
	others.push(
		...collapse(
			started.map((r) => {
				const overdue = !!r.dueOn && r.dueOn < today;
				return line({
					kind: 'route',
					key: `board-${r.id}`,
					text: r.title,
					href: `${base}/documents/${r.id}`,
					note:
						lines.waitingSince(r.stepLabel, r.who, formatDate(r.since, org.timeZone)) +
						(r.dueOn ? lines.termSuffix(r.dueOn) : ''),
					dueOn: r.dueOn,
					overdue,
					remindDocId: head && r.remind.some((p) => p.id !== actor.id) ? r.id : null
				});
			}),
			4,
			{ key: 'board', href: `${base}/documents`, title: moreTitles.route }
		)
	);
	for (const r of board.filter(
		(r) => r.dueOn && r.dueOn >= today && (head || r.authorId === actor.id || waitsOnMe(r))
	))
		deadlines.push(
			line({
				kind: 'route',
				key: `term-${r.id}`,
				text: lines.routeTerm(r.title, r.stepLabel),
				href: `${base}/documents/${r.id}`,
				note: lines.itemDue(r.dueOn!),
				dueOn: r.dueOn
			})
		);

	// Publication: the head publishes what she approved, within 10 working days.
	if (head) {
		const due = [...(await publicationDue(db, org, now))].sort(
			(a, b) => Number(b.overdue) - Number(a.overdue)
		);
		yours.push(
			...collapse(
				due.map((p) =>
					line({
						kind: 'publish',
						key: `publish-${p.id}`,
						text: p.title,
						href: `${base}/documents/${p.id}`,
						note: p.overdue
							? lines.publicationMissed(p.dueOn, p.published)
							: lines.publishBy(p.dueOn, p.published),
						dueOn: p.dueOn,
						overdue: p.overdue,
						action: {
							label: p.published ? actions.sign : actions.publish,
							href: `${base}/documents/${p.id}`
						}
					})
				),
				2,
				{ key: 'publish', href: `${base}/documents`, title: moreTitles.publication }
			)
		);
	}

	// Checklist items: hers (or nobody's, for the head) to do; others' overdue ones, for the head.
	const editor = can(actor, 'checklist.edit', org);
	const steps = editor ? await whatsNext(db, org, actor.id, today) : [];
	const itemHref = (s: { checklistId: string; itemId: string }) =>
		`${base}/checklists/${s.checklistId}/items/${s.itemId}`;
	yours.push(
		...collapse(
			steps
				.filter((s) => s.group !== 'others' && mine(s.responsibleId))
				.map((s) =>
					line({
						kind: 'item',
						key: `item-${s.itemId}`,
						text: `${s.code}. ${s.title}`,
						href: itemHref(s),
						note: s.group === 'overdue' ? lines.itemOverdue(s.dueOn) : lines.itemDue(s.dueOn),
						dueOn: s.dueOn,
						overdue: s.group === 'overdue',
						action: s.action
					})
				),
			3,
			{ key: 'items', href: `${base}/checklists`, title: moreTitles.items }
		)
	);
	if (head)
		others.push(
			...collapse(
				steps
					.filter((s) => s.group === 'overdue' && !mine(s.responsibleId))
					.map((s) =>
						line({
							kind: 'item',
							key: `late-${s.itemId}`,
							text: `${s.code}. ${s.title}`,
							href: itemHref(s),
							note: `${lines.responsible(s.responsibleName)} · ${lines.itemOverdue(s.dueOn)}`,
							dueOn: s.dueOn,
							overdue: true
						})
					),
				2,
				{ key: 'late', href: `${base}/checklists`, title: moreTitles.items }
			)
		);
	const itemTerms = can(actor, 'checklist.view', org)
		? await nextItemDeadlines(db, org.id, today)
		: { rows: [], total: 0 };
	for (const i of itemTerms.rows)
		deadlines.push(
			line({
				kind: 'item',
				key: `term-${i.itemId}`,
				text: `${i.code}. ${i.title}`,
				href: itemHref(i),
				note: lines.dueWith(i.dueOn, i.responsibleName),
				dueOn: i.dueOn
			})
		);

	// Remarks of the authority: answered by whoever the item is on; once answered, they wait for the authority.
	if (editor) {
		const open = await openRemarks(db, org.id);
		yours.push(
			...collapse(
				open
					.filter((r) => !r.answered && mine(r.responsibleId))
					.map((r) =>
						line({
							kind: 'remark',
							key: `remark-${r.id}`,
							text: `${r.code}. ${r.title}`,
							href: itemHref(r),
							note: lines.remark(shorten(r.body)),
							action: { label: actions.answerRemark, href: itemHref(r) }
						})
					),
				2,
				{ key: 'remarks', href: `${base}/checklists`, title: moreTitles.remarks }
			)
		);
	}

	// Help requests: to answer (the authority's own people), or asked and still waiting (the asker).
	if (can(actor, 'help_request.answer', org)) {
		const asked = await helpLog(db, org, { status: 'open', organizationId: null, topic: null });
		const href = `${base}/help?status=open`;
		yours.push(
			...collapse(
				asked.map((h) =>
					line({
						kind: 'help',
						key: `help-${h.id}`,
						text: `${h.organization}: ${helpTopicLabels[h.topic]}`,
						href,
						note: lines.helpAsked(formatDate(h.createdAt, org.timeZone)),
						action: { label: actions.answerHelp, href }
					})
				),
				2,
				{ key: 'help', href, title: moreTitles.help }
			)
		);
	}
	if (can(actor, 'help_request.create', org)) {
		const waiting = (await requestsOf(db, org)).filter((h) => h.status === 'open');
		others.push(
			...collapse(
				waiting.map((h) =>
					line({
						kind: 'help',
						key: `asked-${h.id}`,
						text: lines.helpWaiting(helpTopicLabels[h.topic]),
						href: `${base}/help`,
						note: lines.helpAsked(formatDate(h.createdAt, org.timeZone))
					})
				),
				2,
				{ key: 'asked', href: `${base}/help`, title: moreTitles.help }
			)
		);
	}

	// An authority: what monitoring counts under it, as counts with a link, never a list of hundreds.
	let figures: AuthorityFigures | null = null;
	if (can(actor, 'monitoring.view', org)) {
		const region = org.kind === 'region';
		const all = (await monitoringOverview(db, org, defaultOverviewParams, { now, pageSize: 1 }))
			.totals;
		const lagging = (
			await monitoringOverview(
				db,
				org,
				{ ...defaultOverviewParams, overdueOnly: true },
				{ now, pageSize: 1 }
			)
		).totals.organizations;
		const unpublished = (await publicationOverdue(db, org, now, 1)).total;
		const subtree = await subtreeCounts(db, org);
		if (lagging)
			yours.push(
				line({
					kind: 'lagging',
					key: 'lagging',
					text: lines.lagging(lagging, region),
					href: `${base}/monitoring?overdue=1`,
					action: { label: actions.monitoring, href: `${base}/monitoring?overdue=1` }
				})
			);
		if (unpublished)
			yours.push(
				line({
					kind: 'lagging',
					key: 'unpublished',
					text: lines.publicationLagging(unpublished),
					href: `${base}/monitoring/analysis`,
					action: { label: actions.analysis, href: `${base}/monitoring/analysis` }
				})
			);
		if (all.openRemarks)
			others.push(
				line({
					kind: 'remark',
					key: 'remarks',
					text: lines.openRemarks(all.openRemarks),
					href: `${base}/monitoring?sort=remarks`
				})
			);
		if (subtree.schoolsWithoutDirector)
			others.push(
				line({
					kind: 'lagging',
					key: 'no-director',
					text: lines.withoutDirector(subtree.schoolsWithoutDirector),
					href: `${base}/tree`
				})
			);
		figures = {
			schools: subtree.schools,
			averageProgress: all.averageProgress,
			paperless: subtree.schoolsPaperless
		};
		for (const { campaign } of await campaignsOf(db, org.id))
			if (campaign.dueOn >= today)
				deadlines.push(
					line({
						kind: 'campaign',
						key: `campaign-${campaign.id}`,
						text: lines.campaign(campaign.title),
						href: `${base}/campaigns/${campaign.id}`,
						note: lines.itemDue(campaign.dueOn),
						dueOn: campaign.dueOn
					})
				);
	}

	// Acknowledgement: a few acts by name, or one line to the list; the head sees how far it has got.
	const ackLines =
		acknowledge.length <= 2
			? acknowledge.map((a) =>
					line({
						kind: 'acknowledge',
						key: `ack-${a.id}`,
						text: a.title,
						href: `/app/acknowledge/${a.id}`,
						note: lines.published(formatDate(a.publishedAt, a.timeZone)),
						action: { label: actions.acknowledge, href: `/app/acknowledge/${a.id}` }
					})
				)
			: [
					line({
						kind: 'acknowledge',
						key: 'ack-all',
						text: lines.acknowledgeMany(acknowledge.length),
						href: '/app/acknowledge',
						action: { label: actions.acknowledge, href: '/app/acknowledge' }
					})
				];
	yours.push(...ackLines);
	if (head) {
		const s = await acknowledgementSummary(db, org.id);
		if (s.total > s.acknowledged)
			others.push(
				line({
					kind: 'acknowledgement-progress',
					key: 'ack-progress',
					text: lines.acknowledgementSummary(s.acknowledged, s.total, s.acts),
					href: `${base}/acknowledgements`
				})
			);
	}

	// Warnings only to whoever may put them right.
	const missing = missingProfileFields(org);
	if (missing.length && can(actor, 'organization.edit', org))
		yours.push(
			line({
				kind: 'profile',
				key: 'profile',
				text: lines.missingProfile(missing),
				href: `${base}/edit`,
				note: lines.missingProfileNote,
				action: { label: actions.fillProfile, href: `${base}/edit` }
			})
		);
	if (
		org.kind === 'school' &&
		can(actor, 'working_group.manage', org) &&
		!(await currentWorkingGroup(db, org.id)).length
	)
		yours.push(
			line({
				kind: 'working-group',
				key: 'working-group',
				text: lines.noWorkingGroup,
				href: `${base}/working-group`,
				note: lines.noWorkingGroupNote,
				action: { label: actions.formGroup, href: `${base}/working-group` }
			})
		);
	if (can(actor, 'document.edit', org))
		for (const [i, w] of (await contractWarnings(db, org, now)).entries())
			yours.push(
				line({
					kind: 'contract',
					key: `contract-${i}`,
					text: w,
					href: `${base}/contracts`,
					action: { label: actions.contracts, href: `${base}/contracts` }
				})
			);

	if (org.kind === 'school' && org.paperlessSince && org.paperlessSince >= today)
		deadlines.push(
			line({
				kind: 'paperless',
				key: 'paperless',
				text: lines.paperless,
				href: base,
				note: lines.from(org.paperlessSince),
				dueOn: org.paperlessSince
			})
		);

	deadlines.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));
	const hidden = deadlines.length - DEADLINES_SHOWN + (itemTerms.total - itemTerms.rows.length);
	const shownDeadlines = deadlines.slice(0, DEADLINES_SHOWN);
	if (hidden > 0)
		shownDeadlines.push(
			line({
				kind: 'more',
				key: 'more-deadlines',
				text: lines.more(hidden),
				href: `${base}/checklists`,
				note: moreTitles.deadlines
			})
		);

	return {
		organization: org,
		roles: [...rolesOver(actor, org)],
		yours,
		others,
		deadlines: shownDeadlines,
		figures
	};
}

const shorten = (text: string, max = 120) =>
	text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** The organisation's open checklist items due today or later, the nearest first, and how many there are. */
async function nextItemDeadlines(db: Database, orgId: string, today: string) {
	const where = and(
		eq(checklistItems.organizationId, orgId),
		notInArray(checklistItems.status, [...CLOSED_STATUSES]),
		gte(checklistItems.dueOn, today)
	);
	const rows = await db
		.select({
			itemId: checklistItems.id,
			checklistId: checklistItems.checklistId,
			dueOn: checklistItems.dueOn,
			code: catalogueItems.code,
			title: catalogueItems.title,
			responsibleName: users.fullName
		})
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.leftJoin(users, eq(users.id, checklistItems.responsibleId))
		.where(where)
		.orderBy(asc(checklistItems.dueOn), asc(catalogueItems.position))
		.limit(DEADLINES_SHOWN);
	return { rows, total: await db.$count(checklistItems, where) };
}

const replies = alias(remarks, 'replies');

/** The authority's remarks on the organisation's items not yet resolved, with whether the school has answered. */
async function openRemarks(db: Database, orgId: string) {
	const answer = db
		.select({ one: sql`1` })
		.from(replies)
		.where(eq(replies.replyTo, remarks.id));
	const rows = await db
		.select({
			id: remarks.id,
			body: remarks.body,
			itemId: checklistItems.id,
			checklistId: checklistItems.checklistId,
			responsibleId: checklistItems.responsibleId,
			code: catalogueItems.code,
			title: catalogueItems.title,
			answered: sql<boolean>`${exists(answer)}`
		})
		.from(remarks)
		.innerJoin(checklistItems, eq(checklistItems.id, remarks.checklistItemId))
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.where(
			and(eq(remarks.organizationId, orgId), isNull(remarks.replyTo), isNull(remarks.resolvedAt))
		)
		.orderBy(asc(remarks.createdAt));
	return rows;
}

export interface SubtreeCounts {
	municipalities: number;
	schools: number;
	schoolsPaperless: number;
	schoolsWithoutDirector: number;
}

/** Figures about everything under an authority, computed in SQL. */
export async function subtreeCounts(db: Database, org: Organization): Promise<SubtreeCounts> {
	const under = and(like(organizations.path, `${org.path}%`), ne(organizations.id, org.id));
	const byKind = await db
		.select({ kind: organizations.kind, n: count() })
		.from(organizations)
		.where(under)
		.groupBy(organizations.kind);
	const n = (k: OrganizationKind) => byKind.find((r) => r.kind === k)?.n ?? 0;
	const schoolsUnder = and(under, eq(organizations.kind, 'school'));
	const [paperless] = await db
		.select({ n: count() })
		.from(organizations)
		.where(and(schoolsUnder, isNotNull(organizations.paperlessSince)));
	const directors = db
		.select({ one: sql`1` })
		.from(memberships)
		.where(and(eq(memberships.organizationId, organizations.id), eq(memberships.role, 'director')));
	const [withDirector] = await db
		.select({ n: count() })
		.from(organizations)
		.where(and(schoolsUnder, exists(directors)));
	return {
		municipalities: n('municipality'),
		schools: n('school'),
		schoolsPaperless: paperless?.n ?? 0,
		schoolsWithoutDirector: n('school') - (withDirector?.n ?? 0)
	};
}

export type PublicationDue = Pick<
	AwaitingPublication,
	'approvalOrderNumber' | 'approvalOrderDate' | 'dueOn' | 'overdue' | 'published'
> & { id: string; title: string };

/** Approved acts still waiting for publication (figures/publication), the nearest deadline first. */
export async function publicationDue(
	db: Database,
	org: Organization,
	now = new Date()
): Promise<PublicationDue[]> {
	const { rows } = await actsAwaitingPublication(db, sql`o.id = ${org.id}`, { now });
	return rows.map((r) => ({
		id: r.documentId,
		title: r.title,
		approvalOrderNumber: r.approvalOrderNumber,
		approvalOrderDate: r.approvalOrderDate,
		dueOn: r.dueOn,
		overdue: r.overdue,
		published: r.published
	}));
}

export interface PlatformCounts {
	regions: number;
	municipalities: number;
	schools: number;
	users: number;
}

export async function platformCounts(db: Database): Promise<PlatformCounts> {
	const byKind = await db
		.select({ kind: organizations.kind, n: count() })
		.from(organizations)
		.groupBy(organizations.kind);
	const [people] = await db.select({ n: count() }).from(users);
	const n = (k: OrganizationKind) => byKind.find((r) => r.kind === k)?.n ?? 0;
	return {
		regions: n('region'),
		municipalities: n('municipality'),
		schools: n('school'),
		users: people?.n ?? 0
	};
}
