import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseReachable, type DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents } from '../../src/lib/server/db/schema';
import { recordEvent } from '../../src/lib/server/audit/record-event';
import { sqlState, isUniqueViolation } from '../../src/lib/server/db/errors';
import { insertUser } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;

beforeAll(async () => {
	handle = await openTestDatabase();
});
afterAll(async () => {
	await handle?.close();
});

const rowsOf = <T>(result: unknown): T[] =>
	(Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

describe('the database', () => {
	it('is the kind the project asked for', () => {
		expect(handle.kind).toBe(process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');
		expect(handle.location).not.toMatch(/password|:\/\//);
	});

	it('has every table after the migrations ran', async () => {
		const result = await handle.db.execute(
			sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`
		);
		const tables = rowsOf<{ table_name: string }>(result).map((r) => r.table_name);
		expect(tables).toEqual(
			expect.arrayContaining([
				'audit_events',
				'invitations',
				'login_failures',
				'memberships',
				'organizations',
				'password_resets',
				'sessions',
				'users'
			])
		);
	});

	it('answers the health check', async () => {
		expect(await isDatabaseReachable(handle.db)).toBe(true);
	});

	it('uses the russian text-search configuration', async () => {
		const result = await handle.db.execute(
			sql`select to_tsvector('russian', 'положения о школах') as v`
		);
		expect(String(rowsOf<{ v: string }>(result)[0]!.v)).toContain('школ');
	});

	it('reports a unique violation in a way the domain recognises', async () => {
		await insertUser(handle.db, { email: 'twice@example.test', fullName: 'Дважды' });
		const error = await insertUser(handle.db, {
			email: 'twice@example.test',
			fullName: 'Дважды'
		}).catch((e: unknown) => e);
		expect(sqlState(error)).toBe('23505');
		expect(isUniqueViolation(error)).toBe(true);
	});
});

describe('audit_events', () => {
	beforeAll(async () => {
		await handle.db.transaction((tx) =>
			recordEvent(tx, {
				actor: null,
				organizationId: null,
				action: 'user.created',
				entityType: 'user',
				entityId: 'x'
			})
		);
	});

	it('refuses UPDATE', async () => {
		await expect(handle.db.update(auditEvents).set({ action: 'user.removed' })).rejects.toThrow();
		const [row] = await handle.db.select().from(auditEvents);
		expect(row!.action).toBe('user.created');
	});

	it('refuses DELETE', async () => {
		await expect(handle.db.delete(auditEvents)).rejects.toThrow();
		expect(await handle.db.$count(auditEvents)).toBe(1);
	});

	it('refuses TRUNCATE', async () => {
		await expect(handle.db.execute(sql`truncate audit_events`)).rejects.toThrow();
		expect(await handle.db.$count(auditEvents)).toBe(1);
	});

	it('names the reason when refusing', async () => {
		const error = await handle.db
			.update(auditEvents)
			.set({ action: 'x' })
			.catch((e: unknown) => e);
		const messages: string[] = [];
		for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
		expect(messages.join(' ')).toContain('audit_events is append-only');
	});
});
