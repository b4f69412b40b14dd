import {
	test as base,
	expect,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Locator,
	type Page
} from '@playwright/test';

/**
 * SvelteKit starts its router right after hydrating the page, and that is when it listens to
 * `popstate`: this marks the moment, so tests type only into hydrated forms. (Svelte's
 * hydration resets the value of inputs rendered with one, see ssr-hydration.spec.ts.)
 */
const HYDRATION_MARK = `(() => {
	const original = window.addEventListener;
	window.addEventListener = function (type, ...rest) {
		if (type === 'popstate') window.__e2eHydrated = true;
		return original.call(this, type, ...rest);
	};
})();`;

/** The Playwright test with pages that report when they are hydrated. */
export const test = base.extend({
	context: async ({ context }, use) => {
		await context.addInitScript(HYDRATION_MARK);
		await use(context);
	}
});
export { expect };

/** A fresh context (a separate browser profile: its own cookies) with the hydration mark. */
export async function newContext(
	browser: Browser,
	options: BrowserContextOptions = {}
): Promise<BrowserContext> {
	const context = await browser.newContext(options);
	await context.addInitScript(HYDRATION_MARK);
	return context;
}

/** Waits until the page's scripts have hydrated it; a page that has no scripts (public pages) is ready as served. */
export async function waitForHydration(page: Page): Promise<void> {
	await page.waitForFunction(
		() =>
			(window as unknown as { __e2eHydrated?: boolean }).__e2eHydrated === true ||
			(document.readyState !== 'loading' && document.scripts.length === 0)
	);
}

export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
export const DEMO_PASSWORD = 'demo-password';

export const DEMO = {
	admin: 'admin@demo.test',
	region: 'region@demo.test',
	municipality: 'municipality@demo.test',
	director: 'director@demo.test',
	member1: 'member1@demo.test',
	member2: 'member2@demo.test',
	teacher: 'teacher@demo.test'
} as const;

export const DEMO_SCHOOL_SLUG = 'novofedorovskaya-shkola-litsey';
export const WRONG_CREDENTIALS = 'Неверный адрес электронной почты или пароль.';

let counter = 0;
/** A value no other test (nor an earlier run against the same database) has used. */
export function unique(prefix = 'e2e'): string {
	counter += 1;
	return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

export function uniqueEmail(prefix = 'e2e'): string {
	return `${unique(prefix)}@example.test`;
}

/** Fills and submits the login form; does not check where it lands. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
	if (!page.url().includes('/login')) await open(page, '/login');
	else await waitForHydration(page);
	await page.locator('input[name="email"]').fill(email);
	await page.locator('input[name="password"]').fill(password);
	await submit(page, page.getByRole('button', { name: 'Войти' }));
}

/** Presses a submit button and waits for the page the server answers with to load and hydrate. */
export async function submit(page: Page, button: Locator): Promise<void> {
	await Promise.all([
		page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
		button.click()
	]);
	await waitForHydration(page);
}

/**
 * Opens a page and waits until its scripts have hydrated it: what is typed before that into
 * an input rendered with a value would be lost.
 */
export async function open(page: Page, url: string) {
	const response = await page.goto(url);
	await waitForHydration(page);
	return response;
}

/** The one-time key a form that creates rows carries, as the page at `path` renders it for this session. */
export async function submissionKeyOf(page: Page, path: string): Promise<string> {
	const html = await (await page.request.get(path)).text();
	const key = /name="submissionKey" value="([^"]+)"/.exec(html)?.[1];
	if (!key) throw new Error(`${path} renders no submission key`);
	return key;
}

/** Signs in through the login form and waits for the dashboard (or the `next` page). */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await open(page, '/login');
	await submitLogin(page, email, password);
	await expect(page).not.toHaveURL(/\/login/);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

const sessionCookies = new Map<string, Awaited<ReturnType<BrowserContext['cookies']>>>();

/**
 * Signs this page's context in as a demo person, reusing a session opened once by the login
 * form (tests about signing in use `login` instead). Tests that sign out must not use this.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	const known = sessionCookies.get(email);
	if (known) {
		await page.context().addCookies(known);
		return;
	}
	const scratch = await newContext(page.context().browser()!);
	const scratchPage = await scratch.newPage();
	await login(scratchPage, email, password);
	const cookies = await scratch.cookies();
	await scratch.close();
	sessionCookies.set(email, cookies);
	await page.context().addCookies(cookies);
}

/** A fresh browser context signed in as this person (by `signIn`). Close it when done. */
export async function loginAs(
	browser: Browser,
	email: string,
	password = DEMO_PASSWORD
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newContext(browser);
	const page = await context.newPage();
	await signIn(page, email, password);
	await open(page, '/app');
	return { context, page };
}

export function siteNav(page: Page): Locator {
	return page.getByRole('navigation', { name: 'Разделы', exact: true });
}

/** The id of an organisation from a link to it, such as «Школа» in the main navigation. */
export async function orgIdFromLink(link: Locator): Promise<string> {
	const href = await link.getAttribute('href');
	const id = /\/app\/orgs\/([^/?#]+)/.exec(href ?? '')?.[1];
	if (!id) throw new Error(`No organisation id in link ${href}`);
	return id;
}

const ids = new Map<string, string>();

async function cached(key: string, find: () => Promise<string>): Promise<string> {
	const known = ids.get(key);
	if (known) return known;
	const found = await find();
	ids.set(key, found);
	return found;
}

/** The demo school (Новофедоровская школа-лицей), as its director sees it. */
export function demoSchoolId(browser: Browser): Promise<string> {
	return cached('school', async () => {
		const { context, page } = await loginAs(browser, DEMO.director);
		try {
			return await orgIdFromLink(siteNav(page).getByRole('link', { name: 'Школа', exact: true }));
		} finally {
			await context.close();
		}
	});
}

/** Сакский район, as the municipal office sees it. */
export function sakiId(browser: Browser): Promise<string> {
	return cached('saki', async () => {
		const { context, page } = await loginAs(browser, DEMO.municipality);
		try {
			return await orgIdFromLink(
				siteNav(page).getByRole('link', { name: 'Организация', exact: true })
			);
		} finally {
			await context.close();
		}
	});
}

/** Another school of Сакский район (Вересаевская), read from the district's tree. */
export function otherSakiSchoolId(browser: Browser): Promise<string> {
	return cached('other-saki-school', async () => {
		const saki = await sakiId(browser);
		const { context, page } = await loginAs(browser, DEMO.municipality);
		try {
			await page.goto(`/app/orgs/${saki}/tree`);
			return await orgIdFromLink(
				page.locator('ul.tree').getByRole('link', { name: /Вересаевская/ })
			);
		} finally {
			await context.close();
		}
	});
}

/** A school of Амурская область, found by the administrator. */
export function amurSchoolId(browser: Browser): Promise<string> {
	return cached('amur-school', async () => {
		const { context, page } = await loginAs(browser, DEMO.admin);
		try {
			await page.goto('/app/orgs');
			const amur = await orgIdFromLink(
				page.getByRole('link', { name: 'Минобрнауки Амурской области' })
			);
			await page.goto(`/app/orgs/${amur}/tree`);
			return await orgIdFromLink(
				page.locator('ul.tree').getByRole('link', { name: 'МОАУ «Гимназия № 1 г. Благовещенска»' })
			);
		} finally {
			await context.close();
		}
	});
}

/** The one-time link an invitation form shows after it is submitted. */
export async function inviteOnPage(
	page: Page,
	orgId: string,
	person: { email: string; fullName?: string; role?: string; position?: string }
): Promise<string> {
	await open(page, `/app/orgs/${orgId}/people`);
	await page.locator('input[name="email"]').fill(person.email);
	if (person.fullName) await page.locator('input[name="fullName"]').fill(person.fullName);
	if (person.role) await page.locator('select[name="role"]').selectOption({ label: person.role });
	if (person.position) await page.locator('input[name="position"]').fill(person.position);
	await page.getByRole('button', { name: 'Создать приглашение' }).click();
	const link = page.locator('code.link');
	await expect(link).toBeVisible();
	const text = (await link.textContent())?.trim() ?? '';
	expect(text).toMatch(/\/invite\/[^/\s]+$/);
	return text;
}

/** Accepts an invitation in a fresh context as a new person; ends on the login page. */
export async function acceptInvitation(
	browser: Browser,
	link: string,
	fullName: string,
	password: string
): Promise<void> {
	const context = await newContext(browser);
	const page = await context.newPage();
	try {
		await open(page, link);
		await page.locator('input[name="fullName"]').fill(fullName);
		await page.locator('input[name="password"]').fill(password);
		await page.locator('input[name="repeat"]').fill(password);
		await page.getByRole('button', { name: 'Создать учётную запись и принять' }).click();
		await expect(page).toHaveURL(/\/login\?accepted=1/);
	} finally {
		await context.close();
	}
}

/**
 * A new person in the demo school's working group, invited by the director: for tests that
 * change a password, sign out everywhere or hammer the login, without touching demo accounts.
 */
export async function createFreshMember(
	browser: Browser
): Promise<{ email: string; password: string; fullName: string }> {
	const school = await demoSchoolId(browser);
	const email = uniqueEmail('member');
	const fullName = `Тестов Тест ${unique('fio')}`;
	const password = `pass-${unique('pw')}`;
	const { context, page } = await loginAs(browser, DEMO.director);
	try {
		const link = await inviteOnPage(page, school, { email, fullName, role: 'Член рабочей группы' });
		await acceptInvitation(browser, link, fullName, password);
	} finally {
		await context.close();
	}
	return { email, password, fullName };
}

/** The container of a form field (label, input, hint, error) by the input's name. */
export function field(page: Page, name: string): Locator {
	return page.locator('.field', { has: page.locator(`[name="${name}"]`) });
}

/** A valid 10-digit ИНН of an organisation, built from nine digits. */
export function validInn(seed = Date.now()): string {
	const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
	const digits = String(910000000 + (seed % 99999999))
		.slice(0, 9)
		.split('')
		.map(Number);
	const check = (weights.reduce((s, w, i) => s + w * digits[i]!, 0) % 11) % 10;
	return digits.join('') + String(check);
}

/** The page's own form (not the GET filter, not the header's «Выйти»). */
export const postForm = (page: Page) =>
	page.locator('main form[method="POST"]:not([action="/logout"])').first();

/**
 * Fills each field the server marked invalid with something of its kind: a date, a person
 * line for a multi-line field, a number where digits are asked for, text otherwise.
 */
export async function fillInvalidFields(form: Locator): Promise<number> {
	const invalid = form.locator('[aria-invalid="true"]');
	const count = await invalid.count();
	for (let i = 0; i < count; i++) {
		const el = invalid.nth(i);
		const tag = await el.evaluate((e) => e.tagName.toLowerCase());
		const type = await el.getAttribute('type');
		if (tag === 'select') {
			const values = await el
				.locator('option')
				.evaluateAll((options) =>
					options.map((o) => (o as HTMLOptionElement).value).filter(Boolean)
				);
			await el.selectOption(values[0]!);
		} else if (type === 'file') continue;
		// Today fits the demo's story: after its contract, before its paperless date.
		else if (type === 'date')
			await el.fill(
				new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date())
			);
		else if (tag === 'textarea') await el.fill('Иванова Мария Петровна — учитель');
		else if ((await el.getAttribute('inputmode')) === 'numeric') await el.fill('1');
		else await el.fill('Образец 1');
	}
	return count;
}

/** Submits, and while the server finds fields to fix, fills them and submits again. */
export async function submitFillingRequired(
	page: Page,
	buttonName: RegExp | string
): Promise<void> {
	for (let attempt = 0; attempt < 4; attempt++) {
		await submit(page, page.getByRole('button', { name: buttonName }));
		const form = postForm(page);
		if (!(await form.isVisible().catch(() => false))) return;
		if (!(await form.locator('[aria-invalid="true"]').count())) return;
		await fillInvalidFields(form);
	}
	throw new Error('the form kept refusing what was filled in');
}
