import type { Database } from '../db';
import { files, type StoredFile } from '../db/schema';
import { ValidationError, withoutNul } from '../forms/errors';
import {
	ALLOWED_TYPES_TEXT,
	MAX_UPLOAD_BYTES,
	ZipBombError,
	detectFileType,
	nameWithExtension
} from './file-types';
import { sha256Hex } from './hash';

export interface Upload {
	name: string;
	bytes: Uint8Array;
}

/** Checks an upload by its content; the Russian message names what was wrong and how to fix it. */
export function checkUpload(upload: Upload | null, field = 'file') {
	if (!upload || upload.bytes.byteLength === 0)
		throw new ValidationError({ [field]: 'Выберите файл.' });
	if (upload.bytes.byteLength > MAX_UPLOAD_BYTES)
		throw new ValidationError({
			[field]: `Файл больше 20 МБ (${(upload.bytes.byteLength / 1024 / 1024).toFixed(1)} МБ). Уменьшите его, например отсканируйте с меньшим разрешением.`
		});
	let type: ReturnType<typeof detectFileType>;
	try {
		type = detectFileType(upload.bytes);
	} catch (e) {
		if (e instanceof ZipBombError) throw new ValidationError({ [field]: e.message });
		throw e;
	}
	if (!type)
		throw new ValidationError({
			[field]: `Файл не похож ни на один из разрешённых видов (${ALLOWED_TYPES_TEXT}), какое бы расширение у него ни было.`
		});
	return type;
}

export async function storeFile(
	tx: Database,
	organizationId: string,
	uploadedBy: string,
	upload: Upload
): Promise<StoredFile> {
	const type = checkUpload(upload);
	const name = nameWithExtension(
		withoutNul(upload.name).replace(/[\\/]/g, '_').trim().slice(0, 200),
		type.extension
	);
	const [stored] = await tx
		.insert(files)
		.values({
			organizationId,
			name,
			contentType: type.contentType,
			size: upload.bytes.byteLength,
			sha256: sha256Hex(upload.bytes),
			bytes: upload.bytes,
			uploadedBy
		})
		.returning();
	return stored!;
}
