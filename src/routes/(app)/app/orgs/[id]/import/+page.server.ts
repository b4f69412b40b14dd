import { fail } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { importSchools } from '$lib/server/orgs/import-schools';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	await organizationFor(requireActor(locals, url), params.id, 'organization.import_schools');
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'organization.import_schools');
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, {
				problems: [],
				fileError: 'Выберите CSV-файл со списком школ.',
				created: null
			});
		const result = await importSchools(
			database(),
			actor,
			org,
			new Uint8Array(await file.arrayBuffer())
		);
		if (!result.ok)
			return fail(400, {
				problems: result.problems,
				fileError: null,
				created: null,
				fileName: file.name
			});
		return {
			problems: [],
			fileError: null,
			created: result.created.map((s) => ({ id: s.id, shortName: s.shortName, slug: s.slug }))
		};
	}
};
