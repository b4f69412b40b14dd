import type { Database } from '../db';
import type { Organization } from '../db/schema';
import { exportResponse, type ExportColumn, type ExportFormat } from '../exports/table-export';
import {
	contractsRegister,
	paperlessRegister,
	schoolsWithoutContract,
	type RegisterFilters
} from './registers';
import { guaranteeKeys, guaranteeLabels } from '../../contracts/labels';
import {
	contractTermLabels,
	journalOf,
	registerLabels,
	type RegisterKind
} from '../../registers/labels';

type Paperless = Awaited<ReturnType<typeof paperlessRegister>>[number];
type ContractRow = Awaited<ReturnType<typeof contractsRegister>>[number];
type WithoutContract = Awaited<ReturnType<typeof schoolsWithoutContract>>[number];

const paperlessColumns: ExportColumn<Paperless>[] = [
	{ header: 'Школа', width: 45, value: (r) => r.shortName },
	{ header: 'Муниципалитет', width: 30, value: (r) => r.municipality },
	{ header: 'Система журнала', width: 28, value: journalOf },
	{ header: 'Без бумажного журнала с', width: 14, type: 'date', value: (r) => r.paperlessSince },
	{ header: 'Основание', width: 60, value: (r) => r.basisTitle }
];

const contractColumns: ExportColumn<ContractRow>[] = [
	{ header: 'Школа', width: 45, value: (r) => r.shortName },
	{ header: 'Муниципалитет', width: 30, value: (r) => r.municipality },
	{ header: 'Оператор', width: 30, value: (r) => r.counterparty },
	{ header: 'ИНН оператора', width: 14, value: (r) => r.counterpartyInn },
	{ header: 'Номер договора', width: 14, value: (r) => r.number },
	{ header: 'Дата договора', width: 12, type: 'date', value: (r) => r.documentDate },
	{ header: 'Действует до', width: 12, type: 'date', value: (r) => r.validUntil },
	{ header: 'Срок', width: 12, value: (r) => contractTermLabels[r.term] },
	...guaranteeKeys.map((k): ExportColumn<ContractRow> => ({
		header: guaranteeLabels[k],
		width: 18,
		value: (r) => (r.held[k] ? 'да' : 'нет')
	})),
	{ header: 'Нет гарантий', width: 10, type: 'number', value: (r) => r.missing }
];

const withoutColumns: ExportColumn<WithoutContract>[] = [
	{ header: 'Школа', width: 45, value: (r) => r.shortName },
	{ header: 'Муниципалитет', width: 30, value: (r) => r.municipality },
	{ header: 'Система журнала', width: 28, value: journalOf },
	{
		header: 'Последний договор действовал до',
		width: 16,
		type: 'date',
		value: (r) => r.lastValidUntil
	}
];

/** The register exactly as the page shows it with the same filters, as XLSX or CSV. */
export async function exportRegister(
	db: Database,
	authority: Organization,
	kind: RegisterKind,
	format: ExportFormat,
	f: RegisterFilters,
	now = new Date()
): Promise<Response> {
	const name = `${registerLabels[kind]} — ${authority.shortName}`;
	if (kind === 'paperless')
		return exportResponse(
			format,
			name,
			'Безбумажный вариант',
			paperlessColumns,
			await paperlessRegister(db, authority, f)
		);
	if (kind === 'contracts')
		return exportResponse(
			format,
			name,
			'Договоры',
			contractColumns,
			await contractsRegister(db, authority, f, now)
		);
	return exportResponse(
		format,
		name,
		'Без договора',
		withoutColumns,
		await schoolsWithoutContract(db, authority, f, now)
	);
}
