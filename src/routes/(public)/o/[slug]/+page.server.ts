import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { publicOrganization } from '$lib/server/public/organization-page';
import { cacheAs } from '$lib/server/web/public-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	const { cacheTags, ...page } =
		(await publicOrganization(database(), params.slug)) ?? error(404, 'Организация не найдена.');
	cacheAs(setHeaders, cacheTags);
	return { ...page, canonical: `${url.origin}/o/${page.org.slug}` };
};
