import { DataDirBusyError } from '../backup/data-dir-lock';
import { openDatabase, type DatabaseConfig, type DatabaseHandle } from './index';

export interface StartupFailure {
	/** Whether waiting can help: a server that is down or starting, a database not yet created. */
	heals: boolean;
	/** One line, Russian then English, for the log. */
	message: string;
}

const HEALING_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'57P03',
	'3D000',
	'53300'
]);

/** What went wrong when the database would not open, and whether to try again. */
export function startupFailure(e: unknown, config: DatabaseConfig): StartupFailure {
	const err = e as { code?: string; message?: string };
	const code = err?.code ?? '';
	const text = String(err?.message ?? e).split('\n')[0] ?? '';
	if (config.url) {
		try {
			new URL(config.url);
		} catch {
			return {
				heals: false,
				message:
					'DATABASE_URL не является адресом вида postgres://user@host:5432/db — исправьте переменную. / DATABASE_URL is not a valid postgres:// URL.'
			};
		}
		if (HEALING_CODES.has(code) || /connect|terminat|starting up|does not exist/i.test(text))
			return {
				heals: true,
				message: `PostgreSQL недоступен (${code || text}) / PostgreSQL unavailable (${code || text})`
			};
		return { heals: false, message: `PostgreSQL отказал: ${text} / PostgreSQL refused: ${text}` };
	}
	// The other process may be the one being replaced, or a backup of a stopped app: it ends.
	if (e instanceof DataDirBusyError)
		return { heals: true, message: `${e.message} / DATA_DIR is in use by another process` };
	if (['EACCES', 'EROFS', 'EPERM'].includes(code) || /permission denied|read-only/i.test(text))
		return {
			heals: false,
			message: `Нет права записи в DATA_DIR (${config.dataDir}): ${code || text}. Укажите каталог, доступный на запись. / DATA_DIR is not writable.`
		};
	return {
		heals: false,
		message: `Встроенная база не открылась: ${text} / The embedded database did not open: ${text}`
	};
}

export interface RetryOptions {
	open?: (config: DatabaseConfig) => Promise<DatabaseHandle>;
	log?: (line: string) => void;
	sleep?: (ms: number) => Promise<void>;
	/** The longest wait between attempts. */
	maxDelayMs?: number;
}

export class StartupError extends Error {}

/**
 * Opens the database, waiting for one that is down, starting or not yet created: 1, 2, 4… up to
 * 30 s between attempts, a line for each. What cannot heal by waiting (a malformed URL, a
 * read-only directory, a refused password) ends the start with its one-line message.
 */
export async function openDatabaseWithRetry(
	config: DatabaseConfig,
	options: RetryOptions = {}
): Promise<DatabaseHandle> {
	const open = options.open ?? openDatabase;
	const log = options.log ?? ((line: string) => console.error(line));
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
	const maxDelay = options.maxDelayMs ?? 30_000;
	for (let attempt = 1; ; attempt++) {
		try {
			return await open(config);
		} catch (e) {
			const failure = startupFailure(e, config);
			if (!failure.heals) throw new StartupError(failure.message);
			const delay = Math.min(maxDelay, 1000 * 2 ** (attempt - 1));
			log(
				`${failure.message}: повтор через ${Math.round(delay / 1000)} с, попытка ${attempt} / retrying in ${Math.round(delay / 1000)} s, attempt ${attempt}`
			);
			await sleep(delay);
		}
	}
}
