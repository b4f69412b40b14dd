import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { can } from '$lib/server/auth/permissions';
import { ancestorsOf } from '$lib/server/orgs/queries';
import { openHelpCount } from '$lib/server/help-requests/help-requests';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id);
	const ancestors = (await ancestorsOf(database(), org)).filter((a) =>
		can(actor, 'organization.view', a)
	);
	return {
		org,
		ancestors: ancestors.map((a) => ({ id: a.id, shortName: a.shortName })),
		// The authority's people see how many requests for help wait for them.
		openHelpRequests: can(actor, 'help_request.answer', org)
			? await openHelpCount(database(), org.id)
			: 0,
		may: {
			edit: can(actor, 'organization.edit', org),
			createChild: can(actor, 'organization.create_child', org),
			importSchools: can(actor, 'organization.import_schools', org),
			invite: can(actor, 'people.invite', org),
			removePeople: can(actor, 'people.remove', org),
			audit: can(actor, 'audit.view', org),
			editDocuments: can(actor, 'document.edit', org),
			editChecklist: can(actor, 'checklist.edit', org),
			assign: can(actor, 'checklist.assign', org),
			remark: can(actor, 'checklist.remark', org),
			editCatalogues: can(actor, 'catalogue.edit', org),
			monitoring: can(actor, 'monitoring.view', org)
		}
	};
};
