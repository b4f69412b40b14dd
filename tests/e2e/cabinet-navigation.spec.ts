import { DEMO, demoSchoolId, expect, open, signIn, siteNav, submit, test } from './helpers';

test('директор: «Документы» в меню, путь ссылками, предмет страницы — заголовок, поиск по своей школе', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	await open(page, '/app');
	await submit(page, siteNav(page).getByRole('link', { name: 'Документы', exact: true }));
	await expect(page).toHaveURL(new RegExp(`/app/orgs/${school}/documents$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Реестр документов');
	const first = page.locator('main table a[href*="/documents/"]').first();
	const title = ((await first.textContent()) ?? '').trim();
	await submit(page, first);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const trail = page.getByRole('navigation', { name: 'Путь' });
	await expect(trail.getByRole('link', { name: 'Документы' })).toHaveAttribute(
		'href',
		`/app/orgs/${school}/documents`
	);
	await expect(
		trail.getByRole('link', { name: 'МБОУ «Новофедоровская школа-лицей»' })
	).toBeVisible();

	// The search in the header finds the act by a word of its title, and only what this school holds.
	await page.getByRole('searchbox', { name: 'Поиск по организации' }).fill('персональных данных');
	await submit(page, page.getByRole('button', { name: 'Найти' }).first());
	await expect(page).toHaveURL(/\/app\/search\?q=/);
	const documents = page.getByRole('region', { name: 'Документы' });
	await expect(documents.getByRole('link').first()).toBeVisible();
	for (const href of await documents
		.getByRole('link')
		.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
		expect(href).toContain(`/app/orgs/${school}/`);
	await page
		.getByRole('searchbox', { name: 'Документ, пункт перечня, человек или организация' })
		.fill('П');
	await submit(page, page.getByRole('button', { name: 'Найти' }).last());
	await expect(page.getByText('Введите хотя бы два знака.')).toBeVisible();
});

test('на телефоне меню — одна кнопка, разделы школы — одна строка «Раздел: …»', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await page.setViewportSize({ width: 390, height: 844 });
	await signIn(page, DEMO.director);
	await open(page, `/app/orgs/${school}/people`);
	const top = await page
		.getByRole('heading', { level: 1 })
		.evaluate((h) => h.getBoundingClientRect().top);
	expect(top, 'the page’s subject is near the top of a phone screen').toBeLessThan(400);
	await expect(
		page
			.getByRole('navigation', { name: 'Разделы организации' })
			.getByRole('link', { name: 'Профиль' })
	).toBeHidden();
	await page.locator('summary', { hasText: 'Раздел: Люди' }).click();
	await expect(
		page
			.getByRole('navigation', { name: 'Разделы организации' })
			.getByRole('link', { name: 'Договоры' })
	).toBeVisible();
	await page.locator('summary', { hasText: 'Меню' }).click();
	await expect(siteNav(page).getByRole('link', { name: 'Мероприятия' })).toBeVisible();
});
