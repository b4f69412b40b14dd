import type { Page } from '@playwright/test';
import {
	BASE_URL,
	DEMO,
	DEMO_PASSWORD,
	demoSchoolId,
	expect,
	newContext,
	open,
	signIn,
	submit,
	submitFillingRequired,
	test,
	unique
} from './helpers';

// The visual editor over the document's Markdown: a director adds a numbered point with the toolbar,
// saves a version, and the comparison shows that point as the one insertion.

// Acts with sections and numbered points; the demo school may have some in force already (a second one is refused).
const ACTS = [
	'school-instruction-additions',
	'school-procedure-storage',
	'school-rules-support',
	'school-rules-diary-service',
	'school-regulation-paperless',
	'school-regulation-working-group'
];

/** A draft act with a text of sections and points: one already in the registry, or a new one. */
async function openActDraft(page: Page, school: string): Promise<string> {
	for (const kind of ['instruction', 'procedure', 'rules', 'regulation']) {
		await open(page, `/app/orgs/${school}/documents?status=draft&kind=${kind}`);
		for (const href of await page
			.locator('table tbody tr td:first-child a')
			.evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
			await open(page, href);
			if (
				(await page.getByRole('link', { name: 'Редактировать' }).count()) &&
				(await page.locator('.doc-body ol').count())
			)
				return href;
		}
	}
	for (const template of ACTS) {
		await open(page, `/app/orgs/${school}/documents/new?template=${template}`);
		await submitFillingRequired(page, 'Сформировать черновик');
		if (await page.getByRole('status').filter({ hasText: 'Черновик сформирован' }).count())
			return new URL(page.url()).pathname;
		// In force already: its new edition is the draft a director edits.
		const edition = page.getByRole('button', { name: 'Подготовить новую редакцию' });
		if (await edition.count()) {
			await submit(page, edition);
			if (await page.getByRole('status').filter({ hasText: 'Начата новая редакция' }).count())
				return new URL(page.url()).pathname;
		}
	}
	throw new Error('нет черновика акта с пунктами');
}

const currentVersion = async (page: Page) =>
	Number(
		/версия (\d+)/.exec(
			(await page.locator('section[aria-labelledby="doc-title"] p.muted').first().textContent()) ??
				''
		)?.[1]
	);

test('визуальный режим: пункт с панели, версия с ним, «только изменения» показывают его вставленным', async ({
	page,
	browser
}) => {
	test.setTimeout(60_000);
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	const docPath = await openActDraft(page, school);
	const version = await currentVersion(page);

	await open(page, `${docPath}/edit`);
	await page.getByRole('button', { name: 'Визуально' }).click();
	const toolbar = page.getByRole('toolbar', { name: 'Оформление текста' });
	await expect(toolbar).toBeVisible();
	const editor = page.getByRole('textbox', { name: 'Текст документа' });
	// The document as it reads: a heading without «##», points as a numbered list.
	await expect(editor.locator('h2').first()).toHaveText(/^I\. /);
	await expect(page.locator('textarea[name="source"]')).toBeHidden();

	// Saving what was opened, untouched, makes no new version.
	await submit(page, page.getByRole('button', { name: `Сохранить как версию ${version + 1}` }));
	await expect(page.locator('#source-error')).toHaveText(/^Текст не изменился/);

	const word = unique('Пунктспанели').replace(/-/g, '');
	await editor.locator('ol > li').first().locator('p').first().click();
	await toolbar.getByRole('button', { name: 'Пункт', exact: true }).click();
	await page.keyboard.type(`Новый пункт ${word} о сроках.`);
	await toolbar.getByRole('button', { name: 'Жирный' }).click();
	await page.keyboard.type(' Важно');

	// The same Markdown field: the new point is point 2, the rest renumbered, the bold in «**».
	await page.getByRole('button', { name: 'Исходный текст' }).click();
	const source = await page.locator('textarea[name="source"]').inputValue();
	expect(source).toContain(`\n2. Новый пункт ${word} о сроках. **Важно**\n3. `);
	expect(source).toMatch(/^## I\. /m);
	await page.getByRole('button', { name: 'Визуально' }).click();
	await expect(toolbar).toBeVisible();

	await page.locator('input[name="note"]').fill('пункт о сроках');
	await submit(page, page.getByRole('button', { name: `Сохранить как версию ${version + 1}` }));
	await expect(page.getByRole('status')).toHaveText(`Сохранена версия ${version + 1}.`);
	await expect(page.locator('.doc-body')).toContainText(word);

	await open(page, `${docPath}/diff`);
	await expect(page.locator('select[name="b"] option:checked')).toHaveText(
		new RegExp(`^Версия ${version + 1} от \\d\\d\\.\\d\\d\\.\\d{4}, .+: пункт о сроках$`)
	);
	await submit(page, page.getByRole('link', { name: 'Только изменения' }));
	await expect(page).toHaveURL(/only=1/);
	const inserted = page.locator('.block.added');
	await expect(inserted).toHaveCount(1);
	await expect(inserted).toContainText(`2. Новый пункт ${word} о сроках. Важно`);
	await expect(inserted.locator('strong')).toHaveText('Важно');
	await expect(page.locator('#change-1')).toContainText('Изменение 1 из 1');
	await expect(page.locator('.gap').first()).toContainText('без изменений');
	expect(await page.locator('.block.same').count()).toBeLessThanOrEqual(2);
});

/** The draft act the visual test saved (or a new one), found by a scripted session. */
async function draftWithText(browser: import('@playwright/test').Browser): Promise<string> {
	const context = await newContext(browser);
	const page = await context.newPage();
	await signIn(page, DEMO.director);
	const href = await openActDraft(page, await demoSchoolId(browser));
	await context.close();
	return href;
}

test('без JavaScript правка идёт в поле Markdown и сохраняет версию', async ({ browser }) => {
	const context = await newContext(browser, { javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`${BASE_URL}/login`);
	await page.locator('input[name="email"]').fill(DEMO.director);
	await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Войти' }).click();
	await expect(page).toHaveURL(/\/app$/);
	await page.goto(`${BASE_URL}${await draftWithText(browser)}/edit`);
	await expect(page.getByRole('button', { name: 'Визуально' })).toHaveCount(0);
	const source = page.locator('textarea[name="source"]');
	const word = unique('безскриптов').replace(/-/g, '');
	await source.fill(`${await source.inputValue()}\nДополнение ${word}.\n`);
	await page.getByRole('button', { name: /^Сохранить как версию/ }).click();
	await expect(page.getByRole('status')).toHaveText(/^Сохранена версия \d+\.$/);
	await expect(page.locator('.doc-body')).toContainText(word);
	await context.close();
});
