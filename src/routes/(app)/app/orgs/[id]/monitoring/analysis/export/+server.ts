import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { monitoringAnalysis } from '$lib/server/monitoring/dashboard';
import { analysisTables } from '$lib/server/monitoring/exports';
import { exportFormat, exportResponse } from '$lib/server/exports/table-export';
import { filterMessages } from '$lib/monitoring/labels';
import { todayIn } from '$lib/format';
import type { RequestHandler } from './$types';

/** One table of the analysis page (?table=measures|municipalities|journals|publication|overtime), as XLSX or CSV. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'monitoring.view');
	const format = exportFormat(url.searchParams.get('format'));
	if (!format) error(400, filterMessages.format);
	const tables = analysisTables();
	const key = url.searchParams.get('table') ?? '';
	const table = Object.hasOwn(tables, key) ? tables[key] : undefined;
	if (!table) error(404, 'Такой таблицы анализа нет.');
	const analysis = await monitoringAnalysis(database(), actor, org, url.searchParams);
	return exportResponse(
		format,
		`${table.name} ${org.shortName} ${todayIn(org.timeZone)}`,
		table.name,
		table.columns,
		table.rows(analysis)
	);
};
