import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { campaignProgress, findCampaign } from '$lib/server/checklists/campaigns';
import { todayIn } from '$lib/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'checklist.assign');
	const campaign = await findCampaign(database(), org.id, params.campaignId);
	if (!campaign) error(404, 'Кампания не найдена.');
	return { campaign, rows: await campaignProgress(database(), campaign.id, todayIn(org.timeZone)) };
};
