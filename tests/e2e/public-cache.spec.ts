import { spawn, type ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import type { Page } from '@playwright/test';
import {
	BASE_URL,
	DEMO,
	DEMO_PASSWORD,
	DEMO_SCHOOL_SLUG,
	demoSchoolId,
	expect,
	newContext,
	open,
	signIn,
	submit,
	test,
	unique
} from './helpers';

const ORG_PAGE = `/o/${DEMO_SCHOOL_SLUG}`;

/** A public page as a browser asks for it: compressed if it may be. */
const get = (base: string, path: string, headers: Record<string, string> = {}) =>
	fetch(`${base}${path}`, { headers: { 'accept-encoding': 'br, gzip', ...headers } });

async function editAddress(page: Page, school: string, address: string) {
	await open(page, `/app/orgs/${school}/edit`);
	await page.locator('[name="address"]').fill(address);
	await submit(page, page.getByRole('button', { name: 'Сохранить' }));
	await expect(page.getByRole('status')).toBeVisible();
}

test('публичная страница: из памяти, сжата, без скриптов, 304 по ETag, и сразу новая после правки профиля', async ({
	page,
	browser
}) => {
	await get(BASE_URL, ORG_PAGE);
	const hit = await get(BASE_URL, ORG_PAGE);
	expect(hit.status).toBe(200);
	expect(hit.headers.get('x-reglament-cache')).toBe('hit');
	expect(hit.headers.get('content-encoding')).toBe('br');
	expect(hit.headers.get('vary')).toBe('Accept-Encoding');
	expect(hit.headers.get('content-type')).toBe('text/html; charset=utf-8');
	expect(hit.headers.get('x-frame-options')).toBe('DENY');
	expect(hit.headers.get('content-security-policy')).toContain("script-src 'self'");
	expect(hit.headers.get('cache-control')).toMatch(
		/^public, max-age=\d+, stale-while-revalidate=\d+$/
	);
	const html = await hit.text();
	expect(html).toContain('<h1');
	expect(html).not.toMatch(/<script/i);
	expect(html).not.toContain('__data.json');

	const etag = hit.headers.get('etag')!;
	const notModified = await get(BASE_URL, ORG_PAGE, { 'if-none-match': etag });
	expect(notModified.status).toBe(304);
	expect(await notModified.text()).toBe('');
	expect(
		(await get(BASE_URL, ORG_PAGE, { 'if-modified-since': hit.headers.get('last-modified')! }))
			.status
	).toBe(304);
	// A query string is never served from memory, nor kept.
	expect(
		(await get(BASE_URL, `${ORG_PAGE}?utm=${unique('q')}`)).headers.get('x-reglament-cache')
	).toBeNull();

	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	const address = `с. Новофедоровка, ул. Школьная, ${unique('д')}`;
	await editAddress(page, school, address);
	const fresh = await get(BASE_URL, ORG_PAGE, { 'if-none-match': etag });
	expect(fresh.status).toBe(200);
	expect(fresh.headers.get('x-reglament-cache')).toBe('miss');
	expect(await fresh.text()).toContain(address);
});

test('результаты поиска — из памяти под каноническим ключом; с исправлением запроса — нет; правка профиля их сбрасывает', async ({
	page,
	browser
}) => {
	const search = `/search?q=${encodeURIComponent('журнал')}`;
	await get(BASE_URL, search);
	const hit = await get(BASE_URL, search);
	expect(hit.headers.get('x-reglament-cache')).toBe('hit');
	expect(hit.headers.get('content-encoding')).toBe('br');
	expect(await hit.text()).toMatch(/Найдено: \d+ акт/);
	expect(
		(await get(BASE_URL, `/search?page=1&q=${encodeURIComponent('журнал ')}&utm=mail`)).headers.get(
			'x-reglament-cache'
		)
	).toBe('hit');
	// A page that corrects the query is rendered each time, never kept.
	await get(BASE_URL, `${search}&kind=poem`);
	const corrected = await get(BASE_URL, `${search}&kind=poem`);
	expect(corrected.headers.get('x-reglament-cache')).toBeNull();
	expect(await corrected.text()).toContain('Такого вида документа нет');

	await signIn(page, DEMO.director);
	await editAddress(
		page,
		await demoSchoolId(browser),
		`с. Новофедоровка, ул. Школьная, ${unique('д')}`
	);
	expect((await get(BASE_URL, search)).headers.get('x-reglament-cache')).toBe('miss');
});

test('длинный поисковый запрос — страница по-русски, а не пустой ответ; документные стили — сжатые, с ETag', async () => {
	const long = await get(BASE_URL, `/search?q=${encodeURIComponent('журнал '.repeat(600))}`);
	expect(long.status).toBe(200);
	expect(await long.text()).toContain('<h1');
	const huge = await get(BASE_URL, `/search?q=${'ж'.repeat(20_000)}`);
	expect(huge.status).toBe(431);
	expect(await huge.text()).toContain('Сократите поисковый запрос');
	await get(BASE_URL, '/document.css');
	const css = await get(BASE_URL, '/document.css');
	expect(css.headers.get('x-reglament-cache')).toBe('hit');
	expect(css.headers.get('content-encoding')).toBe('br');
	expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
});

test.describe('два процесса на одном PostgreSQL', () => {
	test.skip(!process.env.TEST_DATABASE_URL, 'нужен TEST_DATABASE_URL');

	test('правка профиля через один процесс убирает из памяти другого страницу, которую тот держал', async ({
		browser
	}) => {
		test.setTimeout(180_000);
		const server = process.env.TEST_DATABASE_URL!;
		const name = `reglament_e2e_cache_${Date.now()}`;
		const admin = postgres(server, { max: 1, onnotice: () => {} });
		await admin.unsafe(`CREATE DATABASE "${name}"`);
		const url = new URL(server);
		url.pathname = `/${name}`;
		const port = Number(process.env.E2E_PORT ?? 4173);
		const bases = [port + 41, port + 42].map((p) => `http://localhost:${p}`);
		const apps: ChildProcess[] = bases.map((base) =>
			spawn(process.execPath, ['scripts/serve.mjs'], {
				env: {
					...process.env,
					PORT: new URL(base).port,
					ORIGIN: base,
					DATABASE_URL: url.toString(),
					SEED_DEMO: '1',
					REMINDERS_INTERVAL_MINUTES: '0'
				},
				stdio: ['ignore', 'ignore', 'inherit']
			})
		);
		try {
			for (const base of bases)
				await expect
					.poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status, {
						timeout: 120_000
					})
					.toBe(200);
			const [first, second] = bases as [string, string];
			for (const base of bases) {
				await get(base, ORG_PAGE);
				expect((await get(base, ORG_PAGE)).headers.get('x-reglament-cache')).toBe('hit');
			}
			const context = await newContext(browser, { baseURL: first });
			const page = await context.newPage();
			await page.goto('/login');
			await page.locator('input[name="email"]').fill(DEMO.director);
			await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
			await Promise.all([
				page.waitForURL(/\/app/),
				page.getByRole('button', { name: 'Войти' }).click()
			]);
			const school = /\/app\/orgs\/([0-9a-f-]{36})/.exec(await page.content())![1]!;
			const address = `пгт Новофедоровка, ${unique('дом')}`;
			await editAddress(page, school, address);
			await context.close();
			await expect
				.poll(async () => (await (await get(second, ORG_PAGE)).text()).includes(address), {
					timeout: 5000
				})
				.toBe(true);
		} finally {
			for (const app of apps) app.kill('SIGTERM');
			await Promise.all(
				apps.map(
					(app) =>
						new Promise((resolve) =>
							app.exitCode !== null ? resolve(null) : app.once('exit', resolve)
						)
				)
			);
			await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			await admin.end();
		}
	});
});
