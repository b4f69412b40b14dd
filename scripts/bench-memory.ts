// Memory of the server under load: npm run bench:memory [-- rounds, default 4] [seconds a round, default 15] [concurrency, default 16]
// Starts the app twice in one run — with V8's default heap (HEAP_LIMIT_MB=0) and with the limit
// scripts/serve.mjs sets — each on a fresh embedded database with the demo (or BENCH_DATABASE_URL),
// and reads the resident memory (VmRSS of the server's processes) at idle, at its peak under each round
// of a mixed load (public act, organisation page, search, DOCX, a director's and a district's cabinet
// pages) and after each round once the load has stopped. Growth that does not stop across rounds is a
// leak; growth that stops is the heap V8 keeps. Nothing here asserts a figure: they are for reading.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	buildApp,
	DEMO_SCHOOL,
	publishedActPath,
	rssMb,
	startBenchServer,
	type BenchServer
} from './bench-server';

const ROUNDS = Number(process.argv[2] ?? 4);
const SECONDS = Number(process.argv[3] ?? 15);
const CONCURRENCY = Number(process.argv[4] ?? 16);
const SETTLE_MS = 10_000;

const PROBE = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));

interface Probe {
	pid: number;
	heapUsed: number;
	heapTotal: number;
	external: number;
	arrayBuffers: number;
}

/** The last thing the server (the process with the biggest heap: serve.mjs's child) said of its memory. */
function probe(log: string): string {
	if (!existsSync(log)) return '';
	const byPid = new Map<number, Probe>();
	for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
		const p = JSON.parse(line) as Probe;
		byPid.set(p.pid, p);
	}
	const server = [...byPid.values()].sort((a, b) => b.heapTotal - a.heapTotal)[0];
	if (!server) return '';
	const mb = (v: number) => Math.round(v / 1024 / 1024);
	return ` (JS heap ${mb(server.heapUsed)} of ${mb(server.heapTotal)} MB, outside it ${mb(server.external)} MB incl. buffers ${mb(server.arrayBuffers)} MB)`;
}

async function signIn(base: string, email: string): Promise<string> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		body: new URLSearchParams({ email, password: 'demo-password' }),
		headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('reglament_session='));
	if (!cookie) throw new Error(`could not sign in as ${email} (${response.status})`);
	return cookie.split(';')[0]!;
}

async function firstOrgPath(base: string, cookie: string): Promise<string> {
	const html = await (await fetch(`${base}/app`, { headers: { cookie } })).text();
	const path = /\/app\/orgs\/[0-9a-f-]{36}/.exec(html)?.[0];
	if (!path) throw new Error('the dashboard links to no organisation');
	return path;
}

async function workload(base: string): Promise<{ url: string; cookie?: string }[]> {
	const act = await publishedActPath(base);
	const director = await signIn(base, 'director@demo.test');
	const district = await signIn(base, 'municipality@demo.test');
	const school = await firstOrgPath(base, director);
	const municipality = await firstOrgPath(base, district);
	return [
		{ url: `${base}${act}` },
		{ url: `${base}${act}/docx` },
		{ url: `${base}/o/${DEMO_SCHOOL}` },
		{ url: `${base}/search?q=${encodeURIComponent('журнал')}` },
		{ url: `${base}/app`, cookie: director },
		{ url: `${base}${school}/documents`, cookie: director },
		{ url: `${base}${school}/checklists`, cookie: director },
		{ url: `${base}${municipality}/monitoring`, cookie: district }
	];
}

interface Round {
	requests: number;
	errors: number;
	peak: number;
	after: number;
}

async function round(
	server: BenchServer,
	mix: { url: string; cookie?: string }[],
	log: string
): Promise<Round & { probe: string }> {
	const pid = server.process.pid!;
	let peak = rssMb(pid);
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
	let requests = 0;
	let errors = 0;
	const until = performance.now() + SECONDS * 1000;
	const worker = async (offset: number) => {
		for (let i = offset; performance.now() < until; i++) {
			const { url, cookie } = mix[i % mix.length]!;
			try {
				const response = await fetch(url, { headers: cookie ? { cookie } : {} });
				await response.arrayBuffer();
				if (response.status !== 200) errors++;
			} catch {
				errors++;
			}
			requests++;
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => worker(i)));
	clearInterval(sampler);
	await new Promise((r) => setTimeout(r, SETTLE_MS));
	return { requests, errors, peak, after: rssMb(pid), probe: probe(log) };
}

async function measure(label: string, env: NodeJS.ProcessEnv): Promise<void> {
	const probeDir = mkdtempSync(join(tmpdir(), 'reglament-memory-'));
	const log = join(probeDir, 'probe.jsonl');
	const server = await startBenchServer({
		...env,
		MEMORY_PROBE_LOG: log,
		NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PROBE}`.trim()
	});
	try {
		const mix = await workload(server.base);
		await new Promise((r) => setTimeout(r, SETTLE_MS));
		const idle = rssMb(server.process.pid!);
		console.log(`\n${label} — ${server.database}; RSS at idle ${idle} MB${probe(log)}`);
		for (let i = 1; i <= ROUNDS; i++) {
			const r = await round(server, mix, log);
			console.log(
				`  round ${i}: ${r.requests} requests (${(r.requests / SECONDS).toFixed(0)} req/s, ${r.errors} errors), RSS peak ${r.peak} MB, ${SETTLE_MS / 1000} s after ${r.after} MB${r.probe}`
			);
		}
	} finally {
		await server.stop();
		rmSync(probeDir, { recursive: true, force: true });
	}
}

buildApp();
console.log(
	`node ${process.version}; ${ROUNDS} rounds of ${SECONDS} s, ${CONCURRENCY} concurrent clients`
);
await measure("V8's default heap (HEAP_LIMIT_MB=0)", { HEAP_LIMIT_MB: '0' });
// The shell's HEAP_LIMIT_MB, if any, is what serve.mjs gets here; without it, serve.mjs's own default.
await measure(
	`serve.mjs heap limit (HEAP_LIMIT_MB=${process.env.HEAP_LIMIT_MB ?? 'its default'})`,
	{}
);
