import { organizationFor, requireActor } from '$lib/server/web/guards';
import { manualTemplatesFor } from '$lib/server/documents/generate-document';
import { templateSummary } from '$lib/server/web/template-form';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.edit');
	return { templates: manualTemplatesFor(org).map(templateSummary) };
};
