import {
	BASE_URL,
	DEMO,
	DEMO_SCHOOL_SLUG,
	demoSchoolId,
	expect,
	open,
	signIn,
	test
} from './helpers';

/** A published act of the demo school: the first of its public page's «Документы» (drafts in discussion come before). */
async function publishedActId(): Promise<string> {
	const html = await (await fetch(`${BASE_URL}/o/${DEMO_SCHOOL_SLUG}`)).text();
	const id = new RegExp(`/o/${DEMO_SCHOOL_SLUG}/d/([0-9a-f-]{36})`).exec(
		html.slice(html.indexOf('id="documents"'))
	)?.[1];
	if (!id) throw new Error('no published act on the demo school page');
	return id;
}

test('«Редактировать» у действующего акта ведёт к новой редакции, а не к отказу; подробности свёрнуты; страница в 390 px', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	const act = await publishedActId();
	await signIn(page, DEMO.director);
	const response = await page.goto(`/app/orgs/${school}/documents/${act}/edit`);
	expect(response?.status()).toBe(200);
	await expect(page).toHaveURL(new RegExp(`/documents/${act}\\?locked=1$`));
	await expect(
		page.getByRole('status').filter({ hasText: 'изменения вносятся новой редакцией' })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Подготовить новую редакцию' })).toBeVisible();
	await expect(page.getByText('Доступ запрещён')).toHaveCount(0);

	// The template and hashes are there for whoever checks, behind «Подробности».
	const details = page.locator('details.technical');
	await expect(details.getByText(/SHA-256 версии/)).toBeHidden();
	await details.locator('summary').click();
	await expect(details.getByText(/SHA-256 версии/)).toBeVisible();

	await page.setViewportSize({ width: 390, height: 800 });
	await page.reload();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('«Новый документ» без выбранного шаблона открывает библиотеку шаблонов', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	await open(page, `/app/orgs/${school}/documents/new`);
	await expect(page).toHaveURL(new RegExp(`/app/orgs/${school}/documents/templates$`));
	expect(
		(await page.goto(`/app/orgs/${school}/documents/new?template=no-such-template`))?.status()
	).toBe(404);
});
