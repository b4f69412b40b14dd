import type { APIResponse, Page } from '@playwright/test';
import {
	amurSchoolId,
	BASE_URL,
	DEMO,
	demoSchoolId,
	expect,
	open,
	otherSakiSchoolId,
	sakiId,
	signIn,
	siteNav,
	submissionKeyOf,
	test,
	uniqueEmail
} from './helpers';

const OTHER_SCHOOL = 'МБОУ «Вересаевская средняя школа»';

/** A form post as a browser without JavaScript would send it, with this page's cookies. */
function postForm(page: Page, path: string, form: Record<string, string>): Promise<APIResponse> {
	return page.request.post(path, {
		form,
		headers: { Origin: BASE_URL, Accept: 'text/html' },
		maxRedirects: 0
	});
}

/** The form of a profile edit with every field filled. */
function profileForm(overrides: Record<string, string>): Record<string, string> {
	return {
		fullName: 'Взломанное полное наименование',
		shortName: 'Взломано',
		slug: '',
		headName: 'Посторонний Директор',
		headPosition: 'Директор',
		address: 'нигде',
		website: '',
		inn: '',
		journalSystem: '',
		journalSystemOther: '',
		paperlessSince: '',
		timeZone: 'Europe/Simferopol',
		...overrides
	};
}

/** Refused by the app's permission check (its Russian error page), not by anything on the way. */
async function expectRefusedPost(response: APIResponse, statuses: number[]) {
	expect(statuses).toContain(response.status());
	expect(await response.text()).toMatch(/<h1>(Страница не найдена|Доступ запрещён)<\/h1>/);
}

async function expectRefused(page: Page, path: string) {
	const response = await page.goto(path);
	expect([403, 404], `${path} answers ${response?.status()}`).toContain(response?.status());
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		/Страница не найдена|Доступ запрещён/
	);
	await expect(page.locator('body')).not.toContainText('Вересаевская');
}

test.describe('директор демо-школы и чужая школа', () => {
	test('страницы чужой школы отвечают 404/403 и не раскрывают её', async ({ page, browser }) => {
		const other = await otherSakiSchoolId(browser);
		await signIn(page, DEMO.director);
		for (const suffix of ['', '/edit', '/people', '/audit'])
			await expectRefused(page, `/app/orgs/${other}${suffix}`);
		// An id that does not exist at all looks the same.
		await expectRefused(page, '/app/orgs/00000000-0000-4000-8000-000000000000/edit');
		await expectRefused(page, '/app/orgs/not-a-uuid');
	});

	test('отправка формы профиля чужой школы отклонена и ничего не меняет', async ({
		page,
		browser
	}) => {
		const other = await otherSakiSchoolId(browser);
		await signIn(page, DEMO.director);
		await expectRefusedPost(
			await postForm(page, `/app/orgs/${other}/edit`, profileForm({})),
			[403, 404]
		);

		const invited = uniqueEmail('intruder');
		const invite = await postForm(page, `/app/orgs/${other}/people?/invite`, {
			email: invited,
			fullName: '',
			role: 'working_group',
			position: ''
		});
		await expectRefusedPost(invite, [403, 404]);

		// The same request to the director's own school goes through: the refusal above is the
		// permission check, not the way the request is made.
		const ownPeople = `/app/orgs/${await demoSchoolId(browser)}/people`;
		const own = await postForm(page, `${ownPeople}?/invite`, {
			email: uniqueEmail('control'),
			fullName: '',
			role: 'staff',
			position: '',
			submissionKey: await submissionKeyOf(page, ownPeople)
		});
		expect(own.status()).toBe(200);
		expect(await own.text()).toMatch(/\/invite\/[A-Za-z0-9_-]+/);

		// The district office sees the school as it was, with no new invitation.
		const district = await page.context().browser()!.newContext();
		const districtPage = await district.newPage();
		await signIn(districtPage, DEMO.municipality);
		await districtPage.goto(`/app/orgs/${other}`);
		await expect(districtPage.getByRole('heading', { level: 1 })).toHaveText(OTHER_SCHOOL);
		await expect(districtPage.locator('dl.props')).not.toContainText('Взлом');
		await expect(districtPage.locator('dl.props')).not.toContainText('Посторонний Директор');
		await districtPage.goto(`/app/orgs/${other}/people`);
		await expect(districtPage.getByRole('heading', { name: /Ожидают ответа/ })).toBeVisible();
		await expect(districtPage.locator('main')).not.toContainText(invited);
		await district.close();
	});
});

test.describe('сотрудник (педагог) своей школы', () => {
	test('не видит правки профиля и приглашений, а прямые запросы получают 403', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.teacher);

		await page.goto(`/app/orgs/${school}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'МБОУ «Новофедоровская школа-лицей»'
		);
		await expect(page.getByRole('link', { name: 'Изменить профиль' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Журнал действий' })).toHaveCount(0);

		await page.goto(`/app/orgs/${school}/people`);
		await expect(page.getByRole('heading', { name: /Сотрудники в системе/ })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Пригласить' })).toHaveCount(0);
		await expect(page.locator('form[action="?/invite"]')).toHaveCount(0);
		await expect(page.getByRole('button', { name: /Снять роль/ })).toHaveCount(0);
		// Colleagues' addresses are not shown to staff.
		await expect(page.locator('main')).not.toContainText('@demo.test');

		const edit = await page.goto(`/app/orgs/${school}/edit`);
		expect(edit?.status()).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Доступ запрещён');

		const audit = await page.goto(`/app/orgs/${school}/audit`);
		expect(audit?.status()).toBe(403);

		const editPost = await postForm(
			page,
			`/app/orgs/${school}/edit`,
			profileForm({
				shortName: 'МБОУ «Новофедоровская школа-лицей»',
				fullName: 'Изменено педагогом'
			})
		);
		await expectRefusedPost(editPost, [403]);

		const invited = uniqueEmail('by-teacher');
		const invite = await postForm(page, `/app/orgs/${school}/people?/invite`, {
			email: invited,
			fullName: '',
			role: 'staff',
			position: ''
		});
		await expectRefusedPost(invite, [403]);

		// The director sees neither change.
		const director = await page.context().browser()!.newContext();
		const directorPage = await director.newPage();
		await signIn(directorPage, DEMO.director);
		await directorPage.goto(`/app/orgs/${school}`);
		await expect(directorPage.locator('dl.props')).not.toContainText('Изменено педагогом');
		await directorPage.goto(`/app/orgs/${school}/people`);
		await expect(directorPage.getByRole('heading', { name: /Ожидают ответа/ })).toBeVisible();
		await expect(directorPage.locator('main')).not.toContainText(invited);
		await director.close();
	});
});

test.describe('органы управления видят только своё', () => {
	test('муниципалитет видит школы Сакского района, но не школу Амурской области', async ({
		page,
		browser
	}) => {
		const saki = await sakiId(browser);
		const amur = await amurSchoolId(browser);
		const other = await otherSakiSchoolId(browser);
		await signIn(page, DEMO.municipality);
		await page.goto(`/app/orgs/${saki}/tree`);
		const tree = page.locator('ul.tree');
		await expect(
			tree.getByRole('link', { name: 'МБОУ «Новофедоровская школа-лицей»' })
		).toBeVisible();
		await expect(tree.getByRole('link', { name: OTHER_SCHOOL })).toBeVisible();
		await expect(tree).not.toContainText('Благовещенск');

		const ok = await page.goto(`/app/orgs/${other}`);
		expect(ok?.status()).toBe(200);
		await expect(page.getByRole('link', { name: 'Изменить профиль' })).toBeVisible();

		for (const suffix of ['', '/edit', '/people', '/audit']) {
			const refused = await page.goto(`/app/orgs/${amur}${suffix}`);
			expect(refused?.status(), `Amur school${suffix}`).toBe(404);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
		}
	});

	test('министерство Крыма видит школы Сакского района, но не школу Амурской области', async ({
		page,
		browser
	}) => {
		const amur = await amurSchoolId(browser);
		const other = await otherSakiSchoolId(browser);
		await signIn(page, DEMO.region);
		await open(page, '/app');
		const regionId = await siteNav(page)
			.getByRole('link', { name: 'Организация', exact: true })
			.getAttribute('href');
		await page.goto(`${regionId}/tree`);
		const tree = page.locator('ul.tree');
		await expect(
			tree.getByRole('link', { name: 'Отдел образования Сакского района' })
		).toBeVisible();
		await expect(tree.getByRole('link', { name: OTHER_SCHOOL })).toBeVisible();
		await expect(tree).not.toContainText('Амурск');

		const ok = await page.goto(`/app/orgs/${other}`);
		expect(ok?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(OTHER_SCHOOL);

		const refused = await page.goto(`/app/orgs/${amur}`);
		expect(refused?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
	});
});
