// The dashboard's filters, shared by the server (which reads them) and the page (which links with them).
import type { JournalSystemKey } from '../orgs/labels';
import { columnQuery, parseColumnChoice } from '../tables/columns';
import { overviewDefaultColumns, overviewSortKeys, type OverviewSortKey } from './labels';

export type JournalFilter = JournalSystemKey | 'none';

export interface OverviewParams {
	sort: OverviewSortKey;
	dir: 'asc' | 'desc';
	municipality: string | null;
	journal: JournalFilter | null;
	overdueOnly: boolean;
	/** Only organisations with no recorded action for this many days. */
	staleDays: number | null;
	q: string;
	page: number;
	/** A filter value named nothing that exists: the answer is empty, with the message. */
	impossible: boolean;
	/** The columns the person picked; null: the default ones. */
	columns: OverviewSortKey[] | null;
}

export const defaultOverviewParams: OverviewParams = {
	sort: 'overdue',
	dir: 'desc',
	municipality: null,
	journal: null,
	overdueOnly: false,
	staleDays: null,
	q: '',
	page: 1,
	impossible: false,
	columns: null
};

/** The same filters as an address query, for sort links, pages and the export. */
export function overviewQuery(
	params: OverviewParams,
	change: Partial<OverviewParams> = {}
): string {
	const p = { ...params, ...change };
	const q = new URLSearchParams();
	if (p.q) q.set('q', p.q);
	if (p.municipality) q.set('municipality', p.municipality);
	if (p.journal) q.set('journal', p.journal);
	if (p.overdueOnly) q.set('overdue', '1');
	if (p.staleDays) q.set('stale', String(p.staleDays));
	if (p.sort !== defaultOverviewParams.sort || p.dir !== defaultOverviewParams.dir) {
		q.set('sort', p.sort);
		q.set('dir', p.dir);
	}
	if (p.columns) q.set('cols', p.columns.join(','));
	if (p.page > 1) q.set('page', String(p.page));
	return q.toString();
}

/** Every column the table has for this kind of authority, in its order. */
export const overviewColumnKeys = (region: boolean) =>
	overviewSortKeys.filter((key) => region || key !== 'municipality');
const defaultColumns = (region: boolean) =>
	overviewDefaultColumns.filter((key) => region || key !== 'municipality');

/**
 * The columns asked for by `cols` (comma-separated or repeated, as the picker's checkboxes send
 * them): null when none is known or the choice is the default one. The municipality column is
 * the region's only; the name is always shown.
 */
export function overviewColumnChoice(
	raw: readonly string[],
	region: boolean
): OverviewSortKey[] | null {
	const { columns, chosen } = parseColumnChoice(
		raw,
		overviewColumnKeys(region),
		defaultColumns(region),
		['name']
	);
	return chosen && columnQuery(columns, defaultColumns(region)) ? columns : null;
}

/** The columns the table shows: the picked ones or the default ones. */
export function shownOverviewColumns(
	params: Pick<OverviewParams, 'columns'>,
	region: boolean
): OverviewSortKey[] {
	return (params.columns ?? defaultColumns(region)).filter(
		(key) => region || key !== 'municipality'
	);
}
