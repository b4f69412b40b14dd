import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { monitoringExportRows } from '$lib/server/monitoring/dashboard';
import { overviewColumns } from '$lib/server/monitoring/exports';
import { exportFormat, exportResponse } from '$lib/server/exports/table-export';
import { filterMessages } from '$lib/monitoring/labels';
import { overviewColumnChoice } from '$lib/monitoring/query';
import { todayIn } from '$lib/format';
import type { RequestHandler } from './$types';

/** Every row the dashboard's filters keep (all pages), as XLSX or CSV. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'monitoring.view');
	const format = exportFormat(url.searchParams.get('format'));
	if (!format) error(400, filterMessages.format);
	const rows = await monitoringExportRows(database(), actor, org, url.searchParams);
	return exportResponse(
		format,
		`Мониторинг ${org.shortName} ${todayIn(org.timeZone)}`,
		'Мониторинг',
		overviewColumns(
			org,
			overviewColumnChoice(url.searchParams.getAll('cols'), org.kind === 'region')
		),
		rows
	);
};
