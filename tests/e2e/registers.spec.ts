import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import {
	DEMO,
	demoSchoolId,
	expect,
	loginAs,
	open,
	orgIdFromLink,
	sakiId,
	siteNav,
	submit,
	submitFillingRequired,
	test,
	unique
} from './helpers';

const tabs = (page: import('@playwright/test').Page) =>
	page.getByRole('navigation', { name: 'Разделы организации' });

test.describe('реестры и журнал обращений района', () => {
	test('школа обращается в рабочую группу, район отвечает, школа видит ответ', async ({
		browser
	}) => {
		test.setTimeout(90_000);
		const school = await demoSchoolId(browser);
		const saki = await sakiId(browser);
		const question = `Не открывается модуль «Анализ успеваемости» (${unique('help')})`;
		const answer = `Обновите браузер и войдите заново (${unique('answer')})`;

		const director = await loginAs(browser, DEMO.director);
		try {
			const page = director.page;
			await open(page, `/app/orgs/${school}`);
			await submit(page, tabs(page).getByRole('link', { name: 'Помощь', exact: true }));
			await page.getByLabel('Тема').selectOption({ label: 'Модуль «Анализ успеваемости», отчёты' });
			await page.getByLabel('С чем нужна помощь').fill(question);
			await submit(page, page.getByRole('button', { name: 'Направить обращение' }));
			await expect(page.getByRole('status')).toContainText('Обращение направлено');
			await expect(page.locator('section', { hasText: question })).toContainText('ожидает ответа');
		} finally {
			await director.context.close();
		}

		const officer = await loginAs(browser, DEMO.municipality);
		try {
			const page = officer.page;
			await open(page, `/app/orgs/${saki}`);
			await submit(page, tabs(page).getByRole('link', { name: /^Обращения \(\d+\)$/ }));
			await expect(
				page.getByRole('heading', { level: 1, name: 'Журнал регистрации обращений' })
			).toBeVisible();
			const row = page.locator('main table tbody tr', { hasText: question });
			await expect(row).toContainText('МБОУ «Новофедоровская школа-лицей»');
			await row.getByLabel('Ответ').fill(answer);
			await submit(page, row.getByRole('button', { name: 'Ответить' }));
			await expect(page.getByRole('status')).toHaveText(
				'Ответ сохранён, автор обращения уведомлён.'
			);
			await expect(page.locator('main table tbody tr', { hasText: question })).toContainText(
				answer
			);
			await expect(page.locator('main table tbody tr', { hasText: question })).toContainText(
				'дан ответ'
			);
		} finally {
			await officer.context.close();
		}

		const again = await loginAs(browser, DEMO.director);
		try {
			await open(again.page, `/app/orgs/${school}/help`);
			await expect(again.page.locator('li', { hasText: question })).toContainText(answer);
		} finally {
			await again.context.close();
		}
	});

	test('район открывает реестры, отбирает договоры без части гарантий и выгружает XLSX с теми же строками', async ({
		browser
	}) => {
		test.setTimeout(60_000);
		const saki = await sakiId(browser);
		const { context, page } = await loginAs(browser, DEMO.municipality);
		try {
			await open(page, `/app/orgs/${saki}`);
			await submit(page, tabs(page).getByRole('link', { name: 'Реестры' }));
			await expect(
				page.getByRole('heading', { level: 2, name: 'Школы, работающие в «безбумажном варианте»' })
			).toBeVisible();
			await expect(page.locator('section', { has: page.locator('#paperless') })).toContainText(
				'Другая: Школьный портал Республики Крым'
			);

			await page.getByLabel('Только договоры без части гарантий').check();
			await submit(page, page.getByRole('button', { name: 'Показать' }));
			await expect(page).toHaveURL(/missing=1/);
			const contracts = page.locator('section', { has: page.locator('#contracts') });
			const rows = contracts.locator('tbody tr');
			const shown = await rows.count();
			expect(shown).toBeGreaterThan(0);
			for (const cell of await rows.locator('td:last-child').allTextContents())
				expect(Number(cell.trim())).toBeGreaterThan(0);

			const [download] = await Promise.all([
				page.waitForEvent('download'),
				contracts.getByRole('link', { name: 'XLSX' }).click()
			]);
			expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
			const book = new ExcelJS.Workbook();
			await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
			const sheet = book.worksheets[0]!;
			expect(sheet.getRow(1).getCell(1).value).toBe('Школа');
			expect(sheet.rowCount).toBe(shown + 1);

			// A filter the page never offered gives a message, not an error page.
			const response = await page.goto(`/app/orgs/${saki}/registers?journal=papyrus`);
			expect(response?.status()).toBe(200);
			await expect(page.getByRole('alert')).toContainText('Фильтр не распознан');

			// The printable report: totals, every school, the open requests.
			await open(page, `/app/orgs/${saki}/registers`);
			await submit(page, page.getByRole('link', { name: 'Отчёт для печати' }));
			await expect(
				page.getByRole('heading', {
					level: 1,
					name: /^Отчёт о переходе на электронный журнал на \d\d\.\d\d\.\d{4}$/
				})
			).toBeVisible();
			// The demo's seven Saki schools, and any that other tests of this server have added there.
			await expect(page.locator('main table tbody tr', { hasText: 'Новофедоровская' })).toHaveCount(
				1
			);
			expect(await page.locator('main table tbody tr').count()).toBeGreaterThanOrEqual(7);
			await expect(
				page.getByRole('heading', { level: 3, name: 'Открытые обращения в рабочую группу' })
			).toBeVisible();
		} finally {
			await context.close();
		}
	});
});

test.describe('собственный перечень района', () => {
	test('министерство назначило району 13 мер (000); район ведёт пункт и готовит свой приказ на тех же страницах, что и школа', async ({
		browser
	}) => {
		test.setTimeout(90_000);
		const saki = await sakiId(browser);
		const { context, page } = await loginAs(browser, DEMO.municipality);
		try {
			await open(page, `/app/orgs/${saki}/checklists`);
			await submit(
				page,
				page.getByRole('link', {
					name: /^Меры органов управления образованием по итогам мониторинга/
				})
			);
			await expect(page.locator('main table tbody tr')).toHaveCount(13);
			await submit(page, page.getByRole('link', { name: /^000\.mun\.2\. / }));
			const item = page.url();

			await submit(page, page.getByRole('link', { name: 'Сформировать документ по шаблону' }));
			await expect(page).toHaveURL(/template=municipality-order-journal$/);
			const title = `Приказ района об электронном журнале (${unique('mun')})`;
			await page.locator('input[name="title"]').fill(title);
			await submitFillingRequired(page, 'Сформировать черновик');
			await expect(page.getByRole('status')).toHaveText('Черновик сформирован: версия 1.');
			const docId = /\/documents\/([^/?#]+)/.exec(page.url())![1]!;

			await open(page, item);
			await page.locator('select[name="status"]').selectOption({ label: 'Выполнено' });
			await page.locator('select[name="evidenceDocumentId"]').selectOption(docId);
			await submit(page, page.getByRole('button', { name: 'Сохранить' }));
			await expect(
				page
					.locator('dl.props dt', { hasText: /^Состояние$/ })
					.locator('xpath=following-sibling::dd[1]')
			).toHaveText('Выполнено');
		} finally {
			await context.close();
		}
	});
});

test.describe('публичная страница готовности', () => {
	test('открыта районом: ссылка со страницы района, без серьёзных нарушений доступности; у министерства не включена', async ({
		page
	}) => {
		await page.goto('/o/saki-rayon');
		await page.getByRole('link', { name: 'Готовность школ к электронному журналу' }).click();
		await expect(page).toHaveURL('/o/saki-rayon/readiness');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Готовность школ к электронному журналу'
		);
		await expect(page.locator('main table tbody tr', { hasText: 'Новофедоровская' })).toHaveCount(
			1
		);
		expect(await page.locator('main table tbody tr').count()).toBeGreaterThanOrEqual(7);
		await expect(page.locator('main')).not.toContainText('ЭЖ-2024');
		const { violations } = await new AxeBuilder({ page }).analyze();
		const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

		const closed = await page.goto('/o/krym/readiness');
		expect(closed?.status()).toBe(404);
	});
});

test.describe('реестры и отчёт органа управления на экране и телефоне', () => {
	for (const who of ['region', 'municipality'] as const) {
		test(`${who}: реестры и отчёт во всю ширину, цифры итогов по центру подписей, на телефоне страница не шире экрана`, async ({
			browser
		}) => {
			const { context, page } = await loginAs(browser, DEMO[who]);
			try {
				const authority = await orgIdFromLink(
					siteNav(page).getByRole('link', { name: 'Организация', exact: true })
				);
				for (const path of ['registers', 'report']) {
					await page.setViewportSize({ width: 1366, height: 900 });
					await open(page, `/app/orgs/${authority}/${path}`);
					await expect(page.getByRole('heading', { level: 1 }).last()).toBeVisible();
					const boxes = page.locator('main .wide-table');
					expect(await boxes.count()).toBeGreaterThan(0);
					for (const box of await boxes.all())
						expect(
							await box.evaluate((el) => el.scrollWidth - el.clientWidth),
							path
						).toBeLessThanOrEqual(0);
					// Each big figure stands in the middle of its label.
					const offsets = await page.locator('main dl.figures > div').evaluateAll((cards) =>
						cards.map((card) => {
							const centre = (el: Element) => {
								const r = el.getBoundingClientRect();
								return r.left + r.width / 2;
							};
							const figure = card.querySelector('dd')!;
							const range = document.createRange();
							range.selectNodeContents(figure);
							const text = range.getBoundingClientRect();
							return Math.abs(text.left + text.width / 2 - centre(card.querySelector('dt')!));
						})
					);
					expect(offsets.length).toBeGreaterThan(3);
					for (const offset of offsets) expect(offset, path).toBeLessThanOrEqual(2);
					// A number column reads right-aligned in figures of one width.
					const number = page.locator('main .wide-table td.num').first();
					expect(
						await number.evaluate((td) => [
							getComputedStyle(td).textAlign,
							getComputedStyle(td).fontVariantNumeric
						])
					).toEqual(['right', 'tabular-nums']);

					await page.setViewportSize({ width: 390, height: 800 });
					await open(page, `/app/orgs/${authority}/${path}`);
					expect(
						await page.evaluate(() => document.documentElement.scrollWidth),
						path
					).toBeLessThanOrEqual(390);
				}
			} finally {
				await context.close();
			}
		});
	}
});
