import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formFields, validate, ValidationError } from '../../src/lib/server/forms/errors';
import { organizationInput, organizationFormDefaults } from '../../src/lib/server/orgs/validation';

describe('formFields', () => {
	it('keeps the text fields and drops files', () => {
		const data = new FormData();
		data.set('shortName', 'СШ № 1');
		data.set('logo', new Blob(['x']), 'logo.png');
		expect(formFields(data)).toEqual({ shortName: 'СШ № 1' });
	});

	it('removes NUL characters, which PostgreSQL text cannot store', () => {
		const data = new FormData();
		data.set('shortName', 'СШ\u0000 № 1\u0000');
		const fields = formFields(data);
		expect(fields.shortName).toBe('СШ № 1');
		const result = validate(
			organizationInput,
			organizationFormDefaults({ fullName: 'Школа', ...fields })
		);
		expect(result.ok && result.value.shortName).toBe('СШ № 1');
	});
});

describe('validate', () => {
	const schema = z.object({ a: z.string().min(1, 'Первое.').min(2, 'Второе.'), b: z.string() });

	it('gives the first Russian message of each field', () => {
		expect(validate(schema, { a: '', b: 'x' })).toEqual({ ok: false, errors: { a: 'Первое.' } });
		expect(validate(schema, { a: 'ab', b: 'x' })).toEqual({ ok: true, value: { a: 'ab', b: 'x' } });
	});

	it('files an error about the whole input under "form"', () => {
		const result = validate(z.string().min(3, 'Коротко.'), 'x');
		expect(result).toEqual({ ok: false, errors: { form: 'Коротко.' } });
	});
});

describe('ValidationError', () => {
	it('carries the field messages and joins them into its own message', () => {
		const error = new ValidationError({ slug: 'Занято.', inn: 'Неверен.' });
		expect(error.errors).toEqual({ slug: 'Занято.', inn: 'Неверен.' });
		expect(error.message).toBe('Занято. Неверен.');
		expect(error).toBeInstanceOf(Error);
	});
});
