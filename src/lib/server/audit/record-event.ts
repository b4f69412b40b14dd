import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { auditEvents } from '../db/schema';
import type { AuditAction, AuditEntity } from './events';
import { GENESIS_HASH, eventHash } from './hash';
import { notifyPublicChange, publicChangeTags } from '../public/changes';

export const PLATFORM_CHAIN = 'platform';

export interface AuditActor {
	id: string;
	fullName: string;
}

export interface AuditInput {
	actor: AuditActor | null;
	organizationId: string | null;
	action: AuditAction;
	entityType: AuditEntity;
	entityId?: string | null;
	before?: unknown;
	after?: unknown;
}

/**
 * Appends one event to its organisation's hash chain. Call it with the transaction that makes
 * the change, so that the change and its record commit or fail together.
 */
export async function recordEvent(tx: Database, input: AuditInput): Promise<void> {
	const chain = input.organizationId ?? PLATFORM_CHAIN;
	// Serialises writers of one chain until the transaction ends, on any number of processes.
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'audit:' + chain}))`);
	const [last] = await tx
		.select({ seq: auditEvents.seq, hash: auditEvents.hash })
		.from(auditEvents)
		.where(eq(auditEvents.chain, chain))
		.orderBy(desc(auditEvents.seq))
		.limit(1);
	const fields = {
		chain,
		seq: (last?.seq ?? 0) + 1,
		occurredAt: new Date(),
		actorId: input.actor?.id ?? null,
		organizationId: input.organizationId,
		action: input.action,
		entityType: input.entityType,
		entityId: input.entityId ?? null,
		before: normalise(input.before),
		after: normalise(input.after),
		prevHash: last?.hash ?? GENESIS_HASH
	};
	await tx.insert(auditEvents).values({
		...fields,
		actorName: input.actor?.fullName ?? null,
		hash: eventHash(fields)
	});
	// The record of a change is also where the public pages it makes stale are named.
	await notifyPublicChange(tx, publicChangeTags(input));
}

// Stored as jsonb; a round trip through JSON makes the hashed value equal to the stored one.
function normalise(value: unknown): unknown {
	return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
