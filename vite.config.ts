import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';

const projects: TestProjectConfiguration[] = [
	{ extends: true as const, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
	{
		extends: true as const,
		test: {
			name: 'pglite',
			include: ['tests/integration/**/*.test.ts'],
			env: { TEST_DB: 'pglite' }
		}
	}
];
// The same integration suite runs against a real server when one is given.
if (process.env.TEST_DATABASE_URL) {
	projects.push({
		extends: true as const,
		test: {
			name: 'postgres',
			include: ['tests/integration/**/*.test.ts'],
			env: { TEST_DB: 'postgres' }
		}
	});
}

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	test: {
		// Two files at a time: the integration files wait on the database much of the time.
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 60_000,
		projects
	}
});
