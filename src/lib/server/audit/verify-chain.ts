import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { auditEvents } from '../db/schema';
import { GENESIS_HASH, eventHash } from './hash';

export type ChainVerdict =
	| { ok: true; events: number; headHash: string }
	| { ok: false; events: number; brokenAt: number; reason: 'hash' | 'link' | 'sequence' };

/** Recomputes every hash of one chain; any edited, removed or reordered row breaks it. */
export async function verifyChain(db: Database, chain: string): Promise<ChainVerdict> {
	const rows = await db
		.select()
		.from(auditEvents)
		.where(eq(auditEvents.chain, chain))
		.orderBy(asc(auditEvents.seq));
	let prevHash = GENESIS_HASH;
	let expectedSeq = 1;
	for (const row of rows) {
		if (row.seq !== expectedSeq) return broken(rows.length, row.seq, 'sequence');
		if (row.prevHash !== prevHash) return broken(rows.length, row.seq, 'link');
		if (eventHash(row) !== row.hash) return broken(rows.length, row.seq, 'hash');
		prevHash = row.hash;
		expectedSeq += 1;
	}
	// The head hash, noted outside the system, later proves that no newest events were cut off.
	return { ok: true, events: rows.length, headHash: prevHash };
}

function broken(
	events: number,
	brokenAt: number,
	reason: 'hash' | 'link' | 'sequence'
): ChainVerdict {
	return { ok: false, events, brokenAt, reason };
}
