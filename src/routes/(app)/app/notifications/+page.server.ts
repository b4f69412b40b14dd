import { error, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import {
	inboxCounts,
	inboxOrganizations,
	listInbox,
	markAllRead,
	markRead,
	parseInboxFilter
} from '$lib/server/notifications/inbox';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	const db = database();
	const { filter, problems } = parseInboxFilter(url.searchParams);
	const { groups, hasMore } = await listInbox(db, actor.id, filter);
	return {
		filter,
		problems,
		raw: Object.fromEntries(
			['unread', 'kind', 'org'].map((k) => [k, url.searchParams.get(k) ?? ''])
		),
		groups,
		hasMore,
		counts: await inboxCounts(db, actor.id, filter),
		organizations: await inboxOrganizations(db, actor.id)
	};
};

// Both forms post to the list's own address, so its filter and page come back with the answer.
export const actions: Actions = {
	readAll: async ({ locals, url }) => {
		const { filter } = parseInboxFilter(url.searchParams);
		return { marked: await markAllRead(database(), requireActor(locals, url).id, filter) };
	},
	read: async ({ locals, url, request }) => {
		const id = String((await request.formData()).get('id') ?? '');
		if (!(await markRead(database(), requireActor(locals, url).id, id)))
			error(404, 'Уведомление не найдено.');
		const back = new URLSearchParams([...url.searchParams].filter(([k]) => !k.startsWith('/')));
		redirect(303, `${url.pathname}${back.size ? `?${back}` : ''}`);
	}
};
