import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A Russian message when the password is unacceptable, otherwise null. */
export function passwordProblem(password: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH)
		return `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов.`;
	if (password.length > PASSWORD_MAX_LENGTH)
		return `Пароль должен быть не длиннее ${PASSWORD_MAX_LENGTH} символов.`;
	if (password.trim().length === 0) return 'Пароль не может состоять из одних пробелов.';
	return null;
}
