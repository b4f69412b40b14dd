import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { markAllRead, notificationsOf } from '$lib/server/notifications/reminders';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	return { notifications: await notificationsOf(database(), actor.id) };
};

export const actions: Actions = {
	read: async ({ locals, url }) => {
		await markAllRead(database(), requireActor(locals, url).id);
		return { read: true };
	}
};
