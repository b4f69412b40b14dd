import { DEMO, demoSchoolId, expect, signIn, test, waitForHydration } from './helpers';

/**
 * On a slow connection a person starts typing before the page's scripts arrive. Holding the
 * scripts back until the typing is done shows what happens then: hydration must not throw
 * the typed text away.
 */
async function holdScripts(page: import('@playwright/test').Page): Promise<() => void> {
	let release!: () => void;
	const gate = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await gate;
		await route.continue();
	});
	return release;
}

// BUG: Svelte's hydration resets every <input value={…}> rendered by the server (Field.svelte
// passes `value`), so what is typed before the scripts load is replaced by the server's value:
// /login loses the typed email (the person then gets «Укажите адрес электронной почты.»).
test('вход: адрес, набранный до загрузки скриптов, не стирается', async ({ page }) => {
	const release = await holdScripts(page);
	await page.goto('/login', { waitUntil: 'commit' });
	await page.locator('input[name="email"]').fill(DEMO.teacher);
	release();
	await waitForHydration(page);
	await expect(page.locator('input[name="email"]')).toHaveValue(DEMO.teacher);
});

// BUG: the same on /app/orgs/<id>/edit: a change typed before hydration silently reverts to the
// saved value, and pressing «Сохранить» then saves the old value.
test('правка профиля: изменение, набранное до загрузки скриптов, не откатывается', async ({ page, browser }) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	const release = await holdScripts(page);
	await page.goto(`/app/orgs/${school}/edit`, { waitUntil: 'commit' });
	await page.locator('input[name="headPosition"]').fill('Директор школы');
	release();
	await waitForHydration(page);
	await expect(page.locator('input[name="headPosition"]')).toHaveValue('Директор школы');
});
