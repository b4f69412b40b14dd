// Server time of the authority's dashboard at scale: npm run bench:monitoring [-- --sizes 1000,40000] [--db pg,pglite] [--runs 20] [--per-region 1000]
// For each database and size: a fresh database (PostgreSQL: reglament_bench_<size> on BENCH_DATABASE_URL's
// server, default postgres://postgres@127.0.0.1:5432/postgres, created and dropped; PGlite: a temporary
// directory), seeded by seed:scale, then the regional dashboard (first page, default sort; a filtered and
// sorted case), a municipality's dashboard, the analysis page's queries and the export of all the region's rows to XLSX are timed
// in-process: warm-up, then N runs, median and p95. Nothing asserts a time: the figures are for reading.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../src/lib/server/db/index';
import { organizations } from '../src/lib/server/db/schema';
import { monitoringOverview } from '../src/lib/server/monitoring/overview';
import { defaultOverviewParams, type OverviewParams } from '../src/lib/monitoring/query';
import {
	journalDistribution,
	mostOverdueMeasures,
	progressByMunicipality,
	progressOverTime,
	publicationOverdue
} from '../src/lib/server/monitoring/analysis';
import { overviewColumns } from '../src/lib/server/monitoring/exports';
import { exportResponse } from '../src/lib/server/exports/table-export';
import { seedScale } from '../src/lib/server/scale/seed-scale';

const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '1000,40000' },
		db: { type: 'string', default: 'pg,pglite' },
		runs: { type: 'string', default: '20' },
		'per-region': { type: 'string', default: '1000' }
	}
});
const sizes = values.sizes.split(',').map(Number);
const kinds = values.db.split(',');
const RUNS = Number(values.runs);
const PER_REGION = Number(values['per-region']);
if (
	sizes.some((s) => !Number.isInteger(s) || s < 1) ||
	kinds.some((k) => k !== 'pg' && k !== 'pglite') ||
	!(RUNS >= 1)
) {
	console.error(
		'Usage: npm run bench:monitoring -- [--sizes 1000,40000] [--db pg,pglite] [--runs 20] [--per-region 1000]'
	);
	process.exit(2);
}
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

interface Figure {
	db: string;
	schools: number;
	measure: string;
	median: number;
	p95: number;
	rows: number;
}
const table: Figure[] = [];
const seeds: { db: string; schools: number; seconds: number }[] = [];

async function time(
	db: string,
	schools: number,
	measure: string,
	runs: number,
	work: () => Promise<number>
): Promise<void> {
	// Warm-up: the plans are cached and the pages are in memory, as on a server that has been up a while.
	for (let i = 0; i < Math.min(3, runs); i++) await work();
	const ms: number[] = [];
	let rows = 0;
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		rows = await work();
		ms.push(performance.now() - t);
	}
	ms.sort((a, b) => a - b);
	const figure = {
		db,
		schools,
		measure,
		median: percentile(ms, 50),
		p95: percentile(ms, 95),
		rows
	};
	table.push(figure);
	console.log(
		`  ${measure}: median ${figure.median.toFixed(1)} ms, p95 ${figure.p95.toFixed(1)} ms (${rows} rows, ${runs} runs)`
	);
}

async function freshDatabase(
	kind: string,
	schools: number
): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
	if (kind === 'pglite') {
		const dir = mkdtempSync(join(tmpdir(), `reglament-bench-${schools}-`));
		const handle = await openDatabase({ dataDir: dir });
		return { handle, drop: async () => rmSync(dir, { recursive: true, force: true }) };
	}
	const name = `reglament_bench_${schools}`;
	const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
	try {
		await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		await admin.unsafe(`CREATE DATABASE "${name}"`);
	} finally {
		await admin.end();
	}
	const url = new URL(SERVER);
	url.pathname = `/${name}`;
	const handle = await openDatabase({ url: url.toString() });
	return {
		handle,
		drop: async () => {
			const again = postgres(SERVER, { max: 1, onnotice: () => {} });
			try {
				await again.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			} finally {
				await again.end();
			}
		}
	};
}

console.log(
	`node ${process.version}; sizes ${sizes.join(', ')}; databases ${kinds.join(', ')}; ${RUNS} runs; up to ${PER_REGION} schools a region`
);
for (const kind of kinds) {
	for (const schools of sizes) {
		const label = kind === 'pg' ? 'PostgreSQL' : 'PGlite';
		console.log(`\n${label}, ${schools} schools`);
		const { handle, drop } = await freshDatabase(kind, schools);
		try {
			const seeded = await seedScale(handle.db, {
				schools,
				perRegion: PER_REGION,
				regionName: 'Тестовая область',
				fullTexts: false,
				log: console.log
			});
			seeds.push({ db: label, schools, seconds: seeded.totalMs / 1000 });
			console.log(`  seed: ${(seeded.totalMs / 1000).toFixed(1)} s`, seeded.counts);
			const [region] = await handle.db
				.select()
				.from(organizations)
				.where(eq(organizations.id, seeded.regions[0]!.id));
			// The region's largest municipality: the district methodologist's dashboard.
			const [municipality] = await handle.db
				.select()
				.from(organizations)
				.where(
					eq(
						organizations.id,
						(
							await monitoringOverview(
								handle.db,
								region!,
								{ ...defaultOverviewParams, sort: 'name', dir: 'asc' },
								{ pageSize: null }
							)
						).rows.find((r) => r.kind === 'school')!.municipalityId!
					)
				);
			const filtered: OverviewParams = {
				...defaultOverviewParams,
				overdueOnly: true,
				journal: 'dnevnik_ru',
				sort: 'progress',
				dir: 'asc'
			};
			await time(
				label,
				schools,
				'region dashboard, page 1',
				RUNS,
				async () =>
					(await monitoringOverview(handle.db, region!, defaultOverviewParams)).rows.length
			);
			await time(
				label,
				schools,
				'region dashboard, filtered + sorted',
				RUNS,
				async () => (await monitoringOverview(handle.db, region!, filtered)).rows.length
			);
			await time(
				label,
				schools,
				'municipality dashboard, page 1',
				RUNS,
				async () =>
					(await monitoringOverview(handle.db, municipality!, defaultOverviewParams)).rows.length
			);
			await time(label, schools, 'region analysis (its five queries)', RUNS, async () => {
				const [measures, municipalities] = await Promise.all([
					mostOverdueMeasures(handle.db, region!),
					progressByMunicipality(handle.db, region!),
					journalDistribution(handle.db, region!),
					publicationOverdue(handle.db, region!),
					progressOverTime(handle.db, region!)
				]);
				return measures.length + municipalities.length;
			});
			await time(
				label,
				schools,
				'region export, all rows → XLSX',
				Math.max(1, Math.ceil(RUNS / 4)),
				async () => {
					const all = await monitoringOverview(handle.db, region!, defaultOverviewParams, {
						pageSize: null
					});
					// As the export route answers: the workbook built and read into a body.
					await (
						await exportResponse(
							'xlsx',
							'Мониторинг',
							'Мониторинг',
							overviewColumns(region!),
							all.rows
						)
					).arrayBuffer();
					return all.rows.length;
				}
			);
		} finally {
			await handle.close();
			await drop();
		}
	}
}

console.log('\n| database | schools | seed, s |\n| --- | ---: | ---: |');
for (const s of seeds) console.log(`| ${s.db} | ${s.schools} | ${s.seconds.toFixed(1)} |`);
console.log(
	'\n| database | schools | measure | rows | median, ms | p95, ms |\n| --- | ---: | --- | ---: | ---: | ---: |'
);
for (const f of table)
	console.log(
		`| ${f.db} | ${f.schools} | ${f.measure} | ${f.rows} | ${f.median.toFixed(1)} | ${f.p95.toFixed(1)} |`
	);
