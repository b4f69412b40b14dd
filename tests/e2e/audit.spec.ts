import type { Page } from '@playwright/test';
import { DEMO, demoSchoolId, expect, field, inviteOnPage, open, signIn, submit, test, uniqueEmail } from './helpers';

/** The text of one column (1-based) of every row of the log's table. */
async function column(page: Page, index: number): Promise<string[]> {
	return page.locator(`table tbody tr td:nth-child(${index})`).allTextContents();
}

test('журнал школы: фильтр по объекту и по человеку, проверка целостности цепочки', async ({ page, browser }) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	// An event of the director's own, so the log has one whatever ran before.
	const invited = uniqueEmail('audit');
	await inviteOnPage(page, school, { email: invited, role: 'Сотрудник (педагог)' });

	await open(page, `/app/orgs/${school}/audit`);
	await expect(page.getByRole('heading', { name: 'Журнал действий', level: 2 })).toBeVisible();
	const allEntities = await column(page, 5);
	expect(allEntities.length).toBeGreaterThan(0);
	expect(allEntities.some((e) => e !== 'Организация'), 'the unfiltered log has more than organisation events').toBe(true);

	await page.getByLabel('Объект').selectOption({ label: 'Организация' });
	await submit(page, page.getByRole('button', { name: 'Показать' }));
	await expect(page).toHaveURL(/[?&]entity=organization(&|$)/);
	await expect(page.getByLabel('Объект').locator('option:checked')).toHaveText('Организация');
	const filtered = await column(page, 5);
	expect(filtered.length).toBeGreaterThan(0);
	expect(new Set(filtered)).toEqual(new Set(['Организация']));

	await open(page, `/app/orgs/${school}/audit`);
	await page.getByLabel('Кто').selectOption({ label: 'Ковальчук Елена Викторовна' });
	await submit(page, page.getByRole('button', { name: 'Показать' }));
	await expect(page).toHaveURL(/[?&]actor=[0-9a-f-]{36}/);
	expect(new Set(await column(page, 3))).toEqual(new Set(['Ковальчук Елена Викторовна']));
	await expect(page.locator('tbody tr', { hasText: 'Приглашение отправлено' }).filter({ hasText: invited })).toHaveCount(1);

	await page.getByRole('button', { name: 'Проверить целостность журнала' }).click();
	await expect(page.getByRole('status')).toHaveText(/^Цепочка цела: проверено записей — [1-9]\d*\./);
});

test('бессмысленный запрос к журналу: сообщения у полей, а не страница ошибки', async ({ page, browser }) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	const response = await page.goto(`/app/orgs/${school}/audit?from=99.99.9999&to=2024-13-45&entity=zzz&actor=nobody&page=-3`);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('МБОУ «Новофедоровская школа-лицей»');
	await expect(field(page, 'from').locator('.error')).toHaveText('Дата «с» не распознана: ДД.ММ.ГГГГ.');
	await expect(field(page, 'to').locator('.error')).toHaveText('Дата «по» не распознана: ДД.ММ.ГГГГ.');
	await expect(field(page, 'entity').locator('.error')).toHaveText('Такого объекта нет в списке.');
	await expect(field(page, 'actor').locator('.error')).toHaveText('Такого пользователя нет в списке.');
	await expect(page.locator('#entity')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#from')).toHaveAttribute('aria-invalid', 'true');
	// Nonsense is dropped: the log is still shown.
	await expect(page.locator('table tbody tr').first()).toBeVisible();

	const reversed = await page.goto(`/app/orgs/${school}/audit?from=2024-05-02&to=2024-05-01`);
	expect(reversed?.status()).toBe(200);
	await expect(field(page, 'to').locator('.error')).toHaveText('Дата «по» раньше даты «с».');
});
