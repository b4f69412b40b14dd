import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import {
	acceptInvitation,
	acceptInvitationAs,
	findOpenInvitation
} from '$lib/server/people/invitations';
import { ValidationError } from '$lib/server/forms/errors';
import type { Actions, PageServerLoad } from './$types';

// Whether the invited address has an account is never told: the page offers a new account, or
// acceptance to the person signed in under that address.
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const open = await findOpenInvitation(database(), params.token);
	if (!open) return { invitation: null };
	const signedIn = locals.user
		? {
				email: locals.user.email,
				invited: locals.user.email.toLowerCase() === open.invitation.email.toLowerCase()
			}
		: null;
	return {
		invitation: {
			email: open.invitation.email,
			fullName: open.invitation.fullName ?? '',
			role: open.invitation.role,
			organization: open.organization.shortName,
			expiresAt: open.invitation.expiresAt.toISOString(),
			timeZone: open.organization.timeZone
		},
		signedIn,
		signInHref: `/login?next=${encodeURIComponent(url.pathname)}`
	};
};

export const actions: Actions = {
	create: async ({ request, params, getClientAddress }) => {
		const form = await request.formData();
		const fullName = String(form.get('fullName') ?? '');
		try {
			await acceptInvitation(database(), params.token, {
				fullName,
				password: String(form.get('password') ?? ''),
				repeat: String(form.get('repeat') ?? ''),
				ipAddress: getClientAddress()
			});
		} catch (e) {
			if (e instanceof ValidationError)
				return fail(400, { errors: e.errors, values: { fullName } });
			throw e;
		}
		redirect(303, '/login?accepted=1');
	},
	accept: async ({ params, locals }) => {
		if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(`/invite/${params.token}`)}`);
		try {
			await acceptInvitationAs(database(), params.token, locals.user);
		} catch (e) {
			if (e instanceof ValidationError)
				return fail(400, { errors: e.errors, values: { fullName: '' } });
			throw e;
		}
		redirect(303, '/app?accepted=1');
	}
};
