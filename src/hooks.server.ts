import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { database, startDatabase, stopDatabase } from '$lib/server/db/runtime';
import { assignTextFamilies } from '$lib/server/public/text-families';
import { StartupError } from '$lib/server/db/start';
import { installProcessGuard } from '$lib/server/web/process-guard';
import { loadActor } from '$lib/server/auth/permissions';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { prepareDemo } from '$lib/server/demo/start-up';
import { syncCatalogues } from '$lib/server/checklists/sync-catalogues';
import { startReminderJob } from '$lib/server/notifications/job';
import {
	applyFramePolicy,
	exposeFastPath,
	followPublicChanges,
	isStopping,
	publicCacheKey,
	securityHeadersFor,
	servePublicPage,
	startStopping,
	withCharset
} from '$lib/server/web/public-pages';

export const init: ServerInit = async () => {
	const started = Date.now();
	installProcessGuard();
	let handle: Awaited<ReturnType<typeof startDatabase>>;
	try {
		handle = await startDatabase();
	} catch (e) {
		// What waiting cannot heal ends the start with one line, not a stack trace.
		if (e instanceof StartupError) {
			console.error(e.message);
			process.exit(1);
		}
		throw e;
	}
	const catalogues = await syncCatalogues(handle.db);
	for (const problem of catalogues.problems) console.error(`Каталоги: ${problem}`);
	await prepareDemo(handle);
	// Acts published before text families existed, or restored from an older copy, get theirs.
	await assignTextFamilies(handle.db);
	await followPublicChanges(handle);
	exposeFastPath();
	const stopReminders = startReminderJob(database);
	console.log(
		`Регламент: база данных ${handle.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} (${handle.location}) готова за ${Date.now() - started} мс`
	);
	// Stopping: answers say «Connection: close», so keep-alive clients stop sending; once the server
	// has closed (in-flight requests done), the database closes and the process exits.
	const stopping = () => {
		startStopping();
		setTimeout(() => process.exit(0), 15_000).unref();
	};
	process.once('SIGTERM', stopping);
	process.once('SIGINT', stopping);
	process.once('sveltekit:shutdown', async () => {
		stopReminders();
		await stopDatabase().catch((e) =>
			console.error(`База данных закрылась с ошибкой: ${(e as Error).message}`)
		);
		process.exit(0);
	});
};

export const MALFORMED_BODY =
	'Форма пришла повреждённой: обновите страницу и отправьте её ещё раз.';

/**
 * A body that is not a form (broken multipart, text/plain) is the sender's fault: 400 with the
 * Russian error page and one line in the log, never a 500 with a stack trace.
 */
function guardFormData(event: Parameters<Handle>[0]['event']): void {
	const parse = event.request.formData.bind(event.request);
	event.request.formData = async () => {
		try {
			return await parse();
		} catch (e) {
			console.warn(
				`400 ${event.request.method} ${event.url.pathname}: тело запроса не читается как форма (${(e as Error).message})`
			);
			error(400, MALFORMED_BODY);
		}
	};
}

const PRIVATE = /^\/(app|invite|reset|login|account)(\/|$)/;
// The open API answers the same to everyone: it never reads a session nor sets a cookie.
const OPEN_API = /^\/api\//;

export const handle: Handle = async ({ event, resolve }) => {
	guardFormData(event);
	event.locals.user = null;
	event.locals.session = null;
	event.locals.actor = null;
	// A published page is the same for everyone: served from memory without reading the session.
	const cacheKey = publicCacheKey(event);
	if (cacheKey)
		return secured(event, await servePublicPage(cacheKey, event.request, () => resolve(event)));
	if (OPEN_API.test(event.url.pathname)) return secured(event, await resolve(event));
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const db = database();
		const result = await validateSessionToken(db, token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			event.locals.actor = await loadActor(db, result.user);
			if (result.renewed)
				event.cookies.set(
					SESSION_COOKIE,
					token,
					sessionCookieOptions(event.url, result.session.expiresAt)
				);
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return secured(event, await resolve(event));
};

function secured(event: Parameters<Handle>[0]['event'], response: Response): Response {
	applyFramePolicy(response.headers);
	for (const [name, value] of securityHeadersFor(response.headers.get('content-security-policy')))
		response.headers.set(name, value);
	if (isStopping()) response.headers.set('Connection', 'close');
	const type = response.headers.get('content-type');
	if (type) response.headers.set('content-type', withCharset(type));
	// Private pages and everything downloaded from the cabinet stay out of shared and browser caches.
	if (PRIVATE.test(event.url.pathname) && !response.headers.has('cache-control'))
		response.headers.set('Cache-Control', 'no-store');
	return response;
}

export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Страница не найдена.' : 'Внутренняя ошибка сервера.' };
};
