import { describe, expect, it } from 'vitest';
import {
	assertCan,
	can,
	ForbiddenError,
	grantableRoles,
	rolesForKind,
	rolesOver,
	viewRoots,
	type Actor,
	type ActorMembership,
	type OrgRef,
	type Permission
} from '../../src/lib/server/auth/permissions';
import type { MembershipRole } from '../../src/lib/server/db/schema';

// region R → municipalities M and N; schools A and B in M, school C in N.
const org = (kind: OrgRef['kind'], ...ids: string[]): OrgRef => ({
	id: ids.at(-1)!,
	kind,
	path: `/${ids.join('/')}/`
});
const region = org('region', 'r');
const mun = org('municipality', 'r', 'm');
const neighbour = org('municipality', 'r', 'n');
// An id that merely starts like M's must not count as under it.
const lookalike = org('municipality', 'r', 'm2');
const schoolA = org('school', 'r', 'm', 'a');
const schoolB = org('school', 'r', 'm', 'b');
const schoolC = org('school', 'r', 'n', 'c');
const lookalikeSchool = org('school', 'r', 'm2', 'd');
const everyOrg = [region, mun, neighbour, lookalike, schoolA, schoolB, schoolC, lookalikeSchool];

const ALL: Permission[] = [
	'organization.view',
	'organization.edit',
	'organization.create_child',
	'organization.import_schools',
	'people.view',
	'people.invite',
	'people.remove',
	'audit.view'
];

function actor(roles: [OrgRef, MembershipRole][], isAdmin = false): Actor {
	const memberships: ActorMembership[] = roles.map(([o, role]) => ({
		organizationId: o.id,
		organizationPath: o.path,
		organizationKind: o.kind,
		organizationName: o.id,
		role
	}));
	return { id: 'u', email: 'u@example.test', fullName: 'U', isAdmin, memberships };
}

const admin = actor([], true);
const regionAuthority = actor([[region, 'authority']]);
const munAuthority = actor([[mun, 'authority']]);
const directorA = actor([[schoolA, 'director']]);
const memberA = actor([[schoolA, 'working_group']]);
const staffA = actor([[schoolA, 'staff']]);
const nobody = actor([]);

const allowed = (a: Actor, o: OrgRef) => ALL.filter((p) => can(a, p, o));

describe('rolesOver', () => {
	it('gives an authority the authority role over everything below it', () => {
		for (const o of [mun, schoolA, schoolB])
			expect([...rolesOver(munAuthority, o)]).toEqual(['authority']);
		for (const o of everyOrg) expect(rolesOver(regionAuthority, o).has('authority')).toBe(true);
	});

	it('gives an authority nothing over its parent, its neighbour or a look-alike path', () => {
		for (const o of [region, neighbour, schoolC, lookalike, lookalikeSchool])
			expect(rolesOver(munAuthority, o).size).toBe(0);
	});

	it('gives a school role only in that school, never upwards', () => {
		expect([...rolesOver(directorA, schoolA)]).toEqual(['director']);
		for (const o of [region, mun, schoolB]) expect(rolesOver(directorA, o).size).toBe(0);
	});

	it('collects every role a person holds in one place', () => {
		const both = actor([
			[schoolA, 'working_group'],
			[schoolA, 'staff']
		]);
		expect([...rolesOver(both, schoolA)].sort()).toEqual(['staff', 'working_group']);
	});
});

describe('can', () => {
	it('lets a platform administrator do everything the kind of organisation allows', () => {
		for (const o of [region, neighbour, lookalikeSchool])
			expect(can(admin, 'organization.edit', o)).toBe(true);
		expect(allowed(admin, mun)).toEqual(ALL);
		expect(allowed(admin, region)).toEqual(ALL.filter((p) => p !== 'organization.import_schools'));
		expect(allowed(admin, schoolA)).toEqual(
			ALL.filter((p) => p !== 'organization.import_schools' && p !== 'organization.create_child')
		);
	});

	it('lets a municipality authority manage its schools', () => {
		expect(allowed(munAuthority, schoolA)).toEqual([
			'organization.view',
			'organization.edit',
			'people.view',
			'people.invite',
			'people.remove',
			'audit.view'
		]);
		expect(can(munAuthority, 'organization.create_child', mun)).toBe(true);
		expect(can(munAuthority, 'organization.import_schools', mun)).toBe(true);
		expect(can(munAuthority, 'organization.edit', mun)).toBe(true);
	});

	it('gives a municipality authority nothing in a neighbouring municipality or above', () => {
		for (const o of [neighbour, schoolC, region, lookalike, lookalikeSchool])
			expect(allowed(munAuthority, o), o.id).toEqual([]);
	});

	it('lets a regional authority reach every school of the region', () => {
		expect(can(regionAuthority, 'organization.edit', schoolC)).toBe(true);
		expect(can(regionAuthority, 'audit.view', schoolB)).toBe(true);
		expect(can(regionAuthority, 'organization.create_child', region)).toBe(true);
	});

	it('allows school imports only into a municipality, and children only under an authority', () => {
		expect(can(regionAuthority, 'organization.import_schools', region)).toBe(false);
		expect(can(regionAuthority, 'organization.import_schools', schoolA)).toBe(false);
		expect(can(regionAuthority, 'organization.create_child', schoolA)).toBe(false);
	});

	it('lets a director run their own school and nothing else', () => {
		expect(allowed(directorA, schoolA)).toEqual([
			'organization.view',
			'organization.edit',
			'people.view',
			'people.invite',
			'people.remove',
			'audit.view'
		]);
		for (const o of [schoolB, schoolC, mun, region])
			expect(allowed(directorA, o), o.id).toEqual([]);
	});

	it('lets staff and working-group members read their school but not edit it or invite', () => {
		for (const a of [staffA, memberA]) {
			expect(allowed(a, schoolA)).toEqual(['organization.view', 'people.view']);
			expect(allowed(a, schoolB)).toEqual([]);
		}
	});

	it('gives a person with no roles nothing', () => {
		for (const o of everyOrg) expect(allowed(nobody, o)).toEqual([]);
	});
});

describe('assertCan', () => {
	it('throws a ForbiddenError with a Russian message', () => {
		expect(() => assertCan(staffA, 'organization.edit', schoolA)).toThrow(ForbiddenError);
		expect(() => assertCan(staffA, 'organization.edit', schoolA)).toThrow(
			'Недостаточно прав для этого действия.'
		);
		expect(() => assertCan(directorA, 'organization.edit', schoolA)).not.toThrow();
	});
});

describe('grantableRoles', () => {
	it('lets an administrator or an authority give any role of the organisation', () => {
		expect(grantableRoles(admin, schoolA)).toEqual(['director', 'working_group', 'staff']);
		expect(grantableRoles(munAuthority, schoolA)).toEqual(['director', 'working_group', 'staff']);
		expect(grantableRoles(regionAuthority, mun)).toEqual(['authority']);
		expect(grantableRoles(admin, region)).toEqual(['authority']);
	});

	it('lets a director staff the school but not appoint another director', () => {
		expect(grantableRoles(directorA, schoolA)).toEqual(['working_group', 'staff']);
	});

	it('gives nothing to staff, working-group members, or outsiders', () => {
		expect(grantableRoles(staffA, schoolA)).toEqual([]);
		expect(grantableRoles(memberA, schoolA)).toEqual([]);
		expect(grantableRoles(directorA, schoolB)).toEqual([]);
		expect(grantableRoles(munAuthority, schoolC)).toEqual([]);
	});

	it('lets an authority invite colleagues to its own office but not to a neighbour’s', () => {
		expect(grantableRoles(munAuthority, mun)).toEqual(['authority']);
		expect(grantableRoles(munAuthority, neighbour)).toEqual([]);
	});
});

describe('rolesForKind', () => {
	it('has school roles for schools and the authority role for offices', () => {
		expect(rolesForKind('school')).toEqual(['director', 'working_group', 'staff']);
		expect(rolesForKind('municipality')).toEqual(['authority']);
		expect(rolesForKind('region')).toEqual(['authority']);
	});
});

describe('viewRoots', () => {
	it('drops organisations already covered by an authority above them', () => {
		const a = actor([
			[region, 'authority'],
			[schoolA, 'director'],
			[mun, 'authority']
		]);
		expect(viewRoots(a).map((m) => m.organizationId)).toEqual(['r']);
	});

	it('keeps separate subtrees apart and lists each organisation once', () => {
		const a = actor([
			[schoolA, 'director'],
			[schoolA, 'working_group'],
			[neighbour, 'authority']
		]);
		expect(
			viewRoots(a)
				.map((m) => m.organizationId)
				.sort()
		).toEqual(['a', 'n']);
	});
});
