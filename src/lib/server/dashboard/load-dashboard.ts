import { and, count, eq, exists, gt, isNotNull, isNull, like, ne, not, or, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { documents, invitations, memberships, organizations, users, type MembershipRole, type Organization, type OrganizationKind } from '../db/schema';
import { can, rolesOver, viewRoots, type Actor } from '../auth/permissions';
import { whatsNext, type NextStep } from '../checklists/whats-next';
import { openRemarkCount } from '../checklists/queries';
import { todayIn } from '../../format';
import { findOrganization } from '../orgs/queries';
import { contractWarnings } from '../contracts/contracts';
import { missingSetTemplates } from '../documents/generate-document';
import { organizationFieldLabels } from '../../orgs/labels';
import { currentWorkingGroup } from '../workflow/working-group';
import { routeTasks, type RouteTask } from '../workflow/inbox';
import { actsAwaitingPublication, type AwaitingPublication } from '../figures/publication';
import { routeBoard, type RouteBoardRow } from '../workflow/waiting';
import { acknowledgementProgress, mustAcknowledge, type AcknowledgementProgress, type ActToAcknowledge } from '../acknowledgements/queries';

/** Profile fields a school or authority should fill before its acts can name them. */
const PROFILE_FIELDS = ['headName', 'address', 'website', 'inn', 'journalSystem'] as const;
const SCHOOL_ONLY_FIELDS = ['paperlessSince'] as const;

export function missingProfileFields(org: Organization): string[] {
	const fields: (keyof typeof organizationFieldLabels)[] = [...PROFILE_FIELDS, ...(org.kind === 'school' ? SCHOOL_ONLY_FIELDS : [])];
	if (org.kind !== 'school') fields.splice(fields.indexOf('journalSystem'), 1);
	return fields.filter((f) => !org[f]).map((f) => organizationFieldLabels[f]);
}

export interface SubtreeCounts {
	municipalities: number;
	schools: number;
	schoolsWithoutJournal: number;
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
	const [noJournal] = await db.select({ n: count() }).from(organizations).where(and(schoolsUnder, isNull(organizations.journalSystem)));
	const [paperless] = await db.select({ n: count() }).from(organizations).where(and(schoolsUnder, isNotNull(organizations.paperlessSince)));
	const directors = db
		.select({ one: sql`1` })
		.from(memberships)
		.where(and(eq(memberships.organizationId, organizations.id), eq(memberships.role, 'director')));
	const [withDirector] = await db.select({ n: count() }).from(organizations).where(and(schoolsUnder, exists(directors)));
	return {
		municipalities: n('municipality'),
		schools: n('school'),
		schoolsWithoutJournal: noJournal?.n ?? 0,
		schoolsPaperless: paperless?.n ?? 0,
		schoolsWithoutDirector: n('school') - (withDirector?.n ?? 0)
	};
}

export interface SchoolNeedingAttention {
	id: string;
	shortName: string;
	noDirector: boolean;
	noJournalSystem: boolean;
}

/** Schools under an authority with no director in the system or no journal system named. */
export async function schoolsNeedingAttention(db: Database, org: Organization, limit = 10): Promise<SchoolNeedingAttention[]> {
	const directors = db
		.select({ one: sql`1` })
		.from(memberships)
		.where(and(eq(memberships.organizationId, organizations.id), eq(memberships.role, 'director')));
	const hasDirector = exists(directors);
	const rows = await db
		.select({
			id: organizations.id,
			shortName: organizations.shortName,
			hasDirector: sql<boolean>`${hasDirector}`,
			journalSystem: organizations.journalSystem
		})
		.from(organizations)
		.where(and(like(organizations.path, `${org.path}%`), eq(organizations.kind, 'school'), or(not(hasDirector), isNull(organizations.journalSystem))))
		.orderBy(organizations.shortName)
		.limit(limit);
	return rows.map((r) => ({ id: r.id, shortName: r.shortName, noDirector: !r.hasDirector, noJournalSystem: !r.journalSystem }));
}

export async function peopleCounts(db: Database, orgId: string, now = new Date()) {
	const roles = await db
		.select({ role: memberships.role, n: count() })
		.from(memberships)
		.where(eq(memberships.organizationId, orgId))
		.groupBy(memberships.role);
	const [pending] = await db
		.select({ n: count() })
		.from(invitations)
		.where(and(eq(invitations.organizationId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
	return {
		byRole: Object.fromEntries(roles.map((r) => [r.role, r.n])) as Partial<Record<MembershipRole, number>>,
		pendingInvitations: pending?.n ?? 0
	};
}

export interface DashboardCard {
	organization: Organization;
	roles: MembershipRole[];
	missingProfile: string[];
	people: Awaited<ReturnType<typeof peopleCounts>>;
	subtree: SubtreeCounts | null;
	attention: SchoolNeedingAttention[];
	contractWarnings: string[];
	nextSteps: NextStep[];
	openRemarks: number;
	documents: { total: number; drafts: number; missingSet: number };
	workingGroup: Awaited<ReturnType<typeof currentWorkingGroup>>;
	/** Steps of the route waiting for this person: decisions, discussions, approvals. */
	routeTasks: RouteTask[];
	/** Acts of this organisation (or one under it) the person must still acknowledge. */
	acknowledge: ActToAcknowledge[];
	/** For the head: every act and order on the route, whom it waits for and since when, the longest waiting first. */
	routeBoard: (RouteBoardRow & { mayRemind: boolean })[];
	/** For the head: approved acts not yet published, with the statutory deadline. */
	publication: PublicationDue[];
	/** For the head: how many of those who must have acknowledged each act in force. */
	acknowledgementProgress: AcknowledgementProgress[];
}

/** One card per organisation the person works in, with what they need to see first. */
export async function loadDashboard(db: Database, actor: Actor, now = new Date()): Promise<{ cards: DashboardCard[]; platform: PlatformCounts | null }> {
	const cards: DashboardCard[] = [];
	const pending = await mustAcknowledge(db, actor.id);
	const pathOf = new Map(actor.memberships.map((m) => [m.organizationId, m.organizationPath]));
	for (const root of viewRoots(actor)) {
		const org = await findOrganization(db, root.organizationId);
		if (!org) continue;
		const head = can(actor, 'document.approve', org);
		cards.push({
			organization: org,
			roles: [...rolesOver(actor, org)],
			missingProfile: missingProfileFields(org),
			people: await peopleCounts(db, org.id),
			subtree: org.kind === 'school' ? null : await subtreeCounts(db, org),
			attention: org.kind === 'school' ? [] : await schoolsNeedingAttention(db, org),
			contractWarnings: await contractWarnings(db, org, now),
			nextSteps: can(actor, 'checklist.edit', org) ? await whatsNext(db, org, actor.id, todayIn(org.timeZone, now)) : [],
			openRemarks: await openRemarkCount(db, org.id),
			documents: await documentCounts(db, org),
			workingGroup: org.kind === 'school' ? await currentWorkingGroup(db, org.id) : [],
			routeTasks: await routeTasks(db, actor, org, todayIn(org.timeZone, now)),
			acknowledge: pending.filter((a) => pathOf.get(a.organizationId)?.startsWith(org.path)),
			routeBoard: head ? (await routeBoard(db, org)).map((r) => ({ ...r, mayRemind: r.remind.some((p) => p.id !== actor.id) })) : [],
			publication: head ? await publicationDue(db, org, now) : [],
			acknowledgementProgress: head ? await acknowledgementProgress(db, org.id) : []
		});
	}
	return { cards, platform: actor.isAdmin ? await platformCounts(db) : null };
}

async function documentCounts(db: Database, org: Organization) {
	const [row] = await db
		.select({ total: count(), drafts: count(sql`case when ${documents.status} = 'draft' then 1 end`) })
		.from(documents)
		.where(eq(documents.organizationId, org.id));
	return { total: row?.total ?? 0, drafts: row?.drafts ?? 0, missingSet: (await missingSetTemplates(db, org)).length };
}

export type PublicationDue = Pick<AwaitingPublication, 'approvalOrderNumber' | 'approvalOrderDate' | 'dueOn' | 'overdue'> & { id: string; title: string };

/** Approved acts still waiting for publication (figures/publication), the nearest deadline first. */
export async function publicationDue(db: Database, org: Organization, now = new Date()): Promise<PublicationDue[]> {
	const { rows } = await actsAwaitingPublication(db, sql`o.id = ${org.id}`, { now });
	return rows.map((r) => ({ id: r.documentId, title: r.title, approvalOrderNumber: r.approvalOrderNumber, approvalOrderDate: r.approvalOrderDate, dueOn: r.dueOn, overdue: r.overdue }));
}

export interface PlatformCounts {
	regions: number;
	municipalities: number;
	schools: number;
	users: number;
}

export async function platformCounts(db: Database): Promise<PlatformCounts> {
	const byKind = await db.select({ kind: organizations.kind, n: count() }).from(organizations).groupBy(organizations.kind);
	const [people] = await db.select({ n: count() }).from(users);
	const n = (k: OrganizationKind) => byKind.find((r) => r.kind === k)?.n ?? 0;
	return { regions: n('region'), municipalities: n('municipality'), schools: n('school'), users: people?.n ?? 0 };
}
