import { database } from '$lib/server/db/runtime';
import { sitePlacement } from '$lib/server/sveden/embed';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { siteWords } from '$lib/sveden/labels';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id);
	return {
		...(await sitePlacement(database(), org, url.origin)),
		crumbs: [{ label: org.kind === 'school' ? siteWords.title : siteWords.titleAuthority }]
	};
};
