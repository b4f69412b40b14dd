import { strToU8, zipSync, type Zippable } from 'fflate';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { documentVersions, documents, files, type Organization } from '../db/schema';
import { assertCan, type Actor } from '../auth/permissions';
import { docxFor } from '../render/docx-cache';
import { documentKindLabels, documentStatusLabels } from '../../documents/labels';
import { formatDate } from '../../format';
import { loadDocumentLayout } from './layout';
import { downloadName, extensionOf } from './file-types';

// One build per organisation at a time, whoever asks (its content does not depend on who), and at
// most two builds in the whole process: twenty clicks cost one archive, not twenty stalled requests.
const building = new Map<string, Promise<Uint8Array>>();
const MAX_BUILDS = 2;
let running = 0;
const queue: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
	if (running >= MAX_BUILDS) await new Promise<void>((resolve) => queue.push(resolve));
	running++;
	try {
		return await work();
	} finally {
		running--;
		queue.shift()?.();
	}
}

/**
 * The organisation's current documents for its archive: each as DOCX (text) or its file
 * (records), in a ZIP with an index of titles, numbers, dates, versions and sha-256.
 */
export async function exportArchive(
	db: Database,
	actor: Actor,
	org: Organization
): Promise<Uint8Array> {
	assertCan(actor, 'document.view', org);
	const inFlight = building.get(org.id);
	if (inFlight) return inFlight;
	const build = slot(() => buildArchive(db, org)).finally(() => building.delete(org.id));
	building.set(org.id, build);
	return build;
}

async function buildArchive(db: Database, org: Organization): Promise<Uint8Array> {
	const docs = await db
		.select()
		.from(documents)
		.where(and(eq(documents.organizationId, org.id), ne(documents.status, 'superseded')))
		.orderBy(documents.kind, documents.title);
	const current = docs.length
		? await db
				.select({ version: documentVersions, fileType: files.contentType, fileBytes: files.bytes })
				.from(documentVersions)
				.leftJoin(files, eq(files.id, documentVersions.fileId))
				.where(
					inArray(
						documentVersions.documentId,
						docs.map((d) => d.id)
					)
				)
		: [];
	const zip: Zippable = {};
	const index: string[][] = [
		['№', 'Вид', 'Название', 'Номер', 'Дата', 'Статус', 'Версия', 'Файл', 'SHA-256 версии']
	];
	const used = new Set<string>();
	for (const [i, doc] of docs.entries()) {
		const v = current.find(
			(c) => c.version.documentId === doc.id && c.version.version === doc.currentVersion
		);
		if (!v) continue;
		let name: string;
		let bytes: Uint8Array;
		if (v.version.source !== null) {
			name = downloadName(`${String(i + 1).padStart(2, '0')} ${doc.title}`, 'docx');
			bytes = await docxFor(await loadDocumentLayout(db, doc, org, v.version.source, 'internal'));
		} else {
			name = downloadName(
				`${String(i + 1).padStart(2, '0')} ${doc.title}`,
				extensionOf(v.fileType!)
			);
			bytes = v.fileBytes!;
		}
		while (used.has(name)) name = name.replace(/(\.\w+)$/, '_$1');
		used.add(name);
		zip[name] = [bytes, { level: 6 }];
		index.push([
			String(i + 1),
			documentKindLabels[doc.kind],
			doc.title,
			doc.number ?? '',
			formatDate(doc.documentDate),
			documentStatusLabels[doc.status],
			String(doc.currentVersion),
			name,
			v.version.sha256
		]);
	}
	const csv =
		'\uFEFF' +
		index
			.map((row) => row.map((c) => (/[";\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';'))
			.join('\r\n') +
		'\r\n';
	zip['Опись документов.csv'] = strToU8(csv);
	return zipSync(zip);
}
