import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { auditEvents } from '../db/schema';
import { auditEntityLabels } from '../../audit/labels';
import { parseDate } from '../orgs/validation';
import { isUuid } from '../orgs/queries';

// Thirty rows of one or two lines keep a page under 3,000 px at 1366 even on a day of approvals.
export const AUDIT_PAGE_SIZE = 30;

export interface AuditFilter {
	actorId: string | null;
	entityType: string | null;
	from: string | null;
	to: string | null;
	page: number;
}

/** Filter values from the query string; nonsense is dropped and reported, never an error. */
export function parseAuditFilter(params: URLSearchParams): {
	filter: AuditFilter;
	problems: Record<string, string>;
} {
	const problems: Record<string, string> = {};
	const actor = params.get('actor') ?? '';
	const entity = params.get('entity') ?? '';
	const from = params.get('from') ?? '';
	const to = params.get('to') ?? '';
	const filter: AuditFilter = {
		actorId: actor && isUuid(actor) ? actor : null,
		entityType: entity && Object.hasOwn(auditEntityLabels, entity) ? entity : null,
		from: from ? parseDate(from) : null,
		to: to ? parseDate(to) : null,
		page: Math.min(Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1), 10_000)
	};
	if (actor && !filter.actorId) problems.actor = 'Такого пользователя нет в списке.';
	if (entity && !filter.entityType) problems.entity = 'Такого объекта нет в списке.';
	if (from && !filter.from) problems.from = 'Дата «с» не распознана: ДД.ММ.ГГГГ.';
	if (to && !filter.to) problems.to = 'Дата «по» не распознана: ДД.ММ.ГГГГ.';
	if (filter.from && filter.to && filter.from > filter.to)
		problems.to = 'Дата «по» раньше даты «с».';
	return { filter, problems };
}

/** One organisation's events, newest first; dates are whole days in the organisation's zone. */
export async function listEvents(
	db: Database,
	orgId: string,
	filter: AuditFilter,
	timeZone: string
) {
	const where: SQL[] = [eq(auditEvents.organizationId, orgId)];
	if (filter.actorId) where.push(eq(auditEvents.actorId, filter.actorId));
	if (filter.entityType) where.push(eq(auditEvents.entityType, filter.entityType));
	if (filter.from) where.push(gte(auditEvents.occurredAt, startOfDay(filter.from, timeZone)));
	if (filter.to) where.push(lt(auditEvents.occurredAt, startOfDay(nextDay(filter.to), timeZone)));
	const rows = await db
		.select()
		.from(auditEvents)
		.where(and(...where))
		.orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
		.limit(AUDIT_PAGE_SIZE + 1)
		.offset((filter.page - 1) * AUDIT_PAGE_SIZE);
	return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** People who appear in an organisation's log, for the filter's list. */
export async function actorsInLog(db: Database, orgId: string) {
	const rows = await db
		.selectDistinct({ id: auditEvents.actorId, name: auditEvents.actorName })
		.from(auditEvents)
		.where(eq(auditEvents.organizationId, orgId));
	return rows
		.filter((r): r is { id: string; name: string } => !!r.id && !!r.name)
		.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

function nextDay(isoDate: string): string {
	const d = new Date(`${isoDate}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** Midnight of a calendar day in a time zone, as an instant. */
export function startOfDay(isoDate: string, timeZone: string): Date {
	const utcMidnight = new Date(`${isoDate}T00:00:00Z`);
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(utcMidnight);
	const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
	const asLocal = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
	return new Date(utcMidnight.getTime() - (asLocal - utcMidnight.getTime()));
}
