import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { submitOrganizationForm } from '$lib/server/web/organization-form';
import { childKinds, createOrganization } from '$lib/server/orgs/save-organization';
import type { OrganizationKind } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

function kindFrom(value: string | null, parentKind: OrganizationKind): OrganizationKind {
	const kinds = childKinds(parentKind);
	const kind = kinds.find((k) => k === value) ?? kinds[kinds.length - 1];
	if (!kind) error(404, 'Здесь нельзя создать подведомственную организацию.');
	return kind;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(
		requireActor(locals, url),
		params.id,
		'organization.create_child'
	);
	return { kind: kindFrom(url.searchParams.get('kind'), org.kind) };
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'organization.create_child');
		const kind = kindFrom(url.searchParams.get('kind'), org.kind);
		return submitOrganizationForm(request, (input) =>
			createOrganization(database(), actor, { parent: org, kind, input })
		);
	}
};
