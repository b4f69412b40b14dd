import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { frameAncestorsOf } from '$lib/server/sveden/embed';
import { svedenDocuments } from '$lib/server/sveden/documents';
import { cacheAs, FRAME_ANCESTORS_HEADER } from '$lib/server/web/public-pages';
import { svedenWords } from '$lib/sveden/labels';
import type { PageServerLoad } from './$types';

// A block inside another site's page: plain links, no script.
export const csr = false;

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const { cacheTags, org, current } =
		(await svedenDocuments(database(), params.slug)) ?? error(404, svedenWords.notFound);
	cacheAs(setHeaders, cacheTags);
	// Only the organisation's own site may show the block; a profile edit drops the cached page.
	setHeaders({ [FRAME_ANCESTORS_HEADER]: frameAncestorsOf(org.website) });
	return { org: { slug: org.slug, shortName: org.shortName, timeZone: org.timeZone }, current };
};
