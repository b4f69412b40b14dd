import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { refusal, requireActor } from '$lib/server/web/guards';
import { changePassword, signOutEverywhere } from '$lib/server/auth/sign-in';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireActor(locals, url);
	return {
		email: actor.email,
		memberships: actor.memberships.map((m) => ({
			org: m.organizationName,
			orgId: m.organizationId,
			role: m.role
		}))
	};
};

export const actions: Actions = {
	password: async ({ locals, url, request }) => {
		requireActor(locals, url);
		const form = await request.formData();
		try {
			await changePassword(database(), locals.user!, locals.session!.id, {
				current: String(form.get('current') ?? ''),
				next: String(form.get('next') ?? ''),
				repeat: String(form.get('repeat') ?? '')
			});
			return { passwordChanged: true };
		} catch (e) {
			return refusal(e, {});
		}
	},
	everywhere: async ({ locals, url, cookies }) => {
		requireActor(locals, url);
		await signOutEverywhere(database(), locals.user!);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
