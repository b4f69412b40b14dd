import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { svedenDocuments } from '$lib/server/sveden/documents';
import { cacheAs } from '$lib/server/web/public-pages';
import { svedenWords } from '$lib/sveden/labels';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const { cacheTags, ...page } =
		(await svedenDocuments(database(), params.slug)) ?? error(404, svedenWords.notFound);
	// The Требования are about an educational organisation's site: an authority has no such subsection.
	if (page.org.kind !== 'school') error(404, svedenWords.notSchool);
	cacheAs(setHeaders, cacheTags);
	return { ...page, canonical: `${url.origin}/o/${page.org.slug}/sveden/document` };
};
