import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/lib/server/render';
import { SAMPLE_LAYOUTS } from '../helpers/layouts';

// Word is not here to open the files, LibreOffice is the next best judge: each sample must convert to a PDF
// of A4 pages with its text on them. Without LibreOffice on the machine the test says so and is skipped.

const run = promisify(execFile);

function onPath(command: string): string | null {
	for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
		try {
			accessSync(join(dir, command), constants.X_OK);
			return join(dir, command);
		} catch {
			// not in this directory
		}
	}
	return null;
}

const soffice = onPath('soffice');
const pdfinfo = onPath('pdfinfo');
const pdftotext = onPath('pdftotext');
const missing = !soffice
	? 'soffice не найден в PATH'
	: !pdfinfo || !pdftotext
		? 'нет pdfinfo/pdftotext (poppler-utils)'
		: null;

/** The kind word each sample must show on its first page, and a line of its own requisites. */
const EXPECTED: Record<keyof typeof SAMPLE_LAYOUTS, string[]> = {
	order: ['ПРИКАЗ', 'ПРИКАЗЫВАЮ:'],
	act: ['ПОЛОЖЕНИЕ', 'УТВЕРЖДЕНО'],
	consent: ['СОГЛАСИЕ', 'Директору'],
	agreement: ['СОГЛАШЕНИЕ', 'Обработчик']
};

describe('DOCX laid out by LibreOffice', () => {
	if (missing) {
		it.skip(`LibreOffice не установлен: ${missing}; вёрстка DOCX не проверена`, () => {});
		return;
	}
	for (const [name, layout] of Object.entries(SAMPLE_LAYOUTS) as [
		keyof typeof SAMPLE_LAYOUTS,
		(typeof SAMPLE_LAYOUTS)[keyof typeof SAMPLE_LAYOUTS]
	][]) {
		it(`converts the ${name} to a PDF of A4 pages`, { timeout: 60_000 }, async () => {
			const dir = await mkdtemp(join(tmpdir(), 'reglament-docx-'));
			// A profile of its own, so runs in parallel (or a LibreOffice open on the desktop) do not collide.
			const profile = await mkdtemp(join(tmpdir(), 'lo-'));
			try {
				const docx = join(dir, `${name}.docx`);
				await writeFile(docx, await renderDocx(layout));
				await run(
					soffice!,
					[
						`-env:UserInstallation=file://${profile}`,
						'--headless',
						'--convert-to',
						'pdf',
						'--outdir',
						dir,
						docx
					],
					{ timeout: 55_000 }
				);
				const pdf = join(dir, `${name}.pdf`);
				expect((await stat(pdf)).size).toBeGreaterThan(1000);
				expect((await readFile(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
				const { stdout: info } = await run(pdfinfo!, [pdf]);
				expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBeGreaterThanOrEqual(1);
				expect(info).toMatch(/^Page size:\s+595(?:\.\d+)? x 84[12](?:\.\d+)? pts/m);
				const { stdout: text } = await run(pdftotext!, ['-f', '1', '-l', '1', pdf, '-']);
				for (const line of EXPECTED[name]) expect(text).toContain(line);
			} finally {
				await rm(dir, { recursive: true, force: true });
				await rm(profile, { recursive: true, force: true });
			}
		});
	}
});
