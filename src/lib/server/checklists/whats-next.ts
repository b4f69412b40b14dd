import { and, asc, eq, lte, notInArray } from 'drizzle-orm';
import type { Database } from '../db';
import { catalogueItems, checklistItems, documents, users, type Organization } from '../db/schema';
import { addDays } from './due-dates';
import { needsDocument } from './update-item';

export interface NextStep {
	itemId: string;
	checklistId: string;
	code: string;
	title: string;
	dueOn: string;
	responsibleName: string | null;
	group: 'overdue' | 'soon' | 'others';
	action: { label: string; href: string };
}

/**
 * What the director should do next: overdue items, items due within 7 days, and items waiting
 * for someone else; each with the one link that moves it on.
 */
export async function whatsNext(db: Database, org: Organization, userId: string, today: string): Promise<NextStep[]> {
	const rows = await db
		.select({ item: checklistItems, catalogueItem: catalogueItems, responsibleName: users.fullName })
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.leftJoin(users, eq(users.id, checklistItems.responsibleId))
		.where(and(eq(checklistItems.organizationId, org.id), notInArray(checklistItems.status, ['done', 'not_needed']), lte(checklistItems.dueOn, addDays(today, 30))))
		.orderBy(asc(checklistItems.dueOn), asc(catalogueItems.position))
		.limit(200);
	const made = await db.select({ id: documents.id, templateId: documents.templateId }).from(documents).where(eq(documents.organizationId, org.id));
	const base = `/app/orgs/${org.id}`;
	const steps: NextStep[] = [];
	for (const { item, catalogueItem, responsibleName } of rows) {
		const group = item.dueOn < today ? 'overdue' : item.dueOn <= addDays(today, 7) ? 'soon' : item.responsibleId && item.responsibleId !== userId ? 'others' : null;
		if (!group) continue;
		const itemHref = `${base}/checklists/${item.checklistId}/items/${item.id}`;
		let action = { label: 'Открыть пункт', href: itemHref };
		const e = catalogueItem.evidence;
		if (needsDocument(e)) {
			const existing = made.find((d) => d.templateId && e.templates.includes(d.templateId));
			if (existing) action = { label: 'Открыть документ', href: `${base}/documents/${existing.id}` };
			else if (e.templates[0]) action = { label: 'Сформировать по шаблону', href: `${base}/documents/new?template=${e.templates[0]}` };
			else action = { label: 'Загрузить документ', href: `${base}/documents/register` };
		} else if (e.note) action = { label: 'Описать и приложить файл', href: itemHref };
		steps.push({ itemId: item.id, checklistId: item.checklistId, code: catalogueItem.code, title: catalogueItem.title, dueOn: item.dueOn, responsibleName, group, action });
	}
	return steps;
}
