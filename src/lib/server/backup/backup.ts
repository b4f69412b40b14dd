import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	readSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { DatabaseConfig } from '../db';
import { claimDataDir, dataDirInUse, requestDump } from './data-dir-lock';
import { BackupError } from './errors';
import { dumpPglite } from './pglite-copy';
import { dumpPostgres, restorePostgres, tablesIn } from './postgres-copy';

export { BackupError } from './errors';

export const backupDirFromEnv = (env: NodeJS.ProcessEnv = process.env) =>
	path.resolve(env.BACKUP_DIR ?? 'backups');

const stamp = (d: Date) => {
	const two = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
};

/** `reglament-YYYYMMDD-HHMMSS.dump` for PostgreSQL, `.tar.gz` for PGlite, in local time. */
export const backupFileName = (kind: 'postgres' | 'pglite', at: Date) =>
	`reglament-${stamp(at)}${kind === 'postgres' ? '.dump' : '.tar.gz'}`;

export interface BackupResult {
	file: string;
	bytes: number;
	/** PGlite only: the copy came from the running app. */
	fromRunningApp: boolean;
}

/** A copy of the database the app would open with `config`, into `backupDir`. */
export async function backupDatabase(
	config: DatabaseConfig,
	backupDir: string,
	at = new Date()
): Promise<BackupResult> {
	mkdirSync(backupDir, { recursive: true });
	const file = path.join(backupDir, backupFileName(config.url ? 'postgres' : 'pglite', at));
	if (existsSync(file))
		throw new BackupError(`Файл ${file} уже есть: подождите секунду и повторите.`);
	// Written beside and renamed when complete: a file under the final name is always a whole copy.
	const partial = `${file}.partial`;
	try {
		let fromRunningApp = false;
		if (config.url) await dumpPostgres(config.url, partial);
		else {
			const copy = await copyDataDir(requireDataDir(config));
			fromRunningApp = copy.fromRunningApp;
			writeFileSync(partial, copy.bytes, { mode: 0o600 });
		}
		renameSync(partial, file);
		return { file, bytes: statSync(file).size, fromRunningApp };
	} finally {
		rmSync(partial, { force: true });
	}
}

function requireDataDir(config: DatabaseConfig): string {
	if (!config.dataDir) throw new BackupError('Не задан ни DATABASE_URL, ни DATA_DIR.');
	return config.dataDir;
}

async function copyDataDir(
	dataDir: string
): Promise<{ bytes: Uint8Array; fromRunningApp: boolean }> {
	if (!existsSync(path.join(dataDir, 'PG_VERSION')))
		throw new BackupError(
			`В DATA_DIR ${path.resolve(dataDir)} нет базы: проверьте переменную DATA_DIR.`
		);
	const live = await requestDump(dataDir).catch((e: Error) => {
		throw new BackupError(`Работающее приложение не отдало копию: ${e.message}`);
	});
	if (live) return { bytes: live, fromRunningApp: true };
	// Nobody has the directory open: open it here, holding the claim so the app cannot start meanwhile.
	let client: PGlite | undefined;
	const claim = await claimDataDir(dataDir, () => dumpPglite(client!));
	try {
		client = new PGlite(dataDir);
		return { bytes: await dumpPglite(client), fromRunningApp: false };
	} finally {
		await client?.close();
		await claim.release();
	}
}

export interface RestoreResult {
	location: string;
	/** PGlite with `force`: where the directory that was there went. */
	movedAside?: string;
}

const GZIP = [0x1f, 0x8b];
const PG_CUSTOM = 'PGDMP';

function readHead(file: string): Buffer {
	if (!existsSync(file) || !statSync(file).isFile())
		throw new BackupError(`Нет файла копии ${file}.`);
	const fd = openSync(file, 'r');
	try {
		const head = Buffer.alloc(5);
		readSync(fd, head, 0, head.length, 0);
		return head;
	} finally {
		closeSync(fd);
	}
}

/**
 * Restores a copy into the database `config` names, which must be empty (or new) unless `force`:
 * PostgreSQL then has what the copy holds dropped first; a PGlite directory is renamed aside.
 */
export async function restoreDatabase(
	config: DatabaseConfig,
	file: string,
	force = false,
	at = new Date()
): Promise<RestoreResult> {
	const head = readHead(file);
	const isPostgresCopy = head.toString('latin1') === PG_CUSTOM;
	const isPgliteCopy = head[0] === GZIP[0] && head[1] === GZIP[1];
	if (config.url) {
		if (!isPostgresCopy)
			throw new BackupError(
				isPgliteCopy
					? `${file} — копия встроенной базы (PGlite): для неё уберите DATABASE_URL и задайте DATA_DIR.`
					: `${file} не похож на копию, сделанную npm run backup.`
			);
		const tables = await tablesIn(config.url);
		const name = new URL(config.url).pathname.slice(1);
		if (tables > 0 && !force)
			throw new BackupError(
				`База «${name}» не пуста (таблиц: ${tables}); восстановление идёт в пустую базу (createdb …). Чтобы заменить её содержимое копией, добавьте --force.`
			);
		await restorePostgres(config.url, file, tables > 0);
		const url = new URL(config.url);
		return { location: `${url.hostname}:${url.port || 5432}${url.pathname}` };
	}
	if (!isPgliteCopy)
		throw new BackupError(
			isPostgresCopy
				? `${file} — копия PostgreSQL: для неё задайте DATABASE_URL пустой базы.`
				: `${file} не похож на копию, сделанную npm run backup.`
		);
	return restorePglite(requireDataDir(config), file, force, at);
}

async function restorePglite(
	dataDir: string,
	file: string,
	force: boolean,
	at: Date
): Promise<RestoreResult> {
	const location = path.resolve(dataDir);
	if (await dataDirInUse(dataDir))
		throw new BackupError(
			`DATA_DIR ${location} открыт работающим приложением: остановите его, потом восстанавливайте.`
		);
	let movedAside: string | undefined;
	if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
		if (!force)
			throw new BackupError(
				`DATA_DIR ${location} не пуст; восстановление идёт в пустой или новый каталог. Укажите другой DATA_DIR или добавьте --force: нынешний каталог будет переименован, не удалён.`
			);
		movedAside = `${location}.before-restore-${stamp(at)}`;
		renameSync(dataDir, movedAside);
	}
	mkdirSync(dataDir, { recursive: true });
	let client: PGlite | undefined;
	const claim = await claimDataDir(dataDir, () => dumpPglite(client!));
	try {
		client = new PGlite(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
		// The copy must open as a database of this app, not merely unpack.
		await client.query('select count(*) from drizzle.__drizzle_migrations');
	} catch (e) {
		await client?.close().catch(() => {});
		client = undefined;
		for (const entry of readdirSync(dataDir))
			rmSync(path.join(dataDir, entry), { recursive: true, force: true });
		if (movedAside) {
			rmSync(dataDir, { recursive: true, force: true });
			renameSync(movedAside, dataDir);
		}
		throw new BackupError(
			`Копия ${file} не восстановилась: ${String((e as Error).message ?? e).split('\n')[0]}`
		);
	} finally {
		await client?.close();
		await claim.release();
	}
	return { location, movedAside };
}

/** «4,2 МБ»: the size as the success line prints it. */
export function formatSize(bytes: number): string {
	const units = ['байт', 'КБ', 'МБ', 'ГБ'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${unit === 0 ? value : value.toLocaleString('ru-RU', { maximumFractionDigits: 1 })} ${units[unit]}`;
}
