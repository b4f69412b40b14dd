import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { DEMO, expect, loginAs, open, orgIdFromLink, sakiId, siteNav, submit, test, unique } from './helpers';

test.describe('мониторинг района', () => {
	test('район отбирает школы с просрочкой, оставляет замечание и выгружает XLSX с теми же строками', async ({ browser }) => {
		test.setTimeout(90_000);
		const saki = await sakiId(browser);
		const { context, page } = await loginAs(browser, DEMO.municipality);
		try {
			await open(page, `/app/orgs/${saki}`);
			await submit(page, page.getByRole('navigation', { name: 'Разделы организации' }).getByRole('link', { name: 'Мониторинг' }));
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
			for (const cell of await rows.locator('td:nth-child(3)').allTextContents()) expect(Number(cell.trim())).toBeGreaterThan(0);
			const names = (await rows.locator('td:first-child > a').allTextContents()).map((s) => s.trim());

			// The figures of the sheet are the rows shown: every filtered row, in the same order.
			const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать XLSX' }).click()]);
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
			const remarksBefore = Number((await rows.filter({ hasText: school }).first().locator('td:nth-child(5)').textContent())?.trim());
			await submit(page, rows.first().getByRole('link', { name: school }));
			await expect(page).toHaveURL(/\/checklists$/);
			const lists = await page.locator('main table tbody tr td:first-child a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
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
			await expect(rows.filter({ hasText: school }).first().locator('td:nth-child(5)')).toHaveText(String(remarksBefore + 1));
		} finally {
			await context.close();
		}
	});

	test('анализ: графики с таблицами данных; чужой район не открывается; бессмысленный фильтр даёт сообщение', async ({ browser }) => {
		const saki = await sakiId(browser);
		const { context, page } = await loginAs(browser, DEMO.municipality);
		try {
			await open(page, `/app/orgs/${saki}/monitoring/analysis`);
			await expect(page.getByRole('heading', { level: 2, name: 'Анализ' })).toBeVisible();
			await expect(page.getByRole('heading', { name: 'Мероприятия, чаще всего просроченные' })).toBeVisible();
			await expect(page.locator('figure svg[role="img"]').first()).toBeVisible();
			await expect(page.locator('figure details table').first()).toBeAttached();

			const bad = await page.goto(`/app/orgs/${saki}/monitoring?sort=xyz&journal=papyrus&page=-1`);
			expect(bad?.status()).toBe(200);
			await expect(page.getByText('Такой системы журнала нет в списке: ничего не найдено.')).toBeVisible();
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
			const crimea = await orgIdFromLink(siteNav(page).getByRole('link', { name: 'Моя организация' }));
			await open(page, `/app/orgs/${crimea}/monitoring`);
			await page.getByLabel('Муниципалитет').selectOption(saki);
			await submit(page, page.getByRole('button', { name: 'Показать' }));
			await expect(page).toHaveURL(new RegExp(`municipality=${saki}`));
			const rows = page.locator('main table tbody tr');
			// The district's own row and its seven demo schools (and any other tests added there), each under the district.
			await expect(rows.filter({ hasText: 'Отдел образования Сакского района' }).first()).toBeVisible();
			expect(await rows.count()).toBeGreaterThanOrEqual(8);
			await expect(rows.filter({ hasText: 'МБОУ «Новофедоровская школа-лицей»' })).toContainText('Отдел образования Сакского района');
		} finally {
			await context.close();
		}
	});
});
