import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

export const sha256Hex = (data: string | Uint8Array) =>
	encodeHexLowerCase(sha256(typeof data === 'string' ? new TextEncoder().encode(data) : data));
