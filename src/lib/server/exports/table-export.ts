import ExcelJS from 'exceljs';

/** One column of an exported table: its Russian header, width in characters and how to read a row. */
export interface ExportColumn<T> {
	header: string;
	width?: number;
	/** Dates go as ISO strings (ГГГГ-ММ-ДД) and become real dates in XLSX. */
	type?: 'text' | 'number' | 'date';
	value: (row: T) => string | number | null | undefined;
}

export type ExportFormat = 'xlsx' | 'csv';

export function exportFormat(raw: string | null): ExportFormat | null {
	return raw === 'xlsx' || raw === 'csv' ? raw : null;
}

/** XLSX with a bold, frozen header row, set widths, dates as dates and numbers as numbers. */
export async function toXlsx<T>(
	sheetName: string,
	columns: ExportColumn<T>[],
	rows: T[]
): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	book.creator = 'Регламент';
	book.created = new Date();
	// Excel forbids some characters and more than 31 in a sheet name.
	const sheet = book.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	sheet.columns = columns.map((c, i) => ({
		header: c.header,
		key: String(i),
		width: c.width ?? Math.max(12, c.header.length + 2),
		style: c.type === 'date' ? { numFmt: 'dd.mm.yyyy' } : {}
	}));
	sheet.getRow(1).font = { bold: true };
	sheet.getRow(1).alignment = { vertical: 'middle', wrapText: true };
	for (const row of rows)
		sheet.addRow(
			columns.map((c) => {
				const v = c.value(row);
				if (v === null || v === undefined || v === '') return null;
				if (c.type === 'date' && typeof v === 'string')
					return new Date(`${v.slice(0, 10)}T00:00:00Z`);
				return v;
			})
		);
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
	return new Uint8Array(await book.xlsx.writeBuffer());
}

/**
 * A text that a spreadsheet would run as a formula (= + - @, or a leading tab or CR) gets a leading
 * apostrophe, as OWASP advises against CSV injection; numbers stay numbers.
 */
const csvCell = (v: string | number | null | undefined): string => {
	if (v === null || v === undefined) return '';
	const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
	return /[";\r\n\t]/.test(s) || s !== String(v) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * CSV as Russian Excel opens it by double click: UTF-8 with a BOM, «;» between cells, CRLF lines,
 * dates as ДД.ММ.ГГГГ.
 */
export function toCsv<T>(columns: ExportColumn<T>[], rows: T[]): string {
	const lines = [columns.map((c) => csvCell(c.header)).join(';')];
	for (const row of rows)
		lines.push(
			columns
				.map((c) => {
					const v = c.value(row);
					if (c.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v))
						return v.slice(0, 10).split('-').reverse().join('.');
					return csvCell(v);
				})
				.join(';')
		);
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The HTTP response of an export, named so that the browser saves it with a Russian name. */
export async function exportResponse<T>(
	format: ExportFormat,
	fileName: string,
	sheetName: string,
	columns: ExportColumn<T>[],
	rows: T[]
): Promise<Response> {
	const body =
		format === 'xlsx'
			? await toXlsx(sheetName, columns, rows)
			: new TextEncoder().encode(toCsv(columns, rows));
	const type =
		format === 'xlsx'
			? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
			: 'text/csv; charset=utf-8';
	const name = `${fileName}.${format}`;
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`
		}
	});
}
