import type { Page } from '@playwright/test';
import { DEMO, expect, loginAs, open, signIn, submit, test } from './helpers';

/** «Непрочитанных: N из M» above the list. */
async function counts(page: Page): Promise<{ unread: number; total: number }> {
	const m = /Непрочитанных: (\d+) из (\d+)/.exec((await page.locator('main').textContent()) ?? '');
	return { unread: Number(m?.[1] ?? 0), total: Number(m?.[2] ?? 0) };
}

const items = (page: Page) => page.locator('ul.inbox > li');
const unreadItems = (page: Page) => page.locator('ul.inbox > li.unread');

test('уведомления директора: группы по документу, открытие отмечает прочитанным, «Прочитано», страницы по 50', async ({
	page,
	browser
}) => {
	await signIn(page, DEMO.director);
	await open(page, '/app/notifications');
	await expect(page.getByRole('heading', { name: 'Уведомления', level: 1 })).toBeVisible();
	const start = await counts(page);
	expect(start.total).toBeGreaterThan(0);
	// Grouped: a document's notifications sit under its title, which links to it.
	await expect(page.locator('.inbox-group h2 a[href*="/documents/"]').first()).toBeVisible();

	await page.getByLabel('Только непрочитанные').check();
	await submit(page, page.getByRole('button', { name: 'Показать' }));
	await expect(page).toHaveURL(/[?&]unread=1/);
	expect(await items(page).count()).toBe(await unreadItems(page).count());
	const first = unreadItems(page).first();
	const title = (await first.locator('a.title').textContent())!;
	const href = (await first.locator('a.title').getAttribute('href'))!;
	expect(href).toMatch(/^\/app\/notifications\/[0-9a-f-]{36}$/);

	// Someone else opening it gets nothing, and it stays unread for its owner.
	const other = await loginAs(browser, DEMO.member1);
	const peek = await other.page.goto(href);
	expect(peek?.status()).toBe(404);
	await other.context.close();
	await page.reload();
	await expect(unreadItems(page).filter({ has: page.locator(`a[href="${href}"]`) })).toHaveCount(1);

	// Opening it leads to its page and marks it read.
	await submit(page, first.locator('a.title'));
	await expect(page).not.toHaveURL(/\/app\/notifications/);
	await open(page, '/app/notifications');
	await expect(items(page).filter({ has: page.locator(`a[href="${href}"]`) })).not.toHaveClass(
		/unread/
	);
	expect((await counts(page)).unread).toBe(start.unread - 1);

	// «Прочитано» on the next unread one, without leaving the list.
	const next = unreadItems(page).first();
	if (await next.count()) {
		const nextHref = (await next.locator('a.title').getAttribute('href'))!;
		await submit(page, next.getByRole('button', { name: /^Отметить прочитанным/ }));
		await expect(page).toHaveURL(/\/app\/notifications$/);
		await expect(
			items(page).filter({ has: page.locator(`a[href="${nextHref}"]`) })
		).not.toHaveClass(/unread/);
		expect((await counts(page)).unread).toBe(start.unread - 2);
	}
	expect(title).not.toBe('');

	// Pages of 50.
	const { total } = await counts(page);
	if (total > 50) {
		expect(await items(page).count()).toBe(50);
		await submit(page, page.getByRole('link', { name: 'Старее →' }));
		await expect(page).toHaveURL(/[?&]page=2/);
		expect(await items(page).count()).toBe(Math.min(50, total - 50));
		await expect(page.getByRole('link', { name: '← Новее' })).toBeVisible();
	} else {
		expect(await items(page).count()).toBe(total);
		await expect(page.getByRole('link', { name: 'Старее →' })).toHaveCount(0);
	}
});

test('«Отметить все прочитанными» по фильтру вида отмечает только этот вид', async ({ page }) => {
	await signIn(page, DEMO.director);
	await open(page, '/app/notifications?unread=1');
	const kinds = await page
		.locator('#kind option')
		.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
	// A kind of which the director has something unread, if any is left.
	let kind = '';
	for (const k of kinds) {
		await open(page, `/app/notifications?unread=1&kind=${k}`);
		if (await items(page).count()) {
			kind = k;
			break;
		}
	}
	test.skip(!kind, 'nothing unread is left to mark');
	await open(page, '/app/notifications');
	const before = await counts(page);
	await open(page, `/app/notifications?kind=${kind}`);
	const ofKind = await counts(page);
	await submit(page, page.getByRole('button', { name: 'Отметить все прочитанными' }));
	await expect(page.getByRole('status')).toHaveText(`Отмечено прочитанными: ${ofKind.unread}.`);
	await expect(page).toHaveURL(new RegExp(`[?&]kind=${kind}`));
	expect((await counts(page)).unread).toBe(0);
	await open(page, '/app/notifications');
	expect((await counts(page)).unread).toBe(before.unread - ofKind.unread);
});

test('что присылать на почту: выбор сохраняется для каждого вида', async ({ page }) => {
	await signIn(page, DEMO.member2);
	await open(page, '/app/notifications');
	await submit(page, page.getByRole('link', { name: 'Что присылать на почту' }));
	await expect(
		page.getByRole('heading', { name: 'Что присылать на почту', level: 1 })
	).toBeVisible();
	const box = page.getByLabel('Просьба согласовать проект');
	await expect(box).toBeChecked();
	await box.uncheck();
	await submit(page, page.getByRole('button', { name: 'Сохранить' }));
	await expect(page.getByRole('status')).toHaveText('Сохранено.');
	await page.reload();
	await expect(page.getByLabel('Просьба согласовать проект')).not.toBeChecked();
	await expect(page.getByLabel('Срок пункта пропущен')).toBeChecked();
	await page.getByLabel('Просьба согласовать проект').check();
	await submit(page, page.getByRole('button', { name: 'Сохранить' }));
	await page.reload();
	await expect(page.getByLabel('Просьба согласовать проект')).toBeChecked();
});

test('уведомления на телефоне: ничего не уезжает вбок', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signIn(page, DEMO.director);
	for (const path of ['/app/notifications', '/app/notifications/mail']) {
		await open(page, path);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
	}
});
