import type { Page } from '@playwright/test';
import { DEMO, expect, loginAs, siteNav, submit, test } from './helpers';

// Needs acts the demo school has published (the demo seeds them). The demo server is shared by
// every e2e file, so the teacher takes whichever act is still waiting and checks only that one.

const TEACHER = 'Лысенко Анна Сергеевна';

/** The figure beside «Ознакомиться» in the menu, 0 when the item shows none. */
async function navCount(page: Page): Promise<number> {
	const label =
		(await siteNav(page)
			.getByRole('link', { name: /^Ознакомиться/ })
			.textContent()) ?? '';
	return Number(/(\d+)\s*$/.exec(label)?.[1] ?? 0);
}

test('a teacher acknowledges a published act, it leaves her list, and the director sees her among those who did', async ({
	browser
}) => {
	const teacher = await loginAs(browser, DEMO.teacher);
	const page = teacher.page;
	const before = await navCount(page);
	expect(
		before,
		'the demo school should have published acts for the teacher to acknowledge'
	).toBeGreaterThan(0);

	await submit(page, siteNav(page).getByRole('link', { name: /^Ознакомиться/ }));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ознакомиться');
	const list = page.getByRole('region', { name: 'Локальные акты, с которыми нужно ознакомиться' });
	const first = list.getByRole('link').first();
	const title = ((await first.textContent()) ?? '').trim();
	await submit(page, first);

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByRole('region', { name: 'Текст акта' })).toBeVisible();
	await submit(page, page.getByRole('button', { name: 'Ознакомлен(а)' }));

	await expect(page).toHaveURL(/\/app\/acknowledge\?done=/);
	await expect(page.getByRole('status')).toContainText(`Ознакомление с актом «${title}» отмечено`);
	await expect(list.getByRole('link', { name: title, exact: true })).toHaveCount(0);
	expect(await navCount(page)).toBe(before - 1);
	await teacher.context.close();

	const director = await loginAs(browser, DEMO.director);
	// The dashboard sums it up in one line; the list behind it names each act.
	await submit(
		director.page,
		director.page
			.getByRole('region', { name: 'Ждёт других' })
			.getByRole('link', { name: /^Ознакомлены \d+ из \d+ по \d+ акт/ })
	);
	await expect(
		director.page.getByRole('heading', { level: 1, name: 'Ознакомление с актами' })
	).toBeVisible();
	const row = director.page
		.getByRole('listitem')
		.filter({ has: director.page.getByRole('link', { name: title, exact: true }) });
	await expect(row).toContainText(/\d+\s+из\s+\d+/);
	await submit(director.page, row.getByRole('link', { name: title, exact: true }));
	await expect(director.page.getByRole('heading', { name: 'Ознакомление с актом' })).toBeVisible();
	await expect(
		director.page.getByRole('region', { name: /^Ознакомлены/ }).getByRole('cell', { name: TEACHER })
	).toBeVisible();
	await expect(director.page.getByRole('region', { name: /^Не ознакомлены/ })).not.toContainText(
		TEACHER
	);
	await director.context.close();
});

test('without a published act to open, the acknowledgement page answers 404', async ({
	browser
}) => {
	const { context, page } = await loginAs(browser, DEMO.teacher);
	const response = await page.goto('/app/acknowledge/00000000-0000-4000-8000-000000000000');
	expect(response?.status()).toBe(404);
	await context.close();
});
