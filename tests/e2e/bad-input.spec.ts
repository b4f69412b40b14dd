import type { APIResponse, Page } from '@playwright/test';
import {
	BASE_URL,
	DEMO,
	demoSchoolId,
	expect,
	sakiId,
	signIn,
	submissionKeyOf,
	test,
	uniqueEmail
} from './helpers';

/** A form post as a browser without JavaScript sends it, with this page's cookies. */
function post(page: Page, path: string, form: Record<string, string>): Promise<APIResponse> {
	return page.request.post(path, {
		form,
		headers: { Origin: BASE_URL, Accept: 'text/html' },
		maxRedirects: 0
	});
}

/** Answers a person, not a crash: a 4xx (or 200/303) with a Russian page, never a 5xx. */
async function expectHandled(
	response: APIResponse,
	label: string,
	statuses = [200, 303, 400, 403, 404]
) {
	expect(statuses, `${label}: status ${response.status()}`).toContain(response.status());
	expect(await response.text(), label).not.toContain('Внутренняя ошибка сервера');
}

test('ссылки-приглашения и ссылки сброса с чужим или испорченным токеном', async ({ page }) => {
	for (const token of ['nonsense', 'x'.repeat(2000), '%E2%98%83']) {
		const invite = await page.goto(`/invite/${token}`);
		expect(invite?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Приглашение недействительно');
		const reset = await page.goto(`/reset/${token}`);
		expect(reset?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ссылка недействительна');
	}
	const acceptDead = await post(page, '/invite/nonsense?/create', {
		fullName: 'Кто-то',
		password: 'long-enough-password',
		repeat: 'long-enough-password'
	});
	await expectHandled(acceptDead, 'accepting a dead invitation', [400]);
	const resetDead = await post(page, '/reset/nonsense', {
		password: 'long-enough-password',
		repeat: 'long-enough-password'
	});
	await expectHandled(resetDead, 'using a dead reset link', [400]);
});

test('вход с чрезмерно длинными полями отвечает сообщением, а не ошибкой сервера', async ({
	page
}) => {
	// An address that cannot be one is refused before any password check, so it is no failed attempt.
	const response = await post(page, '/login', {
		email: `${'a'.repeat(5000)}@example.test`,
		password: 'x',
		next: '/app'
	});
	await expectHandled(response, 'login with a 5000-char address', [400]);
	expect(await response.text()).toContain('Адрес электронной почты слишком длинный.');
});

test('форма профиля с испорченными значениями: 400 и сообщения у полей', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	const response = await post(page, `/app/orgs/${school}/edit`, {
		fullName: 'Ж'.repeat(20_000),
		shortName: '',
		slug: 'Не Латиница!',
		headName: '',
		headPosition: '',
		address: '',
		website: 'javascript:alert(1)',
		inn: '12345',
		journalSystem: 'zzz',
		journalSystemOther: '',
		paperlessSince: '31.02.2021',
		timeZone: 'Mars/Olympus'
	});
	await expectHandled(response, 'profile with nonsense', [400]);
	const html = await response.text();
	for (const message of [
		'Полное наименование: не больше 500 символов.',
		'Укажите краткое наименование.',
		'Адрес страницы: только латинские буквы',
		'ИНН неверен',
		'Выберите систему из списка',
		'Укажите дату в виде ДД.ММ.ГГГГ',
		'Выберите часовой пояс из списка.'
	])
		expect(html, message).toContain(message);
	expect(html).not.toContain('href="javascript:');
});

test('действия с несуществующими id и мусором в запросе не роняют сервер', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	const saki = await sakiId(browser);
	await signIn(page, DEMO.director);
	await expectHandled(
		await post(page, `/app/orgs/${school}/people?/revoke`, { invitationId: 'garbage' }),
		'revoke garbage id',
		[400]
	);
	await expectHandled(
		await post(page, `/app/orgs/${school}/people?/revoke`, {
			invitationId: '00000000-0000-4000-8000-000000000000'
		}),
		'revoke unknown id',
		[400]
	);
	await expectHandled(
		await post(page, `/app/orgs/${school}/people?/remove`, { membershipId: 'garbage' }),
		'remove garbage id',
		[400]
	);
	await expectHandled(
		await post(page, `/app/orgs/${school}/people?/invite`, {
			email: uniqueEmail('long'),
			fullName: 'Ф'.repeat(5000),
			role: 'staff',
			position: '',
			submissionKey: await submissionKeyOf(page, `/app/orgs/${school}/people`)
		}),
		'invite with a 5000-char name',
		[400]
	);
	await expectHandled(
		await post(page, `/app/orgs/${school}/people?/invite`, {
			email: uniqueEmail('role'),
			role: 'superuser',
			submissionKey: await submissionKeyOf(page, `/app/orgs/${school}/people`)
		}),
		'invite with an unknown role',
		[400]
	);
	const audit = await page.goto(`/app/orgs/${school}/audit?page=99999999999`);
	expect(audit?.status()).toBe(200);
	await expectHandled(
		await page.request.get('/app/admin/users'),
		'admin page for a director',
		[403]
	);

	const district = await browser.newContext();
	const districtPage = await district.newPage();
	await signIn(districtPage, DEMO.municipality);
	const notCsv = await districtPage.request.post(`/app/orgs/${saki}/import`, {
		multipart: {
			file: {
				name: 'photo.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from([
					0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x22, 0x0a
				])
			}
		},
		headers: { Origin: BASE_URL, Accept: 'text/html' },
		maxRedirects: 0
	});
	await expectHandled(notCsv, 'import of a binary file', [400]);
	const empty = await districtPage.request.post(`/app/orgs/${saki}/import`, {
		multipart: { other: 'x' },
		headers: { Origin: BASE_URL, Accept: 'text/html' },
		maxRedirects: 0
	});
	await expectHandled(empty, 'import without a file', [400]);
	expect(await empty.text()).toContain('Выберите CSV-файл со списком школ.');
	const newKind = await districtPage.goto(`/app/orgs/${saki}/new?kind=region`);
	expect([200, 404]).toContain(newKind?.status());
	await district.close();
});

test('повреждённое тело формы: 400 со страницей по-русски, не 500', async ({ page }) => {
	await signIn(page, DEMO.director);
	const school = await demoSchoolId(page.context().browser()!);
	const broken = [
		{
			'Content-Type': 'multipart/form-data; boundary=----x',
			body: '------x\r\nContent-Disposition: form-data; name="title"\r\n\r\nобрыв'
		},
		{ 'Content-Type': 'multipart/form-data', body: 'нет границы' }
	];
	for (const target of [
		'/login',
		`/app/orgs/${school}/people?/invite`,
		`/app/orgs/${school}/documents/new`
	]) {
		for (const { body, ...headers } of broken) {
			const response = await page.request.post(target, {
				headers: { ...headers, Origin: BASE_URL, Accept: 'text/html' },
				data: body,
				maxRedirects: 0
			});
			await expectHandled(response, `${target} ${headers['Content-Type']}`, [400, 415]);
		}
		const plain = await page.request.post(target, {
			headers: { 'Content-Type': 'text/plain', Origin: BASE_URL, Accept: 'text/html' },
			data: 'title=x',
			maxRedirects: 0
		});
		await expectHandled(plain, `${target} text/plain`, [400, 415]);
	}
});

test('заголовки защиты: CSP без внешних источников, Permissions-Policy, кодировка, no-store в кабинете', async ({
	page
}) => {
	const home = await page.request.get('/');
	const csp = home.headers()['content-security-policy'] ?? '';
	expect(csp).toContain("script-src 'self'");
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("img-src 'self' data:");
	expect(home.headers()['permissions-policy']).toContain('camera=()');
	expect(home.headers()['content-type']).toMatch(/text\/html;\s*charset=utf-8/i);
	await signIn(page, DEMO.director);
	const cabinet = await page.request.get('/app');
	expect(cabinet.headers()['cache-control']).toBe('no-store');
});
