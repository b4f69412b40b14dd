import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? {
				id: locals.user.id,
				fullName: locals.user.fullName,
				email: locals.user.email,
				isAdmin: locals.user.isAdmin
			}
		: null
});
