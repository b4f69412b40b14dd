import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { outboxOf } from '$lib/server/notifications/reminders';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!requireActor(locals, url).isAdmin) error(403, 'Раздел доступен администратору платформы.');
	return { mail: await outboxOf(database()), smtp: !!process.env.SMTP_URL };
};
