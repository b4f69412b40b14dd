import { error, fail } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { ValidationError } from '$lib/server/forms/errors';
import { checkSignature } from '$lib/server/signatures/queries';
import { uploadFrom } from '$lib/server/web/uploads';
import { signatureMessages as m } from '$lib/signatures/labels';
import type { Actions, PageServerLoad } from './$types';

// A key in the address (the mark's link): the answer, or an error page that keeps the form.
export const load: PageServerLoad = async ({ url }) => {
	const key = url.searchParams.get('key');
	if (key === null) return { check: null, key: '' };
	try {
		const check = await checkSignature(database(), key);
		if (!check.found) error(404, m.keyUnknown(check.key));
		return { check, key: check.signature.key };
	} catch (e) {
		if (e instanceof ValidationError) error(400, e.errors.key ?? m.keyMalformed);
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ request }) => {
		const form = await request.formData();
		const key = String(form.get('key') ?? '').slice(0, 200);
		const values = { key };
		try {
			const check = await checkSignature(database(), key, await uploadFrom(form));
			if (!check.found) return fail(404, { errors: { key: m.keyUnknown(check.key) }, values });
			return { check, values: { key: check.signature.key } };
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { errors: e.errors, values });
			throw e;
		}
	}
};
