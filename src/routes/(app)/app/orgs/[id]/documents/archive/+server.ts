import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { exportArchive } from '$lib/server/documents/export-archive';
import { contentDisposition, downloadName } from '$lib/server/documents/file-types';
import { todayIn } from '$lib/format';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'document.view');
	const zip = await exportArchive(database(), actor, org);
	const today = todayIn(org.timeZone);
	return new Response(Buffer.from(zip), {
		headers: {
			'Content-Type': 'application/zip',
			'Content-Disposition': contentDisposition(
				downloadName(`Документы ${org.shortName} ${today}`, 'zip')
			)
		}
	});
};
