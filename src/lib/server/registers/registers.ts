import { and, asc, eq, gt, isNotNull, like, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import {
	contracts,
	documents,
	journalSystem,
	organizations,
	type JournalSystem,
	type Organization
} from '../db/schema';
import { isUuid } from '../orgs/queries';
import { guaranteeKeys, type ContractStatus, type GuaranteeKey } from '../../contracts/labels';
import { EXPIRING_DAYS, type ContractTerm } from '../../registers/labels';
import {
	contractInForceSql,
	countingContractColumn,
	missingGuaranteesSql
} from '../figures/contract';
import { todayOf } from '../figures/today';

// The registers an authority keeps under the Crimea letter (000): schools working paperless on any
// system (item 12) and the schools' contracts with journal operators (item 13). Scope is always the
// authority's subtree; everything is filtered and counted in SQL.

export interface RegisterFilters {
	municipalityId: string | null;
	journal: JournalSystem | null;
	missingOnly: boolean;
}

export interface ParsedFilters {
	filters: RegisterFilters;
	/** A value the page did not offer: the registers show nothing and say why. */
	problem: string | null;
}

export function parseRegisterFilters(params: URLSearchParams): ParsedFilters {
	const municipality = params.get('municipality')?.trim() ?? '';
	const journal = params.get('journal')?.trim() ?? '';
	const problems: string[] = [];
	if (municipality && !isUuid(municipality)) problems.push('муниципалитет');
	if (journal && !(journalSystem.enumValues as readonly string[]).includes(journal))
		problems.push('система журнала');
	return {
		filters: {
			municipalityId: municipality && isUuid(municipality) ? municipality : null,
			journal: journal && !problems.includes('система журнала') ? (journal as JournalSystem) : null,
			missingOnly: params.get('missing') === '1'
		},
		problem: problems.length
			? `Фильтр не распознан (${problems.join(', ')}): выберите значение из списка.`
			: null
	};
}

const municipality = alias(organizations, 'municipality');

/** Schools under the authority that the filters keep; the school's parent is its municipality. */
function schoolScope(authority: Organization, f: RegisterFilters): SQL {
	const conditions = [
		like(organizations.path, `${authority.path}%`),
		eq(organizations.kind, 'school')
	];
	if (f.municipalityId) conditions.push(eq(organizations.parentId, f.municipalityId));
	if (f.journal) conditions.push(eq(organizations.journalSystem, f.journal));
	return and(...conditions)!;
}

// The act a school moved paperless by: its published regulation on paperless keeping, else its transition order.
const basisOf = (field: SQL) => sql`(
	select ${field} from ${documents} d
	where d.organization_id = ${organizations.id} and d.published_at is not null
		and d.template_id in ('school-regulation-paperless', 'school-order-transition')
	order by (d.template_id = 'school-regulation-paperless') desc, d.published_at desc limit 1)`;

export async function paperlessRegister(db: Database, authority: Organization, f: RegisterFilters) {
	return db
		.select({
			id: organizations.id,
			shortName: organizations.shortName,
			municipality: municipality.shortName,
			journalSystem: organizations.journalSystem,
			journalSystemOther: organizations.journalSystemOther,
			paperlessSince: organizations.paperlessSince,
			basisTitle: sql<
				string | null
			>`${basisOf(sql`concat_ws(', ', d.title, case when d.approval_order_number is not null then 'приказ № ' || d.approval_order_number || ' от ' || to_char(d.approval_order_date, 'DD.MM.YYYY') when d.number is not null then '№ ' || d.number end)`)}`,
			basisId: sql<string | null>`${basisOf(sql`d.id::text`)}`
		})
		.from(organizations)
		.leftJoin(municipality, eq(municipality.id, organizations.parentId))
		.where(and(schoolScope(authority, f), isNotNull(organizations.paperlessSince)))
		.orderBy(asc(municipality.shortName), asc(organizations.shortName));
}

const missingCount = missingGuaranteesSql(sql`${contracts.guarantees}`);
/** The school's today: a contract's term is read in its own zone, as every page reads it. */
const schoolToday = (now: Date) => todayOf(now, sql`${organizations.timeZone}`);

export async function contractsRegister(
	db: Database,
	authority: Organization,
	f: RegisterFilters,
	now = new Date()
) {
	const missing = sql<number>`${missingCount}`.mapWith(Number);
	const today = schoolToday(now);
	const rows = await db
		.select({
			documentId: contracts.documentId,
			schoolId: organizations.id,
			shortName: organizations.shortName,
			municipality: municipality.shortName,
			counterparty: contracts.counterparty,
			counterpartyInn: contracts.counterpartyInn,
			number: documents.number,
			documentDate: documents.documentDate,
			validUntil: contracts.validUntil,
			guarantees: contracts.guarantees,
			missing,
			term: sql<ContractTerm>`case when not ${contractInForceSql(sql`${contracts.validUntil}`, sql`${documents.status}`, today)} then 'expired'
				when ${contracts.validUntil} is null then 'open'
				when ${contracts.validUntil} < ${today} + ${EXPIRING_DAYS}::int then 'expiring' else 'valid' end`
		})
		.from(contracts)
		.innerJoin(organizations, eq(organizations.id, contracts.organizationId))
		.innerJoin(documents, eq(documents.id, contracts.documentId))
		.leftJoin(municipality, eq(municipality.id, organizations.parentId))
		.where(and(schoolScope(authority, f), f.missingOnly ? gt(missingCount, 0) : undefined))
		.orderBy(
			asc(municipality.shortName),
			asc(organizations.shortName),
			asc(documents.documentDate)
		);
	return rows.map((r) => ({
		...r,
		held: Object.fromEntries(guaranteeKeys.map((k) => [k, r.guarantees[k] === true])) as Record<
			GuaranteeKey,
			boolean
		>
	}));
}

/** The school's contract status (figures/contract), the one the dashboard, monitoring and the report show. */
const statusOf = (now: Date) => countingContractColumn(sql`${organizations.id}`, schoolToday(now));

export async function schoolsWithoutContract(
	db: Database,
	authority: Organization,
	f: RegisterFilters,
	now = new Date()
) {
	return db
		.select({
			id: organizations.id,
			shortName: organizations.shortName,
			municipality: municipality.shortName,
			journalSystem: organizations.journalSystem,
			journalSystemOther: organizations.journalSystemOther,
			// The end of the contract that ended last, when there was one.
			lastValidUntil: sql<
				string | null
			>`${countingContractColumn(sql`${organizations.id}`, schoolToday(now), sql`k.valid_until`)}`
		})
		.from(organizations)
		.leftJoin(municipality, eq(municipality.id, organizations.parentId))
		.where(and(schoolScope(authority, f), sql`${statusOf(now)} in ('none', 'expired')`))
		.orderBy(asc(municipality.shortName), asc(organizations.shortName));
}

/** The registers' totals over the authority's whole subtree, in one query. */
export async function registerSummary(db: Database, authority: Organization, now = new Date()) {
	const rows = db
		.select({
			paperlessSince: organizations.paperlessSince,
			status: sql<ContractStatus>`${statusOf(now)}`.as('status')
		})
		.from(organizations)
		.where(and(like(organizations.path, `${authority.path}%`), eq(organizations.kind, 'school')))
		.as('s');
	const [row] = await db
		.select({
			schools: sql<number>`count(*)`.mapWith(Number),
			paperless: sql<number>`count(*) filter (where ${rows.paperlessSince} is not null)`.mapWith(
				Number
			),
			withContract:
				sql<number>`count(*) filter (where ${rows.status} in ('incomplete', 'complete'))`.mapWith(
					Number
				),
			missingGuarantees: sql<number>`count(*) filter (where ${rows.status} = 'incomplete')`.mapWith(
				Number
			)
		})
		.from(rows);
	return { ...row!, withoutContract: row!.schools - row!.withContract };
}

/** Municipalities a region's registers may be narrowed to; a municipality has only itself. */
export async function municipalitiesUnder(db: Database, authority: Organization) {
	if (authority.kind !== 'region') return [];
	return db
		.select({ id: organizations.id, shortName: organizations.shortName })
		.from(organizations)
		.where(
			and(like(organizations.path, `${authority.path}%`), eq(organizations.kind, 'municipality'))
		)
		.orderBy(asc(organizations.shortName));
}
