import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { findOpenReset, resetPassword } from '$lib/server/people/users';
import { ValidationError } from '$lib/server/forms/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const open = await findOpenReset(database(), params.token);
	return {
		reset: open ? { email: open.email, expiresAt: open.reset.expiresAt.toISOString() } : null
	};
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const form = await request.formData();
		try {
			await resetPassword(database(), params.token, {
				password: String(form.get('password') ?? ''),
				repeat: String(form.get('repeat') ?? '')
			});
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { errors: e.errors });
			throw e;
		}
		redirect(303, '/login?reset=1');
	}
};
