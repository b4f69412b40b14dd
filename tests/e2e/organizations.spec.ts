import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
	DEMO,
	DEMO_SCHOOL_SLUG,
	demoSchoolId,
	expect,
	field,
	open,
	sakiId,
	signIn,
	submit,
	test,
	unique,
	validInn
} from './helpers';

const input = (page: Page, name: string) => page.locator(`form [name="${name}"]`);

/** The number of organisations the district's tree lists, from its heading. */
async function treeCount(page: Page, orgId: string): Promise<number> {
	await page.goto(`/app/orgs/${orgId}/tree`);
	const heading = await page
		.getByRole('heading', { name: /^Подведомственные организации \(\d+\)$/ })
		.textContent();
	return Number(/\((\d+)\)/.exec(heading ?? '')![1]);
}

test('директор: неверный профиль — сообщения у полей, введённое сохранено в форме, в базе ничего не меняется; верный — сохраняется и попадает в журнал', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	await open(page, `/app/orgs/${school}/edit`);
	const original = {
		fullName: await input(page, 'fullName').inputValue(),
		headName: await input(page, 'headName').inputValue(),
		address: await input(page, 'address').inputValue(),
		inn: await input(page, 'inn').inputValue(),
		paperlessSince: await input(page, 'paperlessSince').inputValue()
	};
	expect(original.fullName).not.toBe('');

	const tag = unique('bad');
	const tooLong = 'Ш'.repeat(501);
	// The browser's maxlength stops a person typing more; a crafted request would not be stopped.
	await input(page, 'fullName').evaluate((el) => el.removeAttribute('maxlength'));
	await input(page, 'fullName').fill(tooLong);
	await input(page, 'headName').fill(`Новый Руководитель ${tag}`);
	await input(page, 'address').fill(`Адрес ${tag}`);
	await input(page, 'inn').fill('1234567890');
	await input(page, 'website').fill('not a url');
	await input(page, 'paperlessSince').fill('');
	const answer = page.waitForResponse((r) => r.request().method() === 'POST');
	await submit(page, page.getByRole('button', { name: 'Сохранить' }));
	expect((await answer).status()).toBe(400);

	await expect(page).toHaveURL(new RegExp(`/app/orgs/${school}/edit$`));
	await expect(page.getByRole('alert')).toContainText('Проверьте форму');
	const expectFieldError = async (name: string, message: string | RegExp) => {
		await expect(field(page, name).locator('.error')).toHaveText(message);
		await expect(input(page, name)).toHaveAttribute('aria-invalid', 'true');
		await expect(input(page, name)).toHaveAttribute(
			'aria-describedby',
			new RegExp(`field-${name}-error`)
		);
	};
	await expectFieldError('fullName', 'Полное наименование: не больше 500 символов.');
	await expectFieldError('inn', /^ИНН неверен/);
	await expectFieldError('website', 'Укажите адрес сайта, например https://school1.ru.');
	// Fields without a problem carry no message.
	await expect(field(page, 'headName').locator('.error')).toHaveCount(0);
	await expect(field(page, 'paperlessSince').locator('.error')).toHaveCount(0);
	await expect(input(page, 'headName')).not.toHaveAttribute('aria-invalid', 'true');
	// What was typed is still there.
	await expect(input(page, 'fullName')).toHaveValue(tooLong);
	await expect(input(page, 'headName')).toHaveValue(`Новый Руководитель ${tag}`);
	await expect(input(page, 'address')).toHaveValue(`Адрес ${tag}`);
	await expect(input(page, 'inn')).toHaveValue('1234567890');
	await expect(input(page, 'website')).toHaveValue('not a url');
	await expect(input(page, 'paperlessSince')).toHaveValue('');

	// Nothing was saved.
	await open(page, `/app/orgs/${school}/edit`);
	await expect(input(page, 'fullName')).toHaveValue(original.fullName);
	await expect(input(page, 'headName')).toHaveValue(original.headName);
	await expect(input(page, 'address')).toHaveValue(original.address);
	await expect(input(page, 'inn')).toHaveValue(original.inn);
	await expect(input(page, 'paperlessSince')).toHaveValue(original.paperlessSince);

	// A valid profile is saved.
	const good = unique('ok');
	const inn = validInn();
	await input(page, 'address').fill(`Республика Крым, Сакский район, пгт Новофедоровка, ${good}`);
	await input(page, 'website').fill(`https://${good}.example.ru`);
	await input(page, 'inn').fill(inn);
	await input(page, 'paperlessSince').fill('2022-09-01');
	await submit(page, page.getByRole('button', { name: 'Сохранить' }));
	await expect(page).toHaveURL(new RegExp(`/app/orgs/${school}\\?saved=1$`));
	await expect(page.getByRole('status')).toHaveText('Сохранено.');
	const profile = page.locator('dl.props');
	await expect(profile).toContainText(good);
	await expect(profile).toContainText(inn);
	await expect(
		profile.getByRole('link', { name: new RegExp(`^https://${good}\\.example\\.ru/?$`) })
	).toBeVisible();
	await expect(profile).toContainText('01.09.2022');

	await page.goto(`/app/orgs/${school}/audit`);
	const row = page
		.locator('.audit-events > li', { hasText: 'изменила профиль организации' })
		.filter({ hasText: good });
	await expect(row).toHaveCount(1);
	await expect(row.locator('.sentence')).toHaveText(
		/^Ковальчук\u00a0Е\.\u00a0В\. изменила профиль организации «.+»$/
	);
	await expect(row.locator('.changes')).toContainText('Официальный сайт:');
});

test('муниципалитет: новая школа с занятым адресом страницы получает сообщение, с новым — создаётся', async ({
	page,
	browser
}) => {
	const saki = await sakiId(browser);
	await signIn(page, DEMO.municipality);
	await open(page, `/app/orgs/${saki}/new?kind=school`);
	await expect(page.getByRole('heading', { name: 'Новая школа' })).toBeVisible();
	const name = unique('school');
	const shortName = `МБОУ «Тестовая школа ${name}»`;
	await input(page, 'fullName').fill(
		`Муниципальное бюджетное общеобразовательное учреждение «Тестовая школа ${name}»`
	);
	await input(page, 'shortName').fill(shortName);
	await input(page, 'slug').fill(DEMO_SCHOOL_SLUG);
	await submit(page, page.getByRole('button', { name: 'Создать' }));

	await expect(field(page, 'slug').locator('.error')).toHaveText(/^Этот адрес уже занят/);
	await expect(input(page, 'slug')).toHaveAttribute('aria-invalid', 'true');
	await expect(input(page, 'slug')).toHaveValue(DEMO_SCHOOL_SLUG);
	await expect(input(page, 'shortName')).toHaveValue(shortName);
	await page.goto(`/app/orgs/${saki}/tree`);
	await expect(page.locator('main')).not.toContainText(shortName);

	await open(page, `/app/orgs/${saki}/new?kind=school`);
	await input(page, 'fullName').fill(
		`Муниципальное бюджетное общеобразовательное учреждение «Тестовая школа ${name}»`
	);
	await input(page, 'shortName').fill(shortName);
	await input(page, 'slug').fill(name);
	await submit(page, page.getByRole('button', { name: 'Создать' }));
	await expect(page.getByRole('status')).toHaveText('Сохранено.');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(shortName);
	await expect(page.locator('dl.props')).toContainText(`/o/${name}`);
	await page.goto(`/app/orgs/${saki}/tree`);
	await expect(page.locator('ul.tree').getByRole('link', { name: shortName })).toBeVisible();
});

test.describe('загрузка школ из CSV', () => {
	test('шаблон скачивается и содержит заголовки столбцов', async ({ page, browser }) => {
		const saki = await sakiId(browser);
		await signIn(page, DEMO.municipality);
		await page.goto(`/app/orgs/${saki}/import`);
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Скачайте шаблон' }).click();
		const file = await (await download).path();
		const text = await readFile(file, 'utf8');
		const [header] = text.replace(/^\uFEFF/, '').split(/\r?\n/);
		const columns = header!.split(';');
		expect(columns[0]).toBe('Полное наименование');
		expect(columns).toContain('Краткое наименование');
		expect(columns).toContain('ИНН');
	});

	test('файл с ошибкой в строке 3: строка и причина названы, ни одна школа не добавлена', async ({
		page,
		browser
	}) => {
		const saki = await sakiId(browser);
		await signIn(page, DEMO.municipality);
		const before = await treeCount(page, saki);
		const tag = unique('csv-bad');
		const csv = [
			'Полное наименование;Краткое наименование;ИНН',
			`Муниципальное бюджетное общеобразовательное учреждение «Хорошая школа ${tag}»;МБОУ «Хорошая ${tag}»;`,
			`Муниципальное бюджетное общеобразовательное учреждение «Плохая школа ${tag}»;МБОУ «Плохая ${tag}»;1234567890`
		].join('\r\n');
		await page.goto(`/app/orgs/${saki}/import`);
		await page.locator('input[type="file"]').setInputFiles({
			name: 'schools.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(csv, 'utf8')
		});
		await page.getByRole('button', { name: 'Проверить и загрузить' }).click();

		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Ни одна школа не добавлена');
		const rows = alert.locator('tbody tr');
		await expect(rows).toHaveCount(1);
		await expect(rows.locator('td').first()).toHaveText('3');
		await expect(rows.locator('td').nth(1)).toContainText('ИНН');
		await expect(page.getByRole('status')).toHaveCount(0);

		expect(await treeCount(page, saki)).toBe(before);
		await expect(page.locator('main')).not.toContainText(tag);
	});

	test('чистый файл из двух строк: «Загружено школ: 2», школы появились в дереве', async ({
		page,
		browser
	}) => {
		const saki = await sakiId(browser);
		await signIn(page, DEMO.municipality);
		const before = await treeCount(page, saki);
		const tag = unique('csv-ok');
		const csv = [
			'Полное наименование;Краткое наименование;ИНН;Система электронного журнала;Безбумажный режим с',
			`Муниципальное бюджетное общеобразовательное учреждение «Первая школа ${tag}»;МБОУ «Первая ${tag}»;;ЭлЖур;01.09.2023`,
			`Муниципальное бюджетное общеобразовательное учреждение «Вторая школа ${tag}»;МБОУ «Вторая ${tag}»;${validInn()};;`
		].join('\r\n');
		await page.goto(`/app/orgs/${saki}/import`);
		await page.locator('input[type="file"]').setInputFiles({
			name: 'schools.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(csv, 'utf8')
		});
		await page.getByRole('button', { name: 'Проверить и загрузить' }).click();

		await expect(page.getByRole('status')).toHaveText('Загружено школ: 2.');
		await expect(page.getByRole('alert')).toHaveCount(0);
		expect(await treeCount(page, saki)).toBe(before + 2);
		const tree = page.locator('ul.tree');
		await expect(tree.getByRole('link', { name: `МБОУ «Первая ${tag}»` })).toBeVisible();
		await expect(tree.getByRole('link', { name: `МБОУ «Вторая ${tag}»` })).toBeVisible();
	});
});
