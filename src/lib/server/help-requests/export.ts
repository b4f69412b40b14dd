import type { Database } from '../db';
import type { Organization } from '../db/schema';
import { exportResponse, type ExportColumn, type ExportFormat } from '../exports/table-export';
import { helpLog, type HelpFilters } from './help-requests';
import { helpStatusLabels, helpTopicLabels } from '../../help-requests/labels';

type Row = Awaited<ReturnType<typeof helpLog>>[number];

// Dates of the log as the organisation's calendar day.
const day = (d: Date | null, timeZone: string) =>
	d ? d.toLocaleDateString('sv-SE', { timeZone }) : null;

/** The log exactly as filtered on the page. */
export async function exportHelpLog(
	db: Database,
	authority: Organization,
	format: ExportFormat,
	f: HelpFilters
): Promise<Response> {
	const tz = authority.timeZone;
	const columns: ExportColumn<Row>[] = [
		{ header: 'Дата обращения', width: 12, type: 'date', value: (r) => day(r.createdAt, tz) },
		{ header: 'Организация', width: 40, value: (r) => r.organization },
		{ header: 'Автор', width: 25, value: (r) => r.author },
		{ header: 'Тема', width: 35, value: (r) => helpTopicLabels[r.topic] ?? r.topic },
		{ header: 'Обращение', width: 60, value: (r) => r.body },
		{ header: 'Состояние', width: 16, value: (r) => helpStatusLabels[r.status] },
		{ header: 'Ответ', width: 60, value: (r) => r.answer },
		{ header: 'Ответил(а)', width: 25, value: (r) => r.answeredBy },
		{ header: 'Дата ответа', width: 12, type: 'date', value: (r) => day(r.answeredAt, tz) },
		{ header: 'Дата закрытия', width: 12, type: 'date', value: (r) => day(r.closedAt, tz) }
	];
	return exportResponse(
		format,
		`Журнал обращений — ${authority.shortName}`,
		'Журнал обращений',
		columns,
		await helpLog(db, authority, f)
	);
}
