import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { catalogueItemsOf, findCatalogue, publishCatalogue, rearrangeItem, saveCatalogueItem } from '$lib/server/checklists/edit-catalogue';
import { formatCatalogueSource } from '$lib/server/legal/seed-sources';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'catalogue.edit');
	const catalogue = await findCatalogue(database(), org, params.catalogueId);
	if (!catalogue) error(404, 'Перечень не найден.');
	return { catalogue: { ...catalogue, source: formatCatalogueSource(catalogue.source ?? '') }, items: await catalogueItemsOf(database(), catalogue.id), editable: catalogue.ownerOrganizationId === org.id && !catalogue.publishedAt };
};

const withOrg = async (locals: App.Locals, url: URL, id: string) => {
	const actor = requireActor(locals, url);
	return { actor, org: await organizationFor(actor, id, 'catalogue.edit') };
};

export const actions: Actions = {
	item: async ({ locals, url, params, request }) => {
		const { actor, org } = await withOrg(locals, url, params.id);
		const form = await request.formData();
		const values = formFields(form);
		try {
			await saveCatalogueItem(database(), actor, org, params.catalogueId, values.itemId || null, values, form.getAll('kinds').map(String));
			return { saved: true };
		} catch (e) {
			return refusal(e, values);
		}
	},
	move: async ({ locals, url, params, request }) => {
		const { actor, org } = await withOrg(locals, url, params.id);
		const values = formFields(await request.formData());
		try {
			await rearrangeItem(database(), actor, org, params.catalogueId, values.itemId ?? '', (['up', 'down', 'retire', 'restore'].includes(values.action ?? '') ? values.action : 'up') as 'up');
			return { moved: true };
		} catch (e) {
			return refusal(e, values);
		}
	},
	publish: async ({ locals, url, params }) => {
		const { actor, org } = await withOrg(locals, url, params.id);
		try {
			await publishCatalogue(database(), actor, org, params.catalogueId);
			return { published: true };
		} catch (e) {
			return refusal(e, {});
		}
	}
};
