import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level, so a value read back from jsonb hashes the same. */
export function canonicalJson(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (value instanceof Date) return JSON.stringify(value.toISOString());
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export interface HashedFields {
	chain: string;
	seq: number;
	occurredAt: Date;
	actorId: string | null;
	organizationId: string | null;
	action: string;
	entityType: string;
	entityId: string | null;
	before: unknown;
	after: unknown;
	prevHash: string;
}

export function eventHash(e: HashedFields): string {
	const payload = canonicalJson({
		chain: e.chain,
		seq: e.seq,
		occurredAt: e.occurredAt.toISOString(),
		actorId: e.actorId,
		organizationId: e.organizationId,
		action: e.action,
		entityType: e.entityType,
		entityId: e.entityId,
		before: e.before ?? null,
		after: e.after ?? null,
		prevHash: e.prevHash
	});
	return encodeHexLowerCase(sha256(new TextEncoder().encode(payload)));
}
