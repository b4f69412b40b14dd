import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import {
	documents,
	memberships,
	workingGroupMembers,
	type DocumentRow,
	type Organization
} from '../db/schema';
import { directRoles, ForbiddenError, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import { isUuid } from '../orgs/queries';
import {
	decide,
	type WorkflowActor,
	type WorkflowEvent,
	type WorkflowState
} from './state-machine';

/**
 * Reads the document and locks its row until the transaction ends: every step of the route
 * takes this lock first, so two members deciding at once, or the director approving while a
 * member decides, are applied one after the other against the state the first one left.
 */
export async function lockDocument(
	tx: Database,
	org: Organization,
	docId: string
): Promise<DocumentRow> {
	if (!isUuid(docId)) throw new ValidationError({ form: 'Документ не найден.' });
	const [doc] = await tx
		.select()
		.from(documents)
		.where(and(eq(documents.id, docId), eq(documents.organizationId, org.id)))
		.for('update');
	if (!doc) throw new ValidationError({ form: 'Документ не найден.' });
	return doc;
}

/** Who the actor is on this document's route: author, working-group member, chair, director. */
export async function workflowRoles(
	db: Database,
	actor: Actor,
	org: Organization,
	doc: Pick<DocumentRow, 'authorId'>
): Promise<WorkflowActor[]> {
	const roles: WorkflowActor[] = [];
	const direct = directRoles(actor, org);
	const director = direct.includes('director') || (actor.isAdmin && direct.length === 0);
	if (doc.authorId === actor.id && direct.some((r) => r !== 'staff')) roles.push('author');
	if (director) roles.push('director');
	const group = await db
		.select({ userId: workingGroupMembers.userId, role: workingGroupMembers.role })
		.from(workingGroupMembers)
		.where(
			and(eq(workingGroupMembers.organizationId, org.id), isNull(workingGroupMembers.removedAt))
		);
	const mine = group.find((m) => m.userId === actor.id);
	if (mine) roles.push('working_group');
	// A group without a chair is chaired by the head, so a small school is never stuck.
	if (mine?.role === 'chair' || (director && !group.some((m) => m.role === 'chair')))
		roles.push('chair');
	return roles;
}

/** Applies one event of the table to a locked document, or refuses with the table's own words. */
export async function moveDocument(
	tx: Database,
	doc: DocumentRow,
	event: WorkflowEvent,
	roles: WorkflowActor[],
	extra: Partial<DocumentRow> = {}
): Promise<WorkflowState> {
	if (doc.isRecord || doc.status === 'registered')
		throw new ValidationError({ form: 'Зарегистрированный документ маршрут не проходит.' });
	const verdict = decide(doc.documentClass, doc.status as WorkflowState, event, roles);
	if (!verdict.ok) {
		if (verdict.message.includes('недоступно')) throw new ForbiddenError(verdict.message);
		throw new ValidationError({ form: verdict.message });
	}
	await tx
		.update(documents)
		.set({ ...extra, status: verdict.to, updatedAt: new Date() })
		.where(eq(documents.id, doc.id));
	return verdict.to;
}

/** The directors of the organisation: whom approval waits for. */
export async function directorsOf(db: Database, orgId: string): Promise<string[]> {
	const rows = await db
		.select({ userId: memberships.userId })
		.from(memberships)
		.where(and(eq(memberships.organizationId, orgId), eq(memberships.role, 'director')));
	return rows.map((r) => r.userId);
}

/** Chair and secretary (or, without them, the directors): who moderates and answers. */
export async function moderatorsOf(db: Database, orgId: string): Promise<string[]> {
	const rows = await db
		.select({ userId: workingGroupMembers.userId, role: workingGroupMembers.role })
		.from(workingGroupMembers)
		.where(
			and(eq(workingGroupMembers.organizationId, orgId), isNull(workingGroupMembers.removedAt))
		);
	const leads = rows.filter((r) => r.role !== 'member').map((r) => r.userId);
	return leads.length ? leads : directorsOf(db, orgId);
}

export const documentLink = (doc: Pick<DocumentRow, 'id' | 'organizationId'>, tail = '') =>
	`/app/orgs/${doc.organizationId}/documents/${doc.id}${tail}`;
