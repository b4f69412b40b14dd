import type { Upload } from '../documents/store-file';

/** The file of a multipart form as the domain takes it; an empty file input is no file. */
export async function uploadFrom(form: FormData, field = 'file'): Promise<Upload | null> {
	const file = form.get(field);
	if (!(file instanceof File) || file.size === 0) return null;
	return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
