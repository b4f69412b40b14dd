// The dashboard's filters, shared by the server (which reads them) and the page (which links with them).
import type { JournalSystemKey } from '../orgs/labels';
import type { OverviewSortKey } from './labels';

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
}

export const defaultOverviewParams: OverviewParams = { sort: 'overdue', dir: 'desc', municipality: null, journal: null, overdueOnly: false, staleDays: null, q: '', page: 1, impossible: false };

/** The same filters as an address query, for sort links, pages and the export. */
export function overviewQuery(params: OverviewParams, change: Partial<OverviewParams> = {}): string {
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
	if (p.page > 1) q.set('page', String(p.page));
	return q.toString();
}

