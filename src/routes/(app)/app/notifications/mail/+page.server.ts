import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { mailKinds, saveMailKinds } from '$lib/server/notifications/inbox';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	return { mailKinds: await mailKinds(database(), actor.id), email: actor.email };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const actor = requireActor(locals, url);
		const chosen = (await request.formData()).getAll('kind').map(String);
		await saveMailKinds(database(), actor, chosen);
		return { saved: true };
	}
};
