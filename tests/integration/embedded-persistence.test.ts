import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { isDatabaseReachable, openDatabase } from '../../src/lib/server/db/index';
import { organizations } from '../../src/lib/server/db/schema';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { prepareDemo } from '../../src/lib/server/demo/start-up';
import { demoPresent } from '../../src/lib/server/demo/seed-demo';

// The embedded path as `npm start` uses it: files under DATA_DIR that survive a restart.
describe.runIf((process.env.TEST_DB ?? 'pglite') === 'pglite')(
	'embedded database under DATA_DIR',
	() => {
		const dir = mkdtempSync(path.join(tmpdir(), 'reglament-data-'));
		afterAll(() => rmSync(dir, { recursive: true, force: true }));

		it('seeds the demo into an empty directory once, keeps it across restarts, and closes cleanly', async () => {
			const first = await openDatabase({ dataDir: dir });
			expect(first.kind).toBe('pglite');
			await prepareDemo(first, {});
			expect(await demoPresent(first.db)).toBe(true);
			const [school] = await first.db
				.select()
				.from(organizations)
				.where(eq(organizations.slug, 'novofedorovskaya-shkola-litsey'));
			expect(school?.journalSystem).toBe('eljur');
			await first.close();
			expect(await isDatabaseReachable(first.db)).toBe(false);

			// A restart applies no migration twice and seeds nothing twice.
			const second = await openDatabase({ dataDir: dir });
			await prepareDemo(second, {});
			const rows = await second.db
				.select()
				.from(organizations)
				.where(eq(organizations.slug, 'novofedorovskaya-shkola-litsey'));
			expect(rows).toHaveLength(1);
			expect(await verifyChain(second.db, rows[0]!.id)).toMatchObject({ ok: true });
			await second.close();
			// Seeding the whole demo into WebAssembly PostgreSQL: 12 s on a quiet 2-core machine, more when it is shared.
		}, 90_000);

		it('does not seed the demo when SEED_DEMO=0', async () => {
			const other = mkdtempSync(path.join(tmpdir(), 'reglament-nodemo-'));
			const handle = await openDatabase({ dataDir: other });
			await prepareDemo(handle, { SEED_DEMO: '0' });
			expect(await demoPresent(handle.db)).toBe(false);
			await handle.close();
			rmSync(other, { recursive: true, force: true });
		});
	}
);
