import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { viewRoots } from '$lib/server/auth/permissions';
import { topLevelOrganizations } from '$lib/server/orgs/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	const roots = actor.isAdmin
		? (await topLevelOrganizations(database())).map((o) => ({
				id: o.id,
				kind: o.kind,
				name: o.shortName
			}))
		: viewRoots(actor).map((m) => ({
				id: m.organizationId,
				kind: m.organizationKind,
				name: m.organizationName
			}));
	return { roots, isAdmin: actor.isAdmin };
};
