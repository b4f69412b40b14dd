import { describe, expect, it } from 'vitest';
import { parseSearch, SEARCH_PAGE_MAX } from '../../src/lib/server/public/search';
import { websiteHref } from '../../src/lib/server/public/organization-page';
import { publicStatus } from '../../src/lib/server/public/visibility';
import { addressHash } from '../../src/lib/server/public/submit-comment';

describe('parseSearch', () => {
	it('reads the query, the organisation, the kind, the flag and the page', () => {
		const { params, problems } = parseSearch(
			new URLSearchParams('q=+электронный+журнал+&org=saki-rayon&kind=regulation&ended=on&page=3')
		);
		expect(params).toEqual({
			q: 'электронный журнал',
			org: 'saki-rayon',
			kind: 'regulation',
			ended: true,
			same: null,
			page: 3
		});
		expect(problems).toEqual({});
	});

	it('drops nonsense with a message instead of failing', () => {
		const { params, problems } = parseSearch(
			new URLSearchParams(`q=${'я'.repeat(500)}%00&kind=poem&page=${SEARCH_PAGE_MAX + 1}`)
		);
		expect(params.q).toHaveLength(200);
		expect(params.kind).toBeNull();
		expect(params.page).toBe(1);
		expect(problems.kind).toMatch(/Такого вида документа нет/);
		expect(problems.page).toMatch(/Такой страницы нет/);
		expect(parseSearch(new URLSearchParams('page=-2')).params.page).toBe(1);
		expect(parseSearch(new URLSearchParams('page=0')).params.page).toBe(1);
		expect(parseSearch(new URLSearchParams('q=%00')).params.q).toBe('');
		expect(parseSearch(new URLSearchParams('')).params).toEqual({
			q: '',
			org: '',
			kind: null,
			ended: false,
			same: null,
			page: 1
		});
	});
});

describe('websiteHref', () => {
	it('links http(s) addresses, adds the scheme people leave out, refuses anything else', () => {
		expect(websiteHref('https://school.example.ru/')).toBe('https://school.example.ru/');
		expect(websiteHref('school.example.ru')).toBe('https://school.example.ru/');
		expect(websiteHref('javascript:alert(1)')).toBeNull();
		expect(websiteHref('data:text/html,<b>x</b>')).toBeNull();
		expect(websiteHref('  ')).toBeNull();
		expect(websiteHref(null)).toBeNull();
	});
});

describe('publicStatus', () => {
	it('shows superseded and repealed acts as such and any other published row as in force', () => {
		expect(publicStatus('superseded')).toBe('superseded');
		expect(publicStatus('repealed')).toBe('repealed');
		expect(publicStatus('published')).toBe('published');
		expect(publicStatus('draft')).toBe('published');
	});
});

describe('addressHash', () => {
	it('is a keyed SHA-256: stable for one key, different for another, never the address', () => {
		const key = new TextEncoder().encode('k1');
		const a = addressHash('203.0.113.7', key);
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(addressHash('203.0.113.7', key)).toBe(a);
		expect(addressHash('203.0.113.8', key)).not.toBe(a);
		expect(addressHash('203.0.113.7', new TextEncoder().encode('k2'))).not.toBe(a);
	});
});
