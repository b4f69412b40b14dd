// npm test: static checks, unit and integration tests, then the browser tests on a fresh build.
import { spawnSync } from 'node:child_process';
import { ensureChromium, ensureGostEngine } from './chromium.mjs';

const started = Date.now();
const steps = [
	['svelte-check', 'npm', ['run', '--silent', 'check']],
	['Prettier, ESLint', 'npm', ['run', '--silent', 'lint']],
	['Vitest (unit, integration)', 'npx', ['vitest', 'run']],
	['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
	['Playwright (e2e)', 'npx', ['playwright', 'test']]
];

const chromium = ensureChromium();
ensureGostEngine();
console.log(`Chromium: ${chromium}`);
if (!process.env.TEST_DATABASE_URL)
	console.log('TEST_DATABASE_URL не задан: интеграционные тесты идут только на PGlite.');

for (const [name, cmd, args] of steps) {
	console.log(`\n=== ${name} ===`);
	const t = Date.now();
	const result = spawnSync(cmd, args, {
		stdio: 'inherit',
		env: { ...process.env, CHROMIUM_PATH: chromium }
	});
	if (result.status !== 0) {
		console.error(`\n${name}: ошибка (код ${result.status}).`);
		process.exit(result.status ?? 1);
	}
	console.log(`${name}: ${((Date.now() - t) / 1000).toFixed(1)} с`);
}
console.log(`\nВсе проверки пройдены за ${((Date.now() - started) / 1000).toFixed(0)} с.`);
