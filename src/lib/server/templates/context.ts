import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { documents, memberships, users, type Organization } from '../db/schema';
import { journalSystemLabels } from '../../orgs/labels';
import { initials, initialsFirst } from './engine';
import { ancestorsOf, findOrganization } from '../orgs/queries';
import type { PositionForms } from '../../russian/cases';
import { todayIn } from '../../format';
import { currentWorkingGroup } from '../workflow/working-group';

export interface Person {
	full_name: string;
	position: string;
	initials: string;
}

export function person(fullName: string, position: string | null | undefined): Person {
	return { full_name: fullName, position: position ?? '', initials: initials(fullName) };
}

/** «296500, Республика Крым, Сакский район, пгт Новофедоровка, ул. …» → «пгт Новофедоровка». */
export function placeOf(address: string | null | undefined): string | null {
	if (!address) return null;
	const parts = address.split(',').map((p) => p.trim());
	const place = parts.find((p) => /^(г\.|город|пгт|с\.|село|пос\.|посёлок|поселок|д\.|деревня|ст-ца|рп|р\.п\.)\s/i.test(p));
	return place ?? null;
}

/** Drops empty values, so that a template using one fails by name instead of printing a blank. */
function present<T extends Record<string, unknown>>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Partial<T>;
}

export interface ContextSources {
	org: Organization;
	parent: Organization | null;
	director: { fullName: string; position: string | null } | null;
	members: { fullName: string; position: string | null }[];
	/** The founder's agreement to paperless mode (ч. 8 ст. 28 273-ФЗ): the latest registered «Согласие учредителя». */
	founderAgreement?: { number: string | null; date: string | null } | null;
	/** The region the organisation is in (or is): its own law on education. */
	region?: Pick<Organization, 'educationLaw'> | null;
	/** The positions' forms the organisation's records keep, by the position in lower case. */
	positionForms?: Record<string, PositionForms>;
	today: string;
}

/** The Liquid scope every template sees: the organisation, its founder, its people. */
export function templateContext(s: ContextSources): Record<string, unknown> {
	const { org } = s;
	const journal = org.journalSystem === 'other' ? org.journalSystemOther : org.journalSystem ? journalSystemLabels[org.journalSystem] : null;
	const head = s.director?.fullName ?? org.headName;
	return {
		org: present({
			kind: org.kind,
			full_name: org.fullName,
			short_name: org.shortName,
			head_name: org.headName,
			head_position: org.headPosition,
			head_initials: org.headName ? initialsFirst(org.headName) : null,
			address: org.address,
			place: placeOf(org.address),
			website: org.website,
			inn: org.inn,
			journal_system: journal,
			paperless_since: org.paperlessSince,
			founder_name: org.founderName
		}),
		founder_agreement: s.founderAgreement ? present({ number: s.founderAgreement.number, date: s.founderAgreement.date }) : {},
		parent: s.parent ? present({ full_name: s.parent.fullName, short_name: s.parent.shortName }) : {},
		director: head
			? { full_name: head, position: s.director?.position ?? org.headPosition ?? 'Директор', initials: initialsFirst(head) }
			: {},
		working_group: { members: s.members.map((m) => person(m.fullName, m.position)) },
		region: present({ education_law: s.region?.educationLaw }),
		position_forms: s.positionForms ?? {},
		today: s.today
	};
}

async function peopleWithRole(db: Database, orgId: string, role: 'director' | 'working_group') {
	return db
		.select({ fullName: users.fullName, position: memberships.position })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(memberships.organizationId, orgId), eq(memberships.role, role)))
		.orderBy(asc(users.fullName));
}

export async function loadTemplateContext(db: Database, org: Organization, today = todayIn(org.timeZone)) {
	const [director] = await peopleWithRole(db, org.id, 'director');
	const group = await currentWorkingGroup(db, org.id);
	const [agreement] = await db
		.select({ number: documents.number, date: documents.documentDate })
		.from(documents)
		.where(and(eq(documents.organizationId, org.id), eq(documents.kind, 'founder_consent'), eq(documents.status, 'registered')))
		// Postgres puts nulls first in a descending order: an undated scan must not shadow a dated agreement.
		.orderBy(sql`${documents.documentDate} desc nulls last`, desc(documents.createdAt))
		.limit(1);
	const region = org.kind === 'region' ? org : (await ancestorsOf(db, org)).find((o) => o.kind === 'region') ?? null;
	const kept = await db
		.select({ position: memberships.position, forms: memberships.positionForms })
		.from(memberships)
		.where(and(eq(memberships.organizationId, org.id), isNotNull(memberships.positionForms), isNotNull(memberships.position)));
	return templateContext({
		org,
		parent: org.parentId ? await findOrganization(db, org.parentId) : null,
		region,
		positionForms: Object.fromEntries(kept.map((k) => [k.position!.trim().toLowerCase(), k.forms ?? {}])),
		director: director ?? null,
		// The formed working group, chair first; before it is formed, the people given that role.
		members: group.length ? group.map((m) => ({ fullName: m.fullName, position: m.position })) : await peopleWithRole(db, org.id, 'working_group'),
		founderAgreement: agreement ?? null,
		today
	});
}

/** Reads "a.b.c" from the scope; undefined when any step is missing. */
export function lookup(scope: Record<string, unknown>, dotted: string): unknown {
	return dotted.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), scope);
}
