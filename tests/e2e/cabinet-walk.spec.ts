import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { BASE_URL, DEMO, expect, signIn, test } from './helpers';

// Every page a person of each role reaches by following links from the cabinet's home, once per
// kind of page (a kind another role already showed is not walked again): on a phone nothing
// scrolls sideways, and axe finds nothing serious on the desktop.
const ROLES = [
	DEMO.director,
	DEMO.member1,
	DEMO.teacher,
	DEMO.municipality,
	DEMO.region,
	DEMO.admin
];
const PER_ROLE = 40;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

/** A page's kind: its path with ids taken out, and which query keys it carries. */
function pageKind(url: URL): string {
	const path = url.pathname
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
		.replace(/\/\d+(?=\/|$)/g, '/:n');
	const keys = [...new Set(url.searchParams.keys())].sort().join('&');
	return keys ? `${path}?${keys}` : path;
}

const NOT_PAGES =
	/\/(logout|docx|pdf|odt|zip|download|export|archive\.zip|files\/[^/]+$)|\.(docx|xlsx|csv|zip|pdf|odt|sig)$|[?&]format=/;

async function linksOn(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLAnchorElement>('main a[href], header a[href]')]
			.filter((a) => !a.hasAttribute('download') && a.origin === location.origin)
			.map((a) => a.href.split('#')[0]!)
	);
}

async function seriousAxe(page: Page): Promise<string> {
	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.impact} ${v.id}: ${v.help}\n${v.nodes
					.slice(0, 3)
					.map((n) => `  ${n.target.join(' ')}`)
					.join('\n')}`
		)
		.join('\n');
}

const seen = new Set<string>();

for (const email of ROLES) {
	test(`${email}: каждая страница кабинета на телефоне без прокрутки вбок и без серьёзных нарушений доступности`, async ({
		page
	}) => {
		test.setTimeout(240_000);
		await signIn(page, email);
		const queue = ['/app'];
		const visited: string[] = [];
		const problems: string[] = [];
		while (queue.length && visited.length < PER_ROLE) {
			const href = queue.shift()!;
			const url = new URL(href, BASE_URL);
			const kind = pageKind(url);
			// Each role's home is walked, for the links only it has.
			const home = url.pathname === '/app' && !visited.length;
			if (
				(seen.has(kind) && !home) ||
				!url.pathname.startsWith('/app') ||
				NOT_PAGES.test(url.pathname + url.search)
			)
				continue;
			seen.add(kind);
			await page.setViewportSize(PHONE);
			// The server's page as it arrives: layout and markup do not wait for scripts.
			const response = await page.goto(url.pathname + url.search).catch(() => null);
			// A file the link hands over, not a page.
			if (!response?.headers()['content-type']?.startsWith('text/html')) continue;
			visited.push(kind);
			if (response.status() >= 400)
				problems.push(`${url.pathname}: a link leads to ${response.status()}`);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			if (width > PHONE.width) problems.push(`${url.pathname}: ${width} px wide at ${PHONE.width}`);
			await page.setViewportSize(DESKTOP);
			const axe = await seriousAxe(page);
			if (axe) problems.push(`${url.pathname}:\n${axe}`);
			queue.push(...(await linksOn(page)));
		}
		expect(visited.length, `pages walked: ${visited.join(', ')}`).toBeGreaterThan(0);
		expect(problems, problems.join('\n')).toEqual([]);
	});
}
