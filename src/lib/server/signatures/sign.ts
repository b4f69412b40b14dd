import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import {
	documents,
	files,
	memberships,
	signatureFiles,
	signatures,
	users,
	type DocumentRow,
	type DocumentVersion,
	type Organization,
	type Signature
} from '../db/schema';
import { assertCan, type Actor } from '../auth/permissions';
import { verifyPassword } from '../auth/password';
import { checkLoginGate, recordLoginFailure } from '../auth/rate-limit';
import { recordEvent } from '../audit/record-event';
import { ValidationError } from '../forms/errors';
import { sha256Hex } from '../documents/hash';
import { findVersion } from '../documents/queries';
import { loadDocumentLayout } from '../documents/layout';
import { storeFile } from '../documents/store-file';
import { downloadName, extensionOf } from '../documents/file-types';
import { lockDocument } from '../workflow/route';
import { signatureMessages as m } from '../../signatures/labels';
import { SIGNED_FORMATS } from './formats';
import { newSignatureKey } from './key';

/**
 * The head signs the approved version of an act in force with a simple electronic signature
 * (ст. 9 63-ФЗ): a deliberate step confirmed by her own password, typed again. Whom the
 * organisation's act on electronic signatures names is modelled as the head (`document.sign`).
 * A wrong password is counted with the sign-in failures of the account and address, so a
 * stolen session gives no more guesses than the sign-in form; it stores nothing else.
 */
export async function signWithPassword(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: { password?: string },
	context: { ipAddress: string; now?: Date }
): Promise<Signature> {
	assertCan(actor, 'document.sign', org);
	const now = context.now ?? new Date();
	const password = (raw.password ?? '').slice(0, 1024);
	if (!password) throw new ValidationError({ password: m.passwordMissing });
	const gate = await checkLoginGate(db, actor.email, context.ipAddress, now);
	if (!gate.allowed) throw new ValidationError({ password: tooMany(gate.retryAt, now) });
	const [user] = await db
		.select({ passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.id, actor.id));
	if (!user || !(await verifyPassword(user.passwordHash, password))) {
		await recordLoginFailure(db, actor.email, context.ipAddress, now);
		const after = await checkLoginGate(db, actor.email, context.ipAddress, now);
		throw new ValidationError({
			password: after.allowed
				? m.passwordWrong
				: `${m.passwordWrong} ${tooMany(after.retryAt, now)}`
		});
	}
	return signSimple(db, actor, org, docId, now);
}

const tooMany = (retryAt: Date, now: Date) =>
	m.tooManyAttempts(Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000)));

/**
 * The signature itself, once the signer is known to be who she says: in one transaction, on the
 * locked document, the files of SIGNED_FORMATS are rendered from the public layout and stored, the
 * signature binds them, the text and the signer as she is now, and the step is audited (which also
 * drops the act's cached public pages). The demo calls it with the story's moment.
 */
export async function signSimple(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	signedAt = new Date()
): Promise<Signature> {
	assertCan(actor, 'document.sign', org);
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		if (doc.status !== 'published' || doc.approvedVersion === null || !doc.approvedAt)
			throw new ValidationError({ form: m.notSignable });
		const version = doc.approvedVersion;
		const [existing] = await tx
			.select({ id: signatures.id })
			.from(signatures)
			.where(
				and(
					eq(signatures.documentId, doc.id),
					eq(signatures.version, version),
					eq(signatures.kind, 'simple')
				)
			);
		if (existing) throw new ValidationError({ form: m.alreadySigned });
		const approved = await findVersion(tx, doc.id, version);
		if (!approved) throw new ValidationError({ form: m.noText });
		const stored = await filesToSign(tx, actor, org, doc, approved);
		const textSha256 = approved.source == null ? approved.sha256 : sha256Hex(approved.source);
		// The approval froze this hash; a text that no longer matches it is a fault, not a user's error.
		if (doc.approvedSha256 && doc.approvedSha256 !== textSha256)
			throw new Error(`The approved text of document ${doc.id} no longer matches its hash.`);
		const [signature] = await tx
			.insert(signatures)
			.values({
				organizationId: org.id,
				documentId: doc.id,
				version,
				kind: 'simple',
				key: newSignatureKey(),
				signerId: actor.id,
				signerName: actor.fullName,
				signerPosition: await positionOf(tx, actor, org),
				signedAt,
				textSha256
			})
			.returning();
		await tx
			.insert(signatureFiles)
			.values(stored.map((s) => ({ signatureId: signature!.id, ...s })));
		await tx
			.update(documents)
			.set({ signedAt })
			.where(and(eq(documents.id, doc.id), isNull(documents.signedAt)));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.signed_simple',
			entityType: 'document',
			entityId: doc.id,
			after: {
				kind: 'simple',
				version,
				key: signature!.key,
				signatureId: signature!.id,
				signedAt: signedAt.toISOString(),
				signerPosition: signature!.signerPosition,
				textSha256,
				files: stored.map(({ format, sha256 }) => ({ format, sha256 }))
			}
		});
		return signature!;
	});
}

/**
 * A text version: its DOCX, PDF and ODT rendered from the public layout and stored. An act published
 * as a file (a scan or the school's own DOCX) is signed as that stored file: it is what is served.
 */
async function filesToSign(
	tx: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	approved: DocumentVersion
): Promise<{ format: string; fileId: string; sha256: string }[]> {
	if (approved.source == null) {
		if (!approved.fileId) throw new ValidationError({ form: m.noText });
		const [file] = await tx
			.select({ id: files.id, sha256: files.sha256, contentType: files.contentType })
			.from(files)
			.where(eq(files.id, approved.fileId));
		if (!file)
			throw new Error(`The file of document ${doc.id} version ${approved.version} is missing.`);
		return [{ format: extensionOf(file.contentType), fileId: file.id, sha256: file.sha256 }];
	}
	const layout = await loadDocumentLayout(tx, doc, org, approved.source, 'public');
	const stored = [];
	for (const f of SIGNED_FORMATS) {
		const file = await storeFile(tx, org.id, actor.id, {
			name: downloadName(doc.title, f.extension),
			bytes: await f.render(layout)
		});
		stored.push({ format: f.format, fileId: file.id, sha256: file.sha256 });
	}
	return stored;
}

/** The signer's position now: her own in the organisation, else the head's from the profile. */
async function positionOf(tx: Database, actor: Actor, org: Organization): Promise<string> {
	const rows = await tx
		.select({ role: memberships.role, position: memberships.position })
		.from(memberships)
		.where(and(eq(memberships.userId, actor.id), eq(memberships.organizationId, org.id)));
	const own = rows
		.sort((a, b) => Number(b.role === 'director') - Number(a.role === 'director'))
		.map((r) => r.position?.trim())
		.find(Boolean);
	return own || org.headPosition?.trim() || 'Руководитель';
}
