// Throughput of the public portal against the physical limit: npm run bench:public [-- seconds per measurement, default 10]
// Builds the app, starts it (node scripts/serve.mjs) on a free port with a fresh embedded database and the
// demo (or on BENCH_DATABASE_URL, e.g. after seed:scale), and drives it with wrk (apt-get install wrk) at
// 16 and 64 connections: the largest published act's page, the organisation's page, the home page,
// search (a common word, a phrase, a medium one, a rare one), an act's DOCX — and, as the limit, the act page's very
// bytes from a minimal node:http server in a process of its own. Prints requests per second, p50/p99, each
// target's ratio to the limit and the server's peak RSS. Nothing here asserts a figure: they are for reading.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	buildApp,
	DEMO_SCHOOL,
	freePort,
	rssMb,
	startBenchServer,
	waitForHealth
} from './bench-server';

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = [16, 64];

if (spawnSync('wrk', ['--version']).error) {
	console.error('Нужен wrk: apt-get install -y wrk');
	process.exit(1);
}

interface Figures {
	rps: number;
	p50: string;
	p99: string;
	errors: number;
}

function wrk(url: string, connections: number): Figures {
	const run = spawnSync('wrk', ['-t2', `-c${connections}`, `-d${SECONDS}s`, '--latency', url], {
		encoding: 'utf8'
	});
	const out = run.stdout;
	const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
	const errors =
		Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) +
		Number(/Socket errors:.*?timeout (\d+)/.exec(out)?.[1] ?? 0);
	const distribution = out.slice(out.indexOf('Latency Distribution'));
	return {
		rps,
		p50: /\n\s+50%\s+(\S+)/.exec(distribution)?.[1] ?? '?',
		p99: /\n\s+99%\s+(\S+)/.exec(distribution)?.[1] ?? '?',
		errors
	};
}

async function largestAct(
	base: string
): Promise<{ path: string; bytes: Buffer; docx: string | null }> {
	const org = await (await fetch(`${base}/o/${DEMO_SCHOOL}`)).text();
	const paths = [...new Set(org.match(new RegExp(`/o/${DEMO_SCHOOL}/d/[0-9a-f-]{36}`, 'g')) ?? [])];
	if (!paths.length) throw new Error(`no published act on /o/${DEMO_SCHOOL}`);
	let best: { path: string; bytes: Buffer } | null = null;
	let docx: string | null = null;
	for (const path of paths) {
		const bytes = Buffer.from(
			await (
				await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'identity' } })
			).arrayBuffer()
		);
		if (!best || bytes.byteLength > best.bytes.byteLength) best = { path, bytes };
		if (!docx && bytes.includes(`${path}/docx`)) docx = `${path}/docx`;
	}
	return { ...best!, docx };
}

const STATIC_SERVER = `
const bytes = require('node:fs').readFileSync(process.env.BODY_FILE);
require('node:http').createServer((req, res) => {
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.byteLength });
	res.end(bytes);
}).listen(Number(process.env.PORT), '127.0.0.1');`;

buildApp();
const server = await startBenchServer();
const dir = mkdtempSync(join(tmpdir(), 'reglament-static-'));
const staticPort = await freePort();
let staticServer: ReturnType<typeof spawn> | undefined;
try {
	const act = await largestAct(server.base);
	writeFileSync(join(dir, 'act.html'), act.bytes);
	staticServer = spawn(process.execPath, ['-e', STATIC_SERVER], {
		env: { ...process.env, BODY_FILE: join(dir, 'act.html'), PORT: String(staticPort) },
		stdio: 'inherit'
	});
	const staticBase = `http://127.0.0.1:${staticPort}`;
	await waitForHealth(staticBase, staticServer, 10, '/');
	const css = Buffer.from(
		await (await fetch(`${server.base}/document.css`)).arrayBuffer()
	).byteLength;
	console.log(
		`node ${process.version}, ${server.database}; ${SECONDS} s a measurement; wrk -t2; largest act page ${act.path}: ${(act.bytes.byteLength / 1024).toFixed(1)} KB of HTML + ${(css / 1024).toFixed(1)} KB of document.css, uncompressed`
	);

	const q = (text: string) => `/search?q=${encodeURIComponent(text)}`;
	const targets: [string, string][] = [
		['the same bytes, minimal node:http (the limit)', `${staticBase}/`],
		['largest act page', `${server.base}${act.path}`],
		['organisation page', `${server.base}/o/${DEMO_SCHOOL}`],
		['home page', `${server.base}/`],
		['search «журнал»', `${server.base}${q('журнал')}`],
		['search «"электронный журнал"»', `${server.base}${q('"электронный журнал"')}`],
		['search «резервное копирование»', `${server.base}${q('резервное копирование')}`],
		['search, a rare word «сурдопереводчик»', `${server.base}${q('сурдопереводчик')}`],
		...(act.docx ? ([['act DOCX', `${server.base}${act.docx}`]] as [string, string][]) : [])
	];
	let peak = rssMb(server.process.pid!);
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.process.pid!))), 500);
	const rows: string[] = [];
	let limit: Record<number, number> = {};
	for (const [label, url] of targets) {
		// Once more if need be: the kept-alive socket of the last fetch may have been closed by the server meanwhile.
		const warm = await fetch(url).catch(() => fetch(url));
		await warm.arrayBuffer();
		const cells: string[] = [];
		for (const c of CONNECTIONS) {
			const f = wrk(url, c);
			if (label.includes('the limit')) limit = { ...limit, [c]: f.rps };
			const ratio = limit[c] ? ` (${((f.rps / limit[c]!) * 100).toFixed(1)} %)` : '';
			cells.push(
				`${f.rps.toFixed(0)}${ratio}`,
				`${f.p50} / ${f.p99}${f.errors ? `, ${f.errors} errors` : ''}`
			);
		}
		rows.push(`| ${label} | ${cells.join(' | ')} |`);
	}
	clearInterval(sampler);
	console.log(
		`\n| target | req/s at 16 (of the limit) | p50 / p99 at 16 | req/s at 64 (of the limit) | p50 / p99 at 64 |\n| --- | ---: | ---: | ---: | ---: |\n${rows.join('\n')}`
	);
	console.log(`\nserver RSS under load: peak ${peak} MB`);
} finally {
	staticServer?.kill();
	rmSync(dir, { recursive: true, force: true });
	await server.stop();
}
