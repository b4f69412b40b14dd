import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { documentVersions, documents, type DocumentRow, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, withoutNul } from '../forms/errors';
import { sha256Hex } from './hash';
import { assertOwnDocument } from './queries';

export const MAX_SOURCE_LENGTH = 200_000;

export const UNCHANGED =
	'Текст не изменился — новая версия не создана. Внесите правку или вернитесь к документу.';

export const STALE_VERSION = (current: number) =>
	`Пока вы редактировали, документ сохранил другой человек (теперь это версия ${current}). Ваш текст не сохранён и остался в поле: скопируйте его, откройте последнюю версию и перенесите правки.`;

/** Only a draft is edited; later stages change through the route (issue #5). */
export const EDITABLE_STATUSES: DocumentRow['status'][] = ['draft'];

/**
 * Saves the edited Markdown as the next version. `baseVersion` is the version the editor
 * started from: if someone saved in between, this save is refused rather than lost silently.
 */
export async function saveVersion(
	db: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	params: { source: string; baseVersion: number; note: string }
): Promise<number> {
	assertCan(actor, 'document.edit', org);
	assertOwnDocument(org, doc);
	if (!EDITABLE_STATUSES.includes(doc.status))
		throw new ValidationError({ form: 'Редактировать можно только черновик.' });
	const source = withoutNul(params.source).replace(/\r\n/g, '\n');
	const note = withoutNul(params.note).trim().slice(0, 500);
	if (!source.trim())
		throw new ValidationError({ source: 'Текст документа не может быть пустым.' });
	if (source.length > MAX_SOURCE_LENGTH)
		throw new ValidationError({ source: `Текст длиннее ${MAX_SOURCE_LENGTH} символов.` });
	if (!Number.isInteger(params.baseVersion) || params.baseVersion < 1)
		throw new ValidationError({ form: 'Не указана исходная версия. Обновите страницу.' });

	return db.transaction(async (tx) => {
		const next = params.baseVersion + 1;
		// Opening and saving without an edit is not a new version (the visual editor gives the text back as it was).
		const [base] = await tx
			.select({ source: documentVersions.source })
			.from(documentVersions)
			.where(
				and(
					eq(documentVersions.documentId, doc.id),
					eq(documentVersions.version, params.baseVersion)
				)
			);
		if (base?.source === source) throw new ValidationError({ source: UNCHANGED });
		// The guarded update is the lock: of two saves from the same version only one moves it on.
		const moved = await tx
			.update(documents)
			.set({ currentVersion: next, updatedAt: new Date() })
			.where(
				and(
					eq(documents.id, doc.id),
					eq(documents.currentVersion, params.baseVersion),
					eq(documents.status, 'draft')
				)
			)
			.returning({ id: documents.id });
		if (!moved.length) {
			const [fresh] = await tx
				.select({ v: documents.currentVersion })
				.from(documents)
				.where(eq(documents.id, doc.id));
			throw new ValidationError({ form: STALE_VERSION(fresh?.v ?? params.baseVersion) });
		}
		await tx.insert(documentVersions).values({
			documentId: doc.id,
			version: next,
			source,
			sha256: sha256Hex(source),
			note: note || null,
			authorId: actor.id
		});
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.version_saved',
			entityType: 'document',
			entityId: doc.id,
			before: { version: params.baseVersion },
			after: { version: next, sha256: sha256Hex(source), note: note || null }
		});
		return next;
	});
}
