import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { can } from '$lib/server/auth/permissions';
import { formFields } from '$lib/server/forms/errors';
import {
	answerHelpRequest,
	askersOf,
	closeHelpRequest,
	createHelpRequest,
	helpLog,
	parseHelpFilters,
	requestsOf
} from '$lib/server/help-requests/help-requests';
import { findOrganization } from '$lib/server/orgs/queries';
import { newSubmissionKey, submitOnce } from '$lib/server/forms/submission';
import { helpLogBasis, legalScope } from '$lib/server/legal/applicability';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id);
	const db = database();
	// The log of requests addressed to this authority: its people and the authorities above read it.
	const keepsLog = can(actor, 'monitoring.view', org);
	const { filters, problem } = parseHelpFilters(url.searchParams);
	const parent = org.parentId ? await findOrganization(db, org.parentId) : null;
	return {
		keepsLog,
		logBasis: keepsLog ? helpLogBasis(org, (await legalScope(db, org)).chain) : null,
		mayAnswer: can(actor, 'help_request.answer', org),
		mayAsk: can(actor, 'help_request.create', org) && !!parent,
		parentName: parent?.shortName ?? null,
		filters,
		problem,
		query: [...url.searchParams]
			.filter(([k]) => !['format'].includes(k))
			.map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
			.join('&'),
		log: keepsLog && !problem ? await helpLog(db, org, filters) : [],
		askers: keepsLog ? await askersOf(db, org) : [],
		mine: parent ? await requestsOf(db, org) : [],
		submissionKey: newSubmissionKey()
	};
};

const act =
	(
		fn: (ctx: {
			values: Record<string, string>;
			org: Awaited<ReturnType<typeof organizationFor>>;
			actor: App.Locals['actor'] & object;
		}) => Promise<Record<string, unknown>>
	) =>
	async ({ locals, url, params, request }: Parameters<Actions[string]>[0]) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id!);
		const values = formFields(await request.formData());
		try {
			return await fn({ values, org, actor });
		} catch (e) {
			return refusal(e, values);
		}
	};

export const actions: Actions = {
	ask: act(async ({ values, org, actor }) => {
		await submitOnce(
			database(),
			actor.id,
			'help_request.create',
			values.submissionKey,
			(tx) => createHelpRequest(tx, actor, org, values),
			(r) => ({ id: r.id })
		);
		return { asked: true };
	}),
	answer: act(async ({ values, org, actor }) => {
		// Each row's field has its own name, so that the page's ids stay unique.
		const id = values.requestId ?? '';
		await answerHelpRequest(database(), actor, org, id, { answer: values[`answer-${id}`] ?? '' });
		return { answered: values.requestId };
	}),
	close: act(async ({ values, org, actor }) => {
		await closeHelpRequest(database(), actor, org, values.requestId ?? '');
		return { closed: true };
	})
};
