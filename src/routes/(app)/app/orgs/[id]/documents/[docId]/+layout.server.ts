import { documentFor } from '$lib/server/web/document-page';
import { requireActor } from '$lib/server/web/guards';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, params }) => {
	const { doc } = await documentFor(
		requireActor(locals, url),
		params.id,
		params.docId,
		'document.view'
	);
	return {
		doc,
		crumbs: [{ href: `/app/orgs/${params.id}/documents/${doc.id}`, label: doc.title }]
	};
};
