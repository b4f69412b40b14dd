/**
 * Tools of the security suite (security-matrix.spec.ts, security-bad-input.spec.ts): the route tree
 * read from src/routes, request-level sessions, a crawler that collects real ids and forms of an
 * organisation's cabinet, and a snapshot of what an organisation holds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import { BASE_URL, DEMO_PASSWORD } from './helpers';

export interface Route {
	/** The address pattern, route groups stripped: /app/orgs/[id]/documents/[docId]. */
	pattern: string;
	params: string[];
	/** The folder in src/routes, for messages. */
	dir: string;
	/** A page (+page.svelte or +page.server.ts): GET it and its __data.json. */
	page: boolean;
	/** Methods a +server.ts exports. */
	methods: string[];
	/** Form actions a +page.server.ts exports (`default` for the unnamed one). */
	actions: string[];
	regex: RegExp;
}

const ROUTES = join(process.cwd(), 'src', 'routes');
const HTTP_METHODS = new Set([
	'GET',
	'POST',
	'PUT',
	'PATCH',
	'DELETE',
	'HEAD',
	'OPTIONS',
	'fallback'
]);

function isExported(node: ts.Node): boolean {
	return (
		ts.canHaveModifiers(node) &&
		(ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
	);
}

/** Names exported by a module and, for `export const actions = { … }`, the action names. */
function exportsOf(file: string): { names: string[]; actions: string[] } {
	const source = ts.createSourceFile(
		file,
		readFileSync(file, 'utf8'),
		ts.ScriptTarget.Latest,
		true
	);
	const names: string[] = [];
	const actions: string[] = [];
	for (const statement of source.statements) {
		if (!isExported(statement)) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name) names.push(statement.name.text);
		if (!ts.isVariableStatement(statement)) continue;
		for (const declaration of statement.declarationList.declarations) {
			if (!ts.isIdentifier(declaration.name)) continue;
			names.push(declaration.name.text);
			if (declaration.name.text !== 'actions') continue;
			let init = declaration.initializer;
			while (
				init &&
				(ts.isSatisfiesExpression(init) ||
					ts.isAsExpression(init) ||
					ts.isParenthesizedExpression(init))
			)
				init = init.expression;
			if (!init || !ts.isObjectLiteralExpression(init))
				throw new Error(
					`${relative(process.cwd(), file)}: actions is not an object literal, the security suite cannot read its names`
				);
			for (const property of init.properties) {
				const name = property.name;
				if (!name || !(ts.isIdentifier(name) || ts.isStringLiteral(name)))
					throw new Error(
						`${relative(process.cwd(), file)}: an action whose name is not written out (a spread?)`
					);
				actions.push(name.text);
			}
		}
	}
	return { names, actions };
}

/** Every page, endpoint and form action under src/routes, read at test time. */
export function routeTree(): Route[] {
	const routes: Route[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		const has = (name: string) => entries.some((e) => e.isFile() && e.name === name);
		const rel = relative(ROUTES, dir);
		const segments = rel ? rel.split(/[\\/]/).filter((s) => !/^\(.+\)$/.test(s)) : [];
		const pattern = '/' + segments.join('/');
		const pageServer = join(dir, '+page.server.ts');
		const endpoint = join(dir, '+server.ts');
		const page = has('+page.svelte') || has('+page.server.ts');
		const methods = existsSync(endpoint)
			? exportsOf(endpoint).names.filter((n) => HTTP_METHODS.has(n))
			: [];
		const actions = existsSync(pageServer) ? exportsOf(pageServer).actions : [];
		if (page || methods.length) {
			const params = [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
			const source = pattern
				.replace(/[.*+?^${}()|\\]/g, '\\$&')
				.replace(/\\?\[(?:\\\.\\\.\\\.)?[^\]]+\\?\]/g, '([^/?#]+)');
			routes.push({
				pattern,
				params,
				dir: relative(process.cwd(), dir),
				page,
				methods,
				actions,
				regex: new RegExp(`^${source}$`)
			});
		}
		for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
	};
	walk(ROUTES);
	return routes;
}

/** The route an address belongs to, and the values of its parameters. */
export function matchRoute(
	routes: Route[],
	pathname: string
): { route: Route; values: Record<string, string> } | null {
	// Static segments win over parameters, as in SvelteKit: /documents/new before /documents/[docId].
	const candidates = routes
		.map((route) => ({ route, m: route.regex.exec(pathname) }))
		.filter((c) => c.m)
		.sort((a, b) => a.route.params.length - b.route.params.length);
	const best = candidates[0];
	if (!best) return null;
	return {
		route: best.route,
		values: Object.fromEntries(
			best.route.params.map((p, i) => [p, decodeURIComponent(best.m![i + 1]!)])
		)
	};
}

export function fill(
	pattern: string,
	values: Record<string, string | undefined>
): { path: string; missing: string[] } {
	const missing: string[] = [];
	const path = pattern.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => {
		const value = values[name];
		if (!value) missing.push(name);
		return value ?? `[${name}]`;
	});
	return { path, missing };
}

/** A request-level session: signs in through the login form's action, keeps the cookie. */
export async function apiSession(email: string | null): Promise<APIRequestContext> {
	const context = await request.newContext({
		baseURL: BASE_URL,
		extraHTTPHeaders: { Origin: BASE_URL }
	});
	if (email) {
		const response = await context.post('/login', {
			form: { email, password: DEMO_PASSWORD, next: '/app' },
			maxRedirects: 0,
			headers: { Accept: 'text/html' }
		});
		if (response.status() !== 303) throw new Error(`signing in as ${email}: ${response.status()}`);
	}
	return context;
}

/** Runs `work` over `items`, `size` at a time. */
export async function inBatches<T, R>(
	items: T[],
	size: number,
	work: (item: T) => Promise<R>
): Promise<R[]> {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += size)
		out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
	return out;
}

const decode = (s: string) =>
	s
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
		.replace(/&amp;/g, '&');

const attr = (tag: string, name: string): string | null => {
	const m = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
	return m ? decode(m[1] ?? m[2] ?? m[3] ?? '') : null;
};

export interface FormField {
	name: string;
	value: string;
	/** input type, or select / textarea. */
	type: string;
}

export interface FoundForm {
	/** Where the form posts: a path with `?/action` or without (the default action). */
	target: string;
	action: string;
	pathname: string;
	multipart: boolean;
	fields: FormField[];
}

/** The POST forms of a page, their targets resolved against the page's address. */
export function formsOf(html: string, pageUrl: string): FoundForm[] {
	const forms: FoundForm[] = [];
	for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
		const [, head, body] = m as unknown as [string, string, string];
		if ((attr(head, 'method') ?? 'get').toLowerCase() !== 'post') continue;
		const target = new URL(attr(head, 'action') ?? '', new URL(pageUrl, BASE_URL));
		const named = [...target.searchParams.keys()].find((k) => k.startsWith('/'));
		const fields: FormField[] = [];
		for (const input of body.matchAll(/<input\b[^>]*>/gi)) {
			const name = attr(input[0], 'name');
			const type = (attr(input[0], 'type') ?? 'text').toLowerCase();
			if (!name || type === 'submit') continue;
			if (
				(type === 'checkbox' || type === 'radio') &&
				!/\schecked\b/i.test(input[0]) &&
				fields.some((f) => f.name === name)
			)
				continue;
			fields.push({
				name,
				type,
				value: attr(input[0], 'value') ?? (type === 'checkbox' ? 'on' : '')
			});
		}
		for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
			const name = attr(select[1]!, 'name');
			if (!name) continue;
			const options = [...select[2]!.matchAll(/<option\b([^>]*)>/gi)].map((o) => ({
				value: attr(o[1]!, 'value') ?? '',
				selected: /\sselected\b/i.test(o[1]!)
			}));
			fields.push({
				name,
				type: 'select',
				value: (options.find((o) => o.selected) ?? options.find((o) => o.value) ?? { value: '' })
					.value
			});
		}
		for (const area of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
			const name = attr(area[1]!, 'name');
			if (name) fields.push({ name, type: 'textarea', value: decode(area[2]!) });
		}
		for (const button of body.matchAll(/<button\b([^>]*)>/gi)) {
			const name = attr(button[1]!, 'name');
			if (name && !fields.some((f) => f.name === name))
				fields.push({ name, type: 'button', value: attr(button[1]!, 'value') ?? '' });
		}
		forms.push({
			target: target.pathname + target.search,
			action: named ? named.slice(1) : 'default',
			pathname: target.pathname,
			multipart: (attr(head, 'enctype') ?? '').includes('multipart'),
			fields
		});
	}
	return forms;
}

export interface Crawl {
	/** Addresses seen per route pattern (path and query), in the order found. */
	urls: Map<string, string[]>;
	/** Values seen per parameter name. */
	values: Map<string, string[]>;
	/** Forms found per `pattern?/action`. */
	forms: Map<string, FoundForm>;
	/** The text of the pages fetched, by address. */
	pages: Map<string, string>;
}

/**
 * Walks a cabinet as its own person sees it, from `start`, following links of the routes of
 * `routes` whose address contains `scope`: each page pattern is fetched at most `perPattern`
 * times, so the walk stays small however many documents there are.
 */
export async function crawl(
	context: APIRequestContext,
	routes: Route[],
	start: string[],
	scope: string,
	perPattern = 2,
	maxPages = 160
): Promise<Crawl> {
	const result: Crawl = { urls: new Map(), values: new Map(), forms: new Map(), pages: new Map() };
	const fetched = new Map<string, number>();
	const queued = new Set<string>(start);
	let queue = [...start];
	const note = (href: string) => {
		const url = new URL(href, BASE_URL);
		const found = matchRoute(routes, url.pathname);
		if (!found) return null;
		// Ids are the walked organisation's own: a district's pages also link to its schools' documents.
		if (found.route.pattern.startsWith('/app/orgs/[id]') && !url.pathname.startsWith(scope))
			return found;
		const list = result.urls.get(found.route.pattern) ?? [];
		const full = url.pathname + url.search;
		if (!list.includes(full)) list.push(full);
		result.urls.set(found.route.pattern, list);
		for (const [k, v] of Object.entries(found.values)) {
			const values = result.values.get(k) ?? [];
			if (!values.includes(v)) values.push(v);
			result.values.set(k, values);
		}
		return found;
	};
	while (queue.length && result.pages.size < maxPages) {
		const batch = queue.splice(0, 6);
		await Promise.all(
			batch.map(async (href) => {
				const response = await context.get(href, {
					headers: { Accept: 'text/html' },
					maxRedirects: 0
				});
				if (
					response.status() !== 200 ||
					!(response.headers()['content-type'] ?? '').includes('text/html')
				)
					return;
				const html = await response.text();
				result.pages.set(href, html);
				for (const form of formsOf(html, href)) {
					const found = note(form.pathname);
					if (found) {
						const key = `${found.route.pattern}?/${form.action}`;
						if (!result.forms.has(key)) result.forms.set(key, form);
					}
				}
				for (const link of html.matchAll(/\shref="(\/app\/[^"#]*)"/g)) {
					const target = decode(link[1]!);
					const found = note(target);
					if (!found || !found.route.page || !target.includes(scope) || queued.has(target))
						continue;
					const seen = fetched.get(found.route.pattern) ?? 0;
					if (seen >= perPattern) continue;
					fetched.set(found.route.pattern, seen + 1);
					queued.add(target);
					queue.push(target);
				}
			})
		);
		// Pages of patterns not yet seen go first.
		queue = queue.sort(
			(a, b) =>
				(fetched.get(matchRoute(routes, new URL(a, BASE_URL).pathname)!.route.pattern) ?? 0) -
				(fetched.get(matchRoute(routes, new URL(b, BASE_URL).pathname)!.route.pattern) ?? 0)
		);
	}
	return result;
}

/** What an organisation holds as its own people see it: a change by anyone else shows here. */
export async function snapshot(
	context: APIRequestContext,
	orgId: string
): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	const audit = await context.get(`/app/orgs/${orgId}/audit?verify=1`);
	const text = await audit.text();
	out.audit =
		/проверено записей — (\d+)/.exec(text)?.[1] ?? `unreadable audit page (${audit.status()})`;
	out.auditHead = /<code>([0-9a-f]{16,})<\/code>/.exec(text)?.[1] ?? '';
	for (const page of ['', '/people', '/documents', '/checklists', '/help', '/edit']) {
		const response = await context.get(`/app/orgs/${orgId}${page}`);
		const html = await response.text();
		// The links and the text of <main>, without what moves by itself (scripts, a form's fresh one-time key).
		const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
		const steady = main
			.replace(/<script[\s\S]*?<\/script>/g, '')
			.replace(/(name="submissionKey" value=")[^"]*"/g, '$1"');
		out[page || '/'] = `${response.status()} ${steady.replace(/\s+/g, ' ')}`;
	}
	return out;
}

/** The number of entries in an organisation's audit log, by its verify page. */
export async function auditCount(context: APIRequestContext, orgId: string): Promise<number> {
	const text = await (await context.get(`/app/orgs/${orgId}/audit?verify=1`)).text();
	const n = /проверено записей — (\d+)/.exec(text)?.[1];
	if (!n) throw new Error(`the audit page of ${orgId} shows no count`);
	return Number(n);
}

export function isRedirectToLogin(response: APIResponse): boolean {
	return (
		[302, 303, 307].includes(response.status()) &&
		/^\/login(\?|$)/.test(response.headers()['location'] ?? '')
	);
}

/** The organisation ids a cabinet's main navigation links to (Школа / Организация). */
export async function ownOrgId(context: APIRequestContext): Promise<string> {
	const html = await (await context.get('/app')).text();
	const id = /href="\/app\/orgs\/([0-9a-f-]{36})"/.exec(html)?.[1];
	if (!id) throw new Error('no organisation in the navigation');
	return id;
}
