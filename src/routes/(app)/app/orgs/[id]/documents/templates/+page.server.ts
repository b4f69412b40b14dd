import { organizationFor, requireActor } from '$lib/server/web/guards';
import { manualTemplatesFor } from '$lib/server/documents/generate-document';
import { templateSummary } from '$lib/server/web/template-form';
import { database } from '$lib/server/db/runtime';
import { legalScope } from '$lib/server/legal/applicability';
import { formatSources } from '$lib/server/legal/seed-sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.edit');
	const { regionLaw } = await legalScope(database(), org);
	return {
		templates: manualTemplatesFor(org).map((t) => {
			const references = formatSources(t.sources, { regionLaw });
			// The cell names the five source documents and their points; the laws are on the template's page.
			return { ...templateSummary(t), seedReferences: references.filter((r) => r.seed).map((r) => r.brief), laws: references.filter((r) => !r.seed).length };
		})
	};
};
