import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { expect, test } from '@playwright/test';

// A PostgreSQL cluster of the test's own, restarted under load; the shared one is never touched.
const BIN = '/usr/lib/postgresql/15/bin';
const canRun = existsSync(`${BIN}/initdb`) && process.getuid?.() === 0;
const PG_PORT = Number(process.env.E2E_PORT ?? 4173) + 1000 + 23;
const APP_PORT = Number(process.env.E2E_PORT ?? 4173) + 29;
const WRONG = 'Неверный адрес электронной почты или пароль.';

const asPostgres = (command: string) =>
	execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe', timeout: 60_000 });

async function healthz(): Promise<number> {
	try {
		const r = await fetch(`http://127.0.0.1:${APP_PORT}/healthz`, {
			signal: AbortSignal.timeout(3000)
		});
		return r.status;
	} catch {
		return 0;
	}
}

test.skip(
	!canRun,
	'нужны /usr/lib/postgresql/15/bin и root (кластер запускается через su postgres)'
);

test('перезапуск PostgreSQL под нагрузкой записи: приложение живо, /healthz снова 200, каждая подтверждённая запись в базе', async () => {
	test.setTimeout(180_000);
	const dir = mkdtempSync(path.join(tmpdir(), 'reglament-pg-'));
	execFileSync('chown', ['postgres:postgres', dir]);
	const data = path.join(dir, 'data');
	const pgctl = (action: string) =>
		asPostgres(
			`${BIN}/pg_ctl -D ${data} -l ${dir}/log -w -t 60 -o "-p ${PG_PORT} -k ${dir} -c listen_addresses=127.0.0.1" ${action}`
		);
	let app: ReturnType<typeof spawn> | null = null;
	try {
		asPostgres(`${BIN}/initdb -D ${data} -A trust -U postgres`);
		pgctl('start');
		const url = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;
		app = spawn(process.execPath, ['scripts/serve.mjs'], {
			env: {
				...process.env,
				DATABASE_URL: url,
				PORT: String(APP_PORT),
				ORIGIN: `http://localhost:${APP_PORT}`,
				SEED_DEMO: '0',
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1',
				REMINDERS_INTERVAL_MINUTES: '0'
			},
			stdio: ['ignore', 'ignore', 'pipe']
		});
		let log = '';
		app.stderr!.on('data', (chunk) => (log += String(chunk)));
		await expect.poll(healthz, { timeout: 60_000 }).toBe(200);

		// Failed sign-ins from distinct addresses: each answered «wrong» is a row written before the answer.
		const acknowledged: string[] = [];
		let n = 0;
		let loading = true;
		const client = async (c: number) => {
			while (loading) {
				const ip = `10.${c}.${Math.floor(n / 250) % 250}.${n++ % 250}`;
				try {
					const r = await fetch(`http://127.0.0.1:${APP_PORT}/login`, {
						method: 'POST',
						headers: {
							'content-type': 'application/x-www-form-urlencoded',
							origin: `http://localhost:${APP_PORT}`,
							'x-forwarded-for': ip,
							accept: 'text/html'
						},
						body: new URLSearchParams({
							email: `fault-${ip}@example.test`,
							password: 'wrong password',
							next: '/app'
						}),
						signal: AbortSignal.timeout(10_000)
					});
					if (r.status === 400 && (await r.text()).includes(WRONG)) acknowledged.push(ip);
				} catch {
					// Refused or cut during the restart: not acknowledged, so not counted.
				}
			}
		};
		const load = Array.from({ length: 8 }, (_, i) => client(i + 1));
		await new Promise((r) => setTimeout(r, 2000));
		const before = acknowledged.length;
		pgctl('-m fast restart');
		const restarted = Date.now();
		await new Promise((r) => setTimeout(r, 3000));
		loading = false;
		await Promise.all(load);

		expect(app.exitCode, `the app exited:\n${log}`).toBeNull();
		await expect.poll(healthz, { timeout: 15_000 }).toBe(200);
		const recovered = Date.now() - restarted;
		expect(acknowledged.length).toBeGreaterThan(before);

		const sql = postgres(url, { max: 1, onnotice: () => {} });
		try {
			const rows = await sql<
				{ ip_address: string }[]
			>`select ip_address from login_failures where email like 'fault-%'`;
			const stored = new Set(rows.map((r) => r.ip_address));
			const lost = acknowledged.filter((ip) => !stored.has(ip));
			expect(lost, `acknowledged ${acknowledged.length}, recovered in ${recovered} ms`).toEqual([]);
		} finally {
			await sql.end();
		}
		const races = (log.match(/соединение оборвалось во время записи/g) ?? []).length;
		console.log(
			`Перезапуск PostgreSQL под нагрузкой: подтверждено ${acknowledged.length} записей, потеряно 0, /healthz снова 200 через ${recovered} мс после перезапуска; сбоев драйвера перехвачено: ${races}.`
		);
	} finally {
		app?.kill('SIGKILL');
		try {
			pgctl('-m immediate stop');
		} catch {
			// Not started, or already stopped.
		}
		rmSync(dir, { recursive: true, force: true });
	}
});
