import type { ExportColumn } from '../exports/table-export';
import type { Organization } from '../db/schema';
import { todayIn } from '../../format';
import {
	analysisLabels as a,
	journalText,
	monitoringLabels,
	overviewColumnLabels as c,
	type OverviewSortKey
} from '../../monitoring/labels';
import { overviewColumnKeys } from '../../monitoring/query';
import { journalSystemLabels } from '../../orgs/labels';
import { contractStatusText } from '../../contracts/labels';
import type { OverviewRow } from './overview';
import type { MonitoringAnalysis } from './dashboard';
import type {
	JournalShare,
	MunicipalityProgress,
	OverdueMeasure,
	OverduePublication,
	ProgressPoint
} from './analysis';

/**
 * The dashboard table as a download: the columns of the page, in its words; the picked ones when
 * the person picked them (null: every column).
 */
export function overviewColumns(
	authority: Organization,
	picked: readonly OverviewSortKey[] | null = null
): ExportColumn<OverviewRow>[] {
	const columns: (ExportColumn<OverviewRow> & { key: OverviewSortKey })[] = [
		{ key: 'name', header: c.name, width: 48, value: (r) => r.shortName },
		{ key: 'municipality', header: c.municipality, width: 30, value: (r) => r.municipalityName },
		{
			key: 'progress',
			header: c.progress,
			type: 'number',
			value: (r) => (r.itemsTotal ? r.progress : null)
		},
		{ key: 'progress', header: 'Пунктов всего', type: 'number', value: (r) => r.itemsTotal },
		{ key: 'overdue', header: c.overdue, type: 'number', value: (r) => r.overdue },
		{ key: 'dueSoon', header: c.dueSoon, type: 'number', value: (r) => r.dueSoon },
		{ key: 'remarks', header: c.remarks, type: 'number', value: (r) => r.openRemarks },
		{
			key: 'journal',
			header: c.journal,
			width: 28,
			value: (r) =>
				r.kind === 'school' ? journalText(r.journalSystem, r.journalSystemOther) : null
		},
		{ key: 'paperless', header: c.paperless, type: 'date', value: (r) => r.paperlessSince },
		{
			key: 'contract',
			header: c.contract,
			width: 28,
			value: (r) =>
				r.kind === 'school' ? contractStatusText(r.contractStatus, r.missingGuarantees) : null
		},
		{
			key: 'personalData',
			header: c.personalData,
			value: (r) =>
				r.kind === 'school'
					? r.personalDataComplete
						? monitoringLabels.personalDataComplete
						: monitoringLabels.personalDataIncomplete
					: null
		},
		{ key: 'published', header: c.published, type: 'number', value: (r) => r.published },
		{ key: 'inApproval', header: c.inApproval, type: 'number', value: (r) => r.inApproval },
		{
			key: 'lastActivity',
			header: c.lastActivity,
			type: 'date',
			value: (r) => (r.lastActivity ? todayIn(authority.timeZone, r.lastActivity) : null)
		}
	];
	const shown = picked ?? overviewColumnKeys(authority.kind === 'region');
	return columns.filter(
		(col) => shown.includes(col.key) && (authority.kind === 'region' || col.key !== 'municipality')
	);
}

type Table<T> = { name: string; columns: ExportColumn<T>[]; rows: (x: MonitoringAnalysis) => T[] };
const table = <T>(t: Table<T>) => t as unknown as Table<unknown>;

/** The analysis page's tables by the name the download link gives. */
export function analysisTables(): Record<string, Table<unknown>> {
	return {
		measures: table<OverdueMeasure>({
			name: a.mostOverdue,
			columns: [
				{ header: a.code, value: (r) => r.code },
				{ header: a.measure, width: 70, value: (r) => r.title },
				{ header: a.schools, type: 'number', value: (r) => r.schools }
			],
			rows: (x) => x.measures
		}),
		municipalities: table<MunicipalityProgress>({
			name: a.byMunicipality,
			columns: [
				{ header: a.municipality, width: 40, value: (r) => r.shortName },
				{ header: a.schools, type: 'number', value: (r) => r.schools },
				{ header: a.progress, type: 'number', value: (r) => r.averageProgress },
				{ header: a.overdue, type: 'number', value: (r) => r.overdue },
				{ header: a.schoolsOverdue, type: 'number', value: (r) => r.schoolsOverdue }
			],
			rows: (x) => x.byMunicipality
		}),
		journals: table<JournalShare>({
			name: a.byJournal,
			columns: [
				{
					header: a.journal,
					width: 36,
					value: (r) =>
						r.journalSystem ? journalSystemLabels[r.journalSystem] : monitoringLabels.noJournal
				},
				{ header: a.schools, type: 'number', value: (r) => r.schools },
				{ header: a.progress, type: 'number', value: (r) => r.averageProgress }
			],
			rows: (x) => x.journals
		}),
		publication: table<OverduePublication>({
			name: a.publicationOverdue,
			columns: [
				{ header: a.organization, width: 40, value: (r) => r.organizationName },
				{ header: a.document, width: 60, value: (r) => r.title },
				{ header: a.orderNumber, value: (r) => r.approvalOrderNumber },
				{ header: a.orderDate, type: 'date', value: (r) => r.startsOn },
				{ header: a.deadline, type: 'date', value: (r) => r.dueOn }
			],
			rows: (x) => x.publication.rows
		}),
		overtime: table<ProgressPoint>({
			name: a.overTime,
			columns: [
				{ header: a.day, type: 'date', value: (r) => r.day },
				{ header: a.progress, type: 'number', value: (r) => r.averageProgress },
				{ header: a.organizations, type: 'number', value: (r) => r.organizations }
			],
			rows: (x) => x.overTime
		})
	};
}
