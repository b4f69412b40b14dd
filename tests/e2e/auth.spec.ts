import {
	BASE_URL,
	expect,
	newContext,
	test,
	createFreshMember,
	DEMO,
	DEMO_PASSWORD,
	field,
	login,
	open,
	siteNav,
	submitLogin,
	WRONG_CREDENTIALS
} from './helpers';

const SESSION_COOKIE = 'reglament_session';

const roles: { email: string; heading: string; nav: string[]; notInNav: string[] }[] = [
	{
		email: DEMO.admin,
		heading: 'Администрирование платформы',
		nav: ['Главная', 'Организации', 'Пользователи', 'Почта', 'Уведомления'],
		notInNav: ['Школа', 'Документы']
	},
	{
		email: DEMO.region,
		heading: 'Кабинет органа управления образованием',
		nav: ['Мониторинг', 'Подведомственные', 'Кампании', 'Обращения', 'Организация'],
		notInNav: ['Пользователи', 'Школа', 'Документы']
	},
	{
		email: DEMO.municipality,
		heading: 'Кабинет органа управления образованием',
		nav: ['Мониторинг', 'Подведомственные', 'Кампании', 'Обращения', 'Организация'],
		notInNav: ['Пользователи', 'Школа']
	},
	{
		email: DEMO.director,
		heading: 'Кабинет директора',
		nav: ['Мероприятия', 'Документы', 'Школа', 'Ознакомиться', 'Уведомления'],
		notInNav: ['Пользователи', 'Подведомственные', 'Мониторинг']
	},
	{
		email: DEMO.member1,
		heading: 'Кабинет члена рабочей группы',
		nav: ['Мероприятия', 'Документы', 'Школа'],
		notInNav: ['Пользователи', 'Мониторинг']
	},
	{
		email: DEMO.member2,
		heading: 'Кабинет члена рабочей группы',
		nav: ['Мероприятия', 'Документы', 'Школа'],
		notInNav: ['Пользователи', 'Мониторинг']
	},
	{
		email: DEMO.teacher,
		heading: 'Кабинет сотрудника',
		nav: ['Мероприятия', 'Документы', 'Школа', 'Ознакомиться'],
		notInNav: ['Пользователи', 'Подведомственные', 'Мониторинг']
	}
];

test.describe('Вход под каждой демо-ролью', () => {
	for (const role of roles) {
		test(`${role.email} видит «${role.heading}»`, async ({ page }) => {
			await login(page, role.email);
			await expect(page).toHaveURL(/\/app$/);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(role.heading);
			const nav = siteNav(page);
			// A menu item may carry its count: «Уведомления 3».
			for (const item of role.nav)
				await expect(
					nav.getByRole('link', { name: new RegExp(`^${item}( \\d+)?$`) })
				).toBeVisible();
			for (const item of role.notInNav)
				await expect(nav.getByRole('link', { name: item, exact: true })).toHaveCount(0);
		});
	}
});

test('cookie сеанса: HttpOnly, SameSite=Lax, без Secure по http, Path=/', async ({
	page,
	playwright
}) => {
	await login(page, DEMO.member1);
	const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
	expect(cookie, 'the session cookie is set').toBeTruthy();
	expect(cookie!.httpOnly).toBe(true);
	expect(cookie!.sameSite).toBe('Lax');
	expect(cookie!.secure).toBe(false);
	expect(cookie!.path).toBe('/');
	expect(cookie!.expires, 'a persistent cookie with an expiry').toBeGreaterThan(Date.now() / 1000);
	expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);

	// The raw header, as the server sends it.
	const api = await playwright.request.newContext({ baseURL: BASE_URL });
	try {
		const response = await api.post('/login', {
			form: { email: DEMO.member1, password: DEMO_PASSWORD, next: '/app' },
			headers: { Origin: BASE_URL, Accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		const setCookie = response
			.headersArray()
			.find(
				(h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${SESSION_COOKIE}=`)
			);
		expect(setCookie, 'Set-Cookie for the session').toBeTruthy();
		const attributes = setCookie!.value.split(';').map((a) => a.trim().toLowerCase());
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=lax');
		expect(attributes).toContain('path=/');
		expect(attributes).not.toContain('secure');
	} finally {
		await api.dispose();
	}
});

test('без входа /app ведёт на /login?next=… и после входа возвращает туда', async ({ page }) => {
	await page.goto('/app/account');
	await expect(page).toHaveURL(/\/login\?next=%2Fapp%2Faccount$/);
	await expect(page.getByRole('heading', { name: 'Вход в кабинет' })).toBeVisible();
	await submitLogin(page, DEMO.member1, DEMO_PASSWORD);
	await expect(page).toHaveURL(/\/app\/account$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Учётная запись');

	const fresh = await newContext(page.context().browser()!);
	const other = await fresh.newPage();
	await other.goto('/app');
	await expect(other).toHaveURL(/\/login\?next=%2Fapp$/);
	await fresh.close();
});

test('после входа ссылка next не уводит на чужой сайт', async ({ playwright }) => {
	const api = await playwright.request.newContext({ baseURL: BASE_URL });
	try {
		for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example/']) {
			const response = await api.post('/login', {
				form: { email: DEMO.member1, password: DEMO_PASSWORD, next },
				headers: { Origin: BASE_URL, Accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status(), next).toBe(303);
			expect(response.headers()['location'], next).toBe('/app');
		}
	} finally {
		await api.dispose();
	}
});

test('«Выйти» завершает сеанс на сервере', async ({ page, browser }) => {
	await login(page, DEMO.member1);
	const token = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!.value;
	await page.getByRole('button', { name: 'Выйти', exact: true }).click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto('/app');
	await expect(page).toHaveURL(/\/login\?next=/);

	// The old token no longer opens a session, even if someone kept a copy of the cookie.
	const copy = await newContext(browser);
	await copy.addCookies([{ name: SESSION_COOKIE, value: token, url: BASE_URL }]);
	const copyPage = await copy.newPage();
	await copyPage.goto('/app');
	await expect(copyPage).toHaveURL(/\/login\?next=/);
	await copy.close();
});

test('неверный пароль: сообщение по-русски, адрес остаётся в поле', async ({ page }) => {
	// One wrong attempt on an account that then signs in: a success clears the account's count.
	await open(page, '/login');
	await submitLogin(page, DEMO.teacher, 'not-the-password');
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByRole('alert')).toHaveText(WRONG_CREDENTIALS);
	await expect(page.getByLabel('Электронная почта')).toHaveValue(DEMO.teacher);
	await expect(page.getByLabel('Пароль')).toHaveValue('');
	await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Войти' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Кабинет сотрудника');
});

test('вход ограничен после 5 неудачных попыток, даже с верным паролем', async ({
	page,
	browser
}) => {
	// A person nobody else signs in as, so the limit cannot disturb other tests.
	const person = await createFreshMember(browser);
	await open(page, '/login');
	for (let attempt = 1; attempt <= 4; attempt++) {
		await submitLogin(page, person.email, `wrong-password-${attempt}`);
		await expect(page.getByRole('alert')).toHaveText(WRONG_CREDENTIALS);
	}
	// The fifth failure closes the gate and says so.
	await submitLogin(page, person.email, 'wrong-password-5');
	await expect(page.getByRole('alert')).toContainText(WRONG_CREDENTIALS);
	await expect(page.getByRole('alert')).toContainText(/Попробуйте снова через \d+ мин\./);

	await submitLogin(page, person.email, 'wrong-password-6');
	await expect(page.getByRole('alert')).toHaveText(
		/^Слишком много неудачных попыток входа\. Попробуйте снова через (1[0-5]|[1-9]) мин\.$/
	);

	const refused = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
	);
	await submitLogin(page, person.email, person.password);
	expect((await refused).status()).toBe(429);
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByRole('alert')).toContainText(/Попробуйте снова через \d+ мин\./);
	await page.goto('/app');
	await expect(page).toHaveURL(/\/login\?next=/);
});

test('смена пароля: неверный текущий — сообщение у поля; успех завершает другие сеансы', async ({
	page,
	browser
}) => {
	const person = await createFreshMember(browser);
	await login(page, person.email, person.password);
	const second = await newContext(browser);
	const secondPage = await second.newPage();
	await login(secondPage, person.email, person.password);

	await open(page, '/app/account');
	const newPassword = `new-${person.password}`;
	await page.locator('input[name="current"]').fill('definitely-wrong');
	await page.locator('input[name="next"]').fill(newPassword);
	await page.locator('input[name="repeat"]').fill(newPassword);
	await page.getByRole('button', { name: 'Сменить пароль' }).click();
	await expect(field(page, 'current').locator('.error')).toHaveText(
		'Текущий пароль введён неверно.'
	);
	await expect(page.locator('[name="current"]')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByRole('status')).toHaveCount(0);

	await page.locator('input[name="current"]').fill(person.password);
	await page.locator('input[name="next"]').fill(newPassword);
	await page.locator('input[name="repeat"]').fill(newPassword);
	await page.getByRole('button', { name: 'Сменить пароль' }).click();
	await expect(page.getByRole('status')).toContainText('Пароль изменён.');

	// This session goes on; the other one is over.
	await page.goto('/app');
	await expect(page).toHaveURL(/\/app$/);
	await secondPage.goto('/app');
	await expect(secondPage).toHaveURL(/\/login\?next=/);

	// The new password works, the old one does not.
	await submitLogin(secondPage, person.email, person.password);
	await expect(secondPage.getByRole('alert')).toHaveText(WRONG_CREDENTIALS);
	await submitLogin(secondPage, person.email, newPassword);
	await expect(secondPage).toHaveURL(/\/app$/);
	await second.close();
});

test('«Выйти везде» завершает все сеансы, включая текущий', async ({ page, browser }) => {
	const person = await createFreshMember(browser);
	await login(page, person.email, person.password);
	const second = await newContext(browser);
	const secondPage = await second.newPage();
	await login(secondPage, person.email, person.password);

	await page.goto('/app/account');
	await page.getByRole('button', { name: 'Выйти везде' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto('/app');
	await expect(page).toHaveURL(/\/login\?next=/);
	await secondPage.goto('/app');
	await expect(secondPage).toHaveURL(/\/login\?next=/);
	await second.close();
});
