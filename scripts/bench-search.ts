// The public search at scale, in-process: npm run bench:search [-- --schools 1000] [--runs 30] [--explain]
// With DATABASE_URL: that PostgreSQL database as it is (fill it first: npm run seed:scale -- --schools 40000).
// Without: a fresh PGlite in a temporary directory, seeded by seed:scale with --schools (1,000: one region, ~25,000 documents).
// Each case: warm-up, then N runs of searchActs, p50 and p95; --explain prints EXPLAIN (ANALYZE, BUFFERS)
// of the texts' query for each; then the front page's server time (publicHome). Nothing asserts a time: the figures are for reading.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/lib/server/db/index';
import { rowsOf } from '../src/lib/server/monitoring/sql';
import { publicHome } from '../src/lib/server/public/directory';
import { organizationAt } from '../src/lib/server/public/visibility';
import {
	parseSearch,
	SEARCH_PLANNER,
	searchActs,
	textsPageQuery
} from '../src/lib/server/public/search';
import { seedScale } from '../src/lib/server/scale/seed-scale';

const { values } = parseArgs({
	options: {
		schools: { type: 'string', default: '1000' },
		runs: { type: 'string', default: '30' },
		explain: { type: 'boolean', default: false }
	}
});
const RUNS = Number(values.runs);
const url = process.env.DATABASE_URL;
const dataDir = url ? null : mkdtempSync(join(tmpdir(), 'reglament-bench-search-'));
const handle = await openDatabase(url ? { url } : { dataDir: dataDir! });
const db = handle.db;

try {
	if (!url) {
		const seeded = await seedScale(db, { schools: Number(values.schools), log: () => {} });
		console.log(
			`PGlite: seed:scale -- --schools ${values.schools} за ${(seeded.totalMs / 1000).toFixed(0)} с`
		);
	}
	const [size] = await rowsOf<{
		documents: number;
		published: number;
		texts: number;
		shared: number;
		schools: number;
	}>(
		db,
		sql`select (select count(*) from documents)::int as documents, (select count(*) from documents where published_at is not null)::int as published,
			(select count(*) from text_families)::int as texts, (select count(*) from text_families where in_force > 1)::int as shared,
			(select count(*) from organizations where kind = 'school')::int as schools`
	);
	console.log(
		`${handle.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}: ${size!.schools} школ, ${size!.documents} документов, ${size!.published} опубликовано, ${size!.texts} разных текстов (${size!.shared} — у многих)`
	);

	const [municipality] = await rowsOf<{ slug: string; schools: number }>(
		db,
		sql`select m.slug, count(s.id)::int as schools from organizations m join organizations s on s.parent_id = m.id
			where m.kind = 'municipality' group by m.slug order by count(s.id) desc, m.slug limit 1`
	);
	const [biggest] = await rowsOf<{ id: string }>(
		db,
		sql`select id from text_families order by in_force desc limit 1`
	);
	const cases: [string, Record<string, string>][] = [
		['«журнал» (почти всё)', { q: 'журнал' }],
		['«резервное копирование»', { q: 'резервное копирование' }],
		['редкое слово «сурдопереводчик»', { q: 'сурдопереводчик' }],
		['фраза «"электронный журнал"»', { q: '"электронный журнал"' }],
		[
			`«журнал» в одном муниципалитете (${municipality!.schools} школ)`,
			{ q: 'журнал', org: municipality!.slug }
		],
		['«журнал», страница 50', { q: 'журнал', page: '50' }],
		['«журнал»: акты одного текста, стр. 1', { q: 'журнал', same: biggest!.id }],
		['«журнал»: акты одного текста, стр. 50', { q: 'журнал', same: biggest!.id, page: '50' }]
	];
	const percentile = (sorted: number[], p: number) =>
		sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
	console.log(
		'\n| запрос | результатов (текстов / актов) | p50, мс | p95, мс |\n| --- | ---: | ---: | ---: |'
	);
	for (const [label, q] of cases) {
		const query = new URLSearchParams(q);
		let last = await searchActs(db, query);
		for (let i = 0; i < 3; i++) await searchActs(db, query);
		const ms: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const t = performance.now();
			last = await searchActs(db, query);
			ms.push(performance.now() - t);
		}
		ms.sort((a, b) => a - b);
		console.log(
			`| ${label} | ${last.total} / ${last.acts}, на странице ${last.hits.length} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 95).toFixed(1)} |`
		);
		if (values.explain && !q.same) {
			const { params } = parseSearch(query);
			const scope = params.org ? await organizationAt(db, params.org) : null;
			const plan = await rowsOf<Record<string, string>>(
				db,
				sql`explain (analyze, buffers, costs off) ${textsPageQuery(params, scope?.path ?? null)}`,
				SEARCH_PLANNER
			);
			console.log(plan.map((r) => '    ' + Object.values(r)[0]).join('\n'));
		}
	}
	// The front page's server time at this size (publicHome: the regions' counts, the newest publications, the open discussions).
	console.log('\n| главная | p50, мс | p95, мс |\n| --- | ---: | ---: |');
	for (const [label, name] of [
		['без запроса', null],
		['поиск организации «школа»', 'школа']
	] as const) {
		for (let i = 0; i < 3; i++) await publicHome(db, name);
		const ms: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const t = performance.now();
			await publicHome(db, name);
			ms.push(performance.now() - t);
		}
		ms.sort((a, b) => a - b);
		console.log(
			`| ${label} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 95).toFixed(1)} |`
		);
	}
} finally {
	await handle.close();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
