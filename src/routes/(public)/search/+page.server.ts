import { database } from '$lib/server/db/runtime';
import { searchActs, searchRegions, SEARCH_PAGE_MAX, SEARCH_PAGE_SIZE } from '$lib/server/public/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = database();
	const [result, regions] = await Promise.all([searchActs(db, url.searchParams), searchRegions(db)]);
	return { ...result, regions, pageSize: SEARCH_PAGE_SIZE, maxPage: SEARCH_PAGE_MAX };
};
