import type { Database } from '../db';
import type { Organization } from '../db/schema';
import { assertCan, type Actor } from '../auth/permissions';
import { filterMessages } from '../../monitoring/labels';
import {
	monitoringOverview,
	municipalitiesUnder,
	parseOverviewParams,
	type OverviewRow
} from './overview';
import {
	journalDistribution,
	mostOverdueMeasures,
	progressByMunicipality,
	progressOverTime,
	publicationOverdue,
	staleOrganizations
} from './analysis';

/** The dashboard page: the authority's table as the address filters it. */
export async function monitoringDashboard(
	db: Database,
	actor: Actor,
	authority: Organization,
	search: URLSearchParams,
	now = new Date()
) {
	assertCan(actor, 'monitoring.view', authority);
	const { params, messages } = parseOverviewParams(search, authority.kind === 'region');
	return {
		params,
		messages,
		overview: await monitoringOverview(db, authority, params, { now }),
		municipalities: await municipalitiesUnder(db, authority)
	};
}

/** Every row the dashboard's filters keep, all pages, for a download. */
export async function monitoringExportRows(
	db: Database,
	actor: Actor,
	authority: Organization,
	search: URLSearchParams,
	now = new Date()
): Promise<OverviewRow[]> {
	assertCan(actor, 'monitoring.view', authority);
	const { params } = parseOverviewParams(search, authority.kind === 'region');
	return (await monitoringOverview(db, authority, { ...params, page: 1 }, { now, pageSize: null }))
		.rows;
}

export const DEFAULT_STALE_DAYS = 14;

/** The analysis page: every block, with the idle-days threshold read from the address. */
export async function monitoringAnalysis(
	db: Database,
	actor: Actor,
	authority: Organization,
	search: URLSearchParams,
	now = new Date()
) {
	assertCan(actor, 'monitoring.view', authority);
	const messages: string[] = [];
	const raw = search.get('stale')?.trim();
	let staleDays = DEFAULT_STALE_DAYS;
	if (raw) {
		const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
		if (n >= 1 && n <= 3650) staleDays = n;
		else messages.push(filterMessages.stale);
	}
	return {
		staleDays,
		messages,
		measures: await mostOverdueMeasures(db, authority, now),
		stale: await staleOrganizations(db, authority, staleDays, now),
		byMunicipality: await progressByMunicipality(db, authority, now),
		journals: await journalDistribution(db, authority),
		publication: await publicationOverdue(db, authority, now),
		overTime: await progressOverTime(db, authority, now)
	};
}

export type MonitoringAnalysis = Awaited<ReturnType<typeof monitoringAnalysis>>;
