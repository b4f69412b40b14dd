// The app as a benchmark runs it: built afresh, started by scripts/serve.mjs on a free port with a
// fresh embedded database and the demo, or on BENCH_DATABASE_URL (an empty PostgreSQL database).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEMO_SCHOOL = 'novofedorovskaya-shkola-litsey';

export interface BenchServer {
	base: string;
	process: ChildProcess;
	/** What the figures were measured on, for the report's first line. */
	database: string;
	stop(): Promise<void>;
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

export async function waitForHealth(
	base: string,
	server: ChildProcess,
	seconds = 120,
	path = '/healthz'
): Promise<void> {
	const until = Date.now() + seconds * 1000;
	while (Date.now() < until) {
		if (server.exitCode !== null)
			throw new Error(`the server stopped with code ${server.exitCode}`);
		try {
			if ((await fetch(`${base}${path}`)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${base}${path} did not answer within ${seconds} s`);
}

/** Always a fresh build: a stale build/ would measure code that is no longer there. */
export function buildApp(): void {
	console.log('Собираю приложение (npm run build)…');
	const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

export async function startBenchServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<BenchServer> {
	const dataDir = mkdtempSync(join(tmpdir(), 'reglament-bench-'));
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	// A fresh embedded database with the demo, whatever DATABASE_URL the shell has, unless PostgreSQL is asked for.
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		ORIGIN: base,
		DATA_DIR: dataDir,
		SEED_DEMO: '1',
		REMINDERS_INTERVAL_MINUTES: '0',
		...extraEnv
	};
	delete env.DATABASE_URL;
	if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
	const database = process.env.BENCH_DATABASE_URL
		? `PostgreSQL (${new URL(process.env.BENCH_DATABASE_URL).pathname.slice(1)})`
		: `PGlite (${dataDir})`;
	const server = spawn(process.execPath, ['scripts/serve.mjs'], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const stop = async () => {
		if (server.exitCode === null) {
			server.kill('SIGTERM');
			await new Promise((resolve) => server.once('exit', resolve));
		}
		rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		await waitForHealth(base, server);
	} catch (e) {
		await stop();
		throw e;
	}
	return { base, process: server, database, stop };
}

/** The address of the first published act on the demo school's page («Документы» section). */
export async function publishedActPath(base: string): Promise<string> {
	const html = await (await fetch(`${base}/o/${DEMO_SCHOOL}`)).text();
	const documents = html.slice(html.indexOf('id="documents"'));
	const path = new RegExp(`/o/${DEMO_SCHOOL}/d/[0-9a-f-]{36}`).exec(documents)?.[0];
	if (!path)
		throw new Error(
			`no published act on /o/${DEMO_SCHOOL}: has the demo been seeded with its published set?`
		);
	return path;
}

/** The server's resident memory, MB: the serve.mjs process and the one it starts with its flags. */
export function rssMb(pid: number): number {
	const kb = (p: number) =>
		Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
	let children: number[] = [];
	try {
		children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean)
			.map(Number);
	} catch {
		// No children: the server runs in this process itself.
	}
	return Math.round([pid, ...children].reduce((sum, p) => sum + kb(p), 0) / 1024);
}
