import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { organizations, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import { findOrganizationBySlug } from '../orgs/queries';
import { rowsOf } from '../monitoring/sql';
import {
	averageProgressSql,
	checklistFigures,
	progressOf,
	progressSql
} from '../figures/checklist';
import { contractMissingSql, contractStatusSql, countingContract } from '../figures/contract';
import { documentFigures } from '../figures/documents';
import { todayOf } from '../figures/today';
import type { ContractStatus } from '../../contracts/labels';

export interface SchoolReadiness {
	id: string;
	slug: string;
	shortName: string;
	municipality: string | null;
	journalSystem: Organization['journalSystem'];
	journalSystemOther: string | null;
	paperlessSince: string | null;
	total: number;
	closed: number;
	progress: number;
	overdue: number;
	publishedActs: number;
	contractStatus: ContractStatus;
	/** Guarantees missing from the contract in force; null without one. */
	contractMissing: number | null;
}

export interface ReadinessTotals {
	schools: number;
	itemsTotal: number;
	itemsClosed: number;
	/** The mean of the schools' own percentages, among those with a checklist (as on monitoring). */
	averageProgress: number;
	overdue: number;
	schoolsOverdue: number;
	publishedActs: number;
	paperless: number;
}

type Raw = {
	id: string;
	slug: string;
	short_name: string;
	municipality: string | null;
	journal_system: Organization['journalSystem'];
	journal_system_other: string | null;
	paperless_since: string | null;
	items_total: number;
	items_closed: number;
	progress: number;
	overdue: number;
	published: number;
	contract_status: ContractStatus;
	contract_missing: number | null;
	t_average: number | null;
};

/**
 * Every school under an authority with its readiness figures — the figures of server/figures, over
 * each school's own index range — and their totals.
 */
export async function schoolReadiness(
	db: Database,
	authority: Organization,
	now = new Date()
): Promise<{ schools: SchoolReadiness[]; totals: ReadinessTotals }> {
	const rows = await rowsOf<Raw>(
		db,
		sql`select o.id, o.slug, o.short_name, m.short_name as municipality, o.journal_system, o.journal_system_other, o.paperless_since::text as paperless_since,
			i.items_total, i.items_closed, ${progressSql(sql`i.items_closed`, sql`i.items_total`)} as progress, i.overdue, d.published,
			${contractStatusSql()} as contract_status, ${contractMissingSql()} as contract_missing,
			(${averageProgressSql(progressSql(sql`i.items_closed`, sql`i.items_total`), sql`i.items_total`)} over ())::float8 as t_average
		from organizations o
		left join organizations m on m.id = o.parent_id
		cross join lateral (select ${todayOf(now)} as today) t
		cross join lateral ${checklistFigures(sql`o.id`, sql`t.today`)} i
		cross join lateral ${documentFigures(sql`o.id`)} d
		left join lateral ${countingContract(sql`o.id`, sql`t.today`)} k on true
		where o.path like ${authority.path + '%'} and o.kind = 'school'
		order by m.short_name asc, o.short_name asc`
	);
	const schools = rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		shortName: r.short_name,
		municipality: r.municipality,
		journalSystem: r.journal_system,
		journalSystemOther: r.journal_system_other,
		paperlessSince: r.paperless_since,
		total: r.items_total,
		closed: r.items_closed,
		progress: progressOf(r.items_closed, r.items_total),
		overdue: r.overdue,
		publishedActs: r.published,
		contractStatus: r.contract_status,
		contractMissing: r.contract_missing
	}));
	const sum = (f: (s: SchoolReadiness) => number) => schools.reduce((n, s) => n + f(s), 0);
	return {
		schools,
		totals: {
			schools: schools.length,
			itemsTotal: sum((s) => s.total),
			itemsClosed: sum((s) => s.closed),
			averageProgress: Math.round(rows[0]?.t_average ?? 0),
			overdue: sum((s) => s.overdue),
			schoolsOverdue: schools.filter((s) => s.overdue > 0).length,
			publishedActs: sum((s) => s.publishedActs),
			paperless: schools.filter((s) => s.paperlessSince !== null).length
		}
	};
}

/** The authority opens or closes the public page of its schools' readiness. */
export async function setReadinessPublic(
	db: Database,
	actor: Actor,
	org: Organization,
	on: boolean
) {
	assertCan(actor, 'monitoring.view', org);
	if (org.kind === 'school')
		throw new ValidationError({
			form: 'Страницу готовности открывает орган управления образованием.'
		});
	if (org.readinessPublic === on) return;
	await db.transaction(async (tx) => {
		await tx
			.update(organizations)
			.set({ readinessPublic: on, updatedAt: new Date() })
			.where(eq(organizations.id, org.id));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'organization.readiness_page_changed',
			entityType: 'organization',
			entityId: org.id,
			before: { readinessPublic: org.readinessPublic },
			after: { readinessPublic: on }
		});
	});
}

/** The public readiness page, or null when the authority has not opened it. Only public figures leave here. */
export async function publicReadiness(db: Database, slug: string, now = new Date()) {
	const org = await findOrganizationBySlug(db, slug);
	if (!org || org.kind === 'school' || !org.readinessPublic) return null;
	const { schools: rows, totals } = await schoolReadiness(db, org, now);
	const schools = rows.map((s) => ({
		slug: s.slug,
		shortName: s.shortName,
		municipality: s.municipality,
		progress: s.progress,
		publishedActs: s.publishedActs,
		paperless: s.paperlessSince !== null,
		journalSystem: s.journalSystem,
		journalSystemOther: s.journalSystemOther
	}));
	return {
		organization: {
			slug: org.slug,
			shortName: org.shortName,
			fullName: org.fullName,
			kind: org.kind
		},
		schools,
		totals: {
			schools: totals.schools,
			averageProgress: totals.averageProgress,
			paperless: totals.paperless
		}
	};
}
