import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { subtree } from '$lib/server/orgs/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id);
	if (org.kind === 'school') error(404, 'У школы нет подведомственных организаций.');
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const nodes = (await subtree(database(), org)).slice(1);
	const needle = q.toLowerCase();
	return {
		nodes: q ? nodes.filter((n) => n.shortName.toLowerCase().includes(needle)) : nodes,
		q,
		total: nodes.length
	};
};
