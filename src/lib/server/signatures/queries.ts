import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { documents, files, organizations, signatureFiles, signatures } from '../db/schema';
import { sha256Hex } from '../documents/hash';
import { MAX_UPLOAD_BYTES } from '../documents/file-types';
import { ValidationError } from '../forms/errors';
import { signatureMessages as m } from '../../signatures/labels';
import { normaliseSignatureKey } from './key';

/** What the visible mark shows of a signature, and the files it covers. */
export interface SignatureView {
	kind: 'simple' | 'qualified';
	key: string;
	signerName: string;
	signerPosition: string;
	signedAt: Date;
	version: number;
	textSha256: string;
	files: { format: string; sha256: string; size: number; fileId: string }[];
}

/** The signatures of one version of a document, the first made first. */
export async function signaturesOf(
	db: Database,
	documentId: string,
	version: number | null
): Promise<SignatureView[]> {
	if (version === null) return [];
	const rows = await db
		.select()
		.from(signatures)
		.where(and(eq(signatures.documentId, documentId), eq(signatures.version, version)))
		.orderBy(asc(signatures.signedAt));
	return withFiles(db, rows);
}

async function withFiles(
	db: Database,
	rows: (typeof signatures.$inferSelect)[]
): Promise<SignatureView[]> {
	if (!rows.length) return [];
	const covered = await db
		.select({
			signatureId: signatureFiles.signatureId,
			format: signatureFiles.format,
			sha256: signatureFiles.sha256,
			fileId: signatureFiles.fileId,
			size: files.size
		})
		.from(signatureFiles)
		.innerJoin(files, eq(files.id, signatureFiles.fileId))
		.where(
			inArray(
				signatureFiles.signatureId,
				rows.map((r) => r.id)
			)
		)
		.orderBy(asc(signatureFiles.format));
	return rows.map((r) => ({
		kind: r.kind,
		key: r.key,
		signerName: r.signerName,
		signerPosition: r.signerPosition,
		signedAt: r.signedAt,
		version: r.version,
		textSha256: r.textSha256,
		files: covered
			.filter((f) => f.signatureId === r.id)
			.map(({ format, sha256, size, fileId }) => ({ format, sha256, size, fileId }))
	}));
}

/**
 * The stored bytes of a signed version in one format: once a version is signed, these are served
 * instead of a new rendering (a renamed school or a new layout never changes what was signed).
 * Null when the version has no signed file of that format.
 */
export async function signedFile(
	db: Database,
	documentId: string,
	version: number | null,
	format: string
): Promise<{ bytes: Uint8Array; name: string; contentType: string } | null> {
	if (version === null) return null;
	const [row] = await db
		.select({ bytes: files.bytes, name: files.name, contentType: files.contentType })
		.from(signatures)
		.innerJoin(signatureFiles, eq(signatureFiles.signatureId, signatures.id))
		.innerJoin(files, eq(files.id, signatureFiles.fileId))
		.where(
			and(
				eq(signatures.documentId, documentId),
				eq(signatures.version, version),
				eq(signatureFiles.format, format)
			)
		)
		.orderBy(asc(signatures.signedAt))
		.limit(1);
	return row ?? null;
}

export type SignatureCheck =
	| { found: false; key: string }
	| {
			found: true;
			signature: SignatureView;
			document: { title: string; organization: string; timeZone: string; href: string | null };
			file: { name: string; sha256: string; matches: string | null } | null;
	  };

/**
 * The public check: who signed what and when, by the key; with a file in hand, whether its
 * sha-256 is one of the signed files'. A malformed key or an unusable file is a ValidationError
 * naming the field; an unknown key is `found: false`.
 */
export async function checkSignature(
	db: Database,
	rawKey: string,
	upload: { name: string; bytes: Uint8Array } | null = null
): Promise<SignatureCheck> {
	if (!rawKey.trim()) throw new ValidationError({ key: m.keyMissing });
	const key = normaliseSignatureKey(rawKey);
	if (!key) throw new ValidationError({ key: m.keyMalformed });
	if (upload && upload.bytes.byteLength > MAX_UPLOAD_BYTES)
		throw new ValidationError({ file: m.fileTooLarge });
	const [row] = await db
		.select({
			signature: signatures,
			title: documents.title,
			publishedAt: documents.publishedAt,
			documentId: documents.id,
			organization: organizations.shortName,
			timeZone: organizations.timeZone,
			slug: organizations.slug
		})
		.from(signatures)
		.innerJoin(documents, eq(documents.id, signatures.documentId))
		.innerJoin(organizations, eq(organizations.id, signatures.organizationId))
		.where(eq(signatures.key, key));
	if (!row) return { found: false, key };
	const [signature] = await withFiles(db, [row.signature]);
	let file = null;
	if (upload && upload.bytes.byteLength > 0) {
		const sha256 = sha256Hex(upload.bytes);
		file = {
			name: upload.name,
			sha256,
			matches: signature!.files.find((f) => f.sha256 === sha256)?.format ?? null
		};
	}
	return {
		found: true,
		signature: signature!,
		document: {
			title: row.title,
			organization: row.organization,
			timeZone: row.timeZone,
			// Only a published act has a public page to point to.
			href: row.publishedAt ? `/o/${row.slug}/d/${row.documentId}` : null
		},
		file
	};
}
