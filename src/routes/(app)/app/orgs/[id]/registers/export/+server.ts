import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { parseRegisterFilters } from '$lib/server/registers/registers';
import { exportRegister } from '$lib/server/registers/exports';
import { exportFormat } from '$lib/server/exports/table-export';
import { registerKinds, type RegisterKind } from '$lib/registers/labels';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'monitoring.view');
	const format = exportFormat(url.searchParams.get('format'));
	const kind = url.searchParams.get('register') ?? '';
	if (!format || !(registerKinds as string[]).includes(kind))
		error(400, 'Неизвестный реестр или формат выгрузки.');
	const { filters, problem } = parseRegisterFilters(url.searchParams);
	if (problem) error(400, problem);
	return exportRegister(database(), org, kind as RegisterKind, format, filters);
};
