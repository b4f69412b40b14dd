import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { refusal, requireActor } from '$lib/server/web/guards';
import { issuePasswordReset, searchUsers } from '$lib/server/people/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	if (!actor.isAdmin) error(403, 'Раздел доступен администратору платформы.');
	const q = url.searchParams.get('q') ?? '';
	return { q, users: await searchUsers(database(), actor, q) };
};

export const actions: Actions = {
	reset: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const userId = String((await request.formData()).get('userId') ?? '');
		try {
			const { token, user } = await issuePasswordReset(database(), actor, userId);
			return { reset: { email: user.email, link: `${url.origin}/reset/${token}` } };
		} catch (e) {
			return refusal(e, {});
		}
	}
};
