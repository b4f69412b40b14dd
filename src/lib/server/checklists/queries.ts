import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import {
	auditEvents,
	campaigns,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	checklists,
	documents,
	remarks,
	users
} from '../db/schema';
import { isUuid } from '../orgs/queries';
import { itemClosed, itemOverdue, progressOf } from '../figures/checklist';

/** An organisation's checklists with their progress, overdue and open remarks, computed in SQL. */
export async function checklistsOf(db: Database, orgId: string, today: string) {
	const rows = await db
		.select({
			id: checklists.id,
			campaignTitle: campaigns.title,
			startsOn: campaigns.startsOn,
			dueOn: campaigns.dueOn,
			catalogueTitle: checklistCatalogues.title,
			catalogueVersion: checklistCatalogues.version,
			total: count(checklistItems.id),
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
		.innerJoin(campaigns, eq(campaigns.id, checklists.campaignId))
		.innerJoin(checklistCatalogues, eq(checklistCatalogues.id, checklists.catalogueId))
		.leftJoin(checklistItems, eq(checklistItems.checklistId, checklists.id))
		.where(eq(checklists.organizationId, orgId))
		.groupBy(checklists.id, campaigns.id, checklistCatalogues.id)
		.orderBy(desc(campaigns.startsOn));
	return rows.map((r) => ({ ...r, progress: progressOf(r.closed, r.total) }));
}

export async function findChecklist(db: Database, orgId: string, id: string) {
	if (!isUuid(id)) return null;
	const [row] = await db
		.select({ checklist: checklists, campaign: campaigns, catalogue: checklistCatalogues })
		.from(checklists)
		.innerJoin(campaigns, eq(campaigns.id, checklists.campaignId))
		.innerJoin(checklistCatalogues, eq(checklistCatalogues.id, checklists.catalogueId))
		.where(and(eq(checklists.id, id), eq(checklists.organizationId, orgId)));
	return row ?? null;
}

const itemColumns = {
	item: checklistItems,
	catalogueItem: catalogueItems,
	responsibleName: users.fullName,
	evidenceTitle: documents.title,
	evidenceStatus: documents.status,
	openRemarks:
		sql<number>`(select count(*) from ${remarks} r where r.checklist_item_id = ${checklistItems.id} and r.reply_to is null and r.resolved_at is null)`.mapWith(
			Number
		)
};

export async function itemsOf(db: Database, checklistId: string) {
	return db
		.select(itemColumns)
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.leftJoin(users, eq(users.id, checklistItems.responsibleId))
		.leftJoin(documents, eq(documents.id, checklistItems.evidenceDocumentId))
		.where(eq(checklistItems.checklistId, checklistId))
		.orderBy(asc(catalogueItems.position));
}

export async function findItem(db: Database, orgId: string, itemId: string) {
	if (!isUuid(itemId)) return null;
	const [row] = await db
		.select(itemColumns)
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.leftJoin(users, eq(users.id, checklistItems.responsibleId))
		.leftJoin(documents, eq(documents.id, checklistItems.evidenceDocumentId))
		.where(and(eq(checklistItems.id, itemId), eq(checklistItems.organizationId, orgId)));
	return row ?? null;
}

/** Who changed the item and when: read from the audit log, which holds every change. */
export async function itemHistory(db: Database, itemId: string) {
	return db
		.select({
			occurredAt: auditEvents.occurredAt,
			actorName: auditEvents.actorName,
			action: auditEvents.action,
			before: auditEvents.before,
			after: auditEvents.after
		})
		.from(auditEvents)
		.where(and(eq(auditEvents.entityType, 'checklist_item'), eq(auditEvents.entityId, itemId)))
		.orderBy(desc(auditEvents.occurredAt));
}

export async function openRemarkCount(db: Database, orgId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(remarks)
		.where(
			and(eq(remarks.organizationId, orgId), isNull(remarks.replyTo), isNull(remarks.resolvedAt))
		);
	return row?.n ?? 0;
}
