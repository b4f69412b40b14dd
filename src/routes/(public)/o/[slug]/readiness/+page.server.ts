import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { publicReadiness } from '$lib/server/readiness/readiness';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const page = await publicReadiness(database(), params.slug);
	if (!page) error(404, 'Страница не найдена.');
	return page;
};
