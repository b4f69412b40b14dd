import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/index';

/**
 * A fresh, migrated database for one test file. TEST_DB=pglite (the default) gives an
 * in-memory PGlite; TEST_DB=postgres creates a new database on the server named by
 * TEST_DATABASE_URL and drops it again on close.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
	const kind = process.env.TEST_DB ?? 'pglite';
	if (kind === 'pglite') return openDatabase({});
	if (kind !== 'postgres') throw new Error(`TEST_DB must be "pglite" or "postgres", not "${kind}"`);

	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
	const name = `reglament_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`CREATE DATABASE "${name}"`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	let handle: DatabaseHandle;
	try {
		handle = await openDatabase({ url: url.toString() });
	} catch (e) {
		await dropDatabase(serverUrl, name);
		throw e;
	}
	return {
		...handle,
		async close() {
			await handle.close();
			await dropDatabase(serverUrl, name);
		}
	};
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
	} finally {
		await admin.end();
	}
}
