import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	chooseEncoding,
	etagOf,
	isNotModified,
	nextFullHour,
	PageCache,
	preparePage
} from '../../src/lib/server/public/page-cache';
import {
	orgTag,
	profileTag,
	publicChangeTags,
	publicPageTags
} from '../../src/lib/server/public/changes';
import { memoryKey } from '../../src/lib/server/web/public-pages';

const html = (text: string) => Buffer.from(`<!doctype html><p>${text.repeat(100)}</p>`);
const HTML: [string, string][] = [['content-type', 'text/html']];
const NOW = Date.parse('2026-12-03T20:59:30Z');

describe('preparePage', () => {
	it('keeps brotli and gzip of a page that decompress to its bytes, a strong ETag of its content, and lives until the next full hour', async () => {
		const body = html('Положение об электронном журнале. ');
		const page = await preparePage(
			body,
			[...HTML, ['content-length', '1'], ['etag', 'W/"x"']],
			['org:a'],
			NOW
		);
		expect(brotliDecompressSync(page.bodies.br).equals(body)).toBe(true);
		expect(gunzipSync(page.bodies.gzip).equals(body)).toBe(true);
		expect(page.bodies.br.byteLength).toBeLessThan(body.byteLength / 10);
		expect(page.headers).toEqual(HTML);
		expect((await preparePage(body, HTML, [], NOW)).etag).toBe(page.etag);
		expect((await preparePage(html('Другой текст. '), HTML, [], NOW)).etag).not.toBe(page.etag);
		expect(page.expiresAt).toBe(Date.parse('2026-12-03T21:00:00Z'));
		expect(nextFullHour(Date.parse('2026-12-03T21:00:00Z'))).toBe(
			Date.parse('2026-12-03T22:00:00Z')
		);
	});

	it('does not compress a DOCX, which is a ZIP already', async () => {
		const page = await preparePage(
			Buffer.alloc(4096, 1),
			[['content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']],
			[],
			NOW
		);
		expect(page.bodies.br).toBe(page.bodies.identity);
		expect(page.size).toBe(4096);
	});
});

describe('PageCache', () => {
	const page = (size: number, tags: string[], expiresAt = NOW + 60_000) => ({
		headers: HTML,
		bodies: { identity: Buffer.alloc(size), br: Buffer.alloc(0), gzip: Buffer.alloc(0) },
		etag: 'e',
		lastModified: '',
		tags,
		expiresAt,
		size
	});

	it('drops exactly the pages that carry a changed tag', () => {
		const cache = new PageCache(10_000);
		cache.set('/o/a', page(100, ['org:a', 'profile:a', 'profile:m']), cache.epoch);
		cache.set('/o/a/d/1', page(100, ['org:a', 'profile:a', 'profile:m']), cache.epoch);
		cache.set('/o/b', page(100, ['org:b', 'profile:b', 'profile:m']), cache.epoch);
		expect(cache.invalidate(['org:a'])).toBe(2);
		expect(cache.get('/o/a', NOW)).toBeUndefined();
		expect(cache.get('/o/b', NOW)).toBeDefined();
		// The municipality's new name is in every school's breadcrumbs.
		expect(cache.invalidate(['profile:m'])).toBe(1);
		expect(cache.size).toEqual({ pages: 0, bytes: 0 });
	});

	it('does not keep a page rendered while a change committed', () => {
		const cache = new PageCache(10_000);
		const epoch = cache.epoch;
		cache.invalidate(['org:x']);
		expect(cache.set('/o/a', page(100, ['org:a']), epoch)).toBe(false);
		expect(cache.get('/o/a', NOW)).toBeUndefined();
	});

	it('stays within its budget, dropping the least recently used page first', () => {
		const cache = new PageCache(1000);
		for (const key of ['/o/1', '/o/2', '/o/3']) cache.set(key, page(240, []), cache.epoch);
		cache.get('/o/1', NOW);
		cache.set('/o/4', page(240, []), cache.epoch);
		cache.set('/o/5', page(240, []), cache.epoch);
		expect(cache.size.bytes).toBeLessThanOrEqual(1000);
		expect(cache.get('/o/2', NOW)).toBeUndefined();
		expect(cache.get('/o/1', NOW)).toBeDefined();
		// One page may not take more than a quarter of the budget.
		expect(cache.set('/o/big', page(300, []), cache.epoch)).toBe(false);
	});

	it('forgets a page once it expires, and everything after a gap in the notifications', () => {
		const cache = new PageCache(10_000);
		cache.set('/o/a', page(10, [], NOW + 1000), cache.epoch);
		cache.set('/o/b', page(10, []), cache.epoch);
		expect(cache.get('/o/a', NOW + 1000)).toBeUndefined();
		cache.clear();
		expect(cache.get('/o/b', NOW)).toBeUndefined();
	});
});

describe('HTTP validators and encodings', () => {
	it('prefers brotli, then gzip, honouring q=0', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('identity')).toBe('identity');
		expect(chooseEncoding(null)).toBe('identity');
	});

	it('answers «not modified» to any of the page’s ETags, and by date only without one', async () => {
		const page = await preparePage(
			html('x'),
			[...HTML, ['last-modified', 'Thu, 03 Dec 2026 19:00:00 GMT']],
			[],
			NOW
		);
		expect(isNotModified(page, etagOf(page, 'br'), null)).toBe(true);
		expect(isNotModified(page, `"other", ${etagOf(page, 'identity')}`, null)).toBe(true);
		expect(isNotModified(page, `W/${etagOf(page, 'gzip')}`, null)).toBe(true);
		expect(isNotModified(page, '"other"', 'Fri, 04 Dec 2026 00:00:00 GMT')).toBe(false);
		expect(isNotModified(page, null, 'Thu, 03 Dec 2026 19:00:00 GMT')).toBe(true);
		expect(isNotModified(page, null, 'Thu, 03 Dec 2026 18:59:59 GMT')).toBe(false);
		expect(isNotModified(page, null, 'вчера')).toBe(false);
	});
});

describe('publicChangeTags', () => {
	const event = (action: string, organizationId: string | null = 'school', after?: unknown) =>
		({ action, organizationId, after }) as Parameters<typeof publicChangeTags>[0];

	it('names the pages a change shows on, and none for what the public never sees', () => {
		expect(publicChangeTags(event('document.published'))).toEqual([
			orgTag('school'),
			'home',
			'search'
		]);
		expect(publicChangeTags(event('public_comment.moderated'))).toEqual([orgTag('school')]);
		expect(publicChangeTags(event('discussion.opened'))).toEqual([orgTag('school'), 'home']);
		expect(publicChangeTags(event('document.linked'))).toEqual([orgTag('school')]);
		expect(publicChangeTags(event('organization.updated'))).toEqual([
			profileTag('school'),
			'home',
			'search'
		]);
		expect(
			publicChangeTags(event('organization.created', 'new', { parentId: 'district' }))
		).toEqual([orgTag('district'), 'home', 'search']);
		expect(publicChangeTags(event('document.repealed'))).toContain('search');
		for (const hidden of [
			'document.version_saved',
			'document.acknowledged',
			'checklist_item.updated',
			'session.signed_in',
			'review.decided'
		])
			expect(publicChangeTags(event(hidden))).toEqual([]);
		expect(publicChangeTags(event('document.published', null))).toEqual([]);
	});

	it('gives a page the tags of its organisation and of every name in its breadcrumbs', () => {
		expect(publicPageTags({ id: 's' }, [{ id: 'r' }, { id: 'm' }])).toEqual([
			'org:s',
			'profile:s',
			'profile:r',
			'profile:m'
		]);
	});
});

describe('memoryKey', () => {
	it('keeps canonical public pages as they are and nothing else without a query', () => {
		expect(memoryKey('/o/school-1')).toBe('/o/school-1');
		expect(memoryKey('/o/school-1?utm=x')).toBeNull();
		expect(memoryKey('/app')).toBeNull();
		expect(memoryKey('/search')).toBeNull();
	});

	it('keys a search by its parameters as the search reads them, so one page is kept once', () => {
		const key = memoryKey('/search?q=%D0%B6%D1%83%D1%80%D0%BD%D0%B0%D0%BB');
		expect(key).toBe(`/search?q=${encodeURIComponent('журнал')}`);
		expect(memoryKey('/search?page=1&q=%D0%B6%D1%83%D1%80%D0%BD%D0%B0%D0%BB+&utm=mail')).toBe(key);
		expect(memoryKey('/search?q=a&ended=yes&kind=regulation&page=3')).toBe(
			'/search?q=a&kind=regulation&ended=on&page=3'
		);
		expect(memoryKey('/search?q=')).toBeNull();
		expect(memoryKey('/search?q=a&kind=poem')).toBeNull();
		expect(memoryKey('/search?q=a&page=9999')).toBeNull();
		expect(memoryKey(`/search?q=${'a'.repeat(5000)}`)).toBeNull();
	});
});
