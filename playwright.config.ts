import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const DATA_DIR = `tests/e2e/.data-${PORT}`;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list']],
	timeout: 30_000,
	use: {
		baseURL: `http://localhost:${PORT}`,
		launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
		locale: 'ru-RU',
		timezoneId: 'Europe/Moscow'
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		// A fresh embedded database each run: the demo seeds itself into it.
		command: `rm -rf ${DATA_DIR} && node scripts/serve.mjs`,
		url: `http://localhost:${PORT}/healthz`,
		timeout: 120_000,
		reuseExistingServer: false,
		env: { PORT: String(PORT), DATA_DIR, ORIGIN: `http://localhost:${PORT}`, SEED_DEMO: '1' },
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
