import type { Page } from '@playwright/test';
import { DEMO, expect, open, signIn, siteNav, test } from './helpers';

// The cabinet home of every demo role: three blocks, short, readable on a phone.

const SHOTS = process.env.E2E_SHOTS;
const BLOCKS = ['Ждёт вас', 'Ждёт других', 'Сроки'] as const;

async function expectNoHorizontalScroll(page: Page) {
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth
	}));
	expect(
		scrollWidth,
		`${page.url()} is ${scrollWidth}px wide on a ${innerWidth}px screen`
	).toBeLessThanOrEqual(innerWidth);
}

const schoolRoles = [DEMO.director, DEMO.member1, DEMO.member2, DEMO.teacher] as const;
const authorities = [DEMO.municipality, DEMO.region] as const;

for (const email of [...schoolRoles, ...authorities]) {
	test(`${email}: «Ждёт вас», «Ждёт других», «Сроки» at 1366 and 390 px`, async ({ page }) => {
		await signIn(page, email);
		for (const width of [1366, 390]) {
			await page.setViewportSize({ width, height: 900 });
			await open(page, '/app');
			for (const name of BLOCKS)
				await expect(
					page.getByRole('region', { name }).first(),
					`${name} at ${width}`
				).toBeVisible();
			await expectNoHorizontalScroll(page);
			if (SHOTS)
				await page.screenshot({
					path: `${SHOTS}/dashboard-${email.split('@')[0]}-${width}.png`,
					fullPage: true
				});
		}
	});
}

test('the director’s dashboard fits about one screen at 1366 px and asks her to acknowledge nothing she approved', async ({
	page
}) => {
	await signIn(page, DEMO.director);
	await page.setViewportSize({ width: 1366, height: 900 });
	await open(page, '/app');
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	expect(height).toBeLessThan(1200);
	// The demo director approved and signed every act the school has published.
	await expect(
		page.getByRole('region', { name: 'Ждёт вас' }).locator('a[href^="/app/acknowledge"]')
	).toHaveCount(0);
	await expect(siteNav(page).getByRole('link', { name: /^Ознакомиться \(\d+\)$/ })).toHaveCount(0);
	// Acknowledgement by the others: one line, not a line per act.
	const progress = page
		.getByRole('region', { name: 'Ждёт других' })
		.getByRole('link', { name: /^Ознакомлены \d+ из \d+ по \d+ акт/ });
	await expect(progress).toHaveCount(1);
	await progress.click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Ознакомление с актами' })
	).toBeVisible();
	await expect(page.locator('main a[href*="/acknowledgements"]').first()).toBeVisible();
});

test('the teacher’s dashboard has no warning about the profile or the operator contract', async ({
	page
}) => {
	await signIn(page, DEMO.teacher);
	await open(page, '/app');
	const main = page.locator('main');
	await expect(main).not.toContainText('В профиле не заполнено');
	await expect(main).not.toContainText(/договор/i);
	await expect(main.getByRole('link', { name: 'Заполнить профиль' })).toHaveCount(0);
	await expect(
		page.getByRole('region', { name: 'Ждёт вас' }).getByRole('link', { name: 'Ознакомиться' })
	).toBeVisible();
});

test('the municipality is asked to answer help requests and sees lagging schools as a count with a link to monitoring', async ({
	page
}) => {
	await signIn(page, DEMO.municipality);
	await open(page, '/app');
	const yours = page.getByRole('region', { name: 'Ждёт вас' });
	await expect(yours.getByRole('link', { name: 'Ответить' }).first()).toBeVisible();
	const lagging = yours.getByRole('link', { name: /школ[аы]? с просроченными пунктами/ });
	if (await lagging.count()) {
		const n = Number(/^\d+/.exec((await lagging.textContent()) ?? '')?.[0]);
		await lagging.click();
		await expect(page).toHaveURL(/\/monitoring\?overdue=1$/);
		await expect(page.locator('main tbody tr')).toHaveCount(n);
	}
});
