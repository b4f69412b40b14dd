import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { searchCabinet } from '$lib/server/cabinet-search/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	return { search: await searchCabinet(database(), actor, url.searchParams.get('q') ?? '') };
};
