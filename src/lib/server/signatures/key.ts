import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a key read aloud or typed from paper is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 4;
const GROUP_LENGTH = 4;
const LENGTH = GROUPS * GROUP_LENGTH;

/** A new signature key, «K7QM-3XPA-9D2F-HT4W»: 80 random bits in four groups of four. */
export function newSignatureKey(): string {
	const bytes = randomBytes((LENGTH * 5) / 8);
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	return grouped(out);
}

/**
 * The key as stored, from what a person typed: case, spaces and hyphens do not matter, and the
 * letters Crockford's alphabet leaves out are read as the digits they look like (O → 0, I and L → 1).
 * Null when it cannot be a key.
 */
export function normaliseSignatureKey(raw: string): string | null {
	const plain = raw
		.toUpperCase()
		.replace(/[\s\-–—_.]+/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (plain.length !== LENGTH || [...plain].some((c) => !ALPHABET.includes(c))) return null;
	return grouped(plain);
}

const grouped = (plain: string) =>
	Array.from({ length: GROUPS }, (_, i) =>
		plain.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH)
	).join('-');
