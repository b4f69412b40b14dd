import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents, organizations } from '../../src/lib/server/db/schema';
import { ForbiddenError, type Actor } from '../../src/lib/server/auth/permissions';
import { ValidationError } from '../../src/lib/server/forms/errors';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import {
	createOrganization,
	SLUG_TAKEN,
	updateOrganization
} from '../../src/lib/server/orgs/save-organization';
import {
	ancestorsOf,
	findOrganization,
	findOrganizationBySlug,
	subtree
} from '../../src/lib/server/orgs/queries';
import { buildFixture, orgInput, reloadOrg, type Fixture } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db);
});
afterAll(async () => {
	await handle?.close();
});

const eventsOf = (orgId: string) =>
	handle.db
		.select()
		.from(auditEvents)
		.where(eq(auditEvents.organizationId, orgId))
		.orderBy(auditEvents.seq);
const allEvents = () => handle.db.$count(auditEvents);
const orgCount = () => handle.db.$count(organizations);

/** The profile as the edit form would submit it, with some fields changed. */
function edited(
	org: { fullName: string; shortName: string; slug: string; timeZone: string },
	fields: Record<string, string> = {}
) {
	return orgInput({
		fullName: org.fullName,
		shortName: org.shortName,
		slug: org.slug,
		timeZone: org.timeZone,
		...fields
	});
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => {
			throw new Error('expected a refusal');
		},
		(e: unknown) => e
	);
}

describe('createOrganization', () => {
	it('creates a school under the municipality and writes exactly one audit event for it', async () => {
		const before = await allEvents();
		const school = await createOrganization(handle.db, f.actors.municipalityAuthority, {
			parent: f.municipality,
			kind: 'school',
			input: orgInput({
				shortName: 'МБОУ «СОШ № 7»',
				inn: '7707083893',
				paperlessSince: '01.09.2022'
			})
		});
		expect(school).toMatchObject({
			kind: 'school',
			parentId: f.municipality.id,
			path: `${f.municipality.path}${school.id}/`,
			slug: 'mbou-sosh-7',
			inn: '7707083893',
			paperlessSince: '2022-09-01'
		});
		expect(await allEvents()).toBe(before + 1);
		const events = await eventsOf(school.id);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			chain: school.id,
			seq: 1,
			action: 'organization.created',
			entityType: 'organization',
			entityId: school.id,
			actorId: f.users.municipalityAuthority.id,
			actorName: f.users.municipalityAuthority.fullName
		});
		expect(events[0]!.after).toMatchObject({
			shortName: 'МБОУ «СОШ № 7»',
			slug: 'mbou-sosh-7',
			inn: '7707083893'
		});
	});

	it('makes a free address from the short name when one is taken', async () => {
		const input = orgInput({ shortName: 'Школа-двойник' });
		const first = await createOrganization(handle.db, f.actors.admin, {
			parent: f.municipality,
			kind: 'school',
			input
		});
		const second = await createOrganization(handle.db, f.actors.admin, {
			parent: f.municipality,
			kind: 'school',
			input
		});
		expect(first.slug).toBe('shkola-dvoynik');
		expect(second.slug).toBe('shkola-dvoynik-2');
	});

	it('refuses an address already taken with a Russian message, and writes nothing', async () => {
		const [orgsBefore, eventsBefore] = [await orgCount(), await allEvents()];
		const error = await refusal(
			createOrganization(handle.db, f.actors.municipalityAuthority, {
				parent: f.municipality,
				kind: 'school',
				input: orgInput({ shortName: 'Другая школа', slug: f.schoolA.slug })
			})
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors).toEqual({ slug: SLUG_TAKEN });
		expect(SLUG_TAKEN).toBe('Этот адрес уже занят другой организацией: выберите другой.');
		expect(await orgCount()).toBe(orgsBefore);
		expect(await allEvents()).toBe(eventsBefore);
	});

	it('rolls the organisation back when its audit event cannot be written', async () => {
		// An actor whose user row does not exist: the event's foreign key fails, inside the same transaction.
		const ghost: Actor = { ...f.actors.admin, id: crypto.randomUUID() };
		const before = await orgCount();
		await expect(
			createOrganization(handle.db, ghost, {
				parent: f.municipality,
				kind: 'school',
				input: orgInput({ shortName: 'Школа-призрак', slug: 'ghost-school' })
			})
		).rejects.toThrow();
		expect(await orgCount()).toBe(before);
		expect(await findOrganizationBySlug(handle.db, 'ghost-school')).toBeNull();
	});

	it('lets only an administrator create a region', async () => {
		await expect(
			createOrganization(handle.db, f.actors.regionAuthority, {
				parent: null,
				kind: 'region',
				input: orgInput({ shortName: 'Регион 2' })
			})
		).rejects.toThrow(ForbiddenError);
		const region = await createOrganization(handle.db, f.actors.admin, {
			parent: null,
			kind: 'region',
			input: orgInput({ shortName: 'Регион 2' })
		});
		expect(region).toMatchObject({ kind: 'region', parentId: null, path: `/${region.id}/` });
	});

	it('keeps the tree in order: no school under a school, no municipality under a municipality', async () => {
		await expect(
			createOrganization(handle.db, f.actors.admin, {
				parent: f.schoolA,
				kind: 'school',
				input: orgInput({ shortName: 'Филиал' })
			})
		).rejects.toThrow(ForbiddenError);
		const error = await refusal(
			createOrganization(handle.db, f.actors.admin, {
				parent: f.municipality,
				kind: 'municipality',
				input: orgInput({ shortName: 'Подмуниципалитет' })
			})
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors.kind).toBe(
			'Организацию такого типа нельзя создать здесь.'
		);
	});

	it('refuses a director, staff, or another municipality’s authority', async () => {
		const input = orgInput({ shortName: 'Лишняя школа' });
		const before = await orgCount();
		for (const actor of [f.actors.directorA, f.actors.staffA, f.actors.otherMunicipalityAuthority])
			await expect(
				createOrganization(handle.db, actor, { parent: f.municipality, kind: 'school', input })
			).rejects.toThrow(ForbiddenError);
		expect(await orgCount()).toBe(before);
	});
});

describe('updateOrganization', () => {
	it('saves the profile and records only what changed, in one event', async () => {
		const org = await reloadOrg(handle.db, f.schoolA.id);
		const eventsBefore = (await eventsOf(org.id)).length;
		const updated = await updateOrganization(
			handle.db,
			f.actors.directorA,
			org,
			edited(org, { headName: 'Директорова Анна Петровна', website: 'school-a.ru' })
		);
		expect(updated).toMatchObject({
			headName: 'Директорова Анна Петровна',
			website: 'https://school-a.ru',
			slug: org.slug
		});
		expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(org.updatedAt.getTime());
		const events = await eventsOf(org.id);
		expect(events).toHaveLength(eventsBefore + 1);
		const event = events.at(-1)!;
		expect(event).toMatchObject({
			action: 'organization.updated',
			actorId: f.users.directorA.id,
			entityId: org.id
		});
		expect(event.before).toEqual({ headName: null, website: null });
		expect(event.after).toEqual({
			headName: 'Директорова Анна Петровна',
			website: 'https://school-a.ru'
		});
		expect(await verifyChain(handle.db, org.id)).toMatchObject({ ok: true, events: events.length });
	});

	it('writes no event when nothing changed', async () => {
		const org = await reloadOrg(handle.db, f.schoolA.id);
		const before = (await eventsOf(org.id)).length;
		await updateOrganization(
			handle.db,
			f.actors.directorA,
			org,
			edited(org, { headName: org.headName!, website: org.website! })
		);
		expect(await eventsOf(org.id)).toHaveLength(before);
	});

	it('keeps the address when the slug field is left empty', async () => {
		const org = await reloadOrg(handle.db, f.schoolA.id);
		const updated = await updateOrganization(
			handle.db,
			f.actors.directorA,
			org,
			edited(org, { slug: '', headName: org.headName! })
		);
		expect(updated.slug).toBe(f.schoolA.slug);
	});

	it('refuses another organisation’s address with a Russian message and changes nothing', async () => {
		const org = await reloadOrg(handle.db, f.schoolB.id);
		const [eventsBefore, allBefore] = [(await eventsOf(org.id)).length, await allEvents()];
		const error = await refusal(
			updateOrganization(
				handle.db,
				f.actors.directorB,
				org,
				edited(org, { slug: f.schoolA.slug, shortName: 'Новое имя' })
			)
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).errors).toEqual({ slug: SLUG_TAKEN });
		expect(await reloadOrg(handle.db, org.id)).toEqual(org);
		expect(await eventsOf(org.id)).toHaveLength(eventsBefore);
		expect(await allEvents()).toBe(allBefore);
	});

	it('refuses a director editing another school, and changes nothing', async () => {
		const org = await reloadOrg(handle.db, f.schoolB.id);
		await expect(
			updateOrganization(
				handle.db,
				f.actors.directorA,
				org,
				edited(org, { shortName: 'Захвачено' })
			)
		).rejects.toThrow(ForbiddenError);
		expect((await reloadOrg(handle.db, org.id)).shortName).toBe(org.shortName);
	});

	it('refuses staff and working-group members editing their own school', async () => {
		const org = await reloadOrg(handle.db, f.schoolA.id);
		for (const actor of [f.actors.staffA, f.actors.memberA])
			await expect(
				updateOrganization(handle.db, actor, org, edited(org, { shortName: 'Переименовано' }))
			).rejects.toThrow('Недостаточно прав для этого действия.');
		expect((await reloadOrg(handle.db, org.id)).shortName).toBe(org.shortName);
	});

	it('refuses a municipality authority editing a school of another municipality', async () => {
		const org = await reloadOrg(handle.db, f.otherSchool.id);
		await expect(
			updateOrganization(
				handle.db,
				f.actors.municipalityAuthority,
				org,
				edited(org, { shortName: 'Чужая' })
			)
		).rejects.toThrow(ForbiddenError);
		expect(await eventsOf(org.id)).toHaveLength(0);
	});

	it('lets the authorities above edit any school under them', async () => {
		let org = await reloadOrg(handle.db, f.schoolB.id);
		org = await updateOrganization(
			handle.db,
			f.actors.municipalityAuthority,
			org,
			edited(org, { address: 'ул. Школьная, 1' })
		);
		org = await updateOrganization(
			handle.db,
			f.actors.regionAuthority,
			org,
			edited(org, { address: 'ул. Школьная, 2' })
		);
		expect(org.address).toBe('ул. Школьная, 2');
		const actors = (await eventsOf(org.id)).map((e) => e.actorId);
		expect(actors.slice(-2)).toEqual([
			f.users.municipalityAuthority.id,
			f.users.regionAuthority.id
		]);
	});
});

describe('queries', () => {
	it('answers null, not an error, for an unknown or malformed id', async () => {
		expect(await findOrganization(handle.db, 'not-a-uuid')).toBeNull();
		expect(await findOrganization(handle.db, "1' or '1'='1")).toBeNull();
		expect(await findOrganization(handle.db, crypto.randomUUID())).toBeNull();
		expect((await findOrganization(handle.db, f.schoolA.id))!.slug).toBe(f.schoolA.slug);
	});

	it('lists the ancestors from the top down', async () => {
		const ancestors = await ancestorsOf(handle.db, f.schoolA);
		expect(ancestors.map((o) => o.id)).toEqual([f.region.id, f.municipality.id]);
	});

	it('lists a subtree with depths and head counts, and nothing from the neighbour', async () => {
		const nodes = await subtree(handle.db, f.municipality);
		expect(nodes[0]).toMatchObject({ id: f.municipality.id, depth: 0, people: 1 });
		const a = nodes.find((n) => n.id === f.schoolA.id);
		expect(a).toMatchObject({ depth: 1, people: 3 });
		expect(nodes.some((n) => n.id === f.otherSchool.id || n.id === f.otherMunicipality.id)).toBe(
			false
		);
		const [only] = await handle.db
			.select()
			.from(organizations)
			.where(
				and(eq(organizations.parentId, f.municipality.id), eq(organizations.id, f.schoolB.id))
			);
		expect(nodes.some((n) => n.id === only!.id)).toBe(true);
	});
});
