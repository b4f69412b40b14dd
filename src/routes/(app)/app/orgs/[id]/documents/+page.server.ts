import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { listDocuments, parseDocumentFilter, registryByClass } from '$lib/server/documents/queries';
import { missingSetTemplates } from '$lib/server/documents/generate-document';
import { can } from '$lib/server/auth/permissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'document.view');
	const db = database();
	const { filter, problems } = parseDocumentFilter(url.searchParams);
	return {
		groups: registryByClass(await listDocuments(db, org.id, filter)),
		filter,
		problems,
		raw: {
			kind: url.searchParams.get('kind') ?? '',
			status: url.searchParams.get('status') ?? '',
			q: url.searchParams.get('q') ?? ''
		},
		missingSet: (await missingSetTemplates(db, org)).length,
		awaitingApproval: can(actor, 'document.approve', org)
			? (await listDocuments(db, org.id, { kind: null, status: 'approval', q: '' })).length
			: 0
	};
};
