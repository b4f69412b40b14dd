// npm run restore -- backups/reglament-….dump|.tar.gz [--force] — into the database that
// DATABASE_URL names (an empty one) or into DATA_DIR (empty or new, the app stopped).
import { parseArgs } from 'node:util';
import { configFromEnv } from '../src/lib/server/db/index';
import { BackupError, restoreDatabase } from '../src/lib/server/backup/backup';

const { values, positionals } = parseArgs({
	options: { force: { type: 'boolean', default: false } },
	allowPositionals: true
});
if (positionals.length !== 1) {
	console.error('Использование: npm run restore -- путь/к/копии [--force]');
	process.exit(2);
}

try {
	const result = await restoreDatabase(configFromEnv(), positionals[0]!, values.force);
	console.log(
		`База восстановлена из ${positionals[0]} в ${result.location}${result.movedAside ? `; прежний каталог сохранён как ${result.movedAside}` : ''}.`
	);
} catch (e) {
	console.error(
		e instanceof BackupError ? e.message : `Восстановление не удалось: ${(e as Error).message ?? e}`
	);
	process.exitCode = 1;
}
