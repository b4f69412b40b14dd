import { configFromEnv, type Database, type DatabaseHandle } from './index';
import { openDatabaseWithRetry } from './start';

// The one database of the running app, opened by the server's init hook.
let handle: DatabaseHandle | undefined;
let opening: Promise<DatabaseHandle> | undefined;

export function startDatabase(): Promise<DatabaseHandle> {
	opening ??= openDatabaseWithRetry(configFromEnv()).then((h) => (handle = h));
	return opening;
}

export function database(): Database {
	if (!handle) throw new Error('The database is not open yet');
	return handle.db;
}

export async function stopDatabase(): Promise<void> {
	const h = handle;
	handle = undefined;
	opening = undefined;
	await h?.close();
}

export const databaseIsOpen = () => handle !== undefined;
