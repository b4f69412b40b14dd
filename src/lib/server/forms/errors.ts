import type { z } from 'zod';

/** Field name → the first Russian message for it, as the pages show next to each field. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? String(issue.path[0]) : 'form';
		errors[key] ??= issue.message;
	}
	return errors;
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
	const result = schema.safeParse(input);
	return result.success
		? { ok: true, value: result.data }
		: { ok: false, errors: fieldErrors(result.error) };
}

/** Raised by a domain function when input is wrong in a way only the database can tell. */
export class ValidationError extends Error {
	constructor(public readonly errors: FieldErrors) {
		super(Object.values(errors).join(' '));
		this.name = 'ValidationError';
	}
}

/** FormData as plain strings; files and repeated keys are not used by these forms. */
export function formFields(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of data) if (typeof value === 'string') out[key] = withoutNul(value);
	return out;
}

/** PostgreSQL text cannot hold U+0000: a crafted form or file would otherwise fail the query. */
export const withoutNul = (value: string) => value.replace(/\0/g, '');
