import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database, DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents, type Organization } from '../../src/lib/server/db/schema';
import { recordEvent, type AuditInput } from '../../src/lib/server/audit/record-event';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { eventHash } from '../../src/lib/server/audit/hash';
import {
	actorsInLog,
	AUDIT_PAGE_SIZE,
	listEvents,
	parseAuditFilter
} from '../../src/lib/server/audit/list-events';
import { updateOrganization } from '../../src/lib/server/orgs/save-organization';
import { buildFixture, insertOrg, orgInput, type Fixture } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
let n = 0;

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db);
});
afterAll(async () => {
	await handle?.close();
});
afterEach(() => {
	vi.useRealTimers();
});

/** A school of its own for each test, so that each starts a chain of its own. */
const school = () =>
	insertOrg(handle.db, f.municipality, 'school', {
		shortName: `Школа журнала ${++n}`,
		timeZone: 'Asia/Yakutsk'
	});

function record(org: Organization, fields: Partial<AuditInput> = {}) {
	return handle.db.transaction((tx) =>
		recordEvent(tx, {
			actor: f.users.directorA,
			organizationId: org.id,
			action: 'organization.updated',
			entityType: 'organization',
			entityId: org.id,
			after: { step: ++n, nested: { b: 2, a: [1, 'два'] } },
			...fields
		})
	);
}

async function recordMany(org: Organization, count: number) {
	for (let i = 0; i < count; i++) await record(org);
}

/** Changes the log behind the trigger's back, as someone with database access could. */
async function tamper(change: (tx: Database) => Promise<unknown>) {
	await handle.db.transaction(async (tx) => {
		await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
		await change(tx);
		await tx.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
	});
}

const rowAt = (org: Organization, seq: number) =>
	and(eq(auditEvents.chain, org.id), eq(auditEvents.seq, seq));

describe('the audit chain', () => {
	it('verifies after a series of changes, with the events linked in order', async () => {
		let org = await school();
		for (const headName of ['Иванова И. И.', 'Петрова П. П.', 'Сидорова С. С.'])
			org = await updateOrganization(
				handle.db,
				f.actors.municipalityAuthority,
				org,
				orgInput({
					fullName: org.fullName,
					shortName: org.shortName,
					slug: org.slug,
					timeZone: org.timeZone,
					headName
				})
			);
		await record(org, {
			before: { z: 1, a: null },
			after: { когда: new Date('2024-03-01T00:00:00Z') }
		});
		expect(await verifyChain(handle.db, org.id)).toMatchObject({ ok: true, events: 4 });
		const rows = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.chain, org.id))
			.orderBy(auditEvents.seq);
		expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
		expect(rows[0]!.prevHash).toBe('0'.repeat(64));
		for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
	});

	it('is empty and valid for an organisation with no events', async () => {
		expect(await verifyChain(handle.db, (await school()).id)).toMatchObject({
			ok: true,
			events: 0
		});
	});

	it('detects an edited row, at that row', async () => {
		const org = await school();
		await recordMany(org, 4);
		await tamper((tx) =>
			tx
				.update(auditEvents)
				.set({ after: { step: 0, forged: true } })
				.where(rowAt(org, 2))
		);
		expect(await verifyChain(handle.db, org.id)).toEqual({
			ok: false,
			events: 4,
			brokenAt: 2,
			reason: 'hash'
		});
	});

	it('detects an edited row even when its own hash was recomputed, at the next row', async () => {
		const org = await school();
		await recordMany(org, 3);
		await tamper(async (tx) => {
			const [row] = await tx.select().from(auditEvents).where(rowAt(org, 2));
			const forged = { ...row!, actorId: f.users.staffA.id };
			await tx
				.update(auditEvents)
				.set({ actorId: forged.actorId, hash: eventHash(forged) })
				.where(rowAt(org, 2));
		});
		expect(await verifyChain(handle.db, org.id)).toEqual({
			ok: false,
			events: 3,
			brokenAt: 3,
			reason: 'link'
		});
	});

	it('detects a deleted row', async () => {
		const org = await school();
		await recordMany(org, 4);
		await tamper((tx) => tx.delete(auditEvents).where(rowAt(org, 2)));
		expect(await verifyChain(handle.db, org.id)).toEqual({
			ok: false,
			events: 3,
			brokenAt: 3,
			reason: 'sequence'
		});
	});

	it('detects a deleted first row', async () => {
		const org = await school();
		await recordMany(org, 2);
		await tamper((tx) => tx.delete(auditEvents).where(rowAt(org, 1)));
		expect(await verifyChain(handle.db, org.id)).toMatchObject({
			ok: false,
			brokenAt: 2,
			reason: 'sequence'
		});
	});

	it('leaves the log append-only again after tampering', async () => {
		const org = await school();
		await recordMany(org, 1);
		await tamper(async () => {});
		await expect(handle.db.delete(auditEvents).where(rowAt(org, 1))).rejects.toThrow();
	});

	it('stays valid when ten changes to one organisation commit at once', async () => {
		const org = await school();
		await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				handle.db.transaction(async (tx) => {
					await recordEvent(tx, {
						actor: f.users.directorA,
						organizationId: org.id,
						action: 'organization.updated',
						entityType: 'organization',
						entityId: org.id,
						after: { i }
					});
				})
			)
		);
		const rows = await handle.db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.chain, org.id))
			.orderBy(auditEvents.seq);
		expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(rows.map((r) => (r.after as { i: number }).i).sort((a, b) => a - b)).toEqual([
			0, 1, 2, 3, 4, 5, 6, 7, 8, 9
		]);
		expect(await verifyChain(handle.db, org.id)).toMatchObject({ ok: true, events: 10 });
	});

	it('keeps the chains of different organisations apart', async () => {
		const [a, b] = [await school(), await school()];
		await Promise.all([recordMany(a, 3), recordMany(b, 2)]);
		expect(await verifyChain(handle.db, a.id)).toMatchObject({ ok: true, events: 3 });
		expect(await verifyChain(handle.db, b.id)).toMatchObject({ ok: true, events: 2 });
	});

	it('writes nothing when the change it records is rolled back', async () => {
		const org = await school();
		await expect(
			handle.db.transaction(async (tx) => {
				await recordEvent(tx, {
					actor: null,
					organizationId: org.id,
					action: 'organization.updated',
					entityType: 'organization'
				});
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await verifyChain(handle.db, org.id)).toMatchObject({ ok: true, events: 0 });
	});
});

describe('listEvents', () => {
	let org: Organization;
	const at = async (iso: string, fields: Partial<AuditInput>) => {
		vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });
		try {
			await record(org, fields);
		} finally {
			vi.useRealTimers();
		}
	};
	const list = (query: string, timeZone = 'Asia/Yakutsk') => {
		const { filter, problems } = parseAuditFilter(new URLSearchParams(query));
		expect(problems).toEqual({});
		return listEvents(handle.db, org.id, filter, timeZone).then((r) =>
			r.events.map((e) => (e.after as { label: string }).label)
		);
	};

	beforeAll(async () => {
		org = await school();
		// Times in UTC; in Yakutsk (UTC+9) e1 is on the 10th, e2 and e3 on the 11th, e4 on the 12th.
		await at('2024-03-10T03:00:00Z', {
			actor: f.users.directorA,
			entityType: 'organization',
			after: { label: 'e1' }
		});
		await at('2024-03-10T15:30:00Z', {
			actor: f.users.memberA,
			entityType: 'invitation',
			after: { label: 'e2' }
		});
		await at('2024-03-11T10:00:00Z', {
			actor: f.users.directorA,
			entityType: 'membership',
			after: { label: 'e3' }
		});
		await at('2024-03-12T01:00:00Z', {
			actor: f.users.municipalityAuthority,
			entityType: 'organization',
			after: { label: 'e4' }
		});
		// Another school's event never shows in this log.
		await record(f.schoolB, { after: { label: 'other' } });
	});

	it('lists the organisation’s events, newest first', async () => {
		expect(await list('')).toEqual(['e4', 'e3', 'e2', 'e1']);
	});

	it('filters by person', async () => {
		expect(await list(`actor=${f.users.directorA.id}`)).toEqual(['e3', 'e1']);
		expect(await list(`actor=${f.users.staffA.id}`)).toEqual([]);
	});

	it('filters by kind of object', async () => {
		expect(await list('entity=organization')).toEqual(['e4', 'e1']);
		expect(await list('entity=invitation')).toEqual(['e2']);
	});

	it('filters by whole days in the organisation’s time zone', async () => {
		expect(await list('from=11.03.2024&to=11.03.2024')).toEqual(['e3', 'e2']);
		expect(await list('from=11.03.2024&to=11.03.2024', 'Europe/Moscow')).toEqual(['e3']);
		expect(await list('from=2024-03-11')).toEqual(['e4', 'e3', 'e2']);
		expect(await list('to=10.03.2024')).toEqual(['e1']);
		expect(await list('to=10.03.2024', 'Europe/Moscow')).toEqual(['e2', 'e1']);
	});

	it('combines the filters', async () => {
		expect(
			await list(`actor=${f.users.directorA.id}&entity=membership&from=11.03.2024&to=12.03.2024`)
		).toEqual(['e3']);
	});

	it('names the people who appear in the log, in Russian alphabetical order', async () => {
		expect(await actorsInLog(handle.db, org.id)).toEqual([
			{ id: f.users.memberA.id, name: f.users.memberA.fullName },
			{ id: f.users.directorA.id, name: f.users.directorA.fullName },
			{ id: f.users.municipalityAuthority.id, name: f.users.municipalityAuthority.fullName }
		]);
	});

	it('pages through a long log', async () => {
		const busy = await school();
		await handle.db.transaction(async (tx) => {
			for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i++)
				await recordEvent(tx, {
					actor: null,
					organizationId: busy.id,
					action: 'organization.updated',
					entityType: 'organization'
				});
		});
		const page = (p: number) =>
			listEvents(
				handle.db,
				busy.id,
				{ ...parseAuditFilter(new URLSearchParams(`page=${p}`)).filter },
				'Europe/Moscow'
			);
		const [first, second] = [await page(1), await page(2)];
		expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.hasMore).toBe(true);
		expect(second.events).toHaveLength(3);
		expect(second.hasMore).toBe(false);
		const seqs = [...first.events, ...second.events].map((e) => e.seq);
		expect(new Set(seqs).size).toBe(AUDIT_PAGE_SIZE + 3);
	});

	it('keeps every chain it touched valid', async () => {
		expect((await verifyChain(handle.db, org.id)).ok).toBe(true);
		expect((await verifyChain(handle.db, f.schoolB.id)).ok).toBe(true);
	});
});
