import { and, asc, eq, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import { organizations, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import { findOrganizationBySlug } from '../orgs/queries';
import { progressOf } from '../checklists/queries';
import { guaranteeKeys } from '../../contracts/labels';
import { todayIn } from '../../format';

const municipality = alias(organizations, 'municipality');

const missingOf = (alias: string) =>
	sql.raw(guaranteeKeys.map((k) => `(case when coalesce((${alias}.guarantees->>'${k}')::boolean, false) then 0 else 1 end)`).join(' + '));

/**
 * Every school under an authority with its readiness figures, each counted in SQL by the
 * indexes on the school's id (checklist items, documents, contracts).
 */
export async function schoolReadiness(db: Database, authority: Organization, today: string) {
	const rows = await db
		.select({
			id: organizations.id,
			slug: organizations.slug,
			shortName: organizations.shortName,
			municipality: municipality.shortName,
			journalSystem: organizations.journalSystem,
			journalSystemOther: organizations.journalSystemOther,
			paperlessSince: organizations.paperlessSince,
			total: sql<number>`(select count(*) from checklist_items i where i.organization_id = ${organizations.id})`.mapWith(Number),
			closed: sql<number>`(select count(*) from checklist_items i where i.organization_id = ${organizations.id} and i.status in ('done', 'not_needed'))`.mapWith(Number),
			overdue: sql<number>`(select count(*) from checklist_items i where i.organization_id = ${organizations.id} and i.status not in ('done', 'not_needed') and i.due_on < ${today}::date)`.mapWith(Number),
			publishedActs: sql<number>`(select count(*) from documents d where d.organization_id = ${organizations.id} and d.status = 'published' and d.published_at is not null)`.mapWith(Number),
			// The fewest guarantees missing among the contracts in force; null when there is none.
			contractMissing: sql<number | null>`(select min(${missingOf('c')}) from contracts c where c.organization_id = ${organizations.id} and (c.valid_until is null or c.valid_until >= ${today}::date))`.mapWith((v) => (v === null ? null : Number(v)))
		})
		.from(organizations)
		.leftJoin(municipality, eq(municipality.id, organizations.parentId))
		.where(and(like(organizations.path, `${authority.path}%`), eq(organizations.kind, 'school')))
		.orderBy(asc(municipality.shortName), asc(organizations.shortName));
	return rows.map((r) => ({ ...r, progress: progressOf(r.closed, r.total) }));
}

/** The authority opens or closes the public page of its schools' readiness. */
export async function setReadinessPublic(db: Database, actor: Actor, org: Organization, on: boolean) {
	assertCan(actor, 'monitoring.view', org);
	if (org.kind === 'school') throw new ValidationError({ form: 'Страницу готовности открывает орган управления образованием.' });
	if (org.readinessPublic === on) return;
	await db.transaction(async (tx) => {
		await tx.update(organizations).set({ readinessPublic: on, updatedAt: new Date() }).where(eq(organizations.id, org.id));
		await recordEvent(tx, { actor, organizationId: org.id, action: 'organization.readiness_page_changed', entityType: 'organization', entityId: org.id, before: { readinessPublic: org.readinessPublic }, after: { readinessPublic: on } });
	});
}

/** The public readiness page, or null when the authority has not opened it. Only public figures leave here. */
export async function publicReadiness(db: Database, slug: string, now = new Date()) {
	const org = await findOrganizationBySlug(db, slug);
	if (!org || org.kind === 'school' || !org.readinessPublic) return null;
	const schools = (await schoolReadiness(db, org, todayIn(org.timeZone, now))).map((s) => ({
		slug: s.slug,
		shortName: s.shortName,
		municipality: s.municipality,
		progress: s.progress,
		publishedActs: s.publishedActs,
		paperless: s.paperlessSince !== null,
		journalSystem: s.journalSystem,
		journalSystemOther: s.journalSystemOther
	}));
	return { organization: { slug: org.slug, shortName: org.shortName, fullName: org.fullName, kind: org.kind }, schools };
}
