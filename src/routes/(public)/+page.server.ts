import { database } from '$lib/server/db/runtime';
import { publicHome } from '$lib/server/public/directory';
import { HOME_TAG } from '$lib/server/public/changes';
import { cacheAs } from '$lib/server/web/public-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const home = await publicHome(database(), url.searchParams.get('name'));
	cacheAs(setHeaders, [HOME_TAG]);
	return home;
};
