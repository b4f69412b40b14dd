import { database } from '$lib/server/db/runtime';
import { searchActs, searchScopes, SEARCH_PAGE_MAX, SEARCH_PAGE_SIZE } from '$lib/server/public/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = database();
	const [result, scopes] = await Promise.all([searchActs(db, url.searchParams), searchScopes(db)]);
	return { ...result, scopes, pageSize: SEARCH_PAGE_SIZE, maxPage: SEARCH_PAGE_MAX };
};
