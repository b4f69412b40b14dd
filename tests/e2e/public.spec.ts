import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO, demoSchoolId, expect, open, signIn, test } from './helpers';

test('главная без входа: регионы демо', async ({ page }) => {
	const response = await page.goto('/');
	expect(response?.status()).toBe(200);
	const directory = page.locator('section', {
		has: page.getByRole('heading', { name: 'Регионы', exact: true })
	});
	await expect(directory.getByRole('listitem').getByRole('link')).toHaveText([
		'Минобразования Республики Крым',
		'Минобрнауки Амурской области',
		'Минобрнауки Мурманской области'
	]);
	await expect(page.getByRole('link', { name: 'Войти в кабинет' })).toHaveAttribute(
		'href',
		'/login'
	);
});

test('с клавиатуры: первая клавиша Tab ведёт к ссылке «Перейти к содержанию»', async ({ page }) => {
	await open(page, '/login');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Перейти к содержанию' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeVisible();
	await expect(skip).toHaveAttribute('href', '#main');
	await expect(page.locator('#main')).toHaveCount(1);
});

test('/healthz: 200 и JSON о доступной базе', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/json');
	expect(await response.json()).toMatchObject({ database: 'reachable' });
});

test('несуществующий адрес: русская страница 404', async ({ page }) => {
	const response = await page.goto('/no-such-page/at-all');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
	await expect(page.getByRole('link', { name: 'На главную' })).toBeVisible();
	await expect(page).toHaveTitle('Страница не найдена — Регламент');
});

test.describe('доступность (axe): нет серьёзных и критических нарушений', () => {
	async function expectNoSeriousViolations(page: Page) {
		await page.waitForLoadState('load');
		const { violations } = await new AxeBuilder({ page }).analyze();
		const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		const report = serious
			.map(
				(v) =>
					`${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`
			)
			.join('\n');
		expect(serious, `axe on ${page.url()}:\n${report}`).toEqual([]);
	}

	test('главная', async ({ page }) => {
		await open(page, '/');
		await expectNoSeriousViolations(page);
	});

	test('вход', async ({ page }) => {
		await open(page, '/login');
		await expectNoSeriousViolations(page);
	});

	for (const [name, suffix] of [
		['кабинет директора', null],
		['профиль школы', ''],
		['правка профиля', '/edit'],
		['люди школы', '/people']
	] as const) {
		test(name, async ({ page, browser }) => {
			const school = await demoSchoolId(browser);
			await signIn(page, DEMO.director);
			await open(page, suffix === null ? '/app' : `/app/orgs/${school}${suffix}`);
			await expectNoSeriousViolations(page);
		});
	}
});
