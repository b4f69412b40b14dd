import type { Browser, Page } from '@playwright/test';
import {
	DEMO,
	DEMO_SCHOOL_SLUG,
	demoSchoolId,
	expect,
	loginAs,
	newContext,
	open,
	submit,
	submitFillingRequired,
	test,
	unique
} from './helpers';

// The whole route of one act through the browser: every step by the person whose step it is.

const TEMPLATE = 'school-regulation-paperless';
const IN_FORCE =
	'Положение об электронном документообороте при ведении журналов успеваемости обучающихся';

function samplePdf(): Buffer {
	return Buffer.from(
		[
			'%PDF-1.4',
			'1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
			'2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
			'3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
			'trailer << /Root 1 0 R >>',
			'%%EOF',
			''
		].join('\n'),
		'latin1'
	);
}

async function as(
	browser: Browser,
	email: string,
	url: string
): Promise<{ page: Page; close: () => Promise<void> }> {
	const { context, page } = await loginAs(browser, email);
	await open(page, url);
	return { page, close: () => context.close() };
}

const routePanel = (page: Page) => page.locator('section[aria-labelledby="route"]');
const today = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

test('новая редакция акта проходит весь маршрут: вместо второго акта — редакция, согласование в два тура, обсуждение, советы, приказ с номером из журнала, одна действующая редакция на портале', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const school = await demoSchoolId(browser);
	const word = `проверка${Array.from({ length: 6 }, () => 'бвгджзклмнпрст'[Math.floor(Math.random() * 14)]).join('')}`;

	// The director lets a discussion be as short as one day, so the test can hold it today.
	const director = await as(browser, DEMO.director, `/app/orgs/${school}/edit`);
	await director.page.locator('input[name="discussionMinDays"]').fill('1');
	await submit(director.page, director.page.getByRole('button', { name: /Сохранить/ }));

	// A second act from the same template is refused and offered as a new edition of the act in force.
	await open(director.page, `/app/orgs/${school}/documents/new?template=${TEMPLATE}`);
	await submitFillingRequired(director.page, 'Сформировать черновик');
	await expect(director.page.getByRole('alert')).toContainText('уже действует');
	await submit(
		director.page,
		director.page.getByRole('button', { name: 'Подготовить новую редакцию' })
	);
	await expect(director.page.getByRole('status')).toContainText('Начата новая редакция');
	const docUrl = new URL(director.page.url()).pathname;
	const docId = docUrl.split('/').pop()!;

	await open(director.page, `${docUrl}/edit`);
	const source = director.page.locator('textarea[name="source"]');
	await source.fill(
		`${await source.inputValue()}\n\nЖурнал выводится на печать по окончании учебного года (${word}).\n`
	);
	await submit(
		director.page,
		director.page.getByRole('button', { name: 'Сохранить как версию 2' })
	);
	await submit(
		director.page,
		director.page.getByRole('button', { name: 'Отправить на согласование рабочей группе' })
	);
	await expect(director.page.getByRole('status')).toHaveText('Документ на шаге «согласование».');

	// Round 1: one member approves, the other asks for changes — back to the author.
	const member1 = await as(browser, DEMO.member1, docUrl);
	await member1.page.getByRole('radio', { name: 'Согласовать' }).check();
	await submit(member1.page, member1.page.getByRole('button', { name: 'Отправить решение' }));
	const member2 = await as(browser, DEMO.member2, docUrl);
	await member2.page.getByRole('radio', { name: 'Нужны изменения' }).check();
	await member2.page.getByLabel(/Комментарий/).fill('Укажите, кто заверяет распечатку.');
	await submit(member2.page, member2.page.getByRole('button', { name: 'Отправить решение' }));
	await expect(member2.page.getByRole('status')).toHaveText('Документ на шаге «черновик».');

	await open(director.page, `${docUrl}/edit`);
	await source.fill(`${await source.inputValue()}\nРаспечатку заверяет директор.\n`);
	await submit(
		director.page,
		director.page.getByRole('button', { name: 'Сохранить как версию 3' })
	);
	await submit(
		director.page,
		director.page.getByRole('button', { name: 'Отправить на согласование рабочей группе' })
	);
	for (const m of [member1, member2]) {
		await open(m.page, docUrl);
		await expect(routePanel(m.page)).toContainText('Тур 2: согласуется версия 3');
		await m.page.getByRole('radio', { name: 'Согласовать' }).check();
		await submit(m.page, m.page.getByRole('button', { name: 'Отправить решение' }));
	}
	await expect(member2.page.getByRole('status')).toHaveText(
		'Документ на шаге «общественное обсуждение».'
	);

	// The chair opens the discussion for today; a parent leaves a proposal; it is answered and the discussion closed.
	await open(member1.page, docUrl);
	await member1.page.locator('input[name="endsOn"]').fill(today());
	await submit(member1.page, member1.page.getByRole('button', { name: 'Открыть обсуждение' }));
	await expect(member1.page.getByRole('status')).toHaveText('Обсуждение открыто.');
	const publicContext = await newContext(browser);
	const visitor = await publicContext.newPage();
	await open(visitor, `/o/${DEMO_SCHOOL_SLUG}/d/${docId}`);
	await visitor.getByLabel('Как вас подписать').fill('Иванова Мария, мама ученика 5 «А»');
	await visitor.getByLabel('Кто вы').selectOption('parent');
	await visitor
		.getByRole('textbox', { name: 'Предложение' })
		.fill('Прошу выдавать родителям выписку отметок на бумаге по заявлению.');
	await submit(visitor, visitor.getByRole('button', { name: 'Отправить предложение' }));
	await open(member1.page, `${docUrl}/discussion`);
	const proposal = member1.page.locator('article', { hasText: 'Иванова Мария' });
	await proposal.getByLabel('Опубликовать').check();
	await submit(member1.page, proposal.getByRole('button', { name: 'Сохранить решение' }));
	await member1.page
		.locator('article', { hasText: 'Иванова Мария' })
		.getByLabel('Ответ')
		.fill('Учтено: выписка выдаётся по заявлению родителя.');
	await submit(
		member1.page,
		member1.page
			.locator('article', { hasText: 'Иванова Мария' })
			.getByRole('button', { name: 'Ответить' })
	);
	await open(member1.page, docUrl);
	await submit(
		member1.page,
		member1.page.getByRole('button', { name: 'Завершить обсуждение и сформировать сводку' })
	);
	await expect(member1.page.getByRole('status')).toContainText('Сводка предложений');

	// The template touches students' and workers' rights: approval waits for the three councils; the request is a registered letter.
	await open(director.page, docUrl);
	await expect(routePanel(director.page)).toContainText('Пока утвердить нельзя');
	await submit(
		director.page,
		director.page.getByRole('button', { name: 'Записать направление проекта' })
	);
	await expect(director.page.getByRole('status')).toContainText('советы отвечают до');
	await expect(
		director.page
			.locator('section[aria-labelledby="councils"]')
			.getByRole('link', { name: 'письмо' })
			.first()
	).toBeVisible();
	for (const [council, result, minutes] of [
		['students', 'supports', '7'],
		['parents', 'remarks', '8'],
		['workers', 'supports', '15']
	] as const) {
		await director.page.locator('select[name="council"]').selectOption(council);
		await director.page.locator('select[name="result"]').selectOption(result);
		await director.page.locator('input[name="minutesNumber"]').fill(minutes);
		await director.page.locator('#opinion-file').setInputFiles({
			name: `протокол-${council}.pdf`,
			mimeType: 'application/pdf',
			buffer: samplePdf()
		});
		await submit(director.page, director.page.getByRole('button', { name: 'Записать мнение' }));
		await expect(director.page.getByRole('status')).toHaveText('Мнение совета записано.');
	}

	// The approval order is made from the model template and takes the next number of the journal.
	await submit(
		director.page,
		director.page.getByRole('link', { name: 'Сформировать приказ об утверждении' })
	);
	await expect(director.page.locator(`input[name="documentId"][value="${docId}"]`)).toBeChecked();
	await submitFillingRequired(director.page, 'Утвердить и сформировать приказ');
	await expect(director.page.getByRole('status')).toContainText('утверждено актов: 1');
	const orderNumber = (await director.page.locator('dl.props').first().textContent())!.match(
		/№ (\d+-о)/
	)![1]!;
	const orderText = director.page.getByRole('region', { name: 'Текст документа' });
	await expect(orderText).toContainText('с учётом мнения совета обучающихся (протокол от');
	await expect(orderText).toContainText(IN_FORCE);

	// The public page shows the new edition in force with the order's own number; the earlier one has lost force.
	await open(visitor, `/o/${DEMO_SCHOOL_SLUG}/d/${docId}`);
	await expect(visitor.locator('dl.props')).toContainText(`№ ${orderNumber}`);
	const text = visitor.getByRole('region', { name: 'Текст документа' });
	await expect(text).toContainText('УТВЕРЖДЕНО');
	await expect(text).toContainText('УЧТЕНО МНЕНИЕ');
	await expect(text).not.toContainText('ЛИСТ СОГЛАСОВАНИЯ');
	await open(visitor, `/o/${DEMO_SCHOOL_SLUG}`);
	const rows = visitor
		.locator('section', { has: visitor.getByRole('heading', { name: 'Документы', exact: true }) })
		.getByRole('row')
		.filter({ hasText: IN_FORCE });
	await expect(rows).toHaveCount(1);
	await expect(rows).toContainText('Прежние редакции');
	await expect(rows).toContainText('утратил силу');
	await open(visitor, `/search?q=${encodeURIComponent(word)}`);
	await expect(visitor.getByRole('link', { name: IN_FORCE })).toHaveCount(1);
	await publicContext.close();

	// In the cabinet the approval sheet names who agreed the text.
	await open(director.page, docUrl);
	await expect(director.page.getByRole('region', { name: 'Текст документа' })).toContainText(
		'ЛИСТ СОГЛАСОВАНИЯ'
	);

	await open(director.page, `/app/orgs/${school}/edit`);
	await director.page.locator('input[name="discussionMinDays"]').fill('7');
	await submit(director.page, director.page.getByRole('button', { name: /Сохранить/ }));
	for (const p of [director, member1, member2]) await p.close();
});

test('приказ подписывают и регистрируют с его собственным номером; занятый номер отклонён у поля; на портале — с номером и датой', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const school = await demoSchoolId(browser);
	const title = `Приказ о назначении ответственного ${unique('пд')}`;
	const director = await as(
		browser,
		DEMO.director,
		`/app/orgs/${school}/documents/new?template=school-order-pd-responsible`
	);
	await director.page.locator('input[name="title"]').fill(title);
	await submitFillingRequired(director.page, 'Сформировать черновик');
	await expect(director.page.getByRole('status')).toHaveText('Черновик сформирован: версия 1.');
	const docUrl = new URL(director.page.url()).pathname;
	const docId = docUrl.split('/').pop()!;
	await submit(
		director.page,
		director.page.getByRole('button', { name: 'Отправить на согласование рабочей группе' })
	);
	for (const email of [DEMO.member1, DEMO.member2]) {
		const m = await as(browser, email, docUrl);
		await m.page.getByRole('radio', { name: 'Согласовать' }).check();
		await submit(m.page, m.page.getByRole('button', { name: 'Отправить решение' }));
		await m.close();
	}
	await open(director.page, docUrl);
	await expect(routePanel(director.page)).not.toContainText('Утвердить приказом');
	await director.page.locator('input[name="orderNumber"]').fill('1-о');
	await submit(
		director.page,
		director.page.getByRole('button', { name: 'Подписать и зарегистрировать' })
	);
	await expect(director.page.getByText(/Номер 1-о в \d{4} году уже занят/)).toBeVisible();
	await director.page.locator('input[name="orderNumber"]').fill('');
	await submit(
		director.page,
		director.page.getByRole('button', { name: 'Подписать и зарегистрировать' })
	);
	await expect(director.page.getByRole('status')).toContainText(
		'Приказ подписан и зарегистрирован под №'
	);
	const number = (await director.page.getByRole('status').textContent())!.match(/№ (\d+-о)/)![1]!;
	expect(Number(number.split('-')[0])).toBeGreaterThan(4);

	const publicContext = await newContext(browser);
	const visitor = await publicContext.newPage();
	await open(visitor, `/o/${DEMO_SCHOOL_SLUG}/d/${docId}`);
	await expect(visitor.locator('dl.props')).toContainText(
		`№ ${number} от ${today().split('-').reverse().join('.')}`
	);
	await expect(visitor.getByRole('region', { name: 'Текст документа' })).toContainText(
		`№ ${number}`
	);
	await expect(visitor.getByRole('region', { name: 'Текст документа' })).not.toContainText(
		'УТВЕРЖДЕН'
	);
	await publicContext.close();
	await director.close();
});
