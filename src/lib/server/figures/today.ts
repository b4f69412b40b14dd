import { sql, type SQL } from 'drizzle-orm';

/** The organisation's own today as an SQL date: every figure is counted in the organisation's zone. */
export const todayOf = (now: Date, timeZone: SQL = sql.raw('o.time_zone')) =>
	sql`(${now.toISOString()}::timestamptz at time zone ${timeZone})::date`;
