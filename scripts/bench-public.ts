// Throughput of the public portal: npm run bench:public [-- seconds per measurement, default 10] [concurrency, default 10]
// Builds the app, starts it (node scripts/serve.mjs) on a free port with a fresh embedded
// database and the demo (or on BENCH_DATABASE_URL, an empty PostgreSQL database, when given), then runs a closed loop — every worker sends its next request when the last one has
// answered — against a published act's page and against /search?q=журнал, and prints requests per second and
// latency percentiles. Nothing here asserts a time: the figures are for reading.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.argv[2] ?? 10);
const CONCURRENCY = Number(process.argv[3] ?? 10);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEMO_SCHOOL = 'novofedorovskaya-shkola-litsey';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

async function waitForHealth(base: string, server: ChildProcess, seconds = 120): Promise<void> {
	const until = Date.now() + seconds * 1000;
	while (Date.now() < until) {
		if (server.exitCode !== null) throw new Error(`the server stopped with code ${server.exitCode}`);
		try {
			if ((await fetch(`${base}/healthz`)).ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${base}/healthz did not answer within ${seconds} s`);
}

/** The address of the first published act on the demo school's page («Документы» section). */
async function publishedActPath(base: string): Promise<string> {
	const html = await (await fetch(`${base}/o/${DEMO_SCHOOL}`)).text();
	const documents = html.slice(html.indexOf('id="documents"'));
	const path = new RegExp(`/o/${DEMO_SCHOOL}/d/[0-9a-f-]{36}`).exec(documents)?.[0];
	if (!path) throw new Error(`no published act on /o/${DEMO_SCHOOL}: has the demo been seeded with its published set?`);
	return path;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function load(label: string, url: string): Promise<void> {
	// Warm-up: compile the route's code paths and fill the caches before counting.
	for (let i = 0; i < 20; i++) await (await fetch(url)).arrayBuffer();
	const latencies: number[] = [];
	let errors = 0;
	const started = performance.now();
	const until = started + SECONDS * 1000;
	const worker = async () => {
		while (performance.now() < until) {
			const t = performance.now();
			try {
				const response = await fetch(url);
				await response.arrayBuffer();
				if (response.status !== 200) errors++;
			} catch {
				errors++;
			}
			latencies.push(performance.now() - t);
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	const elapsed = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const ms = (v: number) => `${v.toFixed(1)} ms`;
	console.log(
		`${label}: ${(latencies.length / elapsed).toFixed(1)} req/s (${latencies.length} in ${elapsed.toFixed(1)} s, ${errors} errors); ` +
			`p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`
	);
}

// Always built afresh: a stale build/ would measure code that is no longer there.
console.log('Собираю приложение (npm run build)…');
const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const dataDir = mkdtempSync(join(tmpdir(), 'reglament-bench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
// A fresh embedded database with the demo, whatever DATABASE_URL the shell has, unless PostgreSQL is asked for.
const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ORIGIN: base, DATA_DIR: dataDir, SEED_DEMO: '1', REMINDERS_INTERVAL_MINUTES: '0' };
delete env.DATABASE_URL;
if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
const database = process.env.BENCH_DATABASE_URL ? `PostgreSQL (${new URL(process.env.BENCH_DATABASE_URL).pathname.slice(1)})` : `PGlite (${dataDir})`;
const server = spawn(process.execPath, ['scripts/serve.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });

try {
	await waitForHealth(base, server);
	const act = await publishedActPath(base);
	console.log(`node ${process.version}, ${database}, ${CONCURRENCY} concurrent clients, ${SECONDS} s per measurement`);
	await load(`act page ${act}`, `${base}${act}`);
	await load('search /search?q=журнал', `${base}/search?q=${encodeURIComponent('журнал')}`);
} finally {
	server.kill('SIGTERM');
	await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
	rmSync(dataDir, { recursive: true, force: true });
}
