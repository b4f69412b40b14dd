import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { signIn } from '$lib/server/auth/sign-in';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { safeNext } from '$lib/server/web/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	const notice = url.searchParams.has('accepted')
		? 'Приглашение принято. Войдите с вашим адресом и паролем.'
		: url.searchParams.has('reset')
			? 'Пароль изменён. Войдите с новым паролем.'
			: null;
	return { next: safeNext(url.searchParams.get('next')), notice };
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').slice(0, 300);
		const password = String(form.get('password') ?? '');
		const result = await signIn(database(), {
			email,
			password,
			ipAddress: getClientAddress(),
			userAgent: request.headers.get('user-agent')
		});
		if (!result.ok)
			return fail(result.rateLimited ? 429 : 400, {
				email,
				field: result.field,
				message: result.message
			});
		cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(url, result.expiresAt));
		redirect(303, safeNext(String(form.get('next') ?? '')));
	}
};
