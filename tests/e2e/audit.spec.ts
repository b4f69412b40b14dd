import type { Page } from '@playwright/test';
import {
	DEMO,
	demoSchoolId,
	expect,
	field,
	inviteOnPage,
	open,
	signIn,
	submit,
	test,
	uniqueEmail
} from './helpers';

/** The sentences of the log's page, as read. */
async function sentences(page: Page): Promise<string[]> {
	return (await page.locator('.audit-events > li .sentence').allTextContents()).map((t) =>
		t.replace(/\u00a0/g, ' ')
	);
}

test('журнал школы: действие директора — предложение со ссылкой; фильтры по объекту и по человеку; проверка цепочки', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	// An event of the director's own, so the log has one whatever ran before.
	const invited = uniqueEmail('audit');
	await inviteOnPage(page, school, { email: invited, role: 'Сотрудник (педагог)' });

	await open(page, `/app/orgs/${school}/audit`);
	await expect(page.getByRole('heading', { name: 'Журнал действий', level: 1 })).toBeVisible();
	// The newest event first, told as a sentence that names and links what it is about.
	const invitation = page
		.locator('.audit-events > li')
		.filter({ hasText: `пригласила ${invited}` });
	await expect(invitation.locator('.sentence')).toHaveText(
		`Ковальчук\u00a0Е.\u00a0В. пригласила ${invited} — сотрудник (педагог)`
	);
	await expect(invitation.getByRole('link', { name: invited })).toHaveAttribute(
		'href',
		`/app/orgs/${school}/people`
	);
	expect((await sentences(page))[0]).toBe(
		`Ковальчук Е. В. пригласила ${invited} — сотрудник (педагог)`
	);
	// A document is named by its title, never as a bare «Документ», and no id is shown; raw JSON is not for a director.
	const documentRow = page
		.locator('.audit-events > li')
		.filter({ has: page.locator(`a[href^="/app/orgs/${school}/documents/"]`) })
		.first();
	await expect(documentRow).toContainText(/документ\S* «[^»]+»/);
	await expect(page.locator('.audit-events')).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
	await expect(page.getByText('Подробности')).toHaveCount(0);
	// A page of 30 compact rows stays under 3,000 px at 1366.
	await page.setViewportSize({ width: 1366, height: 900 });
	expect(await page.locator('.audit-events > li').count()).toBe(30);
	expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(3000);

	await page.getByLabel('Объект').selectOption({ label: 'Организация' });
	await submit(page, page.getByRole('button', { name: 'Показать' }));
	await expect(page).toHaveURL(/[?&]entity=organization(&|$)/);
	await expect(page.getByLabel('Объект').locator('option:checked')).toHaveText('Организация');
	const filtered = await sentences(page);
	expect(filtered.length).toBeGreaterThan(0);
	expect(
		filtered.some((t) => t.includes('пригласила')),
		'an invitation is not an organisation event'
	).toBe(false);

	await open(page, `/app/orgs/${school}/audit`);
	await page.getByLabel('Кто').selectOption({ label: 'Ковальчук Елена Викторовна' });
	await submit(page, page.getByRole('button', { name: 'Показать' }));
	await expect(page).toHaveURL(/[?&]actor=[0-9a-f-]{36}/);
	const hers = await sentences(page);
	expect(hers.length).toBeGreaterThan(0);
	// Sentences that name an actor name her; the rest tell a consequence («Пункт … выполнен»).
	const named = hers.filter((t) => /^[А-ЯЁ][а-яё-]+ [А-ЯЁ]\. [А-ЯЁ]\. /.test(t));
	expect(named.length).toBeGreaterThan(0);
	expect(named.filter((t) => !t.startsWith('Ковальчук Е. В. '))).toEqual([]);
	expect(hers).toContain(`Ковальчук Е. В. пригласила ${invited} — сотрудник (педагог)`);

	await page.getByRole('button', { name: 'Проверить целостность журнала' }).click();
	await expect(page.getByRole('status')).toHaveText(
		/^Цепочка цела: проверено записей — [1-9]\d*\./
	);
});

test('журнал для администратора платформы: сырые «Было/Стало» только под «Подробности»', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.admin);
	await open(page, `/app/orgs/${school}/audit`);
	const details = page.locator('.audit-events details').first();
	await expect(details.locator('summary')).toHaveText('Подробности');
	await expect(details.locator('pre').first()).not.toBeVisible();
	await details.locator('summary').click();
	await expect(details.locator('pre').first()).toBeVisible();
});

test('бессмысленный запрос к журналу: сообщения у полей, а не страница ошибки', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	const response = await page.goto(
		`/app/orgs/${school}/audit?from=99.99.9999&to=2024-13-45&entity=zzz&actor=nobody&page=-3`
	);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { name: 'Журнал действий', level: 1 })).toBeVisible();
	await expect(field(page, 'from').locator('.error')).toHaveText(
		'Дата «с» не распознана: ДД.ММ.ГГГГ.'
	);
	await expect(field(page, 'to').locator('.error')).toHaveText(
		'Дата «по» не распознана: ДД.ММ.ГГГГ.'
	);
	await expect(field(page, 'entity').locator('.error')).toHaveText('Такого объекта нет в списке.');
	await expect(field(page, 'actor').locator('.error')).toHaveText(
		'Такого пользователя нет в списке.'
	);
	await expect(page.locator('#entity')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#from')).toHaveAttribute('aria-invalid', 'true');
	// Nonsense is dropped: the log is still shown.
	await expect(page.locator('.audit-events > li').first()).toBeVisible();

	const reversed = await page.goto(`/app/orgs/${school}/audit?from=2024-05-02&to=2024-05-01`);
	expect(reversed?.status()).toBe(200);
	await expect(field(page, 'to').locator('.error')).toHaveText('Дата «по» раньше даты «с».');
});
