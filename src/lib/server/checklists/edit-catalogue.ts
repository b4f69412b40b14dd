import { and, asc, desc, eq, isNull, max, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { isUniqueViolation } from '../db/errors';
import {
	catalogueItems,
	checklistCatalogues,
	type ChecklistCatalogue,
	type Organization
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, validate, withoutNul } from '../forms/errors';
import { isUuid } from '../orgs/queries';
import { templateLibrary } from '../templates/library';
import { catalogueItemSpec } from './catalogue-file';

/** Catalogues a region sees: the repository's and its own, newest version first. */
export async function cataloguesFor(db: Database, region: Organization) {
	return db
		.select()
		.from(checklistCatalogues)
		.where(
			or(
				isNull(checklistCatalogues.ownerOrganizationId),
				eq(checklistCatalogues.ownerOrganizationId, region.id)
			)
		)
		.orderBy(asc(checklistCatalogues.code), desc(checklistCatalogues.version));
}

export async function findCatalogue(
	db: Database,
	region: Organization,
	id: string
): Promise<ChecklistCatalogue | null> {
	if (!isUuid(id)) return null;
	const [row] = await db
		.select()
		.from(checklistCatalogues)
		.where(
			and(
				eq(checklistCatalogues.id, id),
				or(
					isNull(checklistCatalogues.ownerOrganizationId),
					eq(checklistCatalogues.ownerOrganizationId, region.id)
				)
			)
		);
	return row ?? null;
}

export async function catalogueItemsOf(db: Database, catalogueId: string) {
	return db
		.select()
		.from(catalogueItems)
		.where(eq(catalogueItems.catalogueId, catalogueId))
		.orderBy(asc(catalogueItems.position));
}

const draftInput = z.object({
	title: z
		.string()
		.trim()
		.min(1, 'Укажите название перечня.')
		.max(300, 'Название: не больше 300 символов.'),
	level: z.enum(['school', 'municipality'], { message: 'Выберите, для кого перечень.' })
});

/**
 * A region starts its own catalogue, empty or as the next version of one it sees. The draft is
 * edited freely; once published it is frozen, and organisations keep the version they were given.
 */
export async function createCatalogueDraft(
	db: Database,
	actor: Actor,
	region: Organization,
	raw: Record<string, string>
): Promise<ChecklistCatalogue> {
	assertCan(actor, 'catalogue.edit', region);
	const base = raw.basedOn ? await findCatalogue(db, region, raw.basedOn) : null;
	if (raw.basedOn && !base) throw new ValidationError({ basedOn: 'Такого перечня нет.' });
	const parsed = validate(draftInput, {
		title: withoutNul(raw.title ?? base?.title ?? ''),
		level: raw.level ?? base?.level ?? ''
	});
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	// A region's own line of versions: its copy of a repository list gets a code of its own.
	const code = base
		? base.ownerOrganizationId === region.id
			? base.code
			: `${region.slug}-${base.code}`
		: `${region.slug}-${Date.now().toString(36)}`;
	return db.transaction(async (tx) => {
		const [last] = await tx
			.select({ v: max(checklistCatalogues.version) })
			.from(checklistCatalogues)
			.where(eq(checklistCatalogues.code, code));
		const [draft] = await tx
			.insert(checklistCatalogues)
			.values({
				code,
				version: (last?.v ?? 0) + 1,
				title: parsed.value.title,
				level: parsed.value.level,
				source: base
					? `на основе: ${base.title}, версия ${base.version}`
					: `перечень ${region.shortName}`,
				ownerOrganizationId: region.id
			})
			.returning();
		if (base) {
			const items = await catalogueItemsOf(tx, base.id);
			if (items.length)
				await tx.insert(catalogueItems).values(
					items.map(({ id: _id, catalogueId: _c, ...rest }) => ({
						...rest,
						catalogueId: draft!.id
					}))
				);
		}
		await recordEvent(tx, {
			actor,
			organizationId: region.id,
			action: 'catalogue.created',
			entityType: 'catalogue',
			entityId: draft!.id,
			after: { code, version: draft!.version, title: draft!.title, basedOn: base?.id ?? null }
		});
		return draft!;
	});
}

async function ownDraft(db: Database, region: Organization, catalogueId: string) {
	const c = await findCatalogue(db, region, catalogueId);
	if (!c || c.ownerOrganizationId !== region.id)
		throw new ValidationError({ form: 'Менять можно только свой перечень.' });
	if (c.publishedAt)
		throw new ValidationError({ form: 'Выпущенная версия не меняется: создайте новую версию.' });
	return c;
}

const lines = (v: string | undefined) =>
	(v ?? '')
		.split(/[\s,]+/)
		.map((x) => x.trim())
		.filter(Boolean);

/** Adds or edits an item of a draft; the same schema as the repository's files checks it. */
export async function saveCatalogueItem(
	db: Database,
	actor: Actor,
	region: Organization,
	catalogueId: string,
	itemId: string | null,
	raw: Record<string, string>,
	kinds: string[]
) {
	assertCan(actor, 'catalogue.edit', region);
	const catalogue = await ownDraft(db, region, catalogueId);
	const items = await catalogueItemsOf(db, catalogue.id);
	const existing = itemId ? items.find((i) => i.id === itemId) : null;
	if (itemId && !existing) throw new ValidationError({ form: 'Пункт не найден.' });
	const templates = lines(raw.templates);
	const unknown = templates.filter((t) => !templateLibrary().byId.has(t));
	const rule = raw.dueRule ?? 'campaign_due';
	const parsed = catalogueItemSpec.safeParse({
		code: withoutNul(raw.code ?? '').trim(),
		order: existing?.position ?? (items.at(-1)?.position ?? 0) + 1,
		title: withoutNul(raw.title ?? ''),
		description: withoutNul(raw.description ?? ''),
		category: raw.category ?? '',
		legal_basis: withoutNul(raw.legalBasis ?? ''),
		source: withoutNul(raw.source ?? ''),
		evidence: { templates, kinds, note: raw.note === 'on' },
		responsible: raw.responsible ?? '',
		due: {
			rule,
			...(raw.dueDays ? { days: Number(raw.dueDays) } : {}),
			...(raw.dueDate ? { date: raw.dueDate } : {})
		}
	});
	const errors: Record<string, string> = {};
	if (!parsed.success)
		for (const i of parsed.error.issues)
			errors[itemField(String(i.path[0]))] ??= itemMessage(String(i.path[0]));
	if (unknown.length) errors.templates = `Нет таких шаблонов: ${unknown.join(', ')}.`;
	if (parsed.success && !templates.length && !kinds.length && raw.note !== 'on')
		errors.templates =
			'Укажите, чем подтверждается пункт: шаблон, вид документа или заметка с файлом.';
	if (parsed.success && items.some((i) => i.code === parsed.data.code && i.id !== itemId))
		errors.code = 'Такой код уже есть в перечне.';
	if (Object.keys(errors).length || !parsed.success) throw new ValidationError(errors);
	const p = parsed.data;
	const values = {
		code: p.code,
		title: p.title,
		description: p.description,
		category: p.category,
		legalBasis: p.legal_basis,
		source: p.source,
		evidence: p.evidence,
		responsibleRole: p.responsible,
		due: p.due
	};
	try {
		await db.transaction(async (tx) => {
			const [saved] = existing
				? await tx
						.update(catalogueItems)
						.set(values)
						.where(eq(catalogueItems.id, existing.id))
						.returning()
				: await tx
						.insert(catalogueItems)
						.values({ ...values, catalogueId: catalogue.id, position: p.order })
						.returning();
			await recordEvent(tx, {
				actor,
				organizationId: region.id,
				action: 'catalogue.item_saved',
				entityType: 'catalogue',
				entityId: catalogue.id,
				before: existing ? { code: existing.code, title: existing.title } : null,
				after: { itemId: saved!.id, ...values }
			});
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new ValidationError({ code: 'Такой код уже есть в перечне.' });
		throw e;
	}
}

const ITEM_MESSAGES: Record<string, string> = {
	code: 'Код — цифры и точки, например 01.5.',
	title: 'Укажите название пункта (до 500 символов).',
	category: 'Выберите раздел.',
	responsible: 'Выберите ответственную роль.',
	due: 'Проверьте срок: для «через N дней» и «за N дней» нужно число дней, для «к дате» — дата.',
	evidence: 'Проверьте, чем подтверждается пункт.'
};
const itemField = (path: string) =>
	path === 'due' ? 'dueRule' : path === 'evidence' ? 'templates' : path;
const itemMessage = (path: string) => ITEM_MESSAGES[path] ?? 'Проверьте поле.';

/** Moves an item one place up or down, or takes it out of the new version (retired). */
export async function rearrangeItem(
	db: Database,
	actor: Actor,
	region: Organization,
	catalogueId: string,
	itemId: string,
	action: 'up' | 'down' | 'retire' | 'restore'
) {
	assertCan(actor, 'catalogue.edit', region);
	const catalogue = await ownDraft(db, region, catalogueId);
	const items = await catalogueItemsOf(db, catalogue.id);
	const index = items.findIndex((i) => i.id === itemId);
	if (index < 0) throw new ValidationError({ form: 'Пункт не найден.' });
	await db.transaction(async (tx) => {
		const item = items[index]!;
		if (action === 'retire' || action === 'restore') {
			await tx
				.update(catalogueItems)
				.set({ retired: action === 'retire' })
				.where(eq(catalogueItems.id, item.id));
		} else {
			const other = items[action === 'up' ? index - 1 : index + 1];
			if (!other) return;
			// Swap through a free position, so the order stays unique at every step.
			await tx.update(catalogueItems).set({ position: -1 }).where(eq(catalogueItems.id, item.id));
			await tx
				.update(catalogueItems)
				.set({ position: item.position })
				.where(eq(catalogueItems.id, other.id));
			await tx
				.update(catalogueItems)
				.set({ position: other.position })
				.where(eq(catalogueItems.id, item.id));
		}
		await recordEvent(tx, {
			actor,
			organizationId: region.id,
			action: 'catalogue.item_saved',
			entityType: 'catalogue',
			entityId: catalogue.id,
			after: { itemId: item.id, code: item.code, change: action }
		});
	});
}

export async function publishCatalogue(
	db: Database,
	actor: Actor,
	region: Organization,
	catalogueId: string
) {
	assertCan(actor, 'catalogue.edit', region);
	const catalogue = await ownDraft(db, region, catalogueId);
	const items = (await catalogueItemsOf(db, catalogue.id)).filter((i) => !i.retired);
	if (!items.length)
		throw new ValidationError({ form: 'В перечне нет ни одного действующего пункта.' });
	await db.transaction(async (tx) => {
		await tx
			.update(checklistCatalogues)
			.set({ publishedAt: new Date() })
			.where(eq(checklistCatalogues.id, catalogue.id));
		await recordEvent(tx, {
			actor,
			organizationId: region.id,
			action: 'catalogue.published',
			entityType: 'catalogue',
			entityId: catalogue.id,
			after: { code: catalogue.code, version: catalogue.version, items: items.length }
		});
	});
}
