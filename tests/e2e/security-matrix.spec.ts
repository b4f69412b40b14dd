import type { APIRequestContext, APIResponse } from '@playwright/test';
import { DEMO, expect, test } from './helpers';
import {
	apiSession,
	crawl,
	fill,
	inBatches,
	isRedirectToLogin,
	ownOrgId,
	routeTree,
	snapshot,
	type Crawl,
	type FoundForm,
	type Route
} from './security-tools';

/**
 * Every private page, data endpoint, file endpoint and form action of the route tree, asked by
 * someone who has no business there: a director of another school, a district office of another
 * region, a visitor who is not signed in. The routes come from src/routes at test time, the ids
 * and forms from the victim's own cabinet, so a new route is attacked the day it is written.
 */

const PEER_DIRECTOR = 'director.veresaevskaya-sh@demo.test';

/**
 * Private routes outside /app/orgs/[id]: `own` is the person's own cabinet (any signed-in person
 * gets it, it must only never show the victim), `admin` is for the platform administrator only,
 * `victim-doc` takes a document id of the victim. A new private route must be added here.
 */
const OUTSIDE_ORGS: Record<string, 'own' | 'admin' | 'victim-doc'> = {
	'/app': 'own',
	'/app/account': 'own',
	'/app/notifications': 'own',
	'/app/notifications/mail': 'own',
	// Someone else's notification answers 404 and stays unread (notifications.test.ts, notifications.spec.ts).
	'/app/notifications/[id]': 'own',
	'/app/acknowledge': 'own',
	// Finds only within the organisations the person may see (cabinet-search.test.ts).
	'/app/search': 'own',
	'/app/orgs': 'own',
	'/app/orgs/new': 'admin',
	'/app/admin/users': 'admin',
	'/app/admin/outbox': 'admin',
	'/app/acknowledge/[docId]': 'victim-doc'
};

const isPrivate = (r: Route) => r.pattern === '/app' || r.pattern.startsWith('/app/');
const inOrg = (r: Route) =>
	r.pattern === '/app/orgs/[id]' || r.pattern.startsWith('/app/orgs/[id]/');

interface Victim {
	label: string;
	orgId: string;
	/** Signed in as a person of the victim organisation (or the administrator). */
	owner: APIRequestContext;
	crawl: Crawl;
	markers: string[];
	before: Record<string, string>;
}

interface Attempt {
	label: string;
	method: string;
	url: string;
	kind: 'page' | 'data' | 'endpoint' | 'action' | 'idor-action';
	run: () => Promise<APIResponse>;
}

const GENERIC_FIELDS = {
	title: 'Взлом',
	body: 'Взлом',
	note: 'Взлом',
	comment: 'Взлом',
	email: 'intruder@example.test',
	fullName: 'Взломщик',
	question: 'Взлом'
};

function formBody(form: FoundForm | undefined): {
	form?: Record<string, string>;
	multipart?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
} {
	if (!form) return { form: GENERIC_FIELDS };
	const values: Record<string, string> = {};
	for (const f of form.fields)
		if (f.type !== 'file' && !(f.name in values))
			values[f.name] =
				f.value || (f.type === 'date' ? '2026-09-01' : f.type === 'number' ? '1' : 'Взлом');
	if (!form.multipart) return { form: values };
	const multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> = {
		...values
	};
	for (const f of form.fields)
		if (f.type === 'file')
			multipart[f.name] = {
				name: 'scan.pdf',
				mimeType: 'application/pdf',
				buffer: Buffer.from('%PDF-1.4\n%%EOF\n')
			};
	return { multipart };
}

const actionUrl = (url: string, action: string) =>
	action === 'default' ? url : `${url}${url.includes('?') ? '&' : '?'}/${action}`;
const dataUrl = (url: string) => {
	const u = new URL(url, 'http://x');
	return `${u.pathname.replace(/\/$/, '')}/__data.json${u.search}`;
};

async function orgIdByLinkText(
	context: APIRequestContext,
	page: string,
	text: RegExp
): Promise<string> {
	const html = await (await context.get(page)).text();
	for (const m of html.matchAll(/<a\b[^>]*href="\/app\/orgs\/([0-9a-f-]{36})"[^>]*>([^<]*)</g))
		if (text.test(m[2]!)) return m[1]!;
	throw new Error(`no link ${text} on ${page}`);
}

/** Names and titles that only the victim's pages may show. */
async function markersOf(
	owner: APIRequestContext,
	orgId: string,
	c: Crawl,
	attackerOwnText: string
): Promise<string[]> {
	const edit = await (await owner.get(`/app/orgs/${orgId}/edit`)).text();
	const home = await (await owner.get(`/app/orgs/${orgId}`)).text();
	const found = new Set<string>();
	const h1 = /<h1[^>]*>([^<]+)<\/h1>/.exec(home)?.[1]?.trim();
	if (h1) found.add(h1);
	for (const name of ['fullName', 'shortName']) {
		const value =
			new RegExp(`name="${name}"[^>]*value="([^"]+)"`).exec(edit)?.[1] ??
			new RegExp(`value="([^"]+)"[^>]*name="${name}"`).exec(edit)?.[1];
		if (value) found.add(value.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
	}
	for (const html of c.pages.values()) {
		for (const m of html.matchAll(
			/href="\/app\/orgs\/[^/"]+\/(?:documents|contracts)\/[0-9a-f-]{36}"[^>]*>([^<]{12,})</g
		))
			found.add(m[1]!.trim());
		for (const m of html.matchAll(/[\w.+-]+@demo\.test/g)) found.add(m[0]);
	}
	// What the attacker's own cabinet shows as well (a model act's usual title) proves nothing.
	return [...found].filter((m) => m.length >= 8 && !attackerOwnText.includes(m));
}

test('матрица доступа: чужие страницы, данные, файлы и действия отказаны, ничего не меняется', async () => {
	test.setTimeout(120_000);
	const started = Date.now();
	const routes = routeTree();
	const privateRoutes = routes.filter(isPrivate);
	const orgRoutes = privateRoutes.filter(inOrg);
	const outside = privateRoutes.filter((r) => !inOrg(r));
	const unmapped = outside
		.filter((r) => !(r.pattern in OUTSIDE_ORGS))
		.map((r) => `${r.pattern} (${r.dir})`);
	expect(
		unmapped,
		'private routes outside /app/orgs/[id] that the matrix does not know: add them to OUTSIDE_ORGS'
	).toEqual([]);
	expect(orgRoutes.length).toBeGreaterThan(40);

	const sessions = new Map<string, APIRequestContext>();
	const as = async (email: string) => {
		if (!sessions.has(email)) sessions.set(email, await apiSession(email));
		return sessions.get(email)!;
	};
	const [director, peer, municipality, admin] = await Promise.all(
		[DEMO.director, PEER_DIRECTOR, DEMO.municipality, DEMO.admin].map(as)
	);
	const demoSchool = await ownOrgId(director!);
	const peerSchool = await ownOrgId(peer!);
	const saki = await ownOrgId(municipality!);
	const amurRegion = await orgIdByLinkText(admin!, '/app/orgs', /Амурской области/);
	const amurSchool = await orgIdByLinkText(
		admin!,
		`/app/orgs/${amurRegion}/tree`,
		/Гимназия № 1 г\. Благовещенска/
	);

	const ownText = new Map<string, string>();
	for (const [email, orgId] of [
		[DEMO.director, demoSchool],
		[PEER_DIRECTOR, peerSchool],
		[DEMO.municipality, saki]
	] as const) {
		const context = await as(email);
		const texts = await Promise.all(
			['', '/documents', '/people', '/checklists', '/help'].map(async (p) =>
				(await context.get(`/app/orgs/${orgId}${p}`)).text()
			)
		);
		ownText.set(email, texts.join('\n'));
	}

	const victimOf = async (
		label: string,
		owner: APIRequestContext,
		orgId: string,
		attacker: string
	): Promise<Victim> => {
		const starts = orgRoutes
			.filter((r) => r.page && r.params.length === 1)
			.map((r) => fill(r.pattern, { id: orgId }).path);
		const c = await crawl(owner, routes, [...starts, '/app/acknowledge'], `/app/orgs/${orgId}`);
		return {
			label,
			orgId,
			owner,
			crawl: c,
			markers: await markersOf(owner, orgId, c, ownText.get(attacker) ?? ''),
			before: await snapshot(owner, orgId)
		};
	};

	const plan: { attacker: string | null; ownOrg: string | null; victims: Victim[] }[] = [
		{
			attacker: DEMO.director,
			ownOrg: demoSchool,
			victims: [
				await victimOf('Вересаевская школа', peer!, peerSchool, DEMO.director),
				await victimOf('Сакский район', municipality!, saki, DEMO.director)
			]
		},
		{
			attacker: PEER_DIRECTOR,
			ownOrg: peerSchool,
			victims: [await victimOf('демо-школа', director!, demoSchool, PEER_DIRECTOR)]
		},
		{
			attacker: DEMO.municipality,
			ownOrg: saki,
			victims: [
				await victimOf('Амурская область', admin!, amurRegion, DEMO.municipality),
				await victimOf('гимназия Благовещенска', admin!, amurSchool, DEMO.municipality)
			]
		}
	];
	plan.push({ attacker: null, ownOrg: null, victims: [plan[1]!.victims[0]!] });

	// Which route was attacked with all its parameters filled, by anyone.
	const covered = new Set<string>();
	const notFilled = new Map<string, Set<string>>();
	const failures: string[] = [];
	let attempts = 0;
	let errors500 = 0;
	let leaks = 0;

	for (const { attacker, ownOrg, victims } of plan) {
		const who = attacker ?? 'аноним';
		const context = attacker ? await as(attacker) : await apiSession(null);
		const attemptsOf: Attempt[] = [];
		const markers = victims.flatMap((v) => v.markers);

		const add = (route: Route, url: string, victim: Victim, idor: boolean) => {
			const label = `${who} → ${victim.label}${idor ? ' (своя организация, чужие id)' : ''}`;
			if (route.page) {
				attemptsOf.push({
					label,
					method: 'GET',
					url,
					kind: 'page',
					run: () => context.get(url, { headers: { Accept: 'text/html' }, maxRedirects: 0 })
				});
				attemptsOf.push({
					label,
					method: 'GET',
					url: dataUrl(url),
					kind: 'data',
					run: () => context.get(dataUrl(url), { maxRedirects: 0 })
				});
			}
			for (const method of route.methods)
				attemptsOf.push({
					label,
					method,
					url,
					kind: 'endpoint',
					run: () =>
						context.fetch(url, {
							method: method === 'fallback' ? 'PUT' : method,
							maxRedirects: 0,
							...(method === 'GET' || method === 'HEAD' ? {} : { form: GENERIC_FIELDS })
						})
				});
			for (const action of route.actions) {
				const target = actionUrl(url, action);
				const body = formBody(victim.crawl.forms.get(`${route.pattern}?/${action}`));
				attemptsOf.push({
					label,
					method: 'POST',
					url: target,
					kind: idor ? 'idor-action' : 'action',
					run: () =>
						context.post(target, { ...body, headers: { Accept: 'text/html' }, maxRedirects: 0 })
				});
			}
		};

		for (const victim of victims) {
			const values = (name: string) =>
				name === 'id'
					? victim.orgId
					: victim.crawl.values.get(name)?.find((v) => v !== victim.orgId);
			const targets = [
				...orgRoutes,
				...outside.filter((r) => OUTSIDE_ORGS[r.pattern] !== 'own' || !attacker)
			];
			for (const route of targets) {
				if (!attacker && !inOrg(route) && victim !== victims[0]) continue;
				let url = victim.crawl.urls
					.get(route.pattern)
					?.find((u) => !inOrg(route) || u.startsWith(`/app/orgs/${victim.orgId}`));
				if (!url) {
					const { path, missing } = fill(
						route.pattern,
						Object.fromEntries(route.params.map((p) => [p, values(p)]))
					);
					if (missing.length) {
						notFilled.set(
							route.pattern,
							new Set([
								...(notFilled.get(route.pattern) ?? []),
								`${victim.label}: ${missing.join(', ')}`
							])
						);
						continue;
					}
					url = path;
				}
				covered.add(route.pattern);
				add(route, url, victim, false);
				// The attacker's own organisation in the address, the victim's document (item, file…) after it.
				if (attacker && ownOrg && inOrg(route) && route.params.length > 1)
					add(route, url.replace(victim.orgId, ownOrg), victim, true);
			}
			// The victim's own forms, sent to the attacker's own organisation: ids in the body must not reach across.
			if (attacker && ownOrg) {
				const victimIds = new Set(
					[...victim.crawl.values.values()].flat().filter((v) => v !== victim.orgId)
				);
				for (const [key, form] of victim.crawl.forms) {
					const pattern = key.split('?/')[0]!;
					const route = orgRoutes.find((r) => r.pattern === pattern);
					if (
						!route ||
						route.params.length !== 1 ||
						!form.fields.some((f) => victimIds.has(f.value))
					)
						continue;
					const target = actionUrl(fill(pattern, { id: ownOrg }).path, form.action);
					attemptsOf.push({
						label: `${who} → ${victim.label} (чужие id в теле формы)`,
						method: 'POST',
						url: target,
						kind: 'idor-action',
						run: () =>
							context.post(target, {
								...formBody(form),
								headers: { Accept: 'text/html' },
								maxRedirects: 0
							})
					});
				}
			}
		}

		await inBatches(attemptsOf, 8, async (a) => {
			attempts += 1;
			const response = await a.run();
			const status = response.status();
			const body = await response.text().catch(() => '');
			const where = `${a.label}: ${a.method} ${a.url} → ${status}`;
			if (status >= 500) {
				errors500 += 1;
				failures.push(`${where} (ошибка сервера)`);
				return;
			}
			const shown = markers.filter((m) => body.includes(m));
			let ok: boolean;
			if (a.kind === 'data') {
				let json: {
					type?: string;
					location?: string;
					nodes?: ({ type?: string; status?: number } | null)[];
				} = {};
				try {
					json = JSON.parse(body);
				} catch {
					/* not JSON: judged by status below */
				}
				ok = attacker
					? status === 200 &&
						json.type === 'data' &&
						!!json.nodes?.some((n) => n?.type === 'error' && (n.status === 403 || n.status === 404))
					: (status === 200 && json.type === 'redirect' && /^\/login/.test(json.location ?? '')) ||
						isRedirectToLogin(response);
			} else if (!attacker) ok = isRedirectToLogin(response) || [401, 403, 404].includes(status);
			else if (a.kind === 'idor-action') ok = [400, 403, 404, 409, 422].includes(status);
			else ok = [403, 404].includes(status);
			if (shown.length) ok = false;
			if (!ok) {
				if (status === 200 || shown.length) leaks += 1;
				failures.push(
					`${where}${shown.length ? `, показывает: ${shown.slice(0, 3).join(' | ')}` : ''}${response.headers()['location'] ? `, → ${response.headers()['location']}` : ''}`
				);
			}
		});
		if (!attacker) await context.dispose();
	}

	const uncovered = [...privateRoutes]
		.filter((r) => !covered.has(r.pattern) && OUTSIDE_ORGS[r.pattern] !== 'own')
		.map((r) => `${r.pattern}: no id for ${[...(notFilled.get(r.pattern) ?? ['—'])].join('; ')}`);

	// Nothing the victims hold has changed.
	const changed: string[] = [];
	for (const victim of plan.slice(0, 3).flatMap((p) => p.victims)) {
		const after = await snapshot(victim.owner, victim.orgId);
		for (const [page, value] of Object.entries(victim.before))
			if (after[page] !== value)
				changed.push(
					`${victim.label} ${page}: ${value.slice(0, 80)} → ${after[page]?.slice(0, 80)}`
				);
	}

	for (const v of plan.slice(0, 3).flatMap((p) => p.victims)) {
		const missing = [...notFilled]
			.filter(([, by]) => [...by].some((b) => b.startsWith(`${v.label}:`)))
			.map(([pattern]) => pattern);
		console.log(
			`  ${v.label}: страниц обойдено ${v.crawl.pages.size}, примет для утечки ${v.markers.length}, маршрутов без id у неё ${missing.length}`
		);
	}
	console.log(
		`Матрица доступа: ${privateRoutes.length} маршрутов, ${attempts} попыток, ошибок 500: ${errors500}, утечек: ${leaks}, отказов не по правилам: ${failures.length}, изменений у жертв: ${changed.length}, ${((Date.now() - started) / 1000).toFixed(1)} с`
	);
	for (const s of sessions.values()) await s.dispose();
	expect(changed).toEqual([]);
	expect(
		uncovered,
		'routes the matrix could not fill with a victim id: discover the id or map the parameter'
	).toEqual([]);
	expect(failures).toEqual([]);
});
