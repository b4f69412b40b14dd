import { eq, like, or } from 'drizzle-orm';
import type { Database } from '../db';
import { isUniqueViolation } from '../db/errors';
import { organizations, type Organization, type OrganizationKind } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, ForbiddenError, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import type { OrganizationInput } from './validation';
import { slugify } from './slug';
import { completeProfileProofs } from '../checklists/complete-by-proof';

/** Which kinds may sit directly under which: the authority tree of Russian education. */
export function childKinds(parentKind: OrganizationKind | null): OrganizationKind[] {
	if (parentKind === null) return ['region'];
	if (parentKind === 'region') return ['municipality', 'school'];
	if (parentKind === 'municipality') return ['school'];
	return [];
}

export const SLUG_TAKEN = 'Этот адрес уже занят другой организацией: выберите другой.';

export async function createOrganization(
	db: Database,
	actor: Actor,
	params: { parent: Organization | null; kind: OrganizationKind; input: OrganizationInput }
): Promise<Organization> {
	const { parent, kind, input } = params;
	if (parent) assertCan(actor, 'organization.create_child', parent);
	else if (!actor.isAdmin)
		throw new ForbiddenError('Регион может создать только администратор платформы.');
	if (!childKinds(parent?.kind ?? null).includes(kind))
		throw new ValidationError({ kind: 'Организацию такого типа нельзя создать здесь.' });
	try {
		return await db.transaction(async (tx) => {
			const [created] = await insertOrganizations(tx, parent, kind, [input]);
			await recordEvent(tx, {
				actor,
				organizationId: created!.id,
				action: 'organization.created',
				entityType: 'organization',
				entityId: created!.id,
				after: auditView(created!)
			});
			return created!;
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new ValidationError({ slug: SLUG_TAKEN });
		throw e;
	}
}

/**
 * Inserts organisations under one parent, giving each a slug: its own when given and free,
 * otherwise one made from the short name. Meant to run inside the caller's transaction.
 */
export async function insertOrganizations(
	tx: Database,
	parent: Organization | null,
	kind: OrganizationKind,
	inputs: OrganizationInput[]
): Promise<Organization[]> {
	const wanted = inputs.map((i) => i.slug || slugify(i.shortName));
	const taken = await takenSlugs(tx, wanted);
	for (const input of inputs) {
		if (input.slug && taken.has(input.slug)) throw new ValidationError({ slug: SLUG_TAKEN });
		if (input.slug) taken.add(input.slug);
	}
	// Made-up addresses go after all the chosen ones, so that none takes an address chosen further on.
	for (const [i, input] of inputs.entries())
		if (!input.slug) wanted[i] = freeSlug(wanted[i]!, taken);
	const rows = inputs.map((input, i) => {
		const id = crypto.randomUUID();
		return {
			...input,
			id,
			kind,
			slug: wanted[i]!,
			parentId: parent?.id ?? null,
			path: `${parent?.path ?? '/'}${id}/`
		};
	});
	const created: Organization[] = [];
	// Bounded batches keep each statement under the protocol's parameter limit.
	for (let i = 0; i < rows.length; i += 500)
		created.push(
			...(await tx
				.insert(organizations)
				.values(rows.slice(i, i + 500))
				.returning())
		);
	return created;
}

async function takenSlugs(tx: Database, bases: string[]): Promise<Set<string>> {
	const unique = [...new Set(bases)];
	const rows: { slug: string }[] = [];
	for (let i = 0; i < unique.length; i += 200) {
		const part = unique.slice(i, i + 200);
		rows.push(
			...(await tx
				.select({ slug: organizations.slug })
				.from(organizations)
				.where(
					or(...part.map((b) => or(eq(organizations.slug, b), like(organizations.slug, `${b}-%`))))
				))
		);
	}
	return new Set(rows.map((r) => r.slug));
}

function freeSlug(base: string, taken: Set<string>): string {
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	taken.add(slug);
	return slug;
}

export async function updateOrganization(
	db: Database,
	actor: Actor,
	org: Organization,
	input: OrganizationInput
): Promise<Organization> {
	assertCan(actor, 'organization.edit', org);
	const next = { ...input, slug: input.slug || org.slug };
	try {
		return await db.transaction(async (tx) => {
			const [updated] = await tx
				.update(organizations)
				.set({ ...next, updatedAt: new Date() })
				.where(eq(organizations.id, org.id))
				.returning();
			const { before, after } = changes(auditView(org), auditView(updated!));
			if (Object.keys(after).length) {
				await recordEvent(tx, {
					actor,
					organizationId: org.id,
					action: 'organization.updated',
					entityType: 'organization',
					entityId: org.id,
					before,
					after
				});
			}
			await completeProfileProofs(tx, actor, updated!);
			return updated!;
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new ValidationError({ slug: SLUG_TAKEN });
		throw e;
	}
}

/** The profile as the audit log records it. */
export function auditView(o: Organization) {
	return {
		kind: o.kind,
		parentId: o.parentId,
		slug: o.slug,
		fullName: o.fullName,
		shortName: o.shortName,
		headName: o.headName,
		headPosition: o.headPosition,
		address: o.address,
		website: o.website,
		inn: o.inn,
		journalSystem: o.journalSystem,
		journalSystemOther: o.journalSystemOther,
		paperlessSince: o.paperlessSince,
		founderName: o.founderName,
		educationLaw: o.educationLaw,
		timeZone: o.timeZone,
		discussionMinDays: o.discussionMinDays
	};
}

/** Only the fields that changed, before and after. */
export function changes<T extends Record<string, unknown>>(a: T, b: T) {
	const before: Partial<T> = {};
	const after: Partial<T> = {};
	for (const key of Object.keys(b) as (keyof T)[]) {
		if (a[key] !== b[key]) {
			before[key] = a[key];
			after[key] = b[key];
		}
	}
	return { before, after };
}
