import { organizationFor, requireActor } from '$lib/server/web/guards';
import { importTemplateCsv } from '$lib/server/orgs/import-schools';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	await organizationFor(requireActor(locals, url), params.id, 'organization.import_schools');
	return new Response(importTemplateCsv(), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="schools-template.csv"; filename*=UTF-8''${encodeURIComponent('шаблон-школы.csv')}`
		}
	});
};
