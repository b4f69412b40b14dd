import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { toCsv, toXlsx, type ExportColumn } from '../../src/lib/server/exports/table-export';

interface Row {
	name: string;
	progress: number;
	since: string | null;
}
const columns: ExportColumn<Row>[] = [
	{ header: 'Школа', width: 40, value: (r) => r.name },
	{ header: 'Готово, %', type: 'number', value: (r) => r.progress },
	{ header: 'Без бумаги с', type: 'date', value: (r) => r.since }
];
const rows: Row[] = [
	{ name: 'МБОУ «Школа № 1»; корпус "А"', progress: 75, since: '2021-09-01' },
	{ name: 'Лицей', progress: 0, since: null }
];

describe('table exports', () => {
	it('CSV opens in Russian Excel: BOM, semicolons, quoted cells, dates as ДД.ММ.ГГГГ', () => {
		const csv = toCsv(columns, rows);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.slice(1).split('\r\n')).toEqual([
			'Школа;Готово, %;Без бумаги с',
			'"МБОУ «Школа № 1»; корпус ""А""";75;01.09.2021',
			'Лицей;0;',
			''
		]);
	});

	it('XLSX has the header frozen and bold, widths, numbers as numbers and dates as dates', async () => {
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await toXlsx('Школы: свод', columns, rows)).buffer as ArrayBuffer);
		const sheet = book.worksheets[0]!;
		expect(sheet.name).toBe('Школы  свод');
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.getRow(1).font?.bold).toBe(true);
		expect(sheet.getColumn(1).width).toBe(40);
		expect(sheet.getCell('B2').value).toBe(75);
		expect(sheet.getCell('C2').value).toEqual(new Date('2021-09-01T00:00:00Z'));
		expect(sheet.getCell('C3').value).toBeNull();
		expect(sheet.rowCount).toBe(3);
	});

	it('neutralises a text that a spreadsheet would run as a formula, in CSV and XLSX alike', async () => {
		const evil: Row[] = [
			'=HYPERLINK("http://evil.example","x")',
			'+1+1',
			'-2+3',
			'@SUM(A1)',
			'\t=1',
			'\r=1'
		].map((name) => ({ name, progress: -5, since: null }));
		const lines = toCsv(columns, evil).slice(1).split('\r\n').slice(1, -1);
		for (const line of lines) expect(line).toMatch(/^"'/);
		expect(lines[0]).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")";-5;`);
		// A number stays a number, negative or not.
		expect(lines[1]).toBe(`"'+1+1";-5;`);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await toXlsx('Ряды', columns, evil)).buffer as ArrayBuffer);
		expect(book.worksheets[0]!.getCell('A2').value).toBe('=HYPERLINK("http://evil.example","x")');
		expect(book.worksheets[0]!.getCell('A2').formula).toBeUndefined();
	});
});
