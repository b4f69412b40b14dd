import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import type { Organization } from '../db/schema';
import { guaranteeKeys, type ContractStatus } from '../../contracts/labels';
import { rowsOf } from '../monitoring/sql';
import { todayOf } from './today';

// A school's operator contract status, one definition for the dashboard, monitoring, registers, the
// report, the contract list and the exports:
// - a contract is in force when its document is neither repealed nor superseded and its valid_until
//   is null (open-ended) or not before the school's today;
// - the contract that counts is the latest in force (by its date, then registration); with none in
//   force, the one that ended last;
// - missing guarantees: of order № 1281's seven, those false or absent in it;
// - status: none (no contract at all), expired (none in force), incomplete (in force, missing > 0),
//   complete (in force, all seven).

/** The guarantees false or absent in a contract's jsonb (alias `c`-like: any contracts row). */
export const missingGuaranteesSql = (guarantees: SQL) =>
	sql`(${sql.join(
		guaranteeKeys.map(
			(k) =>
				sql`(case when coalesce((${guarantees} ->> ${sql.raw(`'${k}'`)})::boolean, false) then 0 else 1 end)`
		),
		sql` + `
	)})`;

/** In force on `today`: the document not ended, the term not run out. */
export const contractInForceSql = (validUntil: SQL, documentStatus: SQL, today: SQL) =>
	sql`(${documentStatus} not in ('repealed', 'superseded') and (${validUntil} is null or ${validUntil} >= ${today}))`;

/**
 * The contract that counts for an organisation, for `left join lateral (…) k on true`: at most one row
 * with document_id, counterparty, number, valid_until, guarantees, in_force, missing.
 */
export const countingContract = (organizationId: SQL, today: SQL) => {
	const inForce = contractInForceSql(sql.raw('c.valid_until'), sql.raw('cd.status'), today);
	return sql`(select c.document_id, c.counterparty, cd.number, c.valid_until::text as valid_until, c.guarantees,
			${inForce} as in_force, ${missingGuaranteesSql(sql.raw('c.guarantees'))}::int as missing
		from contracts c join documents cd on cd.id = c.document_id
		where c.organization_id = ${organizationId}
		order by ${inForce} desc, (case when ${inForce} then cd.document_date end) desc nulls last, c.valid_until desc nulls first, c.created_at desc
		limit 1)`;
};

/** The status of the counting contract joined as `alias` (null columns when there is none). */
export const contractStatusSql = (alias = 'k') => {
	const k = sql.raw(alias);
	return sql`(case when ${k}.document_id is null then 'none' when not ${k}.in_force then 'expired' when ${k}.missing > 0 then 'incomplete' else 'complete' end)`;
};

/** Guarantees missing from the contract in force; null without one (so «expired» never reads as complete). */
export const contractMissingSql = (alias = 'k') =>
	sql`(case when ${sql.raw(alias)}.in_force then ${sql.raw(alias)}.missing end)`;

export interface SchoolContract {
	status: ContractStatus;
	documentId: string | null;
	counterparty: string | null;
	number: string | null;
	validUntil: string | null;
	guarantees: Record<string, boolean> | null;
	/** Missing guarantees of the contract in force; null without one. */
	missing: number | null;
}

/** The school's contract status as every page shows it. */
export async function schoolContract(
	db: Database,
	org: Organization,
	now = new Date()
): Promise<SchoolContract> {
	const [row] = await rowsOf<{
		status: ContractStatus;
		document_id: string | null;
		counterparty: string | null;
		number: string | null;
		valid_until: string | null;
		guarantees: Record<string, boolean> | null;
		missing: number | null;
	}>(
		db,
		sql`select ${contractStatusSql()} as status, k.document_id, k.counterparty, k.number, k.valid_until, k.guarantees, ${contractMissingSql()} as missing
		from organizations o left join lateral ${countingContract(sql.raw('o.id'), todayOf(now))} k on true
		where o.id = ${org.id}`
	);
	return {
		status: row?.status ?? 'none',
		documentId: row?.document_id ?? null,
		counterparty: row?.counterparty ?? null,
		number: row?.number ?? null,
		validUntil: row?.valid_until ?? null,
		guarantees: row?.guarantees ?? null,
		missing: row?.missing ?? null
	};
}

/** One column of the counting contract as a scalar subquery, for queries that select from organizations. */
export const countingContractColumn = (
	organizationId: SQL,
	today: SQL,
	column: SQL = contractStatusSql()
) =>
	sql`(select ${column} from (select 1) one left join lateral ${countingContract(organizationId, today)} k on true)`;
