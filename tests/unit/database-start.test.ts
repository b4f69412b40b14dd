import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { openDatabaseWithRetry, startupFailure, StartupError } from '../../src/lib/server/db/start';
import { DataDirBusyError } from '../../src/lib/server/backup/data-dir-lock';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
	code: 'ECONNREFUSED'
});
const missingDb = Object.assign(new Error('database "reglament" does not exist'), {
	code: '3D000'
});

describe('starting before the database', () => {
	it('waits for a server that is down or a database not yet created, with a line per attempt and a growing pause', async () => {
		const lines: string[] = [];
		const pauses: number[] = [];
		let calls = 0;
		const handle = { kind: 'postgres' } as DatabaseHandle;
		const opened = await openDatabaseWithRetry(
			{ url: 'postgres://u@127.0.0.1:1/reglament' },
			{
				open: async () => {
					calls++;
					if (calls === 1) throw refused;
					if (calls === 2) throw missingDb;
					return handle;
				},
				log: (l) => lines.push(l),
				sleep: async (ms) => {
					pauses.push(ms);
				}
			}
		);
		expect(opened).toBe(handle);
		expect(pauses).toEqual([1000, 2000]);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(
			/^PostgreSQL недоступен \(ECONNREFUSED\).*повтор через 1 с, попытка 1 \/ retrying in 1 s/
		);
		expect(lines[1]).toMatch(/\(3D000\)/);
	});

	it('stops with one clear line for what waiting cannot heal: a malformed URL, a read-only directory', async () => {
		await expect(
			openDatabaseWithRetry(
				{ url: 'not a url' },
				{ open: () => Promise.reject(new TypeError('Invalid URL')), sleep: async () => {} }
			)
		).rejects.toThrow(StartupError);
		expect(startupFailure(new TypeError('Invalid URL'), { url: 'postgres//nope' })).toMatchObject({
			heals: false,
			message: expect.stringMatching(/^DATABASE_URL не является адресом/)
		});
		expect(
			startupFailure(
				Object.assign(new Error('EACCES: permission denied, mkdir'), { code: 'EACCES' }),
				{ dataDir: '/ro' }
			)
		).toMatchObject({
			heals: false,
			message: expect.stringMatching(/^Нет права записи в DATA_DIR \(\/ro\)/)
		});
		expect(
			startupFailure(
				Object.assign(new Error('password authentication failed'), { code: '28P01' }),
				{ url: 'postgres://u@h/db' }
			).heals
		).toBe(false);
	});

	it('waits while another process has DATA_DIR open, saying so once in each language', () => {
		const failure = startupFailure(new DataDirBusyError('/srv/data'), { dataDir: '/srv/data' });
		expect(failure.heals).toBe(true);
		expect(failure.message).toMatch(
			/^DATA_DIR \/srv\/data уже открыт другим процессом.* \/ DATA_DIR is in use by another process$/
		);
	});

	// Root writes anywhere: for it no directory is read-only.
	it.skipIf(process.getuid?.() === 0)(
		'on a real read-only DATA_DIR, ends at once with the message rather than a stack trace',
		async () => {
			const dir = mkdtempSync(path.join(tmpdir(), 'reglament-ro-'));
			chmodSync(dir, 0o500);
			try {
				await expect(
					openDatabaseWithRetry({ dataDir: path.join(dir, 'data') }, { sleep: async () => {} })
				).rejects.toThrow(/Нет права записи в DATA_DIR/);
			} finally {
				chmodSync(dir, 0o700);
				rmSync(dir, { recursive: true, force: true });
			}
		}
	);
});
