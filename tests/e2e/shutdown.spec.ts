import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 17;

function get(agent: http.Agent): Promise<{ status: number; connection: string | undefined }> {
	return new Promise((resolve, reject) => {
		const req = http.get({ host: '127.0.0.1', port: PORT, path: '/healthz', agent }, (res) => {
			res.resume();
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, connection: res.headers.connection })
			);
		});
		req.on('error', reject);
	});
}

test('SIGTERM под нагрузкой keep-alive: ответы просят закрыть соединение, процесс закрывает базу и выходит за секунды; предел кучи задан', async () => {
	test.setTimeout(90_000);
	const dir = mkdtempSync(path.join(tmpdir(), 'reglament-stop-'));
	const server = spawn(process.execPath, ['scripts/serve.mjs'], {
		env: {
			...process.env,
			PORT: String(PORT),
			DATA_DIR: dir,
			SEED_DEMO: '0',
			ORIGIN: `http://localhost:${PORT}`
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<number | null>((resolve) =>
		server.on('exit', (code) => resolve(code))
	);
	try {
		await expect
			.poll(async () => (await get(new http.Agent()).catch(() => ({ status: 0 }))).status, {
				timeout: 60_000
			})
			.toBe(200);
		// serve.mjs runs the server in a process of its own that has the heap limit (V8 takes it only at start).
		const [child] = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8')
			.trim()
			.split(/\s+/);
		expect(readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0')).toContain(
			'--max-old-space-size=384'
		);
		const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
		let stopped = false;
		const afterStop: (string | undefined)[] = [];
		// Four keep-alive clients asking without a pause, as a load run does.
		const clients = Array.from({ length: 4 }, async () => {
			for (;;) {
				const r = await get(agent).catch(() => null);
				if (!r) return;
				if (stopped) afterStop.push(r.connection);
			}
		});
		await new Promise((r) => setTimeout(r, 500));
		const signalled = Date.now();
		stopped = true;
		server.kill('SIGTERM');
		expect(await exited).toBe(0);
		const took = Date.now() - signalled;
		await Promise.all(clients);
		agent.destroy();
		// serve.mjs passes the signal on to the server's own process a moment later: past the requests
		// in flight then (at most two a client, on a loaded machine), every answer told its client to close.
		expect(afterStop).toContain('close');
		expect(afterStop.filter((c) => c !== 'close').length).toBeLessThanOrEqual(8);
		expect(took, `exit took ${took} ms`).toBeLessThan(20_000);
	} finally {
		server.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
});

test('serve.mjs убит SIGKILL: сервер не остаётся сиротой на порту', async () => {
	test.setTimeout(90_000);
	const dir = mkdtempSync(path.join(tmpdir(), 'reglament-kill-'));
	const server = spawn(process.execPath, ['scripts/serve.mjs'], {
		env: {
			...process.env,
			PORT: String(PORT),
			DATA_DIR: dir,
			SEED_DEMO: '0',
			ORIGIN: `http://localhost:${PORT}`
		},
		stdio: 'ignore'
	});
	try {
		await expect
			.poll(async () => (await get(new http.Agent()).catch(() => ({ status: 0 }))).status, {
				timeout: 60_000
			})
			.toBe(200);
		const [child] = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8')
			.trim()
			.split(/\s+/);
		server.kill('SIGKILL');
		await expect.poll(() => existsSync(`/proc/${child}`), { timeout: 20_000 }).toBe(false);
		expect((await get(new http.Agent()).catch(() => ({ status: 0 }))).status).toBe(0);
	} finally {
		server.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
});
