import { describe, expect, it } from 'vitest';
import { isDatabaseReachable, type Database } from '../../src/lib/server/db/index';

const stuck = { execute: () => new Promise(() => {}) } as unknown as Database;
const failing = {
	execute: () => Promise.reject(new Error('CONNECTION_ENDED'))
} as unknown as Database;
const answering = { execute: () => Promise.resolve([]) } as unknown as Database;

describe('the health check', () => {
	it('says «unreachable» when the database never answers, instead of waiting with it', async () => {
		expect(await isDatabaseReachable(stuck, 20)).toBe(false);
	});

	it('says «unreachable» on an error and «reachable» on an answer', async () => {
		expect(await isDatabaseReachable(failing)).toBe(false);
		expect(await isDatabaseReachable(answering)).toBe(true);
	});
});
