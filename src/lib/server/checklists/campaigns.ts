import { and, asc, desc, eq, inArray, isNotNull, like, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import {
	campaigns,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	checklists,
	organizations,
	type Campaign,
	type Organization
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, validate, withoutNul } from '../forms/errors';
import { isUuid } from '../orgs/queries';
import { parseDate } from '../orgs/validation';
import { itemDueDate } from './due-dates';
import { itemClosed, itemOverdue, progressOf } from '../figures/checklist';
import { completeExistingProofs } from './existing-proofs';

const requiredDate = (message: string) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			const d = v ? parseDate(v) : null;
			if (!d) {
				ctx.addIssue({ code: 'custom', message });
				return z.NEVER;
			}
			return d;
		});

const campaignInput = z
	.object({
		catalogueId: z.string().refine(isUuid, { message: 'Выберите перечень из списка.' }),
		title: z
			.string()
			.trim()
			.min(1, 'Укажите название кампании.')
			.max(300, 'Название: не больше 300 символов.'),
		startsOn: requiredDate('Укажите дату начала: ДД.ММ.ГГГГ.'),
		dueOn: requiredDate('Укажите срок: ДД.ММ.ГГГГ.'),
		scope: z.enum(['all', 'municipality', 'schools'], { message: 'Выберите, кому назначить.' }),
		municipalityId: z.string().default(''),
		schoolIds: z.array(z.string()).default([])
	})
	.superRefine((v, ctx) => {
		if (v.dueOn < v.startsOn)
			ctx.addIssue({
				code: 'custom',
				path: ['dueOn'],
				message: 'Срок не может быть раньше даты начала кампании.'
			});
		if (v.scope === 'municipality' && !isUuid(v.municipalityId))
			ctx.addIssue({
				code: 'custom',
				path: ['municipalityId'],
				message: 'Выберите муниципалитет.'
			});
		if (v.scope === 'schools' && !v.schoolIds.some(isUuid))
			ctx.addIssue({
				code: 'custom',
				path: ['schoolIds'],
				message: 'Отметьте хотя бы одну организацию.'
			});
	});

export type CampaignForm = {
	catalogueId: string;
	title: string;
	startsOn: string;
	dueOn: string;
	scope: string;
	municipalityId?: string;
	schoolIds?: string[];
};

/** Published catalogue versions an authority may assign: the repository's and its region's own. */
export async function assignableCatalogues(db: Database, authority: Organization) {
	const rows = await db
		.select()
		.from(checklistCatalogues)
		.where(isNotNull(checklistCatalogues.publishedAt))
		.orderBy(asc(checklistCatalogues.title), desc(checklistCatalogues.version));
	const regionId = authority.path.split('/').filter(Boolean)[0];
	return rows.filter((c) => !c.ownerOrganizationId || c.ownerOrganizationId === regionId);
}

/** Organisations a campaign reaches: of the catalogue's level, under the authority, within the scope. */
async function targets(
	db: Database,
	authority: Organization,
	level: Organization['kind'],
	scope: Campaign['scope']
): Promise<Organization[]> {
	let root = authority.path;
	if (scope.kind === 'municipality') {
		const [m] = await db
			.select()
			.from(organizations)
			.where(eq(organizations.id, scope.ids[0] ?? ''));
		if (!m || m.kind !== 'municipality' || !m.path.startsWith(authority.path))
			throw new ValidationError({
				municipalityId: 'Этот муниципалитет не подчинён вашему органу.'
			});
		root = m.path;
	}
	const under = and(
		like(organizations.path, `${root}%`),
		eq(organizations.kind, level),
		ne(organizations.id, authority.id)
	);
	const rows = await db
		.select()
		.from(organizations)
		.where(scope.kind === 'schools' ? and(under, inArray(organizations.id, scope.ids)) : under)
		.orderBy(asc(organizations.shortName));
	if (scope.kind === 'schools' && rows.length !== new Set(scope.ids).size)
		throw new ValidationError({
			schoolIds: 'Среди отмеченных есть организации не вашего подчинения или не того уровня.'
		});
	if (!rows.length)
		throw new ValidationError({
			scope: 'В выбранном круге нет ни одной организации этого уровня.'
		});
	return rows;
}

/** An authority assigns a catalogue version to organisations under it; each gets its checklist once. */
export async function createCampaign(
	db: Database,
	actor: Actor,
	authority: Organization,
	form: CampaignForm
): Promise<{ campaign: Campaign; created: number }> {
	assertCan(actor, 'checklist.assign', authority);
	const parsed = validate(campaignInput, { ...form, title: withoutNul(form.title ?? '') });
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const input = parsed.value;
	const catalogue = (await assignableCatalogues(db, authority)).find(
		(c) => c.id === input.catalogueId
	);
	if (!catalogue) throw new ValidationError({ catalogueId: 'Такого выпущенного перечня нет.' });
	const scope: Campaign['scope'] =
		input.scope === 'all'
			? { kind: 'all', ids: [] }
			: input.scope === 'municipality'
				? { kind: 'municipality', ids: [input.municipalityId] }
				: { kind: 'schools', ids: input.schoolIds.filter(isUuid) };
	const orgs = await targets(db, authority, catalogue.level, scope);
	return db.transaction(async (tx) => {
		const [campaign] = await tx
			.insert(campaigns)
			.values({
				authorityId: authority.id,
				catalogueId: catalogue.id,
				title: input.title,
				startsOn: input.startsOn,
				dueOn: input.dueOn,
				scope,
				createdBy: actor.id
			})
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: authority.id,
			action: 'campaign.created',
			entityType: 'campaign',
			entityId: campaign!.id,
			after: {
				title: input.title,
				catalogue: `${catalogue.code} v${catalogue.version}`,
				startsOn: input.startsOn,
				dueOn: input.dueOn,
				scope,
				organizations: orgs.length
			}
		});
		const created = await applyCampaign(tx, actor, campaign!, orgs);
		return { campaign: campaign!, created };
	});
}

/**
 * Gives each target organisation its checklist for the campaign, once: running it again (or on
 * two processes at once) creates nothing new. Items whose proof the organisation already has
 * (a document, a step of the route, a profile field, a contract) are done at once.
 * Returns how many checklists were made.
 */
export async function applyCampaign(
	tx: Database,
	actor: Actor,
	campaign: Campaign,
	orgs: Organization[]
): Promise<number> {
	const items = await tx
		.select()
		.from(catalogueItems)
		.where(
			and(eq(catalogueItems.catalogueId, campaign.catalogueId), eq(catalogueItems.retired, false))
		)
		.orderBy(asc(catalogueItems.position));
	let created = 0;
	for (const org of orgs) {
		const [checklist] = await tx
			.insert(checklists)
			.values({
				campaignId: campaign.id,
				organizationId: org.id,
				catalogueId: campaign.catalogueId
			})
			.onConflictDoNothing()
			.returning();
		if (!checklist) continue;
		created += 1;
		await tx.insert(checklistItems).values(
			items.map((i) => ({
				checklistId: checklist.id,
				organizationId: org.id,
				catalogueItemId: i.id,
				dueOn: itemDueDate(i.due, campaign.startsOn, campaign.dueOn)
			}))
		);
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'checklist.assigned',
			entityType: 'checklist',
			entityId: checklist.id,
			after: {
				campaignId: campaign.id,
				title: campaign.title,
				items: items.length,
				startsOn: campaign.startsOn,
				dueOn: campaign.dueOn
			}
		});
		await completeExistingProofs(tx, actor, org);
	}
	return created;
}

export async function campaignsOf(db: Database, authorityId: string) {
	return db
		.select({
			campaign: campaigns,
			catalogueTitle: checklistCatalogues.title,
			catalogueVersion: checklistCatalogues.version
		})
		.from(campaigns)
		.innerJoin(checklistCatalogues, eq(checklistCatalogues.id, campaigns.catalogueId))
		.where(eq(campaigns.authorityId, authorityId))
		.orderBy(desc(campaigns.createdAt));
}

export async function findCampaign(db: Database, authorityId: string, id: string) {
	if (!isUuid(id)) return null;
	const [row] = await db
		.select()
		.from(campaigns)
		.where(and(eq(campaigns.id, id), eq(campaigns.authorityId, authorityId)));
	return row ?? null;
}

/** Each organisation of a campaign with its progress and overdue count, aggregated in SQL. */
export async function campaignProgress(db: Database, campaignId: string, today: string) {
	const rows = await db
		.select({
			checklistId: checklists.id,
			organizationId: organizations.id,
			shortName: organizations.shortName,
			total: sql<number>`count(${checklistItems.id})`.mapWith(Number),
			closed:
				sql<number>`count(*) filter (where ${itemClosed(sql`${checklistItems.status}`)})`.mapWith(
					Number
				),
			overdue:
				sql<number>`count(*) filter (where ${itemOverdue(sql`${checklistItems.status}`, sql`${checklistItems.dueOn}`, sql`${today}::date`)})`.mapWith(
					Number
				)
		})
		.from(checklists)
		.innerJoin(organizations, eq(organizations.id, checklists.organizationId))
		.leftJoin(checklistItems, eq(checklistItems.checklistId, checklists.id))
		.where(eq(checklists.campaignId, campaignId))
		.groupBy(checklists.id, organizations.id)
		.orderBy(asc(organizations.shortName));
	return rows.map((r) => ({ ...r, progress: progressOf(r.closed, r.total) }));
}

/** What the campaign form offers: municipalities and schools under the authority. */
export async function campaignTargets(db: Database, authority: Organization) {
	return db
		.select({
			id: organizations.id,
			kind: organizations.kind,
			shortName: organizations.shortName,
			parentId: organizations.parentId
		})
		.from(organizations)
		.where(
			and(
				like(organizations.path, `${authority.path}%`),
				sql`${organizations.id} <> ${authority.id}`
			)
		)
		.orderBy(asc(organizations.shortName));
}
