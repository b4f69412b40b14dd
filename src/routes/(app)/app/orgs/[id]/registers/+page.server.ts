import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import {
	contractsRegister,
	municipalitiesUnder,
	paperlessRegister,
	parseRegisterFilters,
	registerSummary,
	schoolsWithoutContract
} from '$lib/server/registers/registers';
import { setReadinessPublic } from '$lib/server/readiness/readiness';
import { formFields } from '$lib/server/forms/errors';
import { contractBasis, legalScope } from '$lib/server/legal/applicability';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const org = await organizationFor(requireActor(locals, url), params.id, 'monitoring.view');
	const db = database();
	const { filters, problem } = parseRegisterFilters(url.searchParams);
	const [paperless, contracts, without] = problem
		? [[], [], []]
		: await Promise.all([
				paperlessRegister(db, org, filters),
				contractsRegister(db, org, filters),
				schoolsWithoutContract(db, org, filters)
			]);
	return {
		guaranteesTitle: contractBasis(org, (await legalScope(db, org)).chain).listTitle,
		filters,
		problem,
		query: [...url.searchParams]
			.filter(([k]) => !['format', 'register'].includes(k))
			.map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
			.join('&'),
		municipalities: await municipalitiesUnder(db, org),
		summary: await registerSummary(db, org),
		paperless,
		contracts,
		without
	};
};

export const actions: Actions = {
	readiness: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'monitoring.view');
		const values = formFields(await request.formData());
		try {
			await setReadinessPublic(database(), actor, org, values.readinessPublic === 'on');
			return { readinessSaved: true };
		} catch (e) {
			return refusal(e, values);
		}
	}
};
