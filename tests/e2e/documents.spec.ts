import { countPhrase } from '../../src/lib/format';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import {
	BASE_URL,
	DEMO,
	demoSchoolId,
	expect,
	fillInvalidFields,
	open,
	postForm,
	signIn,
	submit,
	submitFillingRequired,
	test,
	unique
} from './helpers';

// The demo school is shared by every e2e file: these tests take what is there (a set generated
// earlier in the same server, documents of other tests) and check only what they did themselves.

const TRANSITION = 'school-order-transition';

/** A small well-formed PDF, different each call. */
function pdfBytes(mark = unique('pdf')): Buffer {
	return Buffer.from(
		[
			'%PDF-1.4',
			'1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
			'2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
			'3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
			`% ${mark}`,
			'trailer << /Root 1 0 R >>',
			'%%EOF',
			''
		].join('\n'),
		'latin1'
	);
}

const registry = (school: string) => `/app/orgs/${school}/documents`;
const rows = (page: Page) => page.locator('table tbody tr');

/** The rows in the registry, optionally with one status. */
async function registryTitles(page: Page, school: string, query = ''): Promise<string[]> {
	await open(page, `${registry(school)}${query}`);
	return rows(page).locator('td:first-child').allTextContents();
}

async function bytesOf(download: Download): Promise<Buffer> {
	return readFile((await download.path())!);
}

/** Opens a draft of the demo school with a text; generates one from a template when there is none. */
async function openDraft(page: Page, school: string): Promise<string> {
	await open(page, `${registry(school)}?status=draft&kind=order`);
	const link = rows(page).locator('td:first-child a').first();
	if (!(await link.count())) {
		await open(page, `${registry(school)}/new?template=${TRANSITION}`);
		await submitFillingRequired(page, 'Сформировать черновик');
		await expect(page.getByRole('status')).toHaveText('Черновик сформирован: версия 1.');
		return new URL(page.url()).pathname;
	}
	const href = (await link.getAttribute('href'))!;
	await open(page, href);
	return href;
}

/** The version the document page shows as current («… · версия N»). */
async function currentVersion(page: Page): Promise<number> {
	const meta = await page
		.locator('section[aria-labelledby="doc-title"] p.muted')
		.first()
		.textContent();
	return Number(/версия (\d+)/.exec(meta ?? '')?.[1]);
}

test.describe('документы демо-школы: директор', () => {
	test('«Сформировать комплект»: пустая форма отклонена у полей, заполненная создаёт весь комплект', async ({
		page,
		browser
	}) => {
		test.setTimeout(90_000);
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		await open(page, `/app/orgs/${school}`);
		await submit(
			page,
			page
				.getByRole('navigation', { name: 'Разделы организации' })
				.getByRole('link', { name: 'Документы' })
		);
		await expect(page.getByRole('heading', { name: 'Реестр документов' })).toBeVisible();

		const setLink = page.getByRole('link', { name: /^Сформировать комплект/ });
		if (!(await setLink.count())) {
			// An earlier test in this server made the set already.
			await open(page, `${registry(school)}/set`);
			await expect(
				page.getByText(/Все документы комплекта уже сформированы \(\d+\)/)
			).toBeVisible();
			return;
		}
		const before = (await registryTitles(page, school)).length;
		await open(page, registry(school));
		await submit(page, setLink);
		await expect(
			page.getByRole('heading', { name: 'Сформировать комплект документов' })
		).toBeVisible();
		const listed = await page.locator('section ol li').count();
		expect(listed).toBeGreaterThan(0);
		await expect(
			page.getByRole('button', {
				name: `Сформировать ${countPhrase(listed, 'документ', 'документа', 'документов')}`
			})
		).toBeVisible();

		// Empty: every text field cleared, as if nothing was known.
		const form = postForm(page);
		const fields = form.locator('input[type="text"], input[type="date"], textarea');
		for (let i = 0; i < (await fields.count()); i++) await fields.nth(i).fill('');
		await submit(page, page.getByRole('button', { name: /^Сформировать \d+ документ(а|ов)?$/ }));
		await expect(page.getByRole('alert')).toContainText('Проверьте форму');
		const invalid = postForm(page).locator('[aria-invalid="true"]');
		expect(await invalid.count()).toBeGreaterThan(0);
		// Each refused field has its Russian message next to it, linked by aria-describedby.
		for (let i = 0; i < (await invalid.count()); i++) {
			const el = invalid.nth(i);
			const name = await el.getAttribute('name');
			const error = page
				.locator('.field', { has: page.locator(`[name="${name}"]`) })
				.locator('.error');
			await expect(error, `${name}`).toHaveText(/^(Заполните поле «.+»\.|.+: .+\.)$/);
			await expect(error).toHaveText(/[А-Яа-яЁё]/);
			expect(await el.getAttribute('aria-describedby')).toContain(await error.getAttribute('id'));
		}
		// Nothing was made: the same list still waits (the registry count is checked at the end).
		await expect(page.locator('section ol li')).toHaveCount(listed);

		// Now every field the server asked for, filled by its kind.
		expect(await fillInvalidFields(postForm(page))).toBeGreaterThan(0);
		await submitFillingRequired(page, /^Сформировать \d+ документ(а|ов)?$/);

		await expect(page).toHaveURL(/\/documents\?generated=\d+/);
		const status = page.getByRole('status');
		await expect(status).toContainText('Сформировано документов:');
		const n = Number(
			/Сформировано документов: (\d+)/.exec((await status.textContent()) ?? '')?.[1]
		);
		expect(n).toBe(listed);
		expect(n).toBeGreaterThanOrEqual(20);
		expect((await registryTitles(page, school)).length).toBe(before + n);
		// The set is complete: no more offer to make it.
		await expect(page.getByRole('link', { name: /^Сформировать комплект/ })).toHaveCount(0);
		await open(page, `${registry(school)}/set`);
		await expect(page.getByText(/Все документы комплекта уже сформированы/)).toBeVisible();
	});

	test('библиотека шаблонов называет основания документами, а не кодами', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		await open(page, `${registry(school)}/templates`);
		await expect(page.getByRole('heading', { level: 1, name: /^Типовые документы/ })).toBeVisible();
		const basis = page.locator('main table tbody td:nth-child(3)');
		await expect(
			basis
				.filter({ hasText: 'Письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14' })
				.first()
		).toBeVisible();
		await expect(
			basis
				.filter({
					hasText:
						'Приложение к письму Минобразования Республики Крым от 28.08.2020 № 1536/01-14, п.'
				})
				.first()
		).toBeVisible();
		await expect(page.locator('main')).not.toContainText('000 руководителям');
		await expect(page.locator('main')).not.toContainText(/(^|[;\s])00[0-4] п\./);
		// The template's page lists every source, the laws too, each named once.
		await submit(
			page,
			page.getByRole('link', {
				name: 'Сформировать: Приказ о переходе на ведение электронного журнала и электронного дневника',
				exact: true
			})
		);
		await page.getByText(/^Основание \(\d+\)$/).click();
		await expect(
			page.getByRole('listitem').filter({
				hasText:
					/^Федеральный закон от 29\.12\.2012 № 273-ФЗ «Об образовании в Российской Федерации», ст\. 28/
			})
		).toHaveCount(1);
	});

	test('черновик: правка, версия 2, сравнение версий, DOCX с названием школы', async ({
		page,
		browser
	}) => {
		test.setTimeout(60_000);
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		const docPath = await openDraft(page, school);
		const version = await currentVersion(page);
		expect(version).toBeGreaterThanOrEqual(1);
		const orgName = ((await page.locator('.doc-org').textContent()) ?? '').trim();
		expect(orgName.length).toBeGreaterThan(5);

		await submit(page, page.getByRole('link', { name: 'Редактировать' }));
		await expect(page.getByRole('heading', { name: /^Редактирование:/ })).toBeVisible();
		const word = `Проверкаправки${Date.now().toString(36)}`;
		const source = page.locator('textarea[name="source"]');
		const text = await source.inputValue();
		expect(text.length).toBeGreaterThan(100);
		await source.fill(`${text}\n\nДополнительно: ${word} внесено при проверке.\n`);
		// The preview follows the typing.
		await expect(page.getByRole('region', { name: 'Предпросмотр' })).toContainText(word);
		await page.locator('input[name="note"]').fill('Проверка правки');
		await submit(page, page.getByRole('button', { name: `Сохранить как версию ${version + 1}` }));
		await expect(page.getByRole('status')).toHaveText(`Сохранена версия ${version + 1}.`);
		expect(await currentVersion(page)).toBe(version + 1);
		await expect(page.locator('.doc-body')).toContainText(word);

		await submit(page, page.getByRole('link', { name: 'Сравнить версии' }));
		await expect(page.locator('.compared ins', { hasText: word })).toBeVisible();
		await expect(page.locator('.compared del', { hasText: word })).toHaveCount(0);

		await open(page, docPath);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Скачать DOCX' }).click()
		]);
		const docTitle = ((await page.locator('#doc-title').textContent()) ?? '').trim();
		expect(download.suggestedFilename()).toMatch(/\.docx$/);
		expect(download.suggestedFilename().startsWith(docTitle.slice(0, 40))).toBe(true);
		const bytes = await bytesOf(download);
		expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
		const entries = unzipSync(new Uint8Array(bytes));
		expect(entries['word/document.xml']).toBeDefined();
		const xml = strFromU8(entries['word/document.xml']!);
		expect(xml).toContain(orgName.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
		expect(xml).toContain(word);
	});

	test('регистрация документа с PDF и скачивание тех же байтов; текстовый fake.pdf отклонён', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		await open(page, registry(school));
		await submit(page, page.getByRole('link', { name: 'Зарегистрировать документ с файлом' }));
		await expect(
			page.getByRole('heading', { name: 'Зарегистрировать документ с файлом' })
		).toBeVisible();

		// A text file that calls itself a PDF.
		const fakeTitle = `Поддельный скан ${unique('fake')}`;
		await page.locator('select[name="kind"]').selectOption({ label: 'Уведомление' });
		await page.locator('input[name="title"]').fill(fakeTitle);
		await page.locator('input[name="file"]').setInputFiles({
			name: 'fake.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from('Это обычный текст, а не PDF.\n')
		});
		await submit(page, page.getByRole('button', { name: 'Зарегистрировать' }));
		await expect(page.locator('#file-error')).toHaveText(
			/^Файл не похож ни на один из разрешённых видов \(PDF, DOCX, ODT, JPEG или PNG\)/
		);
		await expect(page.locator('input[name="file"]')).toHaveAttribute('aria-invalid', 'true');
		// What was typed stays; the file has to be chosen again.
		await expect(page.locator('input[name="title"]')).toHaveValue(fakeTitle);
		expect(await registryTitles(page, school, `?q=${encodeURIComponent(fakeTitle)}`)).toEqual([]);

		// A real PDF.
		const title = `Уведомление в Роскомнадзор ${unique('rkn')}`;
		const pdf = pdfBytes();
		await open(page, `${registry(school)}/register`);
		await page.locator('select[name="kind"]').selectOption({ label: 'Уведомление' });
		await page.locator('input[name="title"]').fill(title);
		await page.locator('input[name="number"]').fill('РКН-77');
		await page.locator('input[name="documentDate"]').fill('2026-08-15');
		await page
			.locator('input[name="file"]')
			.setInputFiles({ name: 'уведомление.pdf', mimeType: 'application/pdf', buffer: pdf });
		await submit(page, page.getByRole('button', { name: 'Зарегистрировать' }));
		await expect(page.getByRole('status')).toHaveText('Документ зарегистрирован.');
		await expect(page.getByRole('heading', { name: title })).toBeVisible();
		await expect(page.locator('dl.props').first()).toContainText('№ РКН-77 от 15.08.2026');

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Скачать файл' }).click()
		]);
		expect(download.suggestedFilename()).toBe('уведомление.pdf');
		expect((await bytesOf(download)).equals(pdf)).toBe(true);
		const href = (await page.getByRole('link', { name: 'Скачать файл' }).getAttribute('href'))!;
		const response = await page.request.get(href);
		expect(response.headers()['content-type']).toBe('application/pdf');
		expect(response.headers()['x-content-type-options']).toBe('nosniff');
		expect(await registryTitles(page, school, `?q=${encodeURIComponent(title)}`)).toEqual([title]);
	});

	test('сохранение поверх чужой правки отклонено, а набранный текст остаётся в поле', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		const docPath = await openDraft(page, school);
		const version = await currentVersion(page);

		const second = await page.context().newPage();
		await open(page, `${docPath}/edit`);
		await open(second, `${docPath}/edit`);

		const first = page.locator('textarea[name="source"]');
		await first.fill(`${await first.inputValue()}\nПравка первого окна.\n`);
		await submit(page, page.getByRole('button', { name: `Сохранить как версию ${version + 1}` }));
		await expect(page.getByRole('status')).toHaveText(`Сохранена версия ${version + 1}.`);

		const typed = `Правка второго окна ${unique('stale')}`;
		const other = second.locator('textarea[name="source"]');
		await other.fill(`${await other.inputValue()}\n${typed}\n`);
		await submit(
			second,
			second.getByRole('button', { name: `Сохранить как версию ${version + 1}` })
		);
		await expect(second.getByRole('alert')).toContainText(
			`Пока вы редактировали, документ сохранил другой человек (теперь это версия ${version + 1})`
		);
		expect(await second.locator('textarea[name="source"]').inputValue()).toContain(typed);
		await second.close();

		// Only the first save is in the history.
		await open(page, docPath);
		expect(await currentVersion(page)).toBe(version + 1);
		await expect(page.locator('.doc-body')).not.toContainText(typed);
	});
});

// Long titles are shortened at a word; the version suffix and the extension stay.
test('DOCX документа с длинным названием называется с номером версии', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	await open(page, `${registry(school)}/new?template=${TRANSITION}`);
	const title = `Приказ о переходе на ведение электронного журнала успеваемости и электронного дневника обучающихся ${unique('long')}`;
	expect(title.length).toBeGreaterThan(115);
	await page.locator('input[name="title"]').fill(title);
	await submitFillingRequired(page, 'Сформировать черновик');
	await expect(page.getByRole('status')).toHaveText('Черновик сформирован: версия 1.');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Скачать DOCX' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/ \(версия 1\)\.docx$/);
	const [pdf] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Скачать PDF' }).click()
	]);
	expect(pdf.suggestedFilename()).toMatch(/ \(версия 1\)\.pdf$/);
});

test.describe('документы демо-школы: кто читает, но не пишет', () => {
	test('учитель видит реестр без «Создать по шаблону» и получает 403 на шаблонах', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.teacher);
		const list = await open(page, registry(school));
		expect(list?.status()).toBe(200);
		await expect(page.getByRole('heading', { name: 'Реестр документов' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Создать по шаблону' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: /^Сформировать комплект/ })).toHaveCount(0);
		await expect(
			page.getByRole('link', { name: 'Зарегистрировать документ с файлом' })
		).toHaveCount(0);
		for (const path of ['/templates', '/set', `/new?template=${TRANSITION}`, '/register']) {
			const response = await page.goto(`${registry(school)}${path}`);
			expect(response?.status(), path).toBe(403);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Доступ запрещён');
		}
	});

	test('муниципалитет открывает реестр школы, но формировать документы не может', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.municipality);
		const list = await open(page, registry(school));
		expect(list?.status()).toBe(200);
		await expect(page.getByRole('heading', { name: 'Реестр документов' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Создать по шаблону' })).toHaveCount(0);
		for (const path of ['/set', `/new?template=${TRANSITION}`, '/templates']) {
			const response = await page.goto(`${registry(school)}${path}`);
			expect(response?.status(), path).toBe(403);
		}
		// A posted form is refused just the same, and makes nothing.
		const titlesBefore = await registryTitles(page, school);
		const post = await page.request.post(`${registry(school)}/set`, {
			form: { var_journal_system: 'ЭлЖур' },
			headers: { Origin: BASE_URL, Accept: 'text/html' },
			maxRedirects: 0
		});
		expect(post.status()).toBe(403);
		const postNew = await page.request.post(`${registry(school)}/new?template=${TRANSITION}`, {
			form: { title: 'Чужой приказ' },
			headers: { Origin: BASE_URL, Accept: 'text/html' },
			maxRedirects: 0
		});
		expect(postNew.status()).toBe(403);
		expect(await registryTitles(page, school)).toEqual(titlesBefore);
	});
});

test('выдуманный документ, версия или файл отвечают 404', async ({ page, browser }) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	for (const path of [
		`${registry(school)}/00000000-0000-4000-8000-000000000000`,
		`${registry(school)}/not-a-uuid/docx`,
		`/app/orgs/${school}/files/00000000-0000-4000-8000-000000000000`,
		`/app/orgs/${school}/files/nonsense`
	]) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(404);
	}
	await openDraft(page, school);
	const docPath = new URL(page.url()).pathname;
	for (const v of ['0', '999', 'abc', '1.5'])
		expect((await page.goto(`${docPath}?v=${v}`))?.status(), v).toBe(404);
});
