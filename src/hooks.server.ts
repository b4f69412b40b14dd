import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { database, startDatabase, stopDatabase } from '$lib/server/db/runtime';
import { loadActor } from '$lib/server/auth/permissions';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { prepareDemo } from '$lib/server/demo/start-up';
import { syncCatalogues } from '$lib/server/checklists/sync-catalogues';
import { startReminderJob } from '$lib/server/notifications/job';

export const init: ServerInit = async () => {
	const started = Date.now();
	const handle = await startDatabase();
	const catalogues = await syncCatalogues(handle.db);
	for (const problem of catalogues.problems) console.error(`Каталоги: ${problem}`);
	await prepareDemo(handle);
	const stopReminders = startReminderJob(database);
	console.log(`Регламент: база данных ${handle.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${handle.location}) готова за ${Date.now() - started} мс`);
	process.once('sveltekit:shutdown', () => {
		stopReminders();
		void stopDatabase();
	});
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.actor = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const db = database();
		const result = await validateSessionToken(db, token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			event.locals.actor = await loadActor(db, result.user);
			if (result.renewed)
				event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(event.url, result.session.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	return response;
};

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Страница не найдена.' : 'Внутренняя ошибка сервера.' };
};
