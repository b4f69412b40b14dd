import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { formFields } from '$lib/server/forms/errors';
import { can } from '$lib/server/auth/permissions';
import { peopleOf } from '$lib/server/people/memberships';
import {
	addWorkingGroupMember,
	changeWorkingGroupRole,
	currentWorkingGroup,
	removeWorkingGroupMember,
	workingGroupHistory
} from '$lib/server/workflow/working-group';
import { templatesFor } from '$lib/server/documents/generate-document';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'people.view');
	const db = database();
	const people = await peopleOf(db, org.id);
	return {
		members: await currentWorkingGroup(db, org.id),
		history: await workingGroupHistory(db, org.id),
		people: [
			...new Map(
				people.map((p) => [p.userId, `${p.fullName}${p.position ? ` — ${p.position}` : ''}`])
			).entries()
		],
		manage: can(actor, 'working_group.manage', org),
		orderTemplate: templatesFor(org).find((t) => t.id.endsWith('order-working-group'))?.id ?? null
	};
};

export const actions: Actions = {
	add: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'working_group.manage');
		const values = formFields(await request.formData());
		try {
			await addWorkingGroupMember(database(), actor, org, values);
			return { added: true };
		} catch (e) {
			return refusal(e, values);
		}
	},
	role: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'working_group.manage');
		const values = formFields(await request.formData());
		try {
			await changeWorkingGroupRole(
				database(),
				actor,
				org,
				values.memberId ?? '',
				values.role ?? ''
			);
			return { changed: true };
		} catch (e) {
			return refusal(e, values);
		}
	},
	remove: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'working_group.manage');
		const values = formFields(await request.formData());
		try {
			await removeWorkingGroupMember(database(), actor, org, values.memberId ?? '');
			return { removed: true };
		} catch (e) {
			return refusal(e, values);
		}
	}
};
