// Throughput of the public portal: npm run bench:public [-- seconds per measurement, default 10] [concurrency, default 10]
// Builds the app, starts it (node scripts/serve.mjs) on a free port with a fresh embedded
// database and the demo (or on BENCH_DATABASE_URL, an empty PostgreSQL database, when given), then runs a closed loop — every worker sends its next request when the last one has
// answered — against a published act's page and against /search?q=журнал, and prints requests per second and
// latency percentiles. Nothing here asserts a time: the figures are for reading.
import { buildApp, percentile, publishedActPath, startBenchServer } from './bench-server';

const SECONDS = Number(process.argv[2] ?? 10);
const CONCURRENCY = Number(process.argv[3] ?? 10);

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

buildApp();
const server = await startBenchServer();
try {
	const act = await publishedActPath(server.base);
	console.log(`node ${process.version}, ${server.database}, ${CONCURRENCY} concurrent clients, ${SECONDS} s per measurement`);
	await load(`act page ${act}`, `${server.base}${act}`);
	await load('search /search?q=журнал', `${server.base}/search?q=${encodeURIComponent('журнал')}`);
} finally {
	await server.stop();
}
