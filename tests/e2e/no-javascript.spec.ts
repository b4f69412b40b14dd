import { DEMO, DEMO_PASSWORD, expect, field, test, unique } from './helpers';

test.use({ javaScriptEnabled: false });

test('без JavaScript: вход и сохранение профиля школы работают', async ({ page }) => {
	await page.goto('/app');
	await expect(page).toHaveURL(/\/login\?next=%2Fapp$/);
	await page.locator('input[name="email"]').fill(DEMO.director);
	await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Войти' }).click();
	await expect(page).toHaveURL(/\/app$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Кабинет директора');
	// No script of the app ran: the page was never hydrated.
	expect(
		await page.evaluate(
			() => (window as unknown as { __e2eHydrated?: boolean }).__e2eHydrated ?? null
		)
	).toBeNull();

	await page
		.getByRole('navigation', { name: 'Разделы' })
		.getByRole('link', { name: 'Школа', exact: true })
		.click();
	await page.getByRole('link', { name: 'Изменить профиль' }).click();
	await expect(page).toHaveURL(/\/edit$/);

	// A wrong entry comes back with its message, without scripts too.
	await page.locator('input[name="inn"]').fill('1234567890');
	await page.getByRole('button', { name: 'Сохранить' }).click();
	await expect(field(page, 'inn').locator('.error')).toHaveText(/^ИНН неверен/);
	await expect(page.locator('input[name="inn"]')).toHaveValue('1234567890');

	const position = `Директор ${unique('nojs')}`;
	await page.locator('input[name="inn"]').fill('');
	await page.locator('input[name="headPosition"]').fill(position);
	await page.getByRole('button', { name: 'Сохранить' }).click();
	await expect(page).toHaveURL(/\?saved=1$/);
	await expect(page.getByRole('status')).toHaveText('Сохранено.');
	await expect(page.locator('dl.props')).toContainText(position);

	// Signing out is a form as well.
	await page.getByRole('button', { name: 'Выйти', exact: true }).click();
	await expect(page).toHaveURL(/\/login$/);
});
