import { requireActor } from '$lib/server/web/guards';
import { can, viewRoots } from '$lib/server/auth/permissions';
import { database } from '$lib/server/db/runtime';
import { unreadCount } from '$lib/server/notifications/reminders';
import { mustAcknowledgeCount } from '$lib/server/acknowledgements/queries';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const actor = requireActor(locals, url);
	const roots = viewRoots(actor);
	const nav: { href: string; label: string }[] = [{ href: '/app', label: 'Главная' }];
	if (roots.length === 1) {
		const root = roots[0]!;
		const ref = { id: root.organizationId, path: root.organizationPath, kind: root.organizationKind };
		nav.push({ href: `/app/orgs/${ref.id}`, label: ref.kind === 'school' ? 'Моя школа' : 'Моя организация' });
		if (ref.kind !== 'school') nav.push({ href: `/app/orgs/${ref.id}/tree`, label: 'Подведомственные' });
		nav.push({ href: `/app/orgs/${ref.id}/people`, label: 'Люди' });
		if (can(actor, 'audit.view', ref)) nav.push({ href: `/app/orgs/${ref.id}/audit`, label: 'Журнал действий' });
	} else if (roots.length > 1 || actor.isAdmin) {
		nav.push({ href: '/app/orgs', label: 'Организации' });
	}
	if (actor.memberships.length) {
		const toRead = await mustAcknowledgeCount(database(), actor.id);
		nav.push({ href: '/app/acknowledge', label: toRead ? `Ознакомиться (${toRead})` : 'Ознакомиться' });
	}
	if (actor.isAdmin) nav.push({ href: '/app/admin/users', label: 'Пользователи' }, { href: '/app/admin/outbox', label: 'Почта' });
	const unread = await unreadCount(database(), actor.id);
	nav.push({ href: '/app/notifications', label: unread ? `Уведомления (${unread})` : 'Уведомления' });
	nav.push({ href: '/app/account', label: 'Учётная запись' });
	return { nav, actorName: actor.fullName };
};
