import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { signOut } from '$lib/server/auth/sign-in';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.user && locals.session) await signOut(database(), locals.user, locals.session.id);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
