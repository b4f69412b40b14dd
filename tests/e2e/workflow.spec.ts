import type { Browser, Page } from '@playwright/test';
import { DEMO, DEMO_SCHOOL_SLUG, demoSchoolId, expect, loginAs, newContext, open, submit, submitFillingRequired, test, unique } from './helpers';

// The whole route of one act through the browser: every step by the person whose step it is.

const TEMPLATE = 'school-regulation-paperless';

function samplePdf(): Buffer {
	return Buffer.from(['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj', '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'), 'latin1');
}

async function as(browser: Browser, email: string, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
	const { context, page } = await loginAs(browser, email);
	await open(page, url);
	return { page, close: () => context.close() };
}

const routePanel = (page: Page) => page.locator('section[aria-labelledby="route"]');
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

test('акт проходит весь маршрут: согласование в два тура, обсуждение, советы, приказ, портал, поиск, DOCX, ознакомление', async ({ browser }) => {
	test.setTimeout(180_000);
	const school = await demoSchoolId(browser);
	// A made-up Cyrillic word: the full-text search must find exactly this act by it.
	const word = `проверка${Array.from({ length: 6 }, () => 'бвгджзклмнпрст'[Math.floor(Math.random() * 14)]).join('')}`;
	const title = `Положение о безбумажном журнале ${word}`;

	// The director generates the act and marks it as touching students' rights.
	const director = await as(browser, DEMO.director, `/app/orgs/${school}/documents/new?template=${TEMPLATE}`);
	await director.page.locator('input[name="title"]').fill(title);
	await submitFillingRequired(director.page, 'Сформировать черновик');
	await expect(director.page.getByRole('status')).toHaveText('Черновик сформирован: версия 1.');
	const docUrl = new URL(director.page.url()).pathname;
	const docId = docUrl.split('/').pop()!;
	await director.page.getByLabel(/Затрагивает права обучающихся/).check();
	await submit(director.page, director.page.getByRole('button', { name: 'Сохранить отметки' }));
	await expect(director.page.getByRole('status')).toHaveText('Отметки сохранены.');
	await submit(director.page, director.page.getByRole('button', { name: 'Отправить на согласование рабочей группе' }));
	await expect(director.page.getByRole('status')).toHaveText('Документ на шаге «согласование».');

	// Round 1: one member approves, the other asks for changes — back to the author.
	const member1 = await as(browser, DEMO.member1, docUrl);
	await expect(routePanel(member1.page)).toContainText('Тур 1: согласуется версия 1');
	await member1.page.getByRole('radio', { name: 'Согласовать' }).check();
	await submit(member1.page, member1.page.getByRole('button', { name: 'Отправить решение' }));
	await expect(member1.page.getByRole('status')).toHaveText('Решение записано.');

	const member2 = await as(browser, DEMO.member2, docUrl);
	await member2.page.getByRole('radio', { name: 'Нужны изменения' }).check();
	await submit(member2.page, member2.page.getByRole('button', { name: 'Отправить решение' }));
	await expect(member2.page.getByText('Напишите, что нужно изменить.')).toBeVisible();
	await member2.page.getByLabel(/Комментарий/).fill('Добавьте срок перехода на безбумажный журнал.');
	await submit(member2.page, member2.page.getByRole('button', { name: 'Отправить решение' }));
	await expect(member2.page.getByRole('status')).toHaveText('Документ на шаге «черновик».');

	// The director saves version 2 and sends it again: round 2.
	await open(director.page, `${docUrl}/edit`);
	const source = director.page.locator('textarea[name="source"]');
	await source.fill(`${await source.inputValue()}\n\nПереход завершается до конца учебного года.\n`);
	await submit(director.page, director.page.getByRole('button', { name: 'Сохранить как версию 2' }));
	await submit(director.page, director.page.getByRole('button', { name: 'Отправить на согласование рабочей группе' }));

	for (const m of [member1, member2]) {
		await open(m.page, docUrl);
		await expect(routePanel(m.page)).toContainText('Тур 2: согласуется версия 2');
		await m.page.getByRole('radio', { name: 'Согласовать' }).check();
		await submit(m.page, m.page.getByRole('button', { name: 'Отправить решение' }));
	}
	await expect(member2.page.getByRole('status')).toHaveText('Документ на шаге «общественное обсуждение».');
	await expect(member2.page.locator('section[aria-labelledby="rounds"]')).toContainText('Нужны изменения');

	// The chair opens the discussion for today.
	await open(member1.page, docUrl);
	await member1.page.locator('input[name="endsOn"]').fill(today());
	await submit(member1.page, member1.page.getByRole('button', { name: 'Открыть обсуждение' }));
	await expect(member1.page.getByRole('status')).toHaveText('Обсуждение открыто.');

	// A parent, not signed in, leaves a proposal.
	const publicContext = await newContext(browser);
	const visitor = await publicContext.newPage();
	await open(visitor, `/o/${DEMO_SCHOOL_SLUG}/d/${docId}`);
	await expect(visitor.getByText(/Проект\. Общественное обсуждение/)).toBeVisible();
	await visitor.getByLabel('Как вас подписать').fill('Иванова Мария, мама ученика 5 «А»');
	await visitor.getByLabel('Кто вы').selectOption('parent');
	await visitor.getByRole('textbox', { name: 'Предложение' }).fill('Прошу сохранить бумажную выписку отметок для родителей без интернета.');
	await submit(visitor, visitor.getByRole('button', { name: 'Отправить предложение' }));
	await expect(visitor.getByText('Спасибо! Предложение появится после проверки модератором.')).toBeVisible();

	// The chair moderates, answers and closes the discussion; the summary is made.
	await open(member1.page, `${docUrl}/discussion`);
	const proposal = member1.page.locator('article', { hasText: 'Иванова Мария' });
	await proposal.getByLabel('Опубликовать').check();
	await submit(member1.page, proposal.getByRole('button', { name: 'Сохранить решение' }));
	await expect(member1.page.getByRole('status')).toHaveText('Предложение опубликовано.');
	await member1.page.locator('article', { hasText: 'Иванова Мария' }).getByLabel('Ответ').fill('Учтено: выписка выдаётся по заявлению родителя.');
	await submit(member1.page, member1.page.locator('article', { hasText: 'Иванова Мария' }).getByRole('button', { name: 'Ответить' }));
	await open(member1.page, docUrl);
	await submit(member1.page, member1.page.getByRole('button', { name: 'Завершить обсуждение и сформировать сводку' }));
	await expect(member1.page.getByRole('status')).toContainText('Сводка предложений');

	// Approval is refused while the councils have not spoken; then their opinions are recorded.
	await open(director.page, docUrl);
	await expect(routePanel(director.page)).toContainText('Пока утвердить нельзя');
	await director.page.locator('input[name="orderNumber"]').fill('');
	await submit(director.page, director.page.getByRole('button', { name: 'Утвердить', exact: true }));
	await expect(director.page.getByText('Укажите номер приказа.')).toBeVisible();
	await submit(director.page, director.page.getByRole('button', { name: 'Записать направление проекта' }));
	await expect(director.page.getByRole('status')).toContainText('советы отвечают до');
	for (const [council, result] of [['students', 'supports'], ['parents', 'remarks']] as const) {
		await director.page.locator('select[name="council"]').selectOption(council);
		await director.page.locator('select[name="result"]').selectOption(result);
		await director.page.locator('#opinion-file').setInputFiles({ name: `протокол-${council}.pdf`, mimeType: 'application/pdf', buffer: samplePdf() });
		await submit(director.page, director.page.getByRole('button', { name: 'Записать мнение' }));
		await expect(director.page.getByRole('status')).toHaveText('Мнение совета записано.');
	}
	const orderNumber = unique('п').slice(0, 20);
	await director.page.locator('input[name="orderNumber"]').fill(orderNumber);
	await submit(director.page, director.page.getByRole('button', { name: 'Утвердить', exact: true }));
	await expect(director.page.getByRole('status')).toHaveText('Документ утверждён.');
	await expect(routePanel(director.page)).toContainText(`№ ${orderNumber}`);

	// The public page shows the approved text with its stamp, the DOCX downloads, search finds it.
	await open(visitor, `/o/${DEMO_SCHOOL_SLUG}/d/${docId}`);
	await expect(visitor.getByRole('heading', { name: title })).toBeVisible();
	await expect(visitor.locator('main')).toContainText(orderNumber);
	await expect(visitor.locator('main')).toContainText('УТВЕРЖДЕНО');
	const docx = await visitor.request.get(`/o/${DEMO_SCHOOL_SLUG}/d/${docId}/docx`);
	expect(docx.status()).toBe(200);
	expect((await docx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
	await open(visitor, `/search?q=${encodeURIComponent(word)}`);
	await expect(visitor.getByRole('link', { name: title })).toBeVisible();
	await publicContext.close();

	// A teacher acknowledges the act; the director sees it.
	const teacher = await as(browser, DEMO.teacher, '/app/acknowledge');
	await submit(teacher.page, teacher.page.getByRole('link', { name: title }));
	await submit(teacher.page, teacher.page.getByRole('button', { name: 'Ознакомлен(а)' }));
	await open(teacher.page, '/app/acknowledge');
	await expect(teacher.page.getByRole('link', { name: title })).toHaveCount(0);
	await open(director.page, `${docUrl}/acknowledgements`);
	await expect(director.page.locator('main')).toContainText('Лысенко Анна Сергеевна');

	for (const p of [director, member1, member2, teacher]) await p.close();
});
