import type { Page } from '@playwright/test';
import { DEMO, demoSchoolId, expect, open, signIn, test } from './helpers';

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

async function expectNoHorizontalScroll(page: Page) {
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({
		scrollWidth: document.scrollingElement!.scrollWidth,
		innerWidth: window.innerWidth
	}));
	expect(
		scrollWidth,
		`page ${page.url()} is ${scrollWidth}px wide on a ${innerWidth}px screen`
	).toBeLessThanOrEqual(innerWidth + 1);
}

test('телефон 375×740: кабинет директора без горизонтальной прокрутки', async ({ page }) => {
	await signIn(page, DEMO.director);
	await open(page, '/app');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Кабинет директора');
	expect(await page.evaluate(() => window.innerWidth)).toBe(375);
	await expectNoHorizontalScroll(page);
});

test('телефон 375×740: вход, профиль школы, люди и журнал без горизонтальной прокрутки', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await open(page, '/login');
	await expectNoHorizontalScroll(page);
	await signIn(page, DEMO.director);
	for (const suffix of ['', '/edit', '/people', '/audit']) {
		await open(page, `/app/orgs/${school}${suffix}`);
		await expectNoHorizontalScroll(page);
	}
});
