import { database } from '$lib/server/db/runtime';
import { organizationFor, refusal, requireActor } from '$lib/server/web/guards';
import { grantableRoles } from '$lib/server/auth/permissions';
import { formFields } from '$lib/server/forms/errors';
import {
	createInvitation,
	pendingInvitations,
	revokeInvitation
} from '$lib/server/people/invitations';
import { peopleOf, removeMembership } from '$lib/server/people/memberships';
import { newSubmissionKey, submitOnce } from '$lib/server/forms/submission';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireActor(locals, url);
	const org = await organizationFor(actor, params.id, 'people.view');
	const db = database();
	const people = await peopleOf(db, org.id);
	const mayInvite = grantableRoles(actor, org).length > 0;
	return {
		// Addresses are shown to those who manage people; colleagues see names and roles.
		people: people.map((p) => ({ ...p, email: mayInvite ? p.email : null })),
		invitations: mayInvite ? await pendingInvitations(db, org.id) : [],
		grantable: grantableRoles(actor, org),
		me: actor.id,
		submissionKey: newSubmissionKey()
	};
};

export const actions: Actions = {
	invite: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'people.invite');
		const values = formFields(await request.formData());
		try {
			const done = await submitOnce(
				database(),
				actor.id,
				'invitation.create',
				values.submissionKey,
				(tx) => createInvitation(tx, actor, org, values),
				({ invitation }) => ({
					email: invitation.email,
					expiresAt: invitation.expiresAt.toISOString()
				})
			);
			// The link's token is kept only as a hash: a repeated submission can say the invitation exists, not show it again.
			if (done.repeated)
				return {
					invited: { ...(done.remembered as { email: string; expiresAt: string }), link: null }
				};
			const { invitation, token } = done.value;
			return {
				invited: {
					email: invitation.email,
					link: `${url.origin}/invite/${token}`,
					expiresAt: invitation.expiresAt.toISOString()
				}
			};
		} catch (e) {
			return refusal(e, values);
		}
	},
	revoke: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'people.invite');
		const id = String((await request.formData()).get('invitationId') ?? '');
		try {
			await revokeInvitation(database(), actor, org, id);
			return { revoked: true };
		} catch (e) {
			return refusal(e, {});
		}
	},
	remove: async ({ locals, url, params, request }) => {
		const actor = requireActor(locals, url);
		const org = await organizationFor(actor, params.id, 'people.remove');
		const id = String((await request.formData()).get('membershipId') ?? '');
		try {
			await removeMembership(database(), actor, org, id);
			return { removed: true };
		} catch (e) {
			return refusal(e, {});
		}
	}
};
