import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import {
	DEMO,
	DEMO_SCHOOL_SLUG,
	demoSchoolId,
	expect,
	field,
	loginAs,
	newContext,
	open,
	submit,
	test
} from './helpers';

// The demo school's orders № 1-о…3-о are signed with their own numbers; its acts and plans are approved by
// order № 4-о and published; a new edition of its
// «Регламент ведения электронного журнала» is in public discussion with two proposals, one
// published with an answer (Иваненко Светлана) and one waiting for moderation (Мустафаев Эмиль).
const SCHOOL = `/o/${DEMO_SCHOOL_SLUG}`;
const SCHOOL_NAME = 'МБОУ «Новофедоровская школа-лицей»';
const ACT = 'Положение об электронном журнале';
const DISCUSSED = 'Регламент ведения электронного журнала';
const THANKS = 'Спасибо! Предложение появится после проверки модератором.';

const section = (page: Page, heading: string) =>
	page.locator('section', { has: page.getByRole('heading', { name: heading, exact: true }) });

async function hrefOf(link: Locator): Promise<string> {
	const href = await link.getAttribute('href');
	if (!href) throw new Error('link without href');
	return href;
}

/** The public address of a published act of the demo school, read from the school's page. */
async function actAddress(page: Page, title = ACT): Promise<string> {
	await page.goto(SCHOOL);
	return hrefOf(section(page, 'Документы').getByRole('link', { name: title, exact: true }));
}

/** The public address of the draft in discussion, read from the school's page. */
async function discussionAddress(page: Page): Promise<string> {
	await page.goto(SCHOOL);
	return hrefOf(
		section(page, 'Общественное обсуждение').getByRole('link', { name: DISCUSSED, exact: true })
	);
}

/** Presses a submit button of a page without JavaScript and waits for the answer to load. */
async function post(page: Page, button: Locator): Promise<void> {
	await Promise.all([
		page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
		button.click()
	]);
	await page.waitForLoadState('load');
}

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

test('главная: регионы со счётом, поиск организации по названию, проекты на обсуждении и новое; поиск документов', async ({
	page
}) => {
	await open(page, '/');
	const directory = section(page, 'Регионы');
	await expect(
		directory.getByRole('link', { name: 'Минобразования Республики Крым' })
	).toHaveAttribute('href', '/o/krym');
	await expect(directory).toContainText(
		/Минобразования Республики Крым \d+ муниципалитет\S* · \d+ школ/
	);
	await expect(section(page, 'Идёт обсуждение').getByRole('link').first()).toHaveAttribute(
		'href',
		/^\/o\/[a-z0-9-]+\/d\/[0-9a-f-]{36}$/
	);
	await expect(section(page, 'Недавно опубликовано').getByRole('link').first()).toHaveAttribute(
		'href',
		/^\/o\/[a-z0-9-]+\/d\/[0-9a-f-]{36}$/
	);
	// From a region down to the school, as the front page no longer lists 40,000 of them.
	await submit(page, directory.getByRole('link', { name: 'Минобразования Республики Крым' }));
	await expect(
		page.getByRole('link', { name: 'Отдел образования Сакского района' })
	).toHaveAttribute('href', '/o/saki-rayon');

	await open(page, '/');
	await page.getByLabel('Найти школу или орган управления по названию').fill('новофедоровская');
	await Promise.all([
		page.waitForURL(/\/\?name=/),
		page.getByRole('button', { name: 'Найти' }).nth(1).click()
	]);
	await expect(
		section(page, 'Организации по запросу «новофедоровская»').getByRole('link', {
			name: SCHOOL_NAME
		})
	).toHaveAttribute('href', SCHOOL);
	await page.getByLabel('Найти школу или орган управления по названию').fill('н');
	await Promise.all([
		page.waitForURL(/\/\?name=/),
		page.getByRole('button', { name: 'Найти' }).nth(1).click()
	]);
	await expect(page.locator('#org-name-error')).toHaveText('Напишите хотя бы две буквы названия.');

	await page.getByLabel('Поиск по опубликованным документам').fill('журнал');
	await Promise.all([
		page.waitForURL(/\/search\?q=/),
		page.getByRole('button', { name: 'Найти' }).first().click()
	]);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Поиск по опубликованным документам'
	);
	await expect(page.getByText(/^Найдено: \d+ акт/)).toBeVisible();
});

test('страница школы: профиль, действующие акты по видам, проект на обсуждении; без черновиков', async ({
	page
}) => {
	const response = await page.goto(SCHOOL);
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCHOOL_NAME);
	await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
		'href',
		`${new URL(page.url()).origin}${SCHOOL}`
	);
	await expect(page.locator('dl.props')).toContainText('Полное наименование');
	await expect(
		page
			.getByRole('navigation', { name: 'Путь' })
			.getByRole('link', { name: 'Отдел образования Сакского района' })
	).toHaveAttribute('href', '/o/saki-rayon');

	const documents = section(page, 'Документы');
	for (const kind of ['Приказ', 'Положение', 'Регламент'])
		await expect(
			documents.getByRole('heading', { level: 3, name: kind, exact: true })
		).toBeVisible();
	const row = documents
		.getByRole('row')
		.filter({ has: page.getByRole('link', { name: ACT, exact: true }) });
	await expect(row).toContainText(/приказом от \d\d\.\d\d\.\d{4} № 4-о/);
	await expect(row).toContainText('Действует');
	// A draft of the set (the parents' consent form) is not published.
	await expect(page.getByText('Согласие родителя')).toHaveCount(0);

	const discussion = section(page, 'Общественное обсуждение');
	await expect(discussion.getByRole('link', { name: DISCUSSED })).toBeVisible();
	await expect(discussion).toContainText(/обсуждение с \d\d\.\d\d\.\d{4} по \d\d\.\d\d\.\d{4}/);
});

test('страница муниципалитета: школы района со ссылками', async ({ page }) => {
	await page.goto('/o/saki-rayon');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Отдел образования Сакского района'
	);
	await expect(section(page, 'Школы').getByRole('link', { name: SCHOOL_NAME })).toHaveAttribute(
		'href',
		SCHOOL
	);
});

test('действующий акт: утверждённый текст со штампом, приказ, SHA-256, DOCX, canonical и печать', async ({
	page
}) => {
	const address = await actAddress(page);
	await open(page, address);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(ACT);
	await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
		'href',
		`${new URL(page.url()).origin}${address}`
	);
	const props = page.locator('dl.props');
	await expect(props).toContainText('Действует');
	const order = props.getByRole('link', { name: /^приказом от \d\d\.\d\d\.\d{4} № 4-о$/ });
	await expect(order).toHaveAttribute('href', new RegExp(`^${SCHOOL}/d/[0-9a-f-]{36}$`));
	await expect(props.locator('code')).toHaveText(/^[0-9a-f]{64}$/);
	const text = page.getByRole('region', { name: 'Текст документа' });
	await expect(text).toContainText('УТВЕРЖДЕНО');
	await expect(text).toContainText('№ 4-о');

	const docx = await page.request.get(
		await hrefOf(page.getByRole('link', { name: 'Скачать DOCX' }))
	);
	expect(docx.status()).toBe(200);
	expect(docx.headers()['content-type']).toBe(
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
	);
	expect(docx.headers()['content-disposition']).toContain("filename*=UTF-8''");
	expect((await docx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
	// The same act as PDF and as ODT, beside the DOCX, named like it.
	const name = /filename\*=UTF-8''(.+)\.docx$/.exec(docx.headers()['content-disposition']!)![1];
	for (const [label, type, magic] of [
		['Скачать PDF', 'application/pdf', '%PDF-'],
		['Скачать ODT', 'application/vnd.oasis.opendocument.text', 'PK\u0003\u0004']
	] as const) {
		const link = page.getByRole('link', { name: label });
		await expect(link).toHaveAttribute('download', '');
		const file = await page.request.get(await hrefOf(link));
		expect(file.status(), label).toBe(200);
		expect(file.headers()['content-type']).toBe(type);
		expect(file.headers()['content-disposition']).toContain(
			`''${name}.${label.slice(-3).toLowerCase()}`
		);
		expect((await file.body()).subarray(0, magic.length).toString('latin1')).toBe(magic);
	}

	// On paper only the act remains.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'Путь' })).toBeHidden();
	await expect(page.getByRole('link', { name: 'Скачать DOCX' })).toBeHidden();
	await expect(page.locator('article.doc')).toBeVisible();

	await page.emulateMedia({ media: 'screen' });
	await Promise.all([page.waitForURL(/\/d\//), order.click()]);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Приказ');
});

test('проект на обсуждении: баннер, опубликованные предложения с ответами, непроверенных нет', async ({
	page
}) => {
	const address = await discussionAddress(page);
	await open(page, address);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(DISCUSSED);
	await expect(page.getByRole('note')).toContainText(
		/^Проект\. Обсуждение до \d\d\.\d\d\.\d{4}, (последний день|остал(ся|ось) \d+ (день|дня|дней))\./
	);
	const proposals = section(page, 'Предложения');
	await expect(proposals).toContainText('Иваненко Светлана');
	await expect(proposals).toContainText('Ответ рабочей группы');
	await expect(proposals).toContainText('Добавим в пункт 4.3');
	await expect(page.getByText('Мустафаев')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Скачать DOCX' })).toHaveCount(0);
	expect((await page.request.get(`${address}/docx`)).status()).toBe(404);
});

test('предложение без JavaScript: ошибки рядом с полями и введённое сохраняется, затем «Спасибо»', async ({
	browser
}) => {
	const context = await newContext(browser, { javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		const address = await discussionAddress(page);
		await page.goto(address);
		await page.getByLabel('Как вас подписать').fill('Сейтмеметова Эльвира, мама ученицы 7 «Б»');
		await post(page, page.getByRole('button', { name: 'Отправить предложение' }));
		await expect(page.getByRole('alert')).toContainText('Проверьте форму');
		await expect(field(page, 'authorRole').locator('.error')).toHaveText(/^Выберите, кто вы/);
		await expect(field(page, 'body').locator('.error')).toHaveText('Напишите предложение.');
		await expect(page.locator('textarea[name="body"]')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Как вас подписать')).toHaveValue(
			'Сейтмеметова Эльвира, мама ученицы 7 «Б»'
		);

		await page.getByLabel('Кто вы').selectOption('parent');
		await page
			.getByRole('textbox', { name: 'Предложение', exact: true })
			.fill('Прошу указать, как родитель без интернета узнаёт отметки.');
		await post(page, page.getByRole('button', { name: 'Отправить предложение' }));
		await expect(page.getByRole('status')).toHaveText(THANKS);
		// Waiting for moderation: not shown yet.
		await expect(page.getByText('Сейтмеметова')).toHaveCount(0);
	} finally {
		await context.close();
	}
});

test('черновик, документ на согласовании, чужой адрес и выдуманный id отвечают 404', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	const { context, page: director } = await loginAs(browser, DEMO.director);
	const hidden: string[] = [];
	try {
		for (const status of ['draft', 'review']) {
			await open(director, `/app/orgs/${school}/documents?status=${status}`);
			const href = await hrefOf(director.locator('main table tbody tr a').first());
			hidden.push(href.split('/').pop()!);
		}
	} finally {
		await context.close();
	}
	const published = (await actAddress(page)).split('/').pop()!;
	for (const url of [
		...hidden.flatMap((id) => [
			`${SCHOOL}/d/${id}`,
			`${SCHOOL}/d/${id}/docx`,
			`${SCHOOL}/d/${id}/pdf`,
			`${SCHOOL}/d/${id}/odt`
		]),
		`/o/saki-rayon/d/${published}`,
		`/o/saki-rayon/d/${published}/docx`,
		`/o/saki-rayon/d/${published}/pdf`,
		`/o/no-such-school/d/${published}`,
		`${SCHOOL}/d/not-an-id`,
		'/o/no-such-school'
	]) {
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(404);
	}
	await page.goto(`${SCHOOL}/d/${hidden[0]}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
});

test('поиск: подсветка, фильтры по организации и виду, понятные сообщения вместо ошибок', async ({
	page
}) => {
	await open(page, '/search?q=журнал');
	const results = page.locator('ol.hits > li');
	await expect(results.first()).toBeVisible();
	await expect(results.first().locator('mark').first()).toBeVisible();
	await expect(page.locator('ol.hits h3 a[href^="/o/"]').first()).toBeVisible();

	// The form lists regions; a district is searched from its own page, and the results keep it.
	expect(await page.getByLabel('Где искать').locator('option').allTextContents()).not.toContain(
		'Отдел образования Сакского района'
	);
	await open(page, '/o/saki-rayon');
	await page.getByLabel('Поиск по документам организации и подведомственных').fill('журнал');
	await Promise.all([
		page.waitForURL(/org=saki-rayon/),
		page.getByRole('button', { name: 'Найти' }).click()
	]);
	await expect(page.getByLabel('Где искать')).toHaveValue('saki-rayon');
	await page.getByLabel('Вид документа').selectOption('regulation');
	await Promise.all([
		page.waitForURL(/kind=regulation/),
		page.getByRole('button', { name: 'Найти' }).click()
	]);
	await expect(
		page.getByText(/^Найдено: \d+ акт.* в «Отдел образования Сакского района»/)
	).toBeVisible();
	const kinds = await page.locator('ol.hits > li p.small').allTextContents();
	expect(kinds.length).toBeGreaterThan(0);
	for (const line of kinds) expect(line).toMatch(/^\s*Положение ·/);
	await expect(page.locator('ol.hits').getByRole('link', { name: ACT, exact: true })).toBeVisible();

	const nonsense = await page.goto('/search?q=журнал&kind=poem&org=no-such-org&page=abc');
	expect(nonsense?.status()).toBe(200);
	await expect(
		page.getByText('Такого вида документа нет: поиск идёт по всем видам.')
	).toBeVisible();
	await expect(page.getByText('Такой организации нет: поиск идёт по всем.')).toBeVisible();
	await page.goto('/search?q=и');
	await expect(page.getByText(/В запросе нет слов, по которым можно искать/)).toBeVisible();
	await page.goto('/search?q=абырвалгщ');
	await expect(page.getByText(/ничего не найдено/)).toBeVisible();
	// A draft's words are not found: the edition under review adds a sentence of its own.
	await page.goto(
		'/search?q=' + encodeURIComponent('"журнале прекращается в день увольнения работника"')
	);
	await expect(page.getByText(/ничего не найдено/)).toBeVisible();
});

test.describe('публичные страницы без серьёзных нарушений доступности (axe)', () => {
	for (const [name, url] of [
		['главная', '/'],
		['школа', SCHOOL],
		['муниципалитет', '/o/saki-rayon'],
		['регион', '/o/krym'],
		['поиск без запроса', '/search'],
		['поиск с результатами', '/search?q=журнал'],
		['поиск с неверными фильтрами', '/search?q=журнал&kind=poem&org=nope']
	] as const) {
		test(name, async ({ page }) => {
			await open(page, url);
			await expectNoSeriousViolations(page);
		});
	}

	test('действующий акт', async ({ page }) => {
		await open(page, await actAddress(page));
		await expectNoSeriousViolations(page);
	});

	test('проект на обсуждении с ошибками формы', async ({ page }) => {
		await open(page, await discussionAddress(page));
		await expectNoSeriousViolations(page);
		await Promise.all([
			page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
			page.getByRole('button', { name: 'Отправить предложение' }).click()
		]);
		await expect(page.getByRole('alert')).toBeVisible();
		await expectNoSeriousViolations(page);
	});
});
