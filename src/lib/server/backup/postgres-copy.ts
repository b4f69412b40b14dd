import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { BackupError } from './errors';

/** pg_dump or pg_restore: from PATH (Debian's wrapper picks the cluster's version), else the newest installed. */
export function pgTool(
	name: 'pg_dump' | 'pg_restore',
	env: NodeJS.ProcessEnv = process.env
): string {
	for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
		const candidate = path.join(dir, name);
		if (existsSync(candidate)) return candidate;
	}
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	for (const version of versions) {
		const candidate = path.join(root, version, 'bin', name);
		if (existsSync(candidate)) return candidate;
	}
	throw new BackupError(
		`Не найден ${name}: установите клиент PostgreSQL той же версии, что и сервер, или новее (например, apt-get install postgresql-client).`
	);
}

/** The URL without its password, which goes in PGPASSWORD: arguments are visible to every user in `ps`. */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
	const parsed = new URL(url);
	const password = decodeURIComponent(parsed.password);
	parsed.password = '';
	return {
		dbname: parsed.toString(),
		env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env }
	};
}

function run(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
	const { dbname, env } = connection(url);
	return new Promise((resolve, reject) => {
		const child = spawn(pgTool(tool), [...args, `--dbname=${dbname}`], {
			env,
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.once('error', (e) => reject(new BackupError(`${tool} не запустился: ${e.message}`)));
		child.once('close', (code) => {
			if (code === 0) return resolve();
			const line = stderr.split('\n').find((l) => l.trim()) ?? `код выхода ${code}`;
			reject(new BackupError(`${tool} завершился с ошибкой: ${line.trim()}`));
		});
	});
}

export const dumpPostgres = (url: string, file: string) =>
	run('pg_dump', ['--format=custom', '--no-password', `--file=${file}`], url);

/** How many tables the database already has outside PostgreSQL's own schemas. */
export async function tablesIn(url: string): Promise<number> {
	const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
	try {
		const [row] = await client<{ n: number }[]>`
			select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'`;
		return row!.n;
	} catch (e) {
		const err = e as { code?: string; message?: string };
		const name = new URL(url).pathname.slice(1);
		if (err.code === '3D000')
			throw new BackupError(`Базы «${name}» нет: создайте пустую (createdb ${name}) и повторите.`);
		throw new BackupError(`PostgreSQL недоступен: ${err.message ?? e}`);
	} finally {
		await client.end({ timeout: 5 });
	}
}

/**
 * Into an empty database in one transaction: a failed restore leaves it empty. `replace` first drops
 * what the copy holds (pg_restore --clean). Objects belong to whoever restores, as the app connects.
 */
export const restorePostgres = (url: string, file: string, replace: boolean) =>
	run(
		'pg_restore',
		[
			'--exit-on-error',
			'--single-transaction',
			'--no-owner',
			'--no-privileges',
			'--no-password',
			...(replace ? ['--clean', '--if-exists'] : []),
			file
		],
		url
	);
