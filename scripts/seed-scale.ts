// A country's data at national scale: npm run seed:scale -- --schools N [--region-name «…»] [--run name] [--seed 1] [--per-region 1000] [--short-texts]
// Into PostgreSQL when DATABASE_URL is set, otherwise into PGlite at DATA_DIR — or, when neither
// is given, into a fresh temporary directory (printed), so the working database is never touched by accident.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/lib/server/db/index';
import { seedScale } from '../src/lib/server/scale/seed-scale';

const { values } = parseArgs({
	options: {
		schools: { type: 'string' },
		'region-name': { type: 'string' },
		run: { type: 'string', default: 'scale' },
		seed: { type: 'string', default: '1' },
		'per-region': { type: 'string', default: '1000' },
		// A line of text per document instead of the template's: for benchmarks of figures only.
		'short-texts': { type: 'boolean', default: false }
	}
});
const schools = Number(values.schools);
if (!values.schools || !Number.isInteger(schools) || schools < 1) {
	console.error('Укажите число школ: npm run seed:scale -- --schools 1000');
	process.exit(2);
}

const url = process.env.DATABASE_URL;
const dataDir = url
	? undefined
	: (process.env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'reglament-scale-')));
const handle = await openDatabase(url ? { url } : { dataDir });
console.log(`База: ${handle.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} ${handle.location}`);
try {
	const result = await seedScale(handle.db, {
		schools,
		regionName: values['region-name'],
		run: values.run,
		seed: Number(values.seed),
		perRegion: Number(values['per-region']),
		fullTexts: !values['short-texts'],
		log: console.log
	});
	console.log(`Готово за ${(result.totalMs / 1000).toFixed(1)} с:`, result.counts);
	for (const r of result.regions) console.log(`  ${r.slug}: ${r.schools} школ, /o/${r.slug}`);
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await handle.close();
}
