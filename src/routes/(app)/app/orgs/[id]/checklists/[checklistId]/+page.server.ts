import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { findChecklist, itemsOf } from '$lib/server/checklists/queries';
import { progressOf } from '$lib/server/figures/checklist';
import { todayIn } from '$lib/format';
import { formatCatalogueSource } from '$lib/server/legal/seed-sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'checklist.view');
	const db = database();
	const found = await findChecklist(db, org.id, params.checklistId);
	if (!found) error(404, 'Перечень не найден.');
	const items = await itemsOf(db, found.checklist.id);
	const closed = items.filter(
		(i) => i.item.status === 'done' || i.item.status === 'not_needed'
	).length;
	return {
		crumbs: [{ label: found.campaign.title }],
		checklist: found,
		catalogueSource: formatCatalogueSource(found.catalogue.source ?? ''),
		items,
		today: todayIn(org.timeZone),
		progress: progressOf(closed, items.length),
		closed
	};
};
