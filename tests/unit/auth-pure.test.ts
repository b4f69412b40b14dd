import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sessionCookieOptions } from '../../src/lib/server/auth/cookie';
import { passwordProblem } from '../../src/lib/server/auth/password';
import { LOGIN_WINDOW_MS, retryMessage } from '../../src/lib/server/auth/rate-limit';
import { email } from '../../src/lib/server/auth/sign-in';
import { generateToken, hashToken } from '../../src/lib/server/auth/tokens';

describe('retryMessage', () => {
	const now = new Date('2024-03-01T10:00:00Z');
	const at = (ms: number) => new Date(now.getTime() + ms);

	it('says in Russian, in whole minutes, when to try again', () => {
		expect(retryMessage(at(14 * 60_000), now)).toBe(
			'Слишком много неудачных попыток входа. Попробуйте снова через 14 мин.'
		);
		expect(retryMessage(at(LOGIN_WINDOW_MS), now)).toMatch(/через 15 мин\.$/);
	});

	it('rounds up, so the person never comes back too early', () => {
		expect(retryMessage(at(14 * 60_000 + 1_000), now)).toMatch(/через 15 мин\.$/);
		expect(retryMessage(at(30_000), now)).toMatch(/через 1 мин\.$/);
	});

	it('never says zero or a negative number', () => {
		expect(retryMessage(now, now)).toMatch(/через 1 мин\.$/);
		expect(retryMessage(at(-60_000), now)).toMatch(/через 1 мин\.$/);
	});
});

describe('sessionCookieOptions', () => {
	const expires = new Date('2024-04-01T00:00:00Z');

	it('is HttpOnly, SameSite=Lax, for the whole site, and Secure over https', () => {
		expect(sessionCookieOptions(new URL('https://reglament.example.ru/app'), expires)).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			expires
		});
	});

	it('is not Secure over plain http, so that local use works', () => {
		expect(sessionCookieOptions(new URL('http://localhost:3000/login'), expires).secure).toBe(
			false
		);
	});
});

describe('passwordProblem', () => {
	it('explains in Russian what is wrong with a password', () => {
		expect(passwordProblem('короткий')).toBe('Пароль должен быть не короче 10 символов.');
		expect(passwordProblem('x'.repeat(257))).toBe('Пароль должен быть не длиннее 256 символов.');
		expect(passwordProblem(' '.repeat(12))).toBe('Пароль не может состоять из одних пробелов.');
	});

	it('accepts a long enough password, including one in Cyrillic', () => {
		expect(passwordProblem('длинный пароль')).toBeNull();
		expect(passwordProblem('x'.repeat(256))).toBeNull();
	});
});

describe('email', () => {
	it('trims and lower-cases an address', () => {
		expect(email.parse('  Ivanova@School1.RU ')).toBe('ivanova@school1.ru');
	});

	it('refuses nonsense with a Russian message', () => {
		const result = email.safeParse('ivanova at school1');
		expect(result.success).toBe(false);
		expect(result.error!.issues[0]!.message).toBe(
			'Укажите адрес электронной почты, например ivanova@school.ru.'
		);
		expect(email.safeParse('   ').error!.issues[0]!.message).toBe(
			'Укажите адрес электронной почты.'
		);
		expect(email.safeParse(`${'a'.repeat(250)}@x.ru`).error!.issues[0]!.message).toBe(
			'Адрес электронной почты слишком длинный.'
		);
	});
});

describe('tokens', () => {
	it('are long, random and URL-safe', () => {
		const tokens = new Set(Array.from({ length: 100 }, generateToken));
		expect(tokens.size).toBe(100);
		for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
	});

	it('are stored as their sha-256 in hex', () => {
		const token = generateToken();
		expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
	});
});
