import { requireActor } from '$lib/server/web/guards';
import { can } from '$lib/server/auth/permissions';
import { database } from '$lib/server/db/runtime';
import { unreadCount } from '$lib/server/notifications/reminders';
import { mustAcknowledgeCount } from '$lib/server/acknowledgements/queries';
import { openHelpCount } from '$lib/server/help-requests/help-requests';
import { cabinetMenu, homeOrganization } from '$lib/server/web/menu';
import { shortPersonName } from '$lib/russian/cases';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	const db = database();
	const home = homeOrganization(actor);
	const [toAcknowledge, unread, openHelpRequests] = await Promise.all([
		actor.memberships.length ? mustAcknowledgeCount(db, actor.id) : 0,
		unreadCount(db, actor.id),
		home && can(actor, 'help_request.answer', home) ? openHelpCount(db, home.id) : 0
	]);
	return {
		nav: cabinetMenu(actor, { toAcknowledge, unread, openHelpRequests }),
		actorName: actor.fullName,
		actorShortName: shortPersonName(actor.fullName),
		searchQuery: url.pathname === '/app/search' ? (url.searchParams.get('q') ?? '') : ''
	};
};
