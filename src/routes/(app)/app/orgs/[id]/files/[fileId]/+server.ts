import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { findFile } from '$lib/server/documents/queries';
import {
	contentDisposition,
	extensionOf,
	nameWithExtension
} from '$lib/server/documents/file-types';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.view');
	const file = await findFile(database(), org.id, params.fileId);
	if (!file) error(404, 'Файл не найден.');
	return new Response(Buffer.from(file.bytes), {
		headers: {
			'Content-Type': file.contentType,
			'Content-Disposition': contentDisposition(
				nameWithExtension(file.name, extensionOf(file.contentType))
			),
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
