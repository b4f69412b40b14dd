import type { Browser, Page } from '@playwright/test';
import {
	BASE_URL,
	DEMO,
	demoSchoolId,
	expect,
	field,
	loginAs,
	open,
	sakiId,
	signIn,
	submit,
	submitFillingRequired,
	test,
	unique
} from './helpers';

// The demo server is shared by every e2e file: the Saki district's campaign was seeded with it,
// other files add documents (a registered contract or minutes completes items by itself), and
// this file's own tests leave items done. Each test picks an item still open, and checks only
// what it did itself.

const DEMO_CAMPAIGN = /^Переход на электронный журнал, \d{4}\/\d{4} учебный год$/;
const DEMO_SCHOOL = 'МБОУ «Новофедоровская школа-лицей»';
const OTHER_SCHOOL = 'МБОУ «Вересаевская средняя школа»';
const DIRECTOR_NAME = 'Ковальчук Елена Викторовна';
const CATEGORIES = [
	'Приказы',
	'Положения и регламенты',
	'Персональные данные',
	'Договоры',
	'Рабочая группа',
	'Инфраструктура и оснащение',
	'Обучение и информирование',
	'Хранение и архив',
	'Мониторинг'
];
const OPEN_STATUSES = ['Не начато', 'В работе'];

/** A small well-formed PDF, different each call. */
function pdfBytes(mark = unique('pdf')): Buffer {
	return Buffer.from(
		[
			'%PDF-1.4',
			'1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
			'2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
			'3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
			`% ${mark}`,
			'trailer << /Root 1 0 R >>',
			'%%EOF',
			''
		].join('\n'),
		'latin1'
	);
}

const orgTabs = (page: Page) => page.getByRole('navigation', { name: 'Разделы организации' });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const itemLink = (page: Page, code: string) =>
	page.getByRole('link', { name: new RegExp(`^${escape(code)}\\. `) });
/** The value shown for a term of the item's description list. */
const prop = (page: Page, term: string) =>
	page
		.locator('dl.props dt', { hasText: new RegExp(`^${term}$`) })
		.locator('xpath=following-sibling::dd[1]');
const statusSelect = (page: Page) => page.locator('select[name="status"]');
const save = (page: Page) => submit(page, page.getByRole('button', { name: 'Сохранить' }));
const saved = (page: Page) => expect(page.getByRole('status')).toHaveText('Пункт сохранён.');

/** Opens the school's checklist of the seeded Saki campaign through «Мероприятия»; returns its path. */
async function openDemoChecklist(page: Page, school: string): Promise<string> {
	await open(page, `/app/orgs/${school}`);
	await submit(page, orgTabs(page).getByRole('link', { name: 'Мероприятия' }));
	await expect(page.getByRole('heading', { name: 'Перечни мероприятий' })).toBeVisible();
	await submit(page, page.getByRole('link', { name: DEMO_CAMPAIGN }));
	await expect(page.getByRole('heading', { level: 1, name: DEMO_CAMPAIGN })).toBeVisible();
	return new URL(page.url()).pathname;
}

/** The status the checklist table shows for an item. */
async function statusOf(page: Page, code: string): Promise<string> {
	const row = page.locator('tbody tr', { has: itemLink(page, code) });
	return ((await row.locator('td').nth(1).textContent()) ?? '').trim();
}

/** On the checklist page: the first of these items still open; opens it and returns its path. */
async function openFirstOpenItem(
	page: Page,
	codes: string[]
): Promise<{ code: string; path: string }> {
	for (const code of codes) {
		if (!OPEN_STATUSES.includes(await statusOf(page, code))) continue;
		await submit(page, itemLink(page, code));
		await expect(
			page.getByRole('heading', { level: 1, name: new RegExp(`^${escape(code)}\\. `) })
		).toBeVisible();
		return { code, path: new URL(page.url()).pathname };
	}
	// The demo school's route proves most items by itself; when these are all closed there is nothing left to tick by hand.
	test.skip(true, `пункты ${codes.join(', ')} уже закрыты маршрутом демо-школы`);
	throw new Error('unreachable');
}

const itemIdOf = (path: string) => /\/items\/([^/?#]+)/.exec(path)![1]!;

async function demoCampaignPath(browser: Browser): Promise<string> {
	const saki = await sakiId(browser);
	const { context, page } = await loginAs(browser, DEMO.municipality);
	try {
		await open(page, `/app/orgs/${saki}/campaigns`);
		return (await page.getByRole('link', { name: DEMO_CAMPAIGN }).getAttribute('href'))!;
	} finally {
		await context.close();
	}
}

test.describe('чек-лист демо-школы: директор', () => {
	test('«Мероприятия» → кампания района: прогресс и пункты по категориям, просроченные отмечены', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		await open(page, `/app/orgs/${school}`);
		await submit(page, orgTabs(page).getByRole('link', { name: 'Мероприятия' }));
		const link = page.getByRole('link', { name: DEMO_CAMPAIGN });
		await expect(link).toBeVisible();
		await expect(page.locator('tr', { has: link })).toContainText(/\d+% \(\d+ из 23\)/);
		await expect(page.locator('tr', { has: link })).toContainText('версия 2');

		await submit(page, link);
		await expect(page.getByRole('heading', { level: 1, name: DEMO_CAMPAIGN })).toBeVisible();
		await expect(page.getByText(/Готово \d+%: \d+ из 23\./)).toBeVisible();
		await expect(page.locator('main progress').first()).toBeVisible();
		for (const category of CATEGORIES)
			await expect(
				page.getByRole('heading', { level: 2, name: category, exact: true })
			).toBeVisible();
		await expect(page.locator('main table tbody tr')).toHaveCount(23);
		await expect(itemLink(page, '001.1')).toBeVisible();
		await expect(itemLink(page, '001.23')).toBeVisible();

		// The demo's approved acts prove most items by themselves.
		await expect(page.locator('tbody tr', { has: itemLink(page, '001.21') })).toContainText(
			'Выполнено'
		);
		// The campaign starts on 1 September of the seeding year; 001.3 (a meeting's minutes, which
		// the demo has not registered) is due three weeks later, so from then on it is overdue.
		const year = new Date().getUTCFullYear();
		if (new Date().toISOString().slice(0, 10) > `${year}-09-22`) {
			await expect(page.locator('tbody tr', { has: itemLink(page, '001.3') })).toContainText(
				'просрочено'
			);
		}
	});

	test('пункт, которому нужен документ: без документа — сообщение у поля; документ по шаблону из пункта → «Выполнено»', async ({
		page,
		browser
	}) => {
		test.setTimeout(60_000);
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		await openDemoChecklist(page, school);
		// Items proved by the working group's minutes: the demo's approved set leaves them open,
		// and the template is outside the set, so documents.spec.ts keeps its «Сформировать комплект».
		const { path } = await openFirstOpenItem(page, ['001.4', '001.12']);
		const wanted = ((await prop(page, 'Чем подтверждается').textContent()) ?? '').trim();
		const template = /^«(.+?)»(?: или |$)/.exec(wanted)?.[1];
		expect(template, wanted).toBe(
			'Протокол заседания рабочей группы по внедрению электронного журнала'
		);

		// «Выполнено» with no document.
		await statusSelect(page).selectOption({ label: 'Выполнено' });
		await page.locator('select[name="evidenceDocumentId"]').selectOption('');
		await save(page);
		await expect(page.getByRole('alert')).toContainText('Проверьте форму');
		await expect(field(page, 'evidenceDocumentId').locator('.error')).toHaveText(
			`Чтобы отметить пункт выполненным, приложите документ: ${wanted}.`
		);
		await expect(prop(page, 'Состояние')).not.toHaveText('Выполнено');

		// The item's own link to the template.
		await submit(page, page.getByRole('link', { name: 'Сформировать документ по шаблону' }));
		await expect(page).toHaveURL(/\/documents\/new\?template=/);
		await expect(page).toHaveURL(/template=school-minutes-working-group$/);
		await expect(page.getByRole('heading', { level: 1, name: template })).toBeVisible();
		const title = `${template} (${unique('чек-лист')})`;
		await page.locator('input[name="title"]').fill(title);
		await submitFillingRequired(page, 'Сформировать черновик');
		await expect(page.getByRole('status')).toHaveText('Черновик сформирован: версия 1.');
		const docId = /\/documents\/([^/?#]+)/.exec(page.url())![1]!;

		// Back to the item: the new draft is offered as evidence.
		await open(page, path);
		const evidence = page.locator('select[name="evidenceDocumentId"]');
		await expect(evidence.locator(`option[value="${docId}"]`)).toHaveText(title);
		await statusSelect(page).selectOption({ label: 'Выполнено' });
		await evidence.selectOption(docId);
		await save(page);
		await saved(page);
		await expect(prop(page, 'Состояние')).toHaveText('Выполнено');
		await expect(prop(page, 'Подтверждение').getByRole('link', { name: title })).toHaveAttribute(
			'href',
			`/app/orgs/${school}/documents/${docId}`
		);
		await expect(page.locator('section[aria-labelledby="history"] li').first()).toContainText(
			new RegExp(`${DIRECTOR_NAME}: Пункт перечня изменён\\s*→ Выполнено`)
		);
	});

	test('история пункта: «Пункт перечня изменён → Не требуется», с пробелом перед стрелкой', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		await openDemoChecklist(page, school);
		await openFirstOpenItem(page, ['001.3', '001.11', '001.2', '001.12']);
		await statusSelect(page).selectOption({ label: 'Не требуется' });
		await page
			.locator('textarea[name="notNeededReason"]')
			.fill(`Проверка истории (${unique('history')})`);
		await save(page);
		await saved(page);
		await expect(page.locator('section[aria-labelledby="history"] li').first()).toContainText(
			`${DIRECTOR_NAME}: Пункт перечня изменён → Не требуется`,
			{ timeout: 2_000 }
		);
	});

	test('пункт «заметка и файл»: без заметки — сообщение; с заметкой и PDF — «Выполнено»', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		await openDemoChecklist(page, school);
		await openFirstOpenItem(page, ['001.18', '001.17']);
		await expect(prop(page, 'Чем подтверждается')).toContainText(
			'заметка ответственного и файл (фото, акт, скан)'
		);
		await expect(page.locator('select[name="evidenceDocumentId"]')).toHaveCount(0);

		await statusSelect(page).selectOption({ label: 'Выполнено' });
		await page.locator('textarea[name="note"]').fill('');
		await save(page);
		await expect(field(page, 'note').locator('.error')).toHaveText(
			/^Чтобы отметить пункт выполненным, опишите, что сделано, и приложите файл/
		);

		const note = `Кабинет информатики оснащён, акт приёмки подписан (${unique('note')})`;
		await statusSelect(page).selectOption({ label: 'Выполнено' });
		await page.locator('textarea[name="note"]').fill(note);
		await page
			.locator('input[name="file"]')
			.setInputFiles({ name: 'акт-приёмки.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
		await save(page);
		await saved(page);
		await expect(prop(page, 'Состояние')).toHaveText('Выполнено');
		await expect(prop(page, 'Заметка')).toHaveText(note);
		const download = prop(page, 'Файл').getByRole('link', { name: 'скачать' });
		await expect(download).toHaveAttribute('href', new RegExp(`^/app/orgs/${school}/files/`));
		const response = await page.request.get((await download.getAttribute('href'))!);
		expect(response.status()).toBe(200);
		expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	test('«Не требуется» без причины — сообщение у поля, ничего не сохранено; с причиной — сохранено', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		await openDemoChecklist(page, school);
		await openFirstOpenItem(page, ['001.11', '001.3', '001.2', '001.12']);
		const before = ((await prop(page, 'Состояние').textContent()) ?? '').trim();

		await statusSelect(page).selectOption({ label: 'Не требуется' });
		await page.locator('textarea[name="notNeededReason"]').fill('   ');
		await save(page);
		await expect(field(page, 'notNeededReason').locator('.error')).toHaveText(
			'Укажите, почему пункт не требуется.'
		);
		await expect(prop(page, 'Состояние')).toHaveText(before);

		const reason = `Выполнено муниципалитетом централизованно (${unique('reason')})`;
		await statusSelect(page).selectOption({ label: 'Не требуется' });
		await page.locator('textarea[name="notNeededReason"]').fill(reason);
		await save(page);
		await saved(page);
		await expect(prop(page, 'Состояние')).toHaveText(`Не требуется: ${reason}`);
	});

	test('кабинет директора: пункты чек-листа в «Ждёт вас» со ссылками, которые ведут к делу', async ({
		page,
		browser
	}) => {
		const year = new Date().getUTCFullYear();
		// Items of the demo campaign (from 1 September) come within 30 days from early August.
		test.skip(
			new Date().toISOString().slice(0, 10) < `${year}-08-09`,
			'у демо-кампании ещё нет пунктов со сроком в ближайшие 30 дней'
		);
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.director);
		await open(page, '/app');
		const card = page.getByRole('region', { name: 'Ждёт вас' });
		const itemLinks = card.locator(`a[href*="/app/orgs/${school}/checklists/"][href*="/items/"]`);
		test.skip(
			!(await itemLinks.count()),
			'у демо-школы не осталось пунктов со сроком: их закрыл маршрут и предыдущие тесты'
		);
		await expect(
			card.getByText(/^(просрочено: срок был|до) \d\d\.\d\d\.\d{4}$/).first()
		).toBeVisible();
		const actions = card.getByRole('link', {
			name: /^(Сформировать по шаблону|Открыть документ|Загрузить документ|Описать и приложить файл|Открыть пункт)$/
		});
		expect(await actions.count()).toBeGreaterThan(0);

		// A step's item link opens the item with its form.
		await submit(page, itemLinks.first());
		await expect(page.getByRole('heading', { level: 1, name: /^001\.\d+\. / })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Отметить' })).toBeVisible();
		// And an action leads to where the work is done.
		await open(page, '/app');
		const act = actions.first();
		const label = (await act.textContent())!.trim();
		await submit(page, act);
		if (label === 'Сформировать по шаблону')
			await expect(page.getByRole('button', { name: 'Сформировать черновик' })).toBeVisible();
		else if (label === 'Загрузить документ') await expect(page).toHaveURL(/\/documents\/register$/);
		else await expect(page).toHaveURL(new RegExp(`/app/orgs/${school}/`));
	});
});

test.describe('кампании: отдел образования Сакского района', () => {
	test('«Кампании»: новая кампания для отмеченных школ (срок раньше начала — отказ), таблица хода выполнения', async ({
		page,
		browser
	}) => {
		const saki = await sakiId(browser);
		await signIn(page, DEMO.municipality);
		await open(page, `/app/orgs/${saki}`);
		await submit(page, orgTabs(page).getByRole('link', { name: 'Кампании' }));
		await expect(page.getByRole('heading', { name: 'Назначенные перечни' })).toBeVisible();
		await expect(page.getByRole('link', { name: DEMO_CAMPAIGN })).toBeVisible();

		const year = new Date().getUTCFullYear();
		const title = `Проверка готовности ${unique('кампания')}`;
		const catalogue = page.locator('select[name="catalogueId"]');
		const options = await catalogue
			.locator('option')
			.evaluateAll((os) =>
				os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' }))
			);
		const crimea001 = options.find(
			(o) => o.text.startsWith('Примерный перечень мероприятий') && o.text.includes('для школ')
		);
		expect(crimea001, options.map((o) => o.text).join('\n')).toBeDefined();
		await catalogue.selectOption(crimea001!.value);
		await page.locator('input[name="title"]').fill(title);
		await page.locator('input[name="startsOn"]').fill(`${year + 1}-02-01`);
		await page.locator('input[name="dueOn"]').fill(`${year + 1}-01-15`);
		await page.getByLabel('Отмеченным организациям').check();
		await page.getByLabel(DEMO_SCHOOL, { exact: true }).check();
		await page.getByLabel(OTHER_SCHOOL, { exact: true }).check();
		await submit(page, page.getByRole('button', { name: 'Назначить' }));
		await expect(field(page, 'dueOn').locator('.error')).toHaveText(
			'Срок не может быть раньше даты начала кампании.'
		);
		await expect(page.getByRole('link', { name: title })).toHaveCount(0);
		// What was filled in is kept.
		await expect(page.locator('input[name="title"]')).toHaveValue(title);
		await expect(page.getByLabel(DEMO_SCHOOL, { exact: true })).toBeChecked();

		await page.locator('input[name="dueOn"]').fill(`${year + 1}-05-25`);
		await page.getByLabel('Отмеченным организациям').check();
		await submit(page, page.getByRole('button', { name: 'Назначить' }));
		await expect(page).toHaveURL(/\/campaigns\/[^/?]+\?created=1$/);
		await expect(page.getByRole('status')).toHaveText('Перечень назначен: организаций — 2.');
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page.getByText(`01.02.${year + 1} — 25.05.${year + 1}`)).toBeVisible();
		const rows = page.locator('main table tbody tr');
		await expect(rows).toHaveCount(2);
		// Each school starts from what its documents and route already prove (the demo school from much of its set).
		for (const name of [DEMO_SCHOOL, OTHER_SCHOOL])
			await expect(rows.filter({ hasText: name })).toContainText(/\d+% \(\d+ из 23\)/);
		await expect(rows.filter({ hasText: DEMO_SCHOOL })).not.toContainText('0% (0 из 23)');

		// The campaign is listed; the seeded one shows every school of the district.
		await open(page, `/app/orgs/${saki}/campaigns`);
		await expect(page.getByRole('link', { name: title })).toBeVisible();
		await submit(page, page.getByRole('link', { name: DEMO_CAMPAIGN }));
		await expect(rows).toHaveCount(7);
		await expect(rows.filter({ hasText: DEMO_SCHOOL })).toContainText(/\d+% \(\d+ из 23\)/);
	});

	test('замечание района к пункту школы; директор видит предупреждение и отвечает; район снимает замечание', async ({
		browser
	}) => {
		test.setTimeout(60_000);
		const campaign = await demoCampaignPath(browser);
		const text = `Не приложен приказ о рабочей группе (${unique('remark')})`;
		const answer = `Приказ издан, приложим скан (${unique('answer')})`;

		const officer = await loginAs(browser, DEMO.municipality);
		let itemPath: string;
		try {
			const page = officer.page;
			await open(page, campaign);
			await submit(page, page.locator('main table').getByRole('link', { name: DEMO_SCHOOL }));
			await expect(page.getByRole('heading', { level: 1, name: DEMO_CAMPAIGN })).toBeVisible();
			await submit(page, itemLink(page, '001.5'));
			itemPath = new URL(page.url()).pathname;
			// The authority reads but does not tick.
			await expect(page.getByRole('heading', { name: 'Отметить' })).toHaveCount(0);
			await expect(page.getByRole('button', { name: 'Сохранить' })).toHaveCount(0);
			await page.getByLabel('Новое замечание').fill(text);
			await submit(page, page.getByRole('button', { name: 'Отправить замечание' }));
			await expect(page.getByRole('status')).toHaveText('Готово.');
			await expect(page.locator('article', { hasText: text })).toBeVisible();
		} finally {
			await officer.context.close();
		}

		const director = await loginAs(browser, DEMO.director);
		try {
			const page = director.page;
			// «Ждёт вас» asks for an answer to the district's remarks, oldest first.
			const yours = page.getByRole('region', { name: 'Ждёт вас' });
			await expect(
				yours.getByRole('listitem').filter({ hasText: 'замечание органа управления' }).first()
			).toBeVisible();
			await expect(yours.getByRole('link', { name: 'Ответить' }).first()).toBeVisible();
			await open(page, `/app/orgs/${await demoSchoolId(browser)}/checklists`);
			await expect(page.locator('.alert.warn')).toHaveText(
				/^Открытых замечаний органа управления: [1-9]\d*\.$/
			);
			await submit(page, page.getByRole('link', { name: DEMO_CAMPAIGN }));
			await expect(
				page.locator('tbody tr', { has: itemLink(page, '001.5') }).locator('.badge')
			).toHaveText(/^замечаний: [1-9]\d*$/);
			await submit(page, itemLink(page, '001.5'));
			const remark = page.locator('article', { hasText: text });
			await expect(remark).toContainText('Мельник Марина Андреевна');
			// A school does not remark on itself.
			await expect(page.getByLabel('Новое замечание')).toHaveCount(0);
			await remark.getByLabel('Ответ школы').fill(answer);
			await submit(page, remark.getByRole('button', { name: 'Ответить' }));
			await expect(page.getByRole('status')).toHaveText('Готово.');
			await expect(page.locator('article', { hasText: text })).toContainText(
				`Ответ — ${DIRECTOR_NAME}`
			);
			await expect(page.locator('article', { hasText: text })).toContainText(answer);
			await expect(
				page.locator('article', { hasText: text }).getByRole('button', { name: 'Снять замечание' })
			).toHaveCount(0);
		} finally {
			await director.context.close();
		}

		const again = await loginAs(browser, DEMO.municipality);
		try {
			const page = again.page;
			await open(page, itemPath!);
			const remark = page.locator('article', { hasText: text });
			await expect(remark).toContainText(answer);
			await submit(page, remark.getByRole('button', { name: 'Снять замечание' }));
			await expect(page.locator('article', { hasText: text })).toContainText('снято');
			await expect(
				page.locator('article', { hasText: text }).getByRole('button', { name: 'Снять замечание' })
			).toHaveCount(0);
		} finally {
			await again.context.close();
		}
	});
});

test.describe('чек-лист демо-школы: педагог', () => {
	test('видит перечень и пункт, но не форму «Отметить»; отправка формы в обход отклонена', async ({
		page,
		browser
	}) => {
		const school = await demoSchoolId(browser);
		await signIn(page, DEMO.teacher);
		await openDemoChecklist(page, school);
		await expect(page.locator('main table tbody tr')).toHaveCount(23);
		await submit(page, itemLink(page, '001.8'));
		await expect(page.getByRole('heading', { level: 1, name: /^001\.8\. / })).toBeVisible();
		await expect(prop(page, 'Состояние')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Отметить' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Сохранить' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Сформировать документ по шаблону' })).toHaveCount(
			0
		);
		await expect(page.getByLabel('Новое замечание')).toHaveCount(0);

		const path = new URL(page.url()).pathname;
		const before = ((await prop(page, 'Состояние').textContent()) ?? '').trim();
		const response = await page.request.post(`${path}?/update`, {
			form: {
				itemId: itemIdOf(path),
				status: 'in_progress',
				dueOn: '',
				notNeededReason: '',
				responsibleId: '',
				note: 'от педагога'
			},
			headers: { Origin: BASE_URL, Accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(403);
		await open(page, path);
		await expect(prop(page, 'Состояние')).toHaveText(before);
		await expect(page.locator('section[aria-labelledby="history"]')).not.toContainText(
			'от педагога'
		);
	});
});
