import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db/runtime';
import { acceptInvitation, findOpenInvitation } from '$lib/server/people/invitations';
import { ValidationError } from '$lib/server/forms/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const open = await findOpenInvitation(database(), params.token);
	if (!open) return { invitation: null };
	return {
		invitation: {
			email: open.invitation.email,
			fullName: open.invitation.fullName ?? '',
			role: open.invitation.role,
			organization: open.organization.shortName,
			expiresAt: open.invitation.expiresAt.toISOString(),
			timeZone: open.organization.timeZone,
			hasAccount: !!open.existingUser
		}
	};
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const form = await request.formData();
		const fullName = String(form.get('fullName') ?? '');
		try {
			await acceptInvitation(database(), params.token, {
				fullName,
				password: String(form.get('password') ?? ''),
				repeat: String(form.get('repeat') ?? '')
			});
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { errors: e.errors, values: { fullName } });
			throw e;
		}
		redirect(303, '/login?accepted=1');
	}
};
