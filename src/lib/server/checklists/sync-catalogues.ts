import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import {
	catalogueItems,
	checklistCatalogues,
	type CatalogueEvidence,
	type CatalogueItem
} from '../db/schema';
import { readCatalogueFiles, type CatalogueFile, type CatalogueItemSpec } from './catalogue-file';

/**
 * Loads the repository's catalogue versions into the database. Issued versions never change, so
 * an edited file is reported, not applied — except the items' `evidence` (how the product proves
 * an item), which the file hash leaves out and which is refreshed in the loaded version.
 */
export async function syncCatalogues(
	db: Database,
	files = readCatalogueFiles()
): Promise<{ added: string[]; refreshed: string[]; problems: string[] }> {
	const added: string[] = [];
	const refreshed: string[] = [];
	const problems = [...files.problems];
	for (const c of files.catalogues) {
		const [existing] = await db
			.select({
				id: checklistCatalogues.id,
				fileHash: checklistCatalogues.fileHash,
				title: checklistCatalogues.title,
				level: checklistCatalogues.level
			})
			.from(checklistCatalogues)
			.where(and(eq(checklistCatalogues.code, c.id), eq(checklistCatalogues.version, c.version)));
		if (!existing) {
			await insertCatalogue(db, c);
			added.push(`${c.id} v${c.version}`);
			continue;
		}
		if (!existing.fileHash) continue;
		const items = await db
			.select()
			.from(catalogueItems)
			.where(eq(catalogueItems.catalogueId, existing.id));
		if (existing.fileHash !== c.hash) {
			// A hash of the older rule (the whole file) is taken over when only the evidence differs.
			if (!sameContent(existing, items, c)) {
				problems.push(
					`${c.fileName}: версия ${c.version} уже выпущена и не меняется; изменения оформите новой версией (v${c.version + 1}).`
				);
				continue;
			}
			await db
				.update(checklistCatalogues)
				.set({ fileHash: c.hash })
				.where(eq(checklistCatalogues.id, existing.id));
		}
		for (const spec of c.items) {
			const row = items.find((i) => i.code === spec.code);
			if (!row || sameEvidence(row.evidence, spec.evidence)) continue;
			await db
				.update(catalogueItems)
				.set({ evidence: spec.evidence })
				.where(eq(catalogueItems.id, row.id));
			refreshed.push(`${c.id} v${c.version} ${spec.code}`);
		}
	}
	if (refreshed.length)
		console.info(`Перечни: обновлено, чем подтверждаются пункты: ${refreshed.join(', ')}.`);
	return { added, refreshed, problems };
}

const itemRow = (catalogueId: string, i: CatalogueItemSpec) => ({
	catalogueId,
	code: i.code,
	position: i.order,
	title: i.title,
	description: i.description.trim(),
	category: i.category,
	legalBasis: i.legal_basis,
	source: i.source,
	evidence: i.evidence,
	responsibleRole: i.responsible,
	due: i.due
});

const evidenceKey = (e: Partial<CatalogueEvidence>) =>
	JSON.stringify([
		e.templates ?? [],
		e.kinds ?? [],
		e.events ?? [],
		e.profile ?? [],
		e.register ?? [],
		e.note ?? false
	]);
const sameEvidence = (a: Partial<CatalogueEvidence>, b: Partial<CatalogueEvidence>) =>
	evidenceKey(a) === evidenceKey(b);

/** The loaded version says what the file says, the evidence aside. */
function sameContent(
	existing: { title: string; level: string },
	items: CatalogueItem[],
	c: CatalogueFile
): boolean {
	if (existing.title !== c.title || existing.level !== c.level || items.length !== c.items.length)
		return false;
	const fixed = (r: ReturnType<typeof itemRow> | CatalogueItem) =>
		JSON.stringify([
			r.code,
			r.position,
			r.title,
			r.description,
			r.category,
			r.legalBasis,
			r.source,
			r.responsibleRole,
			r.due.rule,
			r.due.days ?? null,
			r.due.date ?? null
		]);
	const mine = new Set(items.map(fixed));
	return c.items.every((i) => mine.has(fixed(itemRow('', i))));
}

async function insertCatalogue(db: Database, c: CatalogueFile) {
	await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(checklistCatalogues)
			.values({
				code: c.id,
				version: c.version,
				title: c.title,
				level: c.level,
				source: c.source,
				issued: c.issued,
				publishedAt: new Date(),
				fileHash: c.hash
			})
			.onConflictDoNothing()
			.returning();
		// Another process loaded it a moment ago.
		if (!row) return;
		await tx.insert(catalogueItems).values(c.items.map((i) => itemRow(row.id, i)));
	});
}
