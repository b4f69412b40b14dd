import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	openDatabase,
	type Database,
	type DatabaseConfig,
	type DatabaseHandle
} from '../../src/lib/server/db/index';
import { BackupError, backupDatabase, restoreDatabase } from '../../src/lib/server/backup/backup';
import { DataDirBusyError } from '../../src/lib/server/backup/data-dir-lock';
import { recordEvent } from '../../src/lib/server/audit/record-event';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { seedDemo } from '../../src/lib/server/demo/seed-demo';
import { DEMO_SCHOOL_SLUG } from '../../src/lib/server/demo/demo-data';
import { findOrganizationBySlug } from '../../src/lib/server/orgs/queries';
import { rowsOf } from '../../src/lib/server/monitoring/sql';

const engine = process.env.TEST_DB ?? 'pglite';
const work = mkdtempSync(path.join(tmpdir(), 'reglament-backup-'));
const backupDir = path.join(work, 'backups');
const opened: DatabaseHandle[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** Every table of the app and of its migrations, each as its rows ordered by their JSON; and every sequence. */
async function snapshot(db: Database): Promise<Record<string, string>> {
	const tables = await rowsOf<{ s: string; t: string }>(
		db,
		sql`select table_schema as s, table_name as t from information_schema.tables
			where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`
	);
	const result: Record<string, string> = {};
	for (const { s, t } of tables) {
		const [row] = await rowsOf<{ rows: string }>(
			db,
			sql`select coalesce(json_agg(to_jsonb(x) order by to_jsonb(x)::text), '[]'::json)::text as rows from ${sql.identifier(s)}.${sql.identifier(t)} x`
		);
		result[`${s}.${t}`] = row!.rows;
	}
	const sequences = await rowsOf<{ s: string; n: string }>(
		db,
		sql`select sequence_schema as s, sequence_name as n from information_schema.sequences where sequence_schema in ('public', 'drizzle') order by 1, 2`
	);
	for (const { s, n } of sequences) {
		const [row] = await rowsOf<{ v: string }>(
			db,
			sql`select concat(last_value, ' ', is_called) as v from ${sql.identifier(s)}.${sql.identifier(n)}`
		);
		result[`sequence ${s}.${n}`] = row!.v;
	}
	return result;
}

const rowCount = (snap: Record<string, string>, table: string) =>
	(JSON.parse(snap[table] ?? '[]') as unknown[]).length;

async function chains(db: Database) {
	const names = await rowsOf<{ chain: string }>(
		db,
		sql`select distinct chain from audit_events order by chain`
	);
	return Promise.all(
		names.map(async ({ chain }) => ({ chain, verdict: await verifyChain(db, chain) }))
	);
}

/** The demo and a few audit events of our own, with nested and Cyrillic payloads. */
async function fill(handle: DatabaseHandle) {
	expect(await seedDemo(handle.db)).toBe('seeded');
	const school = await findOrganizationBySlug(handle.db, DEMO_SCHOOL_SLUG);
	for (let step = 1; step <= 3; step++)
		await handle.db.transaction((tx) =>
			recordEvent(tx, {
				actor: null,
				organizationId: school!.id,
				action: 'organization.updated',
				entityType: 'organization',
				entityId: school!.id,
				after: { шаг: step, nested: { b: [1, 'два'], a: null } }
			})
		);
}

/** The restored database holds exactly what the source held, row for row, and every chain verifies. */
async function expectSame(
	source: Record<string, string>,
	sourceChains: Awaited<ReturnType<typeof chains>>,
	restored: DatabaseHandle
) {
	const copy = await snapshot(restored.db);
	expect(Object.keys(copy)).toEqual(Object.keys(source));
	for (const table of Object.keys(source)) expect(copy[table], table).toBe(source[table]);
	const restoredChains = await chains(restored.db);
	expect(restoredChains).toEqual(sourceChains);
	for (const { chain, verdict } of restoredChains) expect(verdict.ok, chain).toBe(true);
}

function expectFilled(snap: Record<string, string>) {
	for (const table of [
		'public.organizations',
		'public.users',
		'public.memberships',
		'public.audit_events',
		'public.documents',
		'public.document_versions',
		'drizzle.__drizzle_migrations'
	])
		expect(rowCount(snap, table), table).toBeGreaterThan(0);
}

beforeAll(() => {
	vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(async () => {
	vi.restoreAllMocks();
	for (const handle of opened.reverse()) await handle.close().catch(() => {});
	for (const cleanup of cleanups.reverse()) await cleanup();
	rmSync(work, { recursive: true, force: true });
});

async function open(config: DatabaseConfig) {
	const handle = await openDatabase(config);
	opened.push(handle);
	return handle;
}

describe.runIf(engine === 'pglite')('backups of the embedded database', () => {
	const dataDir = path.join(work, 'data');
	let source: DatabaseHandle;
	let before: Record<string, string>;
	let beforeChains: Awaited<ReturnType<typeof chains>>;

	beforeAll(async () => {
		source = await open({ dataDir });
		await fill(source);
		before = await snapshot(source.db);
		beforeChains = await chains(source.db);
		expectFilled(before);
	}, 120_000);

	it('refuses a second process on a directory in use: two would corrupt it', async () => {
		await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirBusyError);
	});

	it('copies the running database through its process and restores it row for row into a new directory', async () => {
		const copy = await backupDatabase({ dataDir }, backupDir, new Date(2025, 0, 2, 3, 4, 5));
		expect(copy).toMatchObject({
			file: path.join(backupDir, 'reglament-20250102-030405.tar.gz'),
			fromRunningApp: true
		});
		expect(copy.bytes).toBeGreaterThan(0);
		const target = path.join(work, 'restored-live');
		await restoreDatabase({ dataDir: target }, copy.file);
		await expectSame(before, beforeChains, await open({ dataDir: target }));
	}, 120_000);

	it('copies a stopped database straight from its directory, and refuses a non-empty or running target', async () => {
		await source.close();
		opened.splice(opened.indexOf(source), 1);
		const copy = await backupDatabase({ dataDir }, backupDir, new Date(2025, 0, 2, 3, 4, 6));
		expect(copy.fromRunningApp).toBe(false);

		const target = path.join(work, 'restored-stopped');
		mkdirSync(target);
		await restoreDatabase({ dataDir: target }, copy.file);
		const restored = await open({ dataDir: target });
		await expectSame(before, beforeChains, restored);
		await expect(restoreDatabase({ dataDir: target }, copy.file, true)).rejects.toThrow(
			/открыт работающим приложением/
		);
		await restored.close();
		opened.splice(opened.indexOf(restored), 1);

		await expect(restoreDatabase({ dataDir: target }, copy.file)).rejects.toThrow(
			/не пуст.*--force/
		);
		const forced = await restoreDatabase(
			{ dataDir: target },
			copy.file,
			true,
			new Date(2025, 0, 2, 3, 4, 7)
		);
		expect(forced.movedAside).toBe(`${path.resolve(target)}.before-restore-20250102-030407`);
		expect(readdirSync(forced.movedAside!)).toContain('PG_VERSION');
		await expectSame(before, beforeChains, await open({ dataDir: target }));
	}, 120_000);

	it('says plainly when the file is not a copy of this engine', async () => {
		await expect(
			restoreDatabase({ dataDir: path.join(work, 'none') }, path.join(work, 'missing.tar.gz'))
		).rejects.toThrow(BackupError);
		await expect(backupDatabase({ dataDir: path.join(work, 'empty') }, backupDir)).rejects.toThrow(
			/нет базы/
		);
	});
});

describe.runIf(engine === 'postgres')('backups of a PostgreSQL database', () => {
	const serverUrl = process.env.TEST_DATABASE_URL!;
	const suffix = Math.random().toString(16).slice(2, 10);
	const urlOf = (name: string) => {
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		return url.toString();
	};
	async function createDatabase(name: string) {
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		try {
			await admin.unsafe(`CREATE DATABASE "${name}"`);
		} finally {
			await admin.end();
		}
		cleanups.push(async () => {
			const drop = postgres(serverUrl, { max: 1, onnotice: () => {} });
			await drop.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => drop.end());
		});
		return urlOf(name);
	}

	it('dumps with pg_dump and restores with pg_restore into an empty database, row for row', async () => {
		const sourceUrl = await createDatabase(`reglament_bk_src_${suffix}`);
		const source = await open({ url: sourceUrl });
		await fill(source);
		const before = await snapshot(source.db);
		const beforeChains = await chains(source.db);
		expectFilled(before);

		const copy = await backupDatabase({ url: sourceUrl }, backupDir, new Date(2025, 0, 2, 3, 4, 5));
		expect(copy.file).toBe(path.join(backupDir, 'reglament-20250102-030405.dump'));
		expect(copy.bytes).toBeGreaterThan(0);

		const targetUrl = await createDatabase(`reglament_bk_dst_${suffix}`);
		await restoreDatabase({ url: targetUrl }, copy.file);
		const restored = await open({ url: targetUrl });
		await expectSame(before, beforeChains, restored);

		// Over a database that has tables only when asked; then it holds the copy again.
		await expect(restoreDatabase({ url: targetUrl }, copy.file)).rejects.toThrow(
			/не пуста.*--force/
		);
		await restored.db.execute(sql`update organizations set short_name = 'испорчено'`);
		await restoreDatabase({ url: targetUrl }, copy.file, true);
		await expectSame(before, beforeChains, restored);

		await expect(
			restoreDatabase({ url: urlOf(`reglament_bk_absent_${suffix}`) }, copy.file)
		).rejects.toThrow(/createdb/);
	}, 180_000);
});
