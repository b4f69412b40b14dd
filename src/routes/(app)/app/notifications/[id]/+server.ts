import { error, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { markRead, safeLink } from '$lib/server/notifications/inbox';
import type { RequestHandler } from './$types';

/** Opening a notification: it becomes read, then leads where it points. Another person's answers 404. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const opened = await markRead(database(), requireActor(locals, url).id, params.id);
	if (!opened) error(404, 'Уведомление не найдено.');
	redirect(303, safeLink(opened.link));
};
