import type { Page, Request } from '@playwright/test';
import {
	BASE_URL,
	DEMO,
	demoSchoolId,
	expect,
	open,
	signIn,
	submit,
	submitFillingRequired,
	test,
	unique,
	uniqueEmail
} from './helpers';

/**
 * The retry after a lost answer, replayed exactly: the browser's own POST (its body, with the
 * form's one-time key) sent a second time. The server must answer as it did and create nothing.
 */
async function submitAndCapture(page: Page, send: () => Promise<void>): Promise<Request> {
	let captured: Request | undefined;
	const listener = (r: Request) => {
		if (r.method() === 'POST' && r.isNavigationRequest()) captured = r;
	};
	page.on('request', listener);
	await send();
	page.off('request', listener);
	if (!captured) throw new Error('the form sent no POST');
	return captured;
}

function replay(page: Page, sent: Request) {
	return page.request.post(sent.url(), {
		data: sent.postDataBuffer() ?? Buffer.alloc(0),
		headers: {
			'Content-Type': sent.headers()['content-type']!,
			Origin: BASE_URL,
			Accept: 'text/html'
		},
		maxRedirects: 0
	});
}

test('повторная отправка формы черновика ведёт к тому же черновику и второго не создаёт', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);
	// A memo: no rule ties its dates to the profile that other tests change.
	await open(page, `/app/orgs/${school}/documents/new?template=school-memo-mark-correction`);
	const title = `Служебная записка ${unique('twice')}`;
	await page.locator('input[name="title"]').fill(title);
	const sent = await submitAndCapture(page, () =>
		submitFillingRequired(page, 'Сформировать черновик')
	);
	await expect(page.getByRole('status')).toHaveText('Черновик сформирован: версия 1.');
	const first = new URL(page.url()).pathname;

	const again = await replay(page, sent);
	expect(again.status()).toBe(303);
	expect(new URL(again.headers().location!, BASE_URL).pathname).toBe(first);

	await open(page, `/app/orgs/${school}/documents?q=${encodeURIComponent(title)}`);
	await expect(page.locator('table tbody tr', { hasText: title })).toHaveCount(1);
});

test('повторная отправка обращения и приглашения ничего не удваивает', async ({
	page,
	browser
}) => {
	const school = await demoSchoolId(browser);
	await signIn(page, DEMO.director);

	await open(page, `/app/orgs/${school}/help`);
	const question = `Не открывается журнал ${unique('help')}`;
	await page.getByLabel('Тема').selectOption({ index: 1 });
	await page.getByLabel('С чем нужна помощь').fill(question);
	const asked = await submitAndCapture(page, () =>
		submit(page, page.getByRole('button', { name: 'Направить обращение' }))
	);
	await expect(page.getByRole('status')).toContainText('Обращение направлено');
	expect((await replay(page, asked)).status()).toBe(200);
	await open(page, `/app/orgs/${school}/help`);
	await expect(page.getByText(question)).toHaveCount(1);

	await open(page, `/app/orgs/${school}/people`);
	const email = uniqueEmail('twice');
	await page.getByLabel('Электронная почта').fill(email);
	const invited = await submitAndCapture(page, () =>
		submit(page, page.getByRole('button', { name: 'Создать приглашение' }))
	);
	await expect(page.getByRole('status')).toContainText(`Приглашение для ${email} создано`);
	const again = await replay(page, invited);
	expect(again.status()).toBe(200);
	expect(await again.text()).toContain('Эта форма уже была отправлена');
	await open(page, `/app/orgs/${school}/people`);
	await expect(page.locator('table tbody tr', { hasText: email })).toHaveCount(1);
});
