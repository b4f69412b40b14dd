import { database } from '$lib/server/db/runtime';
import { SEARCH_TAG } from '$lib/server/public/changes';
import {
	searchActs,
	searchRegions,
	SEARCH_PAGE_MAX,
	SEARCH_PAGE_SIZE
} from '$lib/server/public/search';
import { cacheAs } from '$lib/server/web/public-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	const db = database();
	const [result, regions] = await Promise.all([
		searchActs(db, url.searchParams),
		searchRegions(db)
	]);
	// Results are kept until a publication, a repeal or a renamed organisation anywhere; a page that
	// corrects the query (an unknown filter, a page past the end) is not.
	if (result.params.q && !Object.keys(result.problems).length) cacheAs(setHeaders, [SEARCH_TAG]);
	return { ...result, regions, pageSize: SEARCH_PAGE_SIZE, maxPage: SEARCH_PAGE_MAX };
};
