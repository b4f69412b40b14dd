import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/server/web/safe-next';

describe('safeNext: after signing in, only a path of this site', () => {
	it('keeps a path of the site with its query and anchor', () => {
		expect(safeNext('/app/orgs/1/documents?status=draft#top')).toBe(
			'/app/orgs/1/documents?status=draft#top'
		);
		expect(safeNext('/o/школа')).toBe('/o/%D1%88%D0%BA%D0%BE%D0%BB%D0%B0');
	});

	it('refuses everything a browser could read as another host', () => {
		for (const bad of [
			'//evil.example',
			'/\\evil.example',
			'/%09/evil.example',
			'/%2F/evil.example',
			'/%5Cevil.example',
			'/\t/evil.example',
			'/ /evil.example',
			'https://evil.example',
			'evil.example',
			'/%E0%A4%A',
			'',
			null
		])
			expect(safeNext(bad), String(bad)).toBe('/app');
	});
});
