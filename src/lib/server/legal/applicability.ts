import type { Database } from '../db';
import type { Organization } from '../db/schema';
import { ancestorsOf } from '../orgs/queries';
import { SEED_SOURCES, type Issuer, type SeedKey } from './seed-sources';

type Named = Pick<Organization, 'kind' | 'fullName'>;

/**
 * Where an organisation stands to a document's issuer: `issuer` — it issued it; `under` — the issuer
 * is above it; `outside` — another territory, where the document is at most a model.
 */
export type Standing = 'issuer' | 'under' | 'outside';

const normal = (s: string) => s.toLocaleLowerCase('ru').replaceAll('ё', 'е').replace(/\s+/g, ' ');
const names = (o: Named, territory: string) => normal(o.fullName).includes(normal(territory));

/** `chain` is the organisation's ancestors from the region down, without the organisation itself. */
export function standingTo(issuer: Issuer, org: Named, chain: readonly Named[]): Standing {
	const inRegion = (level: Issuer['level'], territory: string) =>
		[...chain, org].some((o) => o.kind === level && names(o, territory));
	if (issuer.region && !inRegion('region', issuer.region)) return 'outside';
	if (org.kind === issuer.level && names(org, issuer.territory)) return 'issuer';
	return chain.some((o) => o.kind === issuer.level && names(o, issuer.territory))
		? 'under'
		: 'outside';
}

/** The organisation's ancestors from the region down, and the region's law on education. */
export async function legalScope(
	db: Database,
	org: Organization
): Promise<{ chain: Organization[]; regionLaw: string | null }> {
	const chain = await ancestorsOf(db, org);
	const region = [...chain, org].find((o) => o.kind === 'region');
	return { chain, regionLaw: region?.educationLaw ?? null };
}

/** A seed document binds its issuer and everyone under it; a presentation binds nobody. */
export function seedBinds(key: SeedKey, org: Named, chain: readonly Named[]): boolean {
	const source = SEED_SOURCES[key];
	return source.normative && standingTo(source.issuer, org, chain) !== 'outside';
}

export interface ContractBasis {
	/** Amur's order № 1281 binds the school: its list is a requirement. */
	guaranteesRequired: boolean;
	/** The sentence over the list of guarantees. */
	intro: string;
	/** The heading of the list of guarantees missing from a contract. */
	missingLead: string;
	/** The summary of the list on the registers. */
	listTitle: string;
}

const ORDER_1281 =
	'приказ Минобрнауки Амурской области от 05.10.2015 № 1281 (Положение о проведении эксперимента, п. 6.3)';

/**
 * What the contracts pages say of the operator's guarantees. Only Amur's order lists them; it binds
 * the schools under the Amur ministry. Elsewhere the list is the same (the guarantees are what a
 * school needs from any operator, and 152-ФЗ asks most of them), but it is named a model, with its
 * source, so a lawyer sees where each term comes from and that it is negotiated, not owed.
 */
export function contractBasis(org: Named, chain: readonly Named[]): ContractBasis {
	if (seedBinds('003', org, chain))
		return {
			guaranteesRequired: true,
			intro: `Что оператор обязан гарантировать школе, установил ${ORDER_1281}. Недостающие гарантии видны здесь и в кабинете директора.`,
			missingLead:
				'В договоре нет гарантий, которых требует приказ Минобрнауки Амурской области № 1281 (п. 6.3 Положения):',
			listTitle: 'Гарантии (приказ Минобрнауки Амурской области № 1281, п. 6.3 Положения)'
		};
	// The region's own letters ask for the contract itself; the law asks for the personal-data terms.
	const crimea = seedBinds('000', org, chain)
		? 'Договор с оператором школа заключает по письму Минобразования Республики Крым от 10.02.2021 № 470/01-14 (раздел «Руководителям образовательных организаций-участников», второй п. 1) и п. 15 приложения к письму от 28.08.2020 № 1536/01-14. '
		: '';
	return {
		guaranteesRequired: false,
		intro: `${crimea}Перечень гарантий — образец условий из ${ORDER_1281.replace('приказ', 'приказа')}: для вашей школы приказ не обязателен, но поручение обработки персональных данных и меры их защиты требует закон (ч. 3 ст. 6 и ст. 19 Федерального закона № 152-ФЗ). Недостающие гарантии видны здесь и в кабинете директора.`,
		missingLead:
			'В договоре нет гарантий из образца условий (приказ Минобрнауки Амурской области № 1281, для вашей школы не обязателен):',
		listTitle:
			'Гарантии (образец условий по приказу Минобрнауки Амурской области № 1281, п. 6.3 Положения)'
	};
}

/**
 * The help log's basis. The Saki district's order № 206 makes its working group record every help
 * given; it binds the district office and the schools under it. Elsewhere the log is the product's
 * own record and cites nothing: a log needs no model, and an act of a district cited in a ministry's
 * or another district's cabinet reads as if it bound them.
 */
export function helpLogBasis(org: Named, chain: readonly Named[]): string {
	if (seedBinds('002', org, chain))
		return 'Приказ отдела образования администрации Сакского района Республики Крым от 25.06.2021 № 206 (приложение 2, п. 6.4): каждая оказанная помощь — методическая, консультационная, техническая — записывается в журнал обращений.';
	if (org.kind === 'municipality' && seedBinds('000', org, chain))
		return 'Каждая оказанная помощь — методическая, консультационная, техническая — записывается в журнал обращений: письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14 требует от органов управления образованием графика методической помощи и контроля его выполнения (раздел «Органам управления образованием», п. 10).';
	return 'Каждая оказанная помощь — методическая, консультационная, техническая — записывается в журнал обращений.';
}
