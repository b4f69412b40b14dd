import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFileType } from '../../src/lib/server/documents/file-types';
import { renderOdt } from '../../src/lib/server/render';
import { ACT_LAYOUT, ORDER_LAYOUT } from '../helpers/layouts';
import { onPath } from '../helpers/on-path';
import { templateLayout } from '../helpers/template-layout';

const run = promisify(execFile);

describe('renderOdt', () => {
	it('is an OpenDocument text: the mimetype first, stored, then the parts the manifest lists', async () => {
		const bytes = await renderOdt(ACT_LAYOUT);
		const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		// The first local header: signature, compression method 0 (stored), the name «mimetype», then its text.
		expect(view.getUint32(0, true)).toBe(0x04034b50);
		expect(view.getUint16(8, true)).toBe(0);
		const nameLength = view.getUint16(26, true);
		const extra = view.getUint16(28, true);
		expect(strFromU8(bytes.subarray(30, 30 + nameLength))).toBe('mimetype');
		expect(strFromU8(bytes.subarray(30 + nameLength + extra, 30 + nameLength + extra + 39))).toBe(
			'application/vnd.oasis.opendocument.text'
		);
		expect(detectFileType(bytes)?.extension).toBe('odt');
		const parts = unzipSync(bytes);
		const manifest = strFromU8(parts['META-INF/manifest.xml']!);
		for (const part of ['content.xml', 'styles.xml', 'meta.xml', 'settings.xml']) {
			expect(parts[part]).toBeDefined();
			expect(manifest).toContain(`manifest:full-path="${part}"`);
		}
		const content = strFromU8(parts['content.xml']!);
		expect(content).toContain('УТВЕРЖДЕНО');
		expect(content).toContain('<table:table ');
		// The styles a records manager restyles, under the names the DOCX gives them.
		expect(strFromU8(parts['styles.xml']!)).toContain('style:display-name="Основной текст"');
	});

	it('gives the same bytes for the same layout, dated by the document', async () => {
		const [a, b] = [await renderOdt(ORDER_LAYOUT), await renderOdt(ORDER_LAYOUT)];
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
		expect(strFromU8(unzipSync(a)['meta.xml']!)).toContain(
			'<meta:creation-date>2025-08-28T00:00:00</meta:creation-date>'
		);
	});

	const soffice = onPath('soffice');
	const tools = soffice && onPath('pdftotext');
	it.skipIf(!tools)(
		tools
			? 'opens in LibreOffice: a model act converts to a PDF with its heading and stamp'
			: 'LibreOffice или pdftotext не установлены: ODT не открыт в LibreOffice',
		{ timeout: 90_000 },
		async () => {
			const layout = await templateLayout('school-rules-support');
			const dir = await mkdtemp(join(tmpdir(), 'reglament-odt-'));
			const profile = await mkdtemp(join(tmpdir(), 'lo-'));
			try {
				await writeFile(join(dir, 'act.odt'), await renderOdt(layout));
				await run(
					'soffice',
					[
						`-env:UserInstallation=file://${profile}`,
						'--headless',
						'--convert-to',
						'pdf',
						'--outdir',
						dir,
						join(dir, 'act.odt')
					],
					{ timeout: 80_000 }
				);
				const text = (await run('pdftotext', [join(dir, 'act.pdf'), '-'])).stdout.replace(
					/\s+/g,
					' '
				);
				expect(text).toContain('РЕГЛАМЕНТ');
				expect(text).toContain('оказания технической и методической помощи');
				expect(text).toContain('УТВЕРЖДЕН');
				expect(text).toContain('от 28.08.2025 № 45-о');
			} finally {
				await rm(dir, { recursive: true, force: true });
				await rm(profile, { recursive: true, force: true });
			}
		}
	);
});
