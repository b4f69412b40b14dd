import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { parseHelpFilters } from '$lib/server/help-requests/help-requests';
import { exportHelpLog } from '$lib/server/help-requests/export';
import { exportFormat } from '$lib/server/exports/table-export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'monitoring.view');
	const format = exportFormat(url.searchParams.get('format'));
	if (!format) error(400, 'Неизвестный формат выгрузки.');
	const { filters, problem } = parseHelpFilters(url.searchParams);
	if (problem) error(400, problem);
	return exportHelpLog(database(), org, format, filters);
};
