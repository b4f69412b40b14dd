import type { Page } from '@playwright/test';
import { DEMO, expect, open, signIn, submit, test } from './helpers';

const SHOTS = process.env.E2E_SHOTS;

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

/** The route's own blocks fit the screen (the act's text is the layout's business). */
async function expectFits(page: Page, selector: string) {
	const { right, innerWidth } = await page.evaluate(
		(sel) => ({
			right: Math.max(
				...[...document.querySelectorAll(sel)].map(
					(e) => e.scrollWidth + e.getBoundingClientRect().left
				)
			),
			innerWidth: window.innerWidth
		}),
		selector
	);
	expect(right, `${selector} reaches ${right}px on a ${innerWidth}px screen`).toBeLessThanOrEqual(
		innerWidth + 1
	);
}

async function shot(page: Page, name: string) {
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('«Ждёт других»: чей ход на маршруте и с какого дня, «Напомнить» раз в день; страница документа говорит то же', async ({
	page
}) => {
	await signIn(page, DEMO.director);
	await open(page, '/app');
	const board = page.getByRole('region', { name: 'Ждёт других' });
	await expect(board).toBeVisible();
	const rows = board.getByRole('listitem');
	expect(await rows.count()).toBeGreaterThan(0);
	await expect(rows.first()).toContainText('ждёт с');
	await shot(page, 'dashboard-1366');

	const row = rows.filter({ has: page.getByRole('button', { name: 'Напомнить' }) }).first();
	const title = (await row.getByRole('link').textContent())!;
	await submit(page, row.getByRole('button', { name: 'Напомнить' }));
	const again = board.getByRole('listitem').filter({ hasText: title });
	await expect(again.getByRole('status')).toContainText('Напомнили:');
	await submit(page, again.getByRole('button', { name: 'Напомнить' }));
	await expect(
		board.getByRole('listitem').filter({ hasText: title }).getByRole('alert')
	).toContainText('Сегодня уже напомнили:');

	await page.setViewportSize({ width: 390, height: 844 });
	await open(page, '/app');
	await expectNoHorizontalScroll(page);
	await shot(page, 'dashboard-390');

	await page.setViewportSize({ width: 1366, height: 900 });
	await open(page, '/app');
	await board.getByRole('link', { name: title }).first().click();
	await expect(page.getByText('Сейчас ход за:')).toBeVisible();
	await expect(page.getByRole('region', { name: 'История маршрута' })).toContainText(
		'Напоминание о ходе по маршруту'
	);
	await shot(page, 'document-1366');
	await page.setViewportSize({ width: 390, height: 844 });
	await page.reload();
	await expectFits(page, '.waiting, .route-history, fieldset.acting');
	await shot(page, 'document-390');
});
