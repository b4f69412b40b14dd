import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { SEED_LOCK, type Database } from '../db';
import {
	checklistCatalogues,
	memberships,
	organizations,
	users,
	type Organization
} from '../db/schema';
import { loadActor } from '../auth/permissions';
import { createCampaign } from '../checklists/campaigns';
import { seedDemoMonitoring } from './seed-monitoring';
import { seedDemoRoute } from './seed-route';
import { syncCatalogues } from '../checklists/sync-catalogues';
import { recordEvent } from '../audit/record-event';
import { hashPassword } from '../auth/password';
import { auditView, insertOrganizations } from '../orgs/save-organization';
import type { OrganizationInput } from '../orgs/validation';
import { DEMO_PASSWORD, demoAccounts, demoRegions } from './demo-data';

export type SeedOutcome = 'seeded' | 'already-present';

/** True when nothing has been created yet: the embedded database seeds itself then. */
export async function databaseIsEmpty(db: Database): Promise<boolean> {
	const [orgs] = await db.select({ n: count() }).from(organizations);
	const [people] = await db.select({ n: count() }).from(users);
	return (orgs?.n ?? 0) === 0 && (people?.n ?? 0) === 0;
}

const profile = (
	p: Partial<OrganizationInput> & Pick<OrganizationInput, 'fullName' | 'shortName' | 'slug'>
): OrganizationInput => ({
	headName: null,
	headPosition: null,
	address: null,
	website: null,
	inn: null,
	journalSystem: null,
	journalSystemOther: null,
	founderName: null,
	paperlessSince: null,
	timeZone: 'Europe/Moscow',
	...p
});

export async function demoPresent(db: Database): Promise<boolean> {
	const [existing] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, demoAccounts[0]!.email));
	return !!existing;
}

/** Seeds the demo organisations and accounts in one transaction; does nothing if they exist. */
export async function seedDemo(db: Database): Promise<SeedOutcome> {
	if (await demoPresent(db)) return 'already-present';
	const passwordHash = await hashPassword(DEMO_PASSWORD);

	const inserted = await db.transaction(async (tx) => {
		// Two processes starting on one empty database: the second waits here, then finds the demo made.
		await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
		if (await demoPresent(tx)) return false;
		const bySlug = new Map<string, Organization>();
		const created: Organization[] = [];
		for (const region of demoRegions) {
			const common = { timeZone: region.timeZone, journalSystem: region.journalSystem };
			const [regionOrg] = await insertOrganizations(tx, null, 'region', [
				profile({
					...common,
					fullName: region.fullName,
					shortName: region.shortName,
					slug: region.slug,
					address: region.address,
					website: region.website,
					headPosition: 'Министр',
					journalSystem: null,
					educationLaw: region.educationLaw ?? null
				})
			]);
			created.push(regionOrg!);
			for (const m of region.municipalities) {
				const [municipality] = await insertOrganizations(tx, regionOrg!, 'municipality', [
					profile({
						...common,
						fullName: m.fullName,
						shortName: m.shortName,
						slug: m.slug,
						address: m.address,
						headPosition: 'Начальник',
						journalSystem: null
					})
				]);
				created.push(municipality!);
				const schools = await insertOrganizations(
					tx,
					municipality!,
					'school',
					m.schools.map((s) =>
						profile({
							...common,
							fullName: s.fullName,
							shortName: s.shortName,
							slug: s.slug,
							address: s.address ?? m.address,
							headName: s.headName ?? null,
							headPosition: 'Директор',
							paperlessSince: s.paperlessSince ?? null
						})
					)
				);
				created.push(...schools);
			}
		}
		for (const org of created) {
			bySlug.set(org.slug, org);
			await recordEvent(tx, {
				actor: null,
				organizationId: org.id,
				action: 'organization.created',
				entityType: 'organization',
				entityId: org.id,
				after: { ...auditView(org), source: 'demo' }
			});
		}

		for (const account of demoAccounts) {
			const [user] = await tx
				.insert(users)
				.values({
					email: account.email,
					fullName: account.fullName,
					passwordHash,
					isAdmin: account.role === null
				})
				.returning();
			const org = account.organizationSlug ? bySlug.get(account.organizationSlug)! : null;
			await recordEvent(tx, {
				actor: null,
				organizationId: org?.id ?? null,
				action: 'user.created',
				entityType: 'user',
				entityId: user!.id,
				after: {
					email: user!.email,
					fullName: user!.fullName,
					isAdmin: user!.isAdmin,
					source: 'demo'
				}
			});
			if (!org || !account.role) continue;
			const [membership] = await tx
				.insert(memberships)
				.values({
					userId: user!.id,
					organizationId: org.id,
					role: account.role,
					position: account.position
				})
				.returning();
			await recordEvent(tx, {
				actor: null,
				organizationId: org.id,
				action: 'membership.created',
				entityType: 'membership',
				entityId: membership!.id,
				after: {
					userId: user!.id,
					email: user!.email,
					role: account.role,
					position: account.position,
					source: 'demo'
				}
			});
		}
		return true;
	});
	if (!inserted) return 'already-present';
	await seedDemoCampaign(db);
	await seedDemoRoute(db);
	await seedDemoMonitoring(db);
	return 'seeded';
}

/**
 * The Saki district office assigns the Crimea list of 23 measures (001) to its schools, as the
 * ministry asked in 2020, in its latest issued version; the demo's school year runs from September
 * to the winter holidays.
 */
async function seedDemoCampaign(db: Database) {
	await syncCatalogues(db);
	const [catalogue] = await db
		.select({ id: checklistCatalogues.id })
		.from(checklistCatalogues)
		.where(
			and(
				eq(checklistCatalogues.code, 'crimea-001'),
				isNull(checklistCatalogues.ownerOrganizationId)
			)
		)
		.orderBy(desc(checklistCatalogues.version))
		.limit(1);
	const [officer] = await db.select().from(users).where(eq(users.email, 'municipality@demo.test'));
	const [saki] = await db.select().from(organizations).where(eq(organizations.slug, 'saki-rayon'));
	if (!catalogue || !officer || !saki) return;
	const year = new Date().getUTCFullYear();
	await createCampaign(db, await loadActor(db, officer), saki, {
		catalogueId: catalogue.id,
		title: `Переход на электронный журнал, ${year}/${year + 1} учебный год`,
		startsOn: `${year}-09-01`,
		dueOn: `${year}-12-25`,
		scope: 'all'
	});
}
