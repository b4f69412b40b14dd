import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';
import { claimDataDir } from '../backup/data-dir-lock';
import { dumpPglite } from '../backup/pglite-copy';

/** The database as every domain function sees it; a transaction is one too. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
	db: Database;
	kind: 'postgres' | 'pglite';
	/** Where the data lives, for the start-up banner (never contains a password). */
	location: string;
	/**
	 * Calls `onMessage` with the payload of every NOTIFY on `channel`, from any process. `onConnect`
	 * runs each time the listening connection is (re)established: what was sent meanwhile is lost.
	 */
	listen(
		channel: string,
		onMessage: (payload: string) => void,
		onConnect: () => void
	): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

export interface DatabaseConfig {
	/** PostgreSQL connection string; when absent the embedded PGlite is used. */
	url?: string;
	/** Directory for PGlite's files; absent means in memory (tests). */
	dataDir?: string;
	migrationsDir?: string;
}

const defaultMigrationsDir = () => process.env.MIGRATIONS_DIR ?? path.resolve('drizzle');

// Any number of app processes may start at once against one server: the lock lets one migrate.
const MIGRATION_LOCK = 727_001;
/** Held while the demo is seeded, so two processes starting on one empty database seed it once. */
export const SEED_LOCK = 727_002;

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
	const migrationsFolder = config.migrationsDir ?? defaultMigrationsDir();
	if (config.url) {
		const client = postgres(config.url, { max: 10, onnotice: () => {} });
		const db = drizzlePostgres(client, { schema, casing: undefined });
		const lockClient = postgres(config.url, { max: 1, onnotice: () => {} });
		try {
			await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
			await migratePostgres(db, { migrationsFolder });
			await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK})`;
		} finally {
			await lockClient.end();
		}
		const url = new URL(config.url);
		return {
			db: db as unknown as Database,
			kind: 'postgres',
			location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
			listen: async (channel, onMessage, onConnect) => {
				const { unlisten } = await client.listen(channel, onMessage, onConnect);
				return unlisten;
			},
			close: () => client.end({ timeout: 5 })
		};
	}
	if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
	// A second process on one directory corrupts it; the claim also serves `npm run backup`.
	let client: PGlite | undefined;
	const claim = config.dataDir
		? await claimDataDir(config.dataDir, () => dumpPglite(client!))
		: undefined;
	try {
		client = config.dataDir ? new PGlite(config.dataDir) : new PGlite();
		const db = drizzlePglite(client, { schema });
		await migratePglite(db, { migrationsFolder });
		const opened = client;
		return {
			db: db as unknown as Database,
			kind: 'pglite',
			location: config.dataDir ? path.resolve(config.dataDir) : 'в памяти',
			listen: async (channel, onMessage, onConnect) => {
				// One connection in this process: a listener set once never misses a notification.
				const unlisten = await opened.listen(channel, onMessage);
				onConnect();
				return unlisten;
			},
			close: async () => {
				await opened.close();
				await claim?.release();
			}
		};
	} catch (e) {
		await client?.close().catch(() => {});
		await claim?.release();
		throw e;
	}
}

/**
 * Whether the database answers within `timeoutMs`: a health check says «unreachable» in time even
 * when every pooled connection is stuck waiting for a server that is gone.
 */
export async function isDatabaseReachable(db: Database, timeoutMs = 1000): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<boolean>((resolve) => {
		timer = setTimeout(() => resolve(false), timeoutMs);
	});
	const answered = db.execute(sql`select 1`).then(
		() => true,
		() => false
	);
	try {
		return await Promise.race([answered, late]);
	} finally {
		clearTimeout(timer);
	}
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
	return env.DATABASE_URL
		? { url: env.DATABASE_URL }
		: { dataDir: env.DATA_DIR ?? path.resolve('data') };
}
