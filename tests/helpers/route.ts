import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/index';
import {
	discussions,
	documents,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { closeDiscussion, openDiscussion } from '../../src/lib/server/workflow/discussion';
import { decideReview, submitDocument } from '../../src/lib/server/workflow/review';
import { addWorkingGroupMember } from '../../src/lib/server/workflow/working-group';
import { todayIn } from '../../src/lib/format';
import { grantRole, insertOrg, insertUser } from './fixtures';

// The route of a document as tests walk it: a school with its own director and working group
// (so every school has its own registration journal and its own acts in force), and the steps
// up to approval.

let people = 0;
let schools = 0;

/** A person of the organisation in one role. */
export async function personOf(
	db: Database,
	org: Organization,
	role: 'director' | 'working_group' | 'staff',
	fullName: string
): Promise<Actor> {
	people += 1;
	const user = await insertUser(db, {
		email: `route-person-${people}-${org.slug}@example.test`,
		fullName
	});
	await grantRole(db, user, org, role);
	return loadActor(db, user);
}

/** A new school under `parent` with a director and a working group of the given roles (the director not in it). */
export async function schoolWithGroup(
	db: Database,
	parent: Organization,
	tag: string,
	roles: ('chair' | 'secretary' | 'member')[]
) {
	schools += 1;
	const n = schools;
	const org = await insertOrg(db, parent, 'school', {
		shortName: `Школа ${tag} ${n}`,
		slug: `${tag}-route-${n}`
	});
	const director = await personOf(db, org, 'director', `Директорова ${n}`);
	const members: Actor[] = [];
	for (const [i, role] of roles.entries()) {
		const m = await personOf(db, org, 'working_group', `Участник ${n}-${i + 1}`);
		await addWorkingGroupMember(db, director, org, { userId: m.id, role, position: '' });
		members.push(m);
	}
	return { org, director, members };
}

export const decision = (version: number, choice: string, comment = '') => ({
	version: String(version),
	decision: choice,
	comment
});

export const reloadDocument = async (db: Database, id: string): Promise<DocumentRow> =>
	(await db.select().from(documents).where(eq(documents.id, id)))[0]!;

/**
 * Sends the draft, has every reviewer approve it and, for an act, holds a one-day public discussion
 * chaired by `chair` with no proposals: the document ends awaiting approval.
 */
export async function toApproval(
	db: Database,
	org: Organization,
	author: Actor,
	docId: string,
	reviewers: Actor[],
	chair: Actor
): Promise<DocumentRow> {
	await submitDocument(db, author, org, docId);
	const sent = await reloadDocument(db, docId);
	for (const r of reviewers)
		await decideReview(db, r, org, docId, decision(sent.currentVersion, 'approve'));
	if ((await reloadDocument(db, docId)).status === 'discussion')
		return throughDiscussion(db, org, docId, chair);
	return reloadDocument(db, docId);
}

export function shiftDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/**
 * The chair opens the public discussion for the organisation's minimum (7 days by default), and the
 * calendar moves on to its last day: the same dates, moved back so that today is the last one.
 */
export async function discussionReachingLastDay(
	db: Database,
	org: Organization,
	docId: string,
	chair: Actor
) {
	const today = todayIn(org.timeZone);
	const days = org.discussionMinDays;
	const opened = await openDiscussion(db, chair, org, docId, {
		startsOn: today,
		endsOn: shiftDays(today, days - 1)
	});
	const [moved] = await db
		.update(discussions)
		.set({ startsOn: shiftDays(today, 1 - days), endsOn: today })
		.where(eq(discussions.id, opened.id))
		.returning();
	return moved!;
}

/** A public discussion of the minimum length, held and closed by the chair with no proposals: the act goes on to approval. */
export async function throughDiscussion(
	db: Database,
	org: Organization,
	docId: string,
	chair: Actor
): Promise<DocumentRow> {
	await discussionReachingLastDay(db, org, docId, chair);
	await closeDiscussion(db, chair, org, docId);
	return reloadDocument(db, docId);
}
