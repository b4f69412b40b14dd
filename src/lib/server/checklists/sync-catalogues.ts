import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { catalogueItems, checklistCatalogues } from '../db/schema';
import { readCatalogueFiles, type CatalogueFile } from './catalogue-file';

/**
 * Loads the repository's catalogue versions into the database. A version already there is left
 * as it is: issued versions never change, so an edited file is reported, not applied.
 */
export async function syncCatalogues(db: Database, files = readCatalogueFiles()): Promise<{ added: string[]; problems: string[] }> {
	const added: string[] = [];
	const problems = [...files.problems];
	for (const c of files.catalogues) {
		const [existing] = await db
			.select({ id: checklistCatalogues.id, fileHash: checklistCatalogues.fileHash })
			.from(checklistCatalogues)
			.where(and(eq(checklistCatalogues.code, c.id), eq(checklistCatalogues.version, c.version)));
		if (existing) {
			if (existing.fileHash && existing.fileHash !== c.hash)
				problems.push(`${c.fileName}: версия ${c.version} уже выпущена и не меняется; изменения оформите новой версией (v${c.version + 1}).`);
			continue;
		}
		await insertCatalogue(db, c);
		added.push(`${c.id} v${c.version}`);
	}
	return { added, problems };
}

async function insertCatalogue(db: Database, c: CatalogueFile) {
	await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(checklistCatalogues)
			.values({ code: c.id, version: c.version, title: c.title, level: c.level, source: c.source, issued: c.issued, publishedAt: new Date(), fileHash: c.hash })
			.onConflictDoNothing()
			.returning();
		// Another process loaded it a moment ago.
		if (!row) return;
		await tx.insert(catalogueItems).values(
			c.items.map((i) => ({
				catalogueId: row.id,
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
			}))
		);
	});
}
