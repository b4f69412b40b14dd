import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/index';
import {
	memberships,
	organizations,
	users,
	type MembershipRole,
	type Organization,
	type User
} from '../../src/lib/server/db/schema';
import { hashPassword } from '../../src/lib/server/auth/password';
import { loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { insertOrganizations } from '../../src/lib/server/orgs/save-organization';
import {
	organizationFormDefaults,
	organizationInput,
	type OrganizationInput
} from '../../src/lib/server/orgs/validation';

/** The password of every fixture user. */
export const PASSWORD = 'correct horse battery';

// argon2id is deliberately slow: hash once per test file and reuse.
let passwordHash: Promise<string> | undefined;
export const fixturePasswordHash = () => (passwordHash ??= hashPassword(PASSWORD));

/** A validated organisation profile from form-like strings; only the names are required. */
export function orgInput(
	fields: Partial<Record<keyof OrganizationInput, string>> & { shortName: string }
): OrganizationInput {
	return organizationInput.parse(
		organizationFormDefaults({ fullName: `${fields.shortName} (полное наименование)`, ...fields })
	);
}

export async function insertOrg(
	db: Database,
	parent: Organization | null,
	kind: Organization['kind'],
	fields: Parameters<typeof orgInput>[0]
): Promise<Organization> {
	const [org] = await db.transaction((tx) =>
		insertOrganizations(tx, parent, kind, [orgInput(fields)])
	);
	return org!;
}

export async function insertUser(
	db: Database,
	params: { email: string; fullName: string; isAdmin?: boolean }
): Promise<User> {
	const [user] = await db
		.insert(users)
		.values({
			...params,
			isAdmin: params.isAdmin ?? false,
			passwordHash: await fixturePasswordHash()
		})
		.returning();
	return user!;
}

export async function grantRole(
	db: Database,
	user: User,
	org: Organization,
	role: MembershipRole
): Promise<string> {
	const [m] = await db
		.insert(memberships)
		.values({ userId: user.id, organizationId: org.id, role })
		.returning();
	return m!.id;
}

export async function reloadUser(db: Database, id: string): Promise<User> {
	const [user] = await db.select().from(users).where(eq(users.id, id));
	return user!;
}

export async function reloadOrg(db: Database, id: string): Promise<Organization> {
	const [org] = await db.select().from(organizations).where(eq(organizations.id, id));
	return org!;
}

const PEOPLE = {
	admin: { fullName: 'Админов Админ', isAdmin: true },
	regionAuthority: { fullName: 'Регионова Раиса' },
	municipalityAuthority: { fullName: 'Муниципалова Мария' },
	otherMunicipalityAuthority: { fullName: 'Соседова Светлана' },
	directorA: { fullName: 'Директорова Анна' },
	memberA: { fullName: 'Группова Алла' },
	staffA: { fullName: 'Учителева Ася' },
	directorB: { fullName: 'Директоров Борис' }
} as const;

export type Person = keyof typeof PEOPLE;

export interface Fixture {
	region: Organization;
	municipality: Organization;
	/** A neighbouring municipality of the same region, with a school of its own. */
	otherMunicipality: Organization;
	schoolA: Organization;
	schoolB: Organization;
	otherSchool: Organization;
	users: Record<Person, User>;
	actors: Record<Person, Actor>;
	/** Membership ids by person, for those who hold one. */
	memberships: Partial<Record<Person, string>>;
}

/**
 * Region → municipality → schools A and B, plus a neighbouring municipality with one school,
 * and a person in each role. `tag` keeps slugs and e-mails apart when one file builds two.
 */
export async function buildFixture(db: Database, tag = 't'): Promise<Fixture> {
	const region = await insertOrg(db, null, 'region', {
		shortName: `Регион ${tag}`,
		slug: `${tag}-region`,
		timeZone: 'Asia/Yakutsk'
	});
	const municipality = await insertOrg(db, region, 'municipality', {
		shortName: `Муниципалитет ${tag}`,
		slug: `${tag}-mun`
	});
	const otherMunicipality = await insertOrg(db, region, 'municipality', {
		shortName: `Соседний ${tag}`,
		slug: `${tag}-mun-2`
	});
	const schoolA = await insertOrg(db, municipality, 'school', {
		shortName: `Школа А ${tag}`,
		slug: `${tag}-school-a`
	});
	const schoolB = await insertOrg(db, municipality, 'school', {
		shortName: `Школа Б ${tag}`,
		slug: `${tag}-school-b`
	});
	const otherSchool = await insertOrg(db, otherMunicipality, 'school', {
		shortName: `Школа В ${tag}`,
		slug: `${tag}-school-c`
	});

	const userList = await Promise.all(
		(Object.keys(PEOPLE) as Person[]).map(async (key) => {
			const person: { fullName: string; isAdmin?: boolean } = PEOPLE[key];
			return [
				key,
				await insertUser(db, { email: `${key.toLowerCase()}.${tag}@example.test`, ...person })
			] as const;
		})
	);
	const u = Object.fromEntries(userList) as Record<Person, User>;

	const roles: [Person, Organization, MembershipRole][] = [
		['regionAuthority', region, 'authority'],
		['municipalityAuthority', municipality, 'authority'],
		['otherMunicipalityAuthority', otherMunicipality, 'authority'],
		['directorA', schoolA, 'director'],
		['memberA', schoolA, 'working_group'],
		['staffA', schoolA, 'staff'],
		['directorB', schoolB, 'director']
	];
	const membershipIds: Partial<Record<Person, string>> = {};
	for (const [person, org, role] of roles)
		membershipIds[person] = await grantRole(db, u[person], org, role);

	const actorList = await Promise.all(
		(Object.keys(u) as Person[]).map(async (key) => [key, await loadActor(db, u[key])] as const)
	);
	return {
		region,
		municipality,
		otherMunicipality,
		schoolA,
		schoolB,
		otherSchool,
		users: u,
		actors: Object.fromEntries(actorList) as Record<Person, Actor>,
		memberships: membershipIds
	};
}
