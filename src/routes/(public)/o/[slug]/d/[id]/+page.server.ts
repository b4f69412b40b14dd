import { error, fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { formFields, ValidationError } from '$lib/server/forms/errors';
import { publicAct } from '$lib/server/public/act-page';
import { submitPublicComment, TooManyComments } from '$lib/server/public/submit-comment';
import { cacheAs } from '$lib/server/web/public-pages';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'Документ не найден.';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const { cacheTags, ...act } =
		(await publicAct(database(), params.slug, params.id)) ?? error(404, NOT_FOUND);
	cacheAs(setHeaders, cacheTags);
	return {
		act,
		canonical: `${url.origin}/o/${act.org.slug}/d/${act.doc.id}`,
		sent: url.searchParams.has('sent')
	};
};

export const actions: Actions = {
	default: async ({ params, request, getClientAddress, url }) => {
		const act = await publicAct(database(), params.slug, params.id);
		if (!act) error(404, NOT_FOUND);
		const values = formFields(await request.formData());
		try {
			await submitPublicComment(database(), act.doc.id, values, getClientAddress());
		} catch (e) {
			if (e instanceof ValidationError)
				return fail(e instanceof TooManyComments ? 429 : 400, { errors: e.errors, values });
			throw e;
		}
		// After a POST the address answers a GET: reloading the page sends nothing twice.
		redirect(303, `${url.pathname}?sent=1#proposal`);
	}
};
