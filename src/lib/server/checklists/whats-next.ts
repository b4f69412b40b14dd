import { and, asc, desc, eq, lte, notInArray } from 'drizzle-orm';
import type { Database } from '../db';
import {
	catalogueItems,
	checklistItems,
	documents,
	users,
	type CatalogueEvidence,
	type Organization
} from '../db/schema';
import {
	proofEventSteps,
	proofProfileStep,
	proofRegisterSteps,
	type ProofEvent,
	type ProofProfileField,
	type ProofStage,
	type ProofRegister
} from '../../checklists/proofs';
import { addDays } from './due-dates';
import { needsDocument } from './evidence';

export interface NextStep {
	itemId: string;
	checklistId: string;
	code: string;
	title: string;
	dueOn: string;
	responsibleName: string | null;
	responsibleId: string | null;
	group: 'overdue' | 'soon' | 'others';
	action: { label: string; href: string };
}

type Made = {
	id: string;
	title: string;
	templateId: string | null;
	status: string;
	publishedAt: Date | null;
	documentClass: string;
};

/**
 * What the director should do next: overdue items, items due within 7 days, and items waiting
 * for someone else; each with the one link that moves it on. Done items are never among them,
 * and an item the route proves names the step of the route, not a document to upload.
 */
export async function whatsNext(
	db: Database,
	org: Organization,
	userId: string,
	today: string
): Promise<NextStep[]> {
	const rows = await db
		.select({
			item: checklistItems,
			catalogueItem: catalogueItems,
			responsibleName: users.fullName
		})
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.leftJoin(users, eq(users.id, checklistItems.responsibleId))
		.where(
			and(
				eq(checklistItems.organizationId, org.id),
				notInArray(checklistItems.status, ['done', 'not_needed']),
				lte(checklistItems.dueOn, addDays(today, 30))
			)
		)
		.orderBy(asc(checklistItems.dueOn), asc(catalogueItems.position))
		.limit(200);
	const made: Made[] = await db
		.select({
			id: documents.id,
			title: documents.title,
			templateId: documents.templateId,
			status: documents.status,
			publishedAt: documents.publishedAt,
			documentClass: documents.documentClass
		})
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, org.id),
				notInArray(documents.status, ['superseded', 'repealed'])
			)
		)
		.orderBy(desc(documents.updatedAt));
	const base = `/app/orgs/${org.id}`;
	const steps: NextStep[] = [];
	for (const { item, catalogueItem, responsibleName } of rows) {
		const group =
			item.dueOn < today
				? 'overdue'
				: item.dueOn <= addDays(today, 7)
					? 'soon'
					: item.responsibleId && item.responsibleId !== userId
						? 'others'
						: null;
		if (!group) continue;
		const itemHref = `${base}/checklists/${item.checklistId}/items/${item.id}`;
		const e = catalogueItem.evidence;
		const action = routeStep(e, made, base) ??
			documentStep(e, made, base) ??
			otherStep(e, base) ?? {
				label: e.note ? 'Описать и приложить файл' : 'Открыть пункт',
				href: itemHref
			};
		steps.push({
			itemId: item.id,
			checklistId: item.checklistId,
			code: catalogueItem.code,
			title: catalogueItem.title,
			dueOn: item.dueOn,
			responsibleName,
			responsibleId: item.responsibleId,
			group,
			action
		});
	}
	return steps;
}

/** Where a document stands, as the step sentences name it. */
const stage = (d: Made) =>
	d.status === 'published' ? (d.publishedAt ? 'in_force' : 'unpublished') : d.status;

/** The step of the route on the document where it stands: the item's own template first, then any act or plan. */
function routeStep(e: CatalogueEvidence, made: Made[], base: string) {
	const events = (e.events ?? []) as ProofEvent[];
	if (!events.length) return null;
	const acts = made.filter((d) => d.documentClass === 'act' || d.documentClass === 'appendix');
	const ranked = [
		...acts.filter((d) => d.templateId && e.templates.includes(d.templateId)),
		...acts
	];
	for (const event of events)
		for (const d of ranked) {
			const say = proofEventSteps[event].onDocument[stage(d) as ProofStage];
			if (say) return { label: say(d.title), href: `${base}/documents/${d.id}` };
		}
	return needsDocument(e)
		? null
		: { label: proofEventSteps[events[0]!].otherwise, href: `${base}/documents` };
}

function documentStep(e: CatalogueEvidence, made: Made[], base: string) {
	if (!needsDocument(e)) return null;
	const existing = made.find((d) => d.templateId && e.templates.includes(d.templateId));
	if (existing) return { label: 'Открыть документ', href: `${base}/documents/${existing.id}` };
	if (e.templates[0])
		return {
			label: 'Сформировать по шаблону',
			href: `${base}/documents/new?template=${e.templates[0]}`
		};
	return { label: 'Загрузить документ', href: `${base}/documents/register` };
}

function otherStep(e: CatalogueEvidence, base: string) {
	const register = (e.register ?? []) as ProofRegister[];
	if (register[0]) return { label: proofRegisterSteps[register[0]], href: `${base}/contracts/new` };
	const profile = (e.profile ?? []) as ProofProfileField[];
	return profile.length ? { label: proofProfileStep(profile), href: `${base}/edit` } : null;
}
