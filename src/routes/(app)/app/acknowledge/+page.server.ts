import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { acknowledgementOf, mustAcknowledge } from '$lib/server/acknowledgements/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	const db = database();
	const done = url.searchParams.get('done');
	return {
		acts: await mustAcknowledge(db, actor.id),
		done: done ? await acknowledgementOf(db, actor.id, done) : null
	};
};
