// npm run backup — a copy of the database into BACKUP_DIR (default ./backups): pg_dump for
// PostgreSQL (DATABASE_URL), the data directory's tarball for PGlite (DATA_DIR), taken from the
// running app when it runs and straight from the directory when it is stopped.
import { configFromEnv } from '../src/lib/server/db/index';
import {
	BackupError,
	backupDatabase,
	backupDirFromEnv,
	formatSize
} from '../src/lib/server/backup/backup';

try {
	const result = await backupDatabase(configFromEnv(), backupDirFromEnv());
	console.log(
		`Резервная копия сохранена: ${result.file} (${formatSize(result.bytes)}${result.fromRunningApp ? ', снята с работающего приложения' : ''}).`
	);
} catch (e) {
	console.error(
		e instanceof BackupError
			? e.message
			: `Резервная копия не сделана: ${(e as Error).message ?? e}`
	);
	process.exitCode = 1;
}
