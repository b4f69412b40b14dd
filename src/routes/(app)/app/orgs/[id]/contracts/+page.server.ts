import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { organizationFor, requireActor } from '$lib/server/web/guards';
import { listContracts } from '$lib/server/contracts/contracts';
import { contractBasis, legalScope } from '$lib/server/legal/applicability';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'document.view');
	if (org.kind !== 'school') error(404, 'Реестр договоров ведёт школа.');
	const { chain } = await legalScope(database(), org);
	return { contracts: await listContracts(database(), org), basis: contractBasis(org, chain) };
};
