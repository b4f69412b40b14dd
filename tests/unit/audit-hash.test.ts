import { describe, expect, it } from 'vitest';
import {
	canonicalJson,
	eventHash,
	GENESIS_HASH,
	type HashedFields
} from '../../src/lib/server/audit/hash';

describe('canonicalJson', () => {
	it('does not depend on the order of keys, at any depth', () => {
		const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'в' } };
		const b = { a: { c: 'в', d: [1, { x: 1, y: 2 }] }, b: 1 };
		expect(canonicalJson(a)).toBe(canonicalJson(b));
		expect(canonicalJson(a)).toBe('{"a":{"c":"в","d":[1,{"x":1,"y":2}]},"b":1}');
	});

	it('keeps the order of arrays, which is meaningful', () => {
		expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
	});

	it('drops undefined properties, as jsonb does, and writes dates as ISO strings', () => {
		expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
		expect(canonicalJson({ at: new Date('2024-03-01T10:00:00Z') })).toBe(
			'{"at":"2024-03-01T10:00:00.000Z"}'
		);
		expect(canonicalJson(null)).toBe('null');
		expect(canonicalJson(undefined)).toBe('null');
	});

	it('tells apart values that differ only in type', () => {
		expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
		expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
	});
});

describe('eventHash', () => {
	const base: HashedFields = {
		chain: '0b0c6c43-52a8-4b8f-bf3e-5bd0c46f5e51',
		seq: 3,
		occurredAt: new Date('2024-03-01T10:00:00.123Z'),
		actorId: '6b1d3c1e-3f37-4d0e-9c38-2d8f5a1b7c90',
		organizationId: '0b0c6c43-52a8-4b8f-bf3e-5bd0c46f5e51',
		action: 'organization.updated',
		entityType: 'organization',
		entityId: '0b0c6c43-52a8-4b8f-bf3e-5bd0c46f5e51',
		before: { shortName: 'СШ № 1', website: null },
		after: { shortName: 'СШ № 1 им. Пушкина', website: 'https://school1.ru/' },
		prevHash: 'a'.repeat(64)
	};

	it('is a lower-case sha-256 hex digest', () => {
		expect(eventHash(base)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('is stable when before/after come back from jsonb with their keys reordered', () => {
		const reread = {
			...base,
			before: { website: null, shortName: 'СШ № 1' },
			after: JSON.parse(
				JSON.stringify({ website: 'https://school1.ru/', shortName: 'СШ № 1 им. Пушкина' })
			)
		};
		expect(eventHash(reread)).toBe(eventHash(base));
	});

	it('changes when any hashed field changes', () => {
		const h = eventHash(base);
		const variants: Partial<HashedFields>[] = [
			{ chain: 'platform' },
			{ seq: 4 },
			{ occurredAt: new Date('2024-03-01T10:00:00.124Z') },
			{ actorId: null },
			{ organizationId: null },
			{ action: 'organization.created' },
			{ entityType: 'user' },
			{ entityId: 'x' },
			{ before: null },
			{ after: { shortName: 'СШ № 1 им. Лермонтова', website: 'https://school1.ru/' } },
			{ prevHash: GENESIS_HASH }
		];
		for (const v of variants) expect(eventHash({ ...base, ...v }), JSON.stringify(v)).not.toBe(h);
	});

	it('treats a missing before/after like null', () => {
		expect(eventHash({ ...base, before: undefined })).toBe(eventHash({ ...base, before: null }));
	});

	it('starts every chain from a hash of zeros', () => {
		expect(GENESIS_HASH).toBe('0'.repeat(64));
	});
});
