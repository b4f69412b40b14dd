import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import {
	DEMO,
	expect,
	loginAs,
	open,
	orgIdFromLink,
	sakiId,
	siteNav,
	submit,
	test,
	unique
} from './helpers';

/** How far the box's content reaches beyond its visible width (0: no sideways scrolling). */
const overflowOf = (box: Locator) => box.evaluate((el) => el.scrollWidth - el.clientWidth);
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const headers = async (page: Page) =>
	(await page.locator('main table thead th').allTextContents()).map((s) =>
		s.replace(/[▲▼]/g, '').trim()
	);

test.describe('мониторинг района', () => {
	test('район отбирает школы с просрочкой, оставляет замечание и выгружает XLSX с теми же строками', async ({
		browser
	}) => {
		test.setTimeout(90_000);
		const saki = await sakiId(browser);
		const { context, page } = await loginAs(browser, DEMO.municipality);
		try {
			await open(page, `/app/orgs/${saki}`);
			await submit(
				page,
				page
					.getByRole('navigation', { name: 'Разделы организации' })
					.getByRole('link', { name: 'Мониторинг' })
			);
			await expect(page.getByRole('heading', { level: 1, name: 'Мониторинг' })).toBeVisible();
			const rows = page.locator('main table tbody tr');
			const all = await rows.count();
			expect(all).toBeGreaterThan(1);

			await page.getByLabel('Только с просрочкой').check();
			await submit(page, page.getByRole('button', { name: 'Показать' }));
			await expect(page).toHaveURL(/overdue=1/);
			const shown = await rows.count();
			expect(shown).toBeGreaterThan(0);
			expect(shown).toBeLessThanOrEqual(all);
			// Every school shown has something overdue (the column is the third: name, progress, overdue).
			for (const cell of await rows.locator('td:nth-child(3)').allTextContents())
				expect(Number(cell.trim())).toBeGreaterThan(0);
			const names = (await rows.locator('td:first-child > a').allTextContents()).map((s) =>
				s.trim()
			);

			// The figures of the sheet are the rows shown: every filtered row, in the same order.
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('link', { name: 'Скачать XLSX' }).click()
			]);
			expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
			const book = new ExcelJS.Workbook();
			await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
			const sheet = book.worksheets[0]!;
			expect(sheet.getRow(1).getCell(1).value).toBe('Организация');
			const sheetNames: string[] = [];
			sheet.eachRow((row, n) => {
				if (n > 1) sheetNames.push(String(row.getCell(1).value));
			});
			expect(sheetNames).toEqual(names);

			// Drill down into the first school, find an overdue item and leave a remark.
			const school = names[0]!;
			const remarksBefore = Number(
				(
					await rows.filter({ hasText: school }).first().locator('td:nth-child(5)').textContent()
				)?.trim()
			);
			await submit(page, rows.first().getByRole('link', { name: school }));
			await expect(page).toHaveURL(/\/checklists$/);
			const lists = await page
				.locator('main table tbody tr td:first-child a')
				.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
			let found = false;
			for (const href of lists) {
				await open(page, href);
				const overdue = page.locator('tbody tr', { hasText: 'просрочено' });
				if (await overdue.count()) {
					await submit(page, overdue.first().locator('a').first());
					found = true;
					break;
				}
			}
			expect(found).toBe(true);
			const text = `Срок вышел: нужен документ (${unique('monitoring')})`;
			await page.getByLabel('Новое замечание').fill(text);
			await submit(page, page.getByRole('button', { name: 'Отправить замечание' }));
			await expect(page.getByRole('status')).toHaveText('Готово.');

			// Back on the dashboard the school has one more open remark.
			await open(page, `/app/orgs/${saki}/monitoring?overdue=1`);
			await expect(rows.filter({ hasText: school }).first().locator('td:nth-child(5)')).toHaveText(
				String(remarksBefore + 1)
			);
		} finally {
			await context.close();
		}
	});

	test('анализ: графики с таблицами данных; чужой район не открывается; бессмысленный фильтр даёт сообщение', async ({
		browser
	}) => {
		const saki = await sakiId(browser);
		const { context, page } = await loginAs(browser, DEMO.municipality);
		try {
			await open(page, `/app/orgs/${saki}/monitoring/analysis`);
			await expect(page.getByRole('heading', { level: 2, name: 'Анализ' })).toBeVisible();
			await expect(
				page.getByRole('heading', { name: 'Мероприятия, чаще всего просроченные' })
			).toBeVisible();
			await expect(page.locator('figure svg[role="img"]').first()).toBeVisible();
			await expect(page.locator('figure details table').first()).toBeAttached();

			const bad = await page.goto(`/app/orgs/${saki}/monitoring?sort=xyz&journal=papyrus&page=-1`);
			expect(bad?.status()).toBe(200);
			await expect(
				page.getByText('Такой системы журнала нет в списке: ничего не найдено.')
			).toBeVisible();
			await expect(page.getByText('Ничего не найдено. Измените условия отбора.')).toBeVisible();
		} finally {
			await context.close();
		}
		const director = await loginAs(browser, DEMO.director);
		try {
			const response = await director.page.goto(`/app/orgs/${saki}/monitoring/export?format=xlsx`);
			expect([403, 404]).toContain(response?.status());
		} finally {
			await director.context.close();
		}
	});

	test('министерство видит районы и их школы и отбирает один район', async ({ browser }) => {
		const saki = await sakiId(browser);
		const { context, page } = await loginAs(browser, DEMO.region);
		try {
			const crimea = await orgIdFromLink(
				siteNav(page).getByRole('link', { name: 'Организация', exact: true })
			);
			await open(page, `/app/orgs/${crimea}/monitoring`);
			await page.getByRole('combobox', { name: 'Муниципалитет' }).selectOption(saki);
			await submit(page, page.getByRole('button', { name: 'Показать' }));
			await expect(page).toHaveURL(new RegExp(`municipality=${saki}`));
			const rows = page.locator('main table tbody tr');
			// The district's own row and its seven demo schools (and any other tests added there), each under the district.
			await expect(
				rows.filter({ hasText: 'Отдел образования Сакского района' }).first()
			).toBeVisible();
			expect(await rows.count()).toBeGreaterThanOrEqual(8);
			await expect(rows.filter({ hasText: 'МБОУ «Новофедоровская школа-лицей»' })).toContainText(
				'Отдел образования Сакского района'
			);
		} finally {
			await context.close();
		}
	});

	for (const who of ['region', 'municipality'] as const) {
		test(`${who}: таблица во всю ширину, столбцы на выбор, шапка и первый столбец на месте при прокрутке`, async ({
			browser
		}) => {
			test.setTimeout(60_000);
			const { context, page } = await loginAs(browser, DEMO[who]);
			try {
				const authority = await orgIdFromLink(
					siteNav(page).getByRole('link', { name: 'Организация', exact: true })
				);
				const box = page.getByRole('region', { name: 'Таблица организаций' });
				await page.setViewportSize({ width: 1366, height: 900 });
				await open(page, `/app/orgs/${authority}/monitoring`);
				// The default columns fit a 1366 px screen: the table does not scroll sideways.
				expect(await overflowOf(box)).toBeLessThanOrEqual(0);
				const before = await headers(page);
				expect(before).toContain('Система журнала');
				expect(before).not.toContain('Без бумаги с');
				expect(before.includes('Муниципалитет')).toBe(who === 'region');

				// Pick columns without scripts' help: a GET form, the choice in the address.
				await page.locator('summary', { hasText: 'Столбцы' }).click();
				await page.getByRole('checkbox', { name: 'Без бумаги с' }).check();
				await page.getByRole('checkbox', { name: 'Система журнала' }).uncheck();
				await submit(page, page.getByRole('button', { name: 'Применить' }));
				await expect(page).toHaveURL(/cols=/);
				const after = await headers(page);
				expect(after).toContain('Без бумаги с');
				expect(after).not.toContain('Система журнала');
				expect(after[0]).toBe('Организация');

				// The choice survives a sort and goes into the download.
				await submit(
					page,
					page.locator('main table thead').getByRole('link', { name: 'Просрочено' })
				);
				expect(await headers(page)).toEqual(after);
				const [download] = await Promise.all([
					page.waitForEvent('download'),
					page.getByRole('link', { name: 'Скачать XLSX' }).click()
				]);
				const book = new ExcelJS.Workbook();
				await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
				const sheetHeaders = (book.worksheets[0]!.getRow(1).values as unknown[])
					.filter(Boolean)
					.map(String);
				expect(sheetHeaders).toContain('Без бумаги с');
				expect(sheetHeaders).not.toContain('Система журнала');

				// Unknown column keys are ignored: the default table, not an error.
				const odd = await page.goto(
					`/app/orgs/${authority}/monitoring?cols=drop,${'x'.repeat(300)},constructor`
				);
				expect(odd?.status()).toBe(200);
				expect(await headers(page)).toEqual(before);
				const oddExport = await page.request.get(
					`/app/orgs/${authority}/monitoring/export?format=csv&cols=nonsense`
				);
				expect(oddExport.status()).toBe(200);

				// A short window: the table scrolls in its own box and the header stays on top of it.
				await page.setViewportSize({ width: 1366, height: 480 });
				const header = page.locator('main table thead th').first();
				expect(await header.evaluate((th) => getComputedStyle(th).position)).toBe('sticky');
				await box.evaluate((el) => el.scrollTo(0, el.scrollHeight));
				expect(await box.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
				const [boxTop, headerTop] = await Promise.all([
					box.evaluate((el) => el.getBoundingClientRect().top),
					header.evaluate((el) => el.getBoundingClientRect().top)
				]);
				expect(Math.abs(headerTop - boxTop)).toBeLessThanOrEqual(2);

				// A phone: the page does not scroll sideways, the table does, and its first column stays.
				await page.setViewportSize({ width: 390, height: 800 });
				await open(page, `/app/orgs/${authority}/monitoring`);
				expect(await pageWidth(page)).toBeLessThanOrEqual(390);
				expect(await overflowOf(box)).toBeGreaterThan(0);
				const firstCell = page.locator('main table tbody td').first();
				const leftBefore = await firstCell.evaluate((el) => el.getBoundingClientRect().left);
				await box.evaluate((el) => el.scrollTo(el.scrollWidth, 0));
				expect(await box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
				expect(await firstCell.evaluate((el) => el.getBoundingClientRect().left)).toBeCloseTo(
					leftBefore,
					0
				);
				const [boxLeft, cellLeft] = await Promise.all([
					box.evaluate((el) => el.getBoundingClientRect().left),
					firstCell.evaluate((el) => el.getBoundingClientRect().left)
				]);
				expect(cellLeft).toBeGreaterThanOrEqual(boxLeft);
			} finally {
				await context.close();
			}
		});
	}
});
