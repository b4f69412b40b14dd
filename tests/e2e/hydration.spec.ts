import type { Page } from '@playwright/test';
import { DEMO, demoSchoolId, expect, signIn, test, waitForHydration } from './helpers';

/**
 * On a slow connection a person starts typing before the page's scripts arrive. Holding the
 * scripts back until the typing is done shows what happens then: hydration must not throw
 * the typed text away.
 */
async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const gate = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await gate;
		await route.continue();
	});
	return release;
}

// Hydration once reset every server-rendered <input value={…}>, wiping the typed email.
test('вход: адрес, набранный до загрузки скриптов, не стирается', async ({ page }) => {
	const release = await holdScripts(page);
	await page.goto('/login', { waitUntil: 'commit' });
	await page.locator('input[name="email"]').fill(DEMO.teacher);
	release();
	await waitForHydration(page);
	await expect(page.locator('input[name="email"]')).toHaveValue(DEMO.teacher);
});

// The same on the profile form, where a reverted field would silently save the old value.
test('правка профиля: изменение, набранное до загрузки скриптов, не откатывается', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	const release = await holdScripts(page);
	await page.goto(`/app/orgs/${school}/edit`, { waitUntil: 'commit' });
	await page.locator('input[name="headPosition"]').fill('Директор школы');
	release();
	await waitForHydration(page);
	await expect(page.locator('input[name="headPosition"]')).toHaveValue('Директор школы');
});
