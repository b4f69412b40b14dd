import {
	createFreshMember,
	DEMO,
	demoSchoolId,
	expect,
	field,
	inviteOnPage,
	login,
	newContext,
	open,
	signIn,
	submit,
	submitLogin,
	test,
	unique,
	uniqueEmail
} from './helpers';

test('приглашение в рабочую группу: ссылка один раз, новый человек входит в свой кабинет', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	const email = uniqueEmail('invitee');
	const link = await inviteOnPage(page, school, {
		email,
		role: 'Член рабочей группы',
		position: 'Учитель истории'
	});
	await expect(page.getByRole('status')).toContainText(email);
	await expect(page.getByRole('status')).toContainText('сработает один раз');
	// The invitation waits for an answer.
	const pending = page.locator('section', {
		has: page.getByRole('heading', { name: /Ожидают ответа/ })
	});
	await expect(pending.locator('tr', { hasText: email })).toContainText('Член рабочей группы');

	const guest = await newContext(browser);
	const guestPage = await guest.newPage();
	await open(guestPage, link);
	await expect(guestPage.getByRole('heading', { level: 1 })).toHaveText(
		'Приглашение в «МБОУ «Новофедоровская школа-лицей»»'
	);
	await expect(guestPage.locator('main')).toContainText(email);
	const fullName = `Новикова Ольга ${unique('fio')}`;
	const password = `pw-${unique()}`;
	// Passwords that differ: a message at the second one, the name kept.
	await guestPage.locator('input[name="fullName"]').fill(fullName);
	await guestPage.locator('input[name="password"]').fill(password);
	await guestPage.locator('input[name="repeat"]').fill(`${password}-typo`);
	await submit(
		guestPage,
		guestPage.getByRole('button', { name: 'Создать учётную запись и принять' })
	);
	await expect(field(guestPage, 'repeat').locator('.error')).toHaveText('Пароли не совпадают.');
	await expect(guestPage.locator('input[name="fullName"]')).toHaveValue(fullName);

	await guestPage.locator('input[name="password"]').fill(password);
	await guestPage.locator('input[name="repeat"]').fill(password);
	await submit(
		guestPage,
		guestPage.getByRole('button', { name: 'Создать учётную запись и принять' })
	);
	await expect(guestPage).toHaveURL(/\/login(\?|$)/);

	await login(guestPage, email, password);
	await expect(guestPage.getByRole('heading', { level: 1 })).toHaveText(
		'Кабинет члена рабочей группы'
	);
	await expect(guestPage.locator('main')).toContainText('МБОУ «Новофедоровская школа-лицей»');

	// The link is spent.
	await open(guestPage, link);
	await expect(guestPage.getByRole('heading', { level: 1 })).toHaveText(
		'Приглашение недействительно'
	);
	await expect(guestPage.locator('input[name="password"]')).toHaveCount(0);
	await guest.close();

	// The director sees the new colleague, and the invitation no longer waits.
	await page.goto(`/app/orgs/${school}/people`);
	const people = page.locator('section', {
		has: page.getByRole('heading', { name: /Сотрудники в системе/ })
	});
	await expect(people.locator('tr', { hasText: fullName })).toContainText('Член рабочей группы');
	await expect(pending).not.toContainText(email);
});

test('приглашение с неверным адресом: сообщение у поля, введённое сохранено', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	await open(page, `/app/orgs/${school}/people`);
	const fullName = `Иванов Иван ${unique('fio')}`;
	await page.locator('input[name="email"]').fill('не-адрес');
	await page.locator('input[name="fullName"]').fill(fullName);
	await page.locator('select[name="role"]').selectOption({ label: 'Сотрудник (педагог)' });
	await page.locator('input[name="position"]').fill('Учитель музыки');
	const answer = page.waitForResponse((r) => r.request().method() === 'POST');
	await submit(page, page.getByRole('button', { name: 'Создать приглашение' }));
	expect((await answer).status()).toBe(400);

	await expect(field(page, 'email').locator('.error')).toHaveText(
		'Укажите адрес электронной почты, например ivanova@school.ru.'
	);
	await expect(page.locator('input[name="email"]')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('input[name="email"]')).toHaveValue('не-адрес');
	await expect(page.locator('input[name="fullName"]')).toHaveValue(fullName);
	await expect(page.locator('input[name="position"]')).toHaveValue('Учитель музыки');
	await expect(page.locator('select[name="role"] option:checked')).toHaveText(
		'Сотрудник (педагог)'
	);
	await expect(page.locator('code.link')).toHaveCount(0);
});

test('директор не может пригласить директора', async ({ page, browser }) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	await page.goto(`/app/orgs/${school}/people`);
	const options = page.locator('select[name="role"] option');
	await expect(options).toHaveText(['Член рабочей группы', 'Сотрудник (педагог)']);

	// Nor by editing the form by hand.
	await open(page, `/app/orgs/${school}/people`);
	const email = uniqueEmail('second-director');
	await page.locator('select[name="role"]').evaluate((select) => {
		const option = document.createElement('option');
		option.value = 'director';
		option.textContent = 'Директор';
		select.append(option);
		(select as HTMLSelectElement).value = 'director';
	});
	await page.locator('input[name="email"]').fill(email);
	await submit(page, page.getByRole('button', { name: 'Создать приглашение' }));
	await expect(field(page, 'role').locator('.error')).toHaveText('Выберите роль из списка.');
	await expect(page.locator('code.link')).toHaveCount(0);
	const pending = page.locator('section', {
		has: page.getByRole('heading', { name: /Ожидают ответа/ })
	});
	await expect(pending).toBeVisible();
	await expect(pending).not.toContainText(email);
});

test('администратор выдаёт ссылку для сброса пароля, по ней задаётся новый пароль', async ({
	page,
	browser
}) => {
	const person = await createFreshMember(browser);
	await signIn(page, DEMO.admin);
	await open(page, `/app/admin/users?q=${encodeURIComponent(person.email)}`);
	await expect(page.locator('tbody tr')).toHaveCount(1);
	await submit(
		page,
		page.getByRole('button', { name: `Выдать ссылку для сброса пароля: ${person.email}` })
	);
	await expect(page.getByRole('status')).toContainText(person.email);
	const link = ((await page.locator('code.link').textContent()) ?? '').trim();
	expect(link).toMatch(/\/reset\/[^/\s]+$/);

	const owner = await newContext(browser);
	const ownerPage = await owner.newPage();
	await open(ownerPage, link);
	await expect(ownerPage.getByRole('heading', { level: 1 })).toHaveText('Новый пароль');
	await expect(ownerPage.locator('main')).toContainText(person.email);
	const newPassword = `reset-${unique()}`;
	await ownerPage.locator('input[name="password"]').fill(newPassword);
	await ownerPage.locator('input[name="repeat"]').fill(newPassword);
	await submit(ownerPage, ownerPage.getByRole('button', { name: 'Сохранить пароль' }));
	await expect(ownerPage).toHaveURL(/\/login(\?|$)/);

	await login(ownerPage, person.email, newPassword);
	await expect(ownerPage.getByRole('heading', { level: 1 })).toHaveText(
		'Кабинет члена рабочей группы'
	);

	// The link works once.
	await ownerPage.goto(link);
	await expect(ownerPage.getByRole('heading', { level: 1 })).toHaveText('Ссылка недействительна');
	await owner.close();
});

test('падежи должности: директор поправляет форму, которую правило склонило неверно, и документы берут её', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	const member = await createFreshMember(browser);
	await signIn(page, DEMO.director);
	await open(page, `/app/orgs/${school}/people`);
	const row = page.locator('tr', { hasText: member.fullName });
	await row.getByRole('link', { name: /Должность и её падежи/ }).click();
	await expect(
		page.getByRole('heading', { name: `${member.fullName}: должность в документах` })
	).toBeVisible();
	await page.locator('input[name="position"]').fill('Вожатый');
	// Too long (past the browser's own limit): the message next to the field, what was typed kept.
	await page.locator('input[name="form_acc"]').evaluate((el) => el.removeAttribute('maxlength'));
	await page.locator('input[name="form_acc"]').fill('в'.repeat(201));
	await submit(page, page.getByRole('button', { name: 'Сохранить' }));
	await expect(field(page, 'form_acc')).toContainText('не длиннее 200 символов');
	await expect(page.locator('input[name="position"]')).toHaveValue('Вожатый');
	await page.locator('input[name="form_acc"]').fill('вожатую');
	await submit(page, page.getByRole('button', { name: 'Сохранить' }));
	await expect(page.getByRole('status')).toContainText('Должность и её падежи сохранены');
	await expect(page.locator('tr', { hasText: member.fullName })).toContainText('Вожатый');
	await page
		.locator('tr', { hasText: member.fullName })
		.getByRole('link', { name: /Должность и её падежи/ })
		.click();
	await expect(page.locator('input[name="form_acc"]')).toHaveValue('вожатую');
	// An empty case takes the rules' form again.
	await expect(page.locator('input[name="form_gen"]')).toHaveValue('вожатого');
});

test('приглашение на адрес с учётной записью: пароль по ссылке не проверяется, принимает сам владелец после входа', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	const owner = await createFreshMember(browser);
	await signIn(page, DEMO.director);
	// The director invites the same person into another role.
	const link = await inviteOnPage(page, school, {
		email: owner.email,
		role: 'Сотрудник (педагог)'
	});
	const guest = await newContext(browser);
	const guestPage = await guest.newPage();
	await open(guestPage, link);
	// The page does not tell that the address has an account, not even in its data.
	await expect(guestPage.locator('main')).not.toContainText('У вас уже есть учётная запись');
	const data = await guestPage.request.get(`${new URL(link).pathname}/__data.json`);
	expect(await data.text()).not.toMatch(/hasAccount|existingUser/);
	// The account's right password typed here is not taken.
	await guestPage.locator('input[name="fullName"]').fill('Кто-то');
	await guestPage.locator('input[name="password"]').fill(owner.password);
	await guestPage.locator('input[name="repeat"]').fill(owner.password);
	await submit(
		guestPage,
		guestPage.getByRole('button', { name: 'Создать учётную запись и принять' })
	);
	await expect(guestPage.getByRole('alert')).toContainText(
		'войдите в неё и откройте ссылку-приглашение снова'
	);
	// The owner signs in from the link and accepts with one button.
	await guestPage.getByRole('link', { name: 'Войдите' }).click();
	await expect(guestPage).toHaveURL(/\/login\?next=/);
	await submitLogin(guestPage, owner.email, owner.password);
	await expect(guestPage).toHaveURL(new RegExp(`${new URL(link).pathname}$`));
	await submit(guestPage, guestPage.getByRole('button', { name: 'Принять приглашение' }));
	await expect(guestPage).toHaveURL(/\/app/);
	await guest.close();
	await open(page, `/app/orgs/${school}/people`);
	await expect(page.locator('tr', { hasText: owner.fullName })).toHaveCount(2);
});
