import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { publicOrganization } from '$lib/server/public/organization-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const page = await publicOrganization(database(), params.slug);
	if (!page) error(404, 'Организация не найдена.');
	return { ...page, canonical: `${url.origin}/o/${page.org.slug}` };
};
