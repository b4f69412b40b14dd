import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
	approvalLines,
	kindText,
	renderPdf,
	type DocumentLayout
} from '../../src/lib/server/render';
import { headingText } from '../../src/lib/server/render/layout';
import { ORDER_LAYOUT, SAMPLE_LAYOUTS } from '../helpers/layouts';
import { onPath } from '../helpers/on-path';
import { templateLayout } from '../helpers/template-layout';

// A PDF must be a document, not a picture of one: its text extracts as written, its fonts travel inside it.
// poppler-utils judge it; without them the test says so and is skipped.

const run = promisify(execFile);
const missing = ['pdftotext', 'pdffonts', 'pdfinfo'].filter((c) => !onPath(c));

async function withPdf<T>(layout: DocumentLayout, use: (file: string) => Promise<T>): Promise<T> {
	const dir = await mkdtemp(join(tmpdir(), 'reglament-pdf-'));
	try {
		const file = join(dir, 'document.pdf');
		await writeFile(file, await renderPdf(layout));
		return await use(file);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

const text = async (file: string) => (await run('pdftotext', ['-layout', file, '-'])).stdout;
const squeeze = (s: string) => s.replace(/\s+/g, ' ');

describe('renderPdf', () => {
	it('gives the same bytes for the same layout, the dates inside being the document’s own', async () => {
		const [a, b] = [await renderPdf(ORDER_LAYOUT), await renderPdf(ORDER_LAYOUT)];
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
		const raw = Buffer.from(a).toString('latin1');
		expect(raw.startsWith('%PDF-1.7')).toBe(true);
		expect(raw).not.toContain('Helvetica');
	});

	if (missing.length) {
		it.skip(`нет ${missing.join(', ')} (poppler-utils): текст и шрифты PDF не проверены`, () => {});
		return;
	}

	it('a model act approved by an order: the stamp, its points and its table as text', async () => {
		const layout = await templateLayout('school-rules-support');
		await withPdf(layout, async (file) => {
			const words = squeeze(await text(file));
			for (const line of approvalLines(layout.kindTitle, layout.approval!))
				expect(words).toContain(line);
			expect(words).toContain(`${kindText(layout.kindTitle)} `);
			expect(words).toContain(squeeze(headingText(layout)));
			// A numbered point and a nested one, and a table's header cells.
			expect(words).toMatch(/ 1\. Настоящий /);
			expect(words).toMatch(/ 5\.1\. \S/);
			expect(words).toContain('Вид помощи Содержание Кто оказывает');
		});
	});

	it('embeds every font it uses, Tinos for Times New Roman', async () => {
		await withPdf(await templateLayout('school-rules-support'), async (file) => {
			const rows = (await run('pdffonts', [file])).stdout.trim().split('\n').slice(2);
			expect(rows.length).toBeGreaterThanOrEqual(2);
			for (const row of rows) {
				expect(row).toMatch(/Tinos/);
				// name, type…, encoding, then emb sub uni: every font embedded, as a subset, with its Unicode map.
				expect(row).toMatch(/\byes\s+yes\s+yes\b/);
			}
		});
	});

	for (const [name, layout] of Object.entries(SAMPLE_LAYOUTS)) {
		it(`lays the ${name} out on A4 pages with its text`, async () => {
			await withPdf(layout, async (file) => {
				const info = (await run('pdfinfo', [file])).stdout;
				expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
				expect(info).toMatch(/Title:\s+\S/);
				const words = squeeze(await text(file));
				expect(words).toContain(layout.kindTitle.toLocaleUpperCase('ru-RU'));
			});
		});
	}

	it('puts the лист согласования on a page of its own, numbered 2, and no number on page 1', async () => {
		await withPdf(ORDER_LAYOUT, async (file) => {
			const pages = (await text(file)).split('\f').filter((p) => p.trim());
			expect(pages).toHaveLength(2);
			// Dated by the order itself, not by the moment it was rendered.
			expect((await run('pdfinfo', [file])).stdout).toMatch(/CreationDate:.* Aug 28 .*2025/);
			expect(pages[0]).toContain('ПРИКАЗЫВАЮ:');
			expect(pages[0]).toContain('М.П. Иванова');
			expect(pages[0]!.trim().split('\n')[0]).not.toMatch(/^\s*1\s*$/);
			expect(pages[1]!.trim().split('\n')[0]!.trim()).toBe('2');
			expect(pages[1]).toContain('ЛИСТ СОГЛАСОВАНИЯ');
		});
	});
});
