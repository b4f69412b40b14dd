import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import {
	memberships,
	organizations,
	type MembershipRole,
	type OrganizationKind
} from '../db/schema';

/** Who is acting: the user and where they hold roles. Built once per request. */
export interface Actor {
	id: string;
	email: string;
	fullName: string;
	isAdmin: boolean;
	memberships: ActorMembership[];
}

export interface ActorMembership {
	organizationId: string;
	organizationPath: string;
	organizationKind: OrganizationKind;
	organizationName: string;
	role: MembershipRole;
}

/** What a permission is checked against. */
export interface OrgRef {
	id: string;
	path: string;
	kind: OrganizationKind;
}

export type Permission =
	| 'organization.view'
	| 'organization.edit'
	| 'organization.create_child'
	| 'organization.import_schools'
	| 'people.view'
	| 'people.invite'
	| 'people.remove'
	| 'audit.view'
	| 'document.view'
	| 'document.edit'
	| 'checklist.view'
	| 'checklist.edit'
	| 'checklist.assign'
	| 'checklist.remark'
	| 'catalogue.edit'
	| 'document.approve'
	| 'document.sign'
	| 'working_group.manage'
	| 'document.acknowledge'
	| 'monitoring.view'
	| 'help_request.create'
	| 'help_request.answer';

export class ForbiddenError extends Error {
	constructor(message = 'Недостаточно прав для этого действия.') {
		super(message);
		this.name = 'ForbiddenError';
	}
}

export async function loadActor(
	db: Database,
	user: { id: string; email: string; fullName: string; isAdmin: boolean }
): Promise<Actor> {
	const rows = await db
		.select({
			organizationId: memberships.organizationId,
			role: memberships.role,
			organizationPath: organizations.path,
			organizationKind: organizations.kind,
			organizationName: organizations.shortName
		})
		.from(memberships)
		.innerJoin(organizations, eq(memberships.organizationId, organizations.id))
		.where(eq(memberships.userId, user.id));
	return {
		id: user.id,
		email: user.email,
		fullName: user.fullName,
		isAdmin: user.isAdmin,
		memberships: rows
	};
}

/**
 * Roles the actor holds over an organisation: its own memberships there, plus `authority`
 * when they work at an authority above it, which oversees everything under it.
 */
export function rolesOver(actor: Actor, org: OrgRef): Set<MembershipRole> {
	const roles = new Set<MembershipRole>();
	for (const m of actor.memberships) {
		if (m.organizationId === org.id) roles.add(m.role);
		else if (m.role === 'authority' && org.path.startsWith(m.organizationPath))
			roles.add('authority');
	}
	return roles;
}

export function can(actor: Actor, permission: Permission, org: OrgRef): boolean {
	// What the kind of organisation allows at all, to anyone, administrators included.
	if (permission === 'organization.create_child' && org.kind === 'school') return false;
	if (permission === 'organization.import_schools' && org.kind !== 'municipality') return false;
	if (permission === 'checklist.assign' && org.kind === 'school') return false;
	if (permission === 'catalogue.edit' && org.kind !== 'region') return false;
	if (permission === 'monitoring.view' && org.kind === 'school') return false;
	// An electronic signature is the head's own (63-ФЗ ст. 9): nobody signs for her, an administrator neither.
	if (permission === 'document.sign') return isHead(actor, org);
	if (actor.isAdmin) return true;
	const roles = rolesOver(actor, org);
	const authority = roles.has('authority');
	const director = roles.has('director');
	switch (permission) {
		case 'organization.view':
		case 'people.view':
		case 'document.view':
		case 'checklist.view':
			return roles.size > 0;
		case 'document.edit':
		case 'checklist.edit':
			// An organisation writes its own acts and ticks its own items; an authority above only reads.
			return directRoles(actor, org).some((r) => r !== 'staff');
		case 'checklist.assign':
			return authority && org.kind !== 'school';
		case 'document.approve':
		case 'working_group.manage':
			// The head approves the organisation's acts by order and forms its working group.
			return isHead(actor, org);
		case 'document.acknowledge':
			return directRoles(actor, org).length > 0;
		case 'monitoring.view':
			// Monitoring looks down from an authority at what is under it.
			return authority && org.kind !== 'school';
		case 'help_request.create':
			return directRoles(actor, org).some((r) => r !== 'staff') && org.kind !== 'region';
		case 'help_request.answer':
			// The authority's own working group answers the requests addressed to it.
			return directRoles(actor, org).includes('authority');
		case 'checklist.remark':
			// Remarks come from above: an authority comments on the organisations under it.
			return authority && !directRoles(actor, org).includes('authority');
		case 'catalogue.edit':
			return directRoles(actor, org).includes('authority') && org.kind === 'region';
		case 'organization.edit':
		case 'people.invite':
		case 'people.remove':
		case 'audit.view':
			return authority || director;
		case 'organization.create_child':
			return authority && org.kind !== 'school';
		case 'organization.import_schools':
			return authority && org.kind === 'municipality';
	}
}

/** The organisation's head: a school's director, an authority's own people. */
function isHead(actor: Actor, org: OrgRef): boolean {
	return directRoles(actor, org).some(
		(r) => r === 'director' || (r === 'authority' && org.kind !== 'school')
	);
}

/** Roles held in the organisation itself, not inherited from an authority above. */
export function directRoles(actor: Actor, org: OrgRef): MembershipRole[] {
	return actor.memberships.filter((m) => m.organizationId === org.id).map((m) => m.role);
}

export function assertCan(actor: Actor, permission: Permission, org: OrgRef): void {
	if (!can(actor, permission, org)) throw new ForbiddenError();
}

/** Which roles an organisation of this kind has at all. */
export function rolesForKind(kind: OrganizationKind): MembershipRole[] {
	return kind === 'school' ? ['director', 'working_group', 'staff'] : ['authority'];
}

/** Roles the actor may give to a person in this organisation by invitation. */
export function grantableRoles(actor: Actor, org: OrgRef): MembershipRole[] {
	if (!can(actor, 'people.invite', org)) return [];
	const roles = rolesForKind(org.kind);
	if (actor.isAdmin || rolesOver(actor, org).has('authority')) return roles;
	// A director staffs the school but does not appoint another director.
	return roles.filter((r) => r !== 'director');
}

/** Organisations whose subtrees the actor may look into: the roots of their view. */
export function viewRoots(actor: Actor): ActorMembership[] {
	const byOrg = new Map<string, ActorMembership>();
	for (const m of actor.memberships) {
		const covered = actor.memberships.some(
			(o) =>
				o.role === 'authority' &&
				o.organizationId !== m.organizationId &&
				m.organizationPath.startsWith(o.organizationPath)
		);
		if (!covered && !byOrg.has(m.organizationId)) byOrg.set(m.organizationId, m);
	}
	return [...byOrg.values()];
}
