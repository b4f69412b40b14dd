import type { DatabaseHandle } from '../db';
import { DEMO_PASSWORD, demoAccounts } from './demo-data';
import { databaseIsEmpty, demoPresent, seedDemo } from './seed-demo';

/**
 * The embedded database seeds the demo when it is empty; PostgreSQL only when SEED_DEMO=1.
 * SEED_DEMO=0 turns the demo off everywhere.
 */
export async function prepareDemo(
	handle: DatabaseHandle,
	env: NodeJS.ProcessEnv = process.env
): Promise<void> {
	const asked = env.SEED_DEMO === '1';
	const refused = env.SEED_DEMO === '0';
	const wanted =
		asked || (!refused && handle.kind === 'pglite' && (await databaseIsEmpty(handle.db)));
	if (wanted && (await seedDemo(handle.db)) === 'seeded')
		console.log('Демонстрационные данные загружены.');
	if (!(await demoPresent(handle.db))) return;
	console.log(`Демонстрационные входы (пароль «${DEMO_PASSWORD}»):`);
	for (const a of demoAccounts) console.log(`  ${a.email.padEnd(24)} ${a.description}`);
}
