import { can, viewRoots, type Actor, type OrgRef } from '../auth/permissions';

export interface MenuItem {
	href: string;
	label: string;
	/** A count shown as a badge: unread notifications, acts to read. */
	count?: number;
}

export interface MenuCounts {
	toAcknowledge: number;
	unread: number;
	openHelpRequests: number;
}

/**
 * The cabinet's menu, by what the person does: a school's people go straight to the checklist
 * and the documents; an authority's to monitoring and the organisations under it; someone who
 * looks over several organisations, or the platform's administrator, to the list of them.
 */
export function cabinetMenu(actor: Actor, counts: MenuCounts): MenuItem[] {
	const items: MenuItem[] = [{ href: '/app', label: 'Главная' }];
	const org = homeOrganization(actor);
	if (org) {
		const base = `/app/orgs/${org.id}`;
		if (org.kind === 'school') {
			items.push(
				{ href: `${base}/checklists`, label: 'Мероприятия' },
				{ href: `${base}/documents`, label: 'Документы' }
			);
		} else {
			if (can(actor, 'monitoring.view', org))
				items.push({ href: `${base}/monitoring`, label: 'Мониторинг' });
			items.push({ href: `${base}/tree`, label: 'Подведомственные' });
			if (can(actor, 'checklist.assign', org))
				items.push({ href: `${base}/campaigns`, label: 'Кампании' });
			if (can(actor, 'help_request.answer', org))
				items.push({
					href: `${base}/help`,
					label: 'Обращения',
					count: counts.openHelpRequests || undefined
				});
		}
		items.push({ href: base, label: org.kind === 'school' ? 'Школа' : 'Организация' });
	} else if (actor.memberships.length || actor.isAdmin) {
		items.push({ href: '/app/orgs', label: 'Организации' });
	}
	if (actor.memberships.length)
		items.push({
			href: '/app/acknowledge',
			label: 'Ознакомиться',
			count: counts.toAcknowledge || undefined
		});
	if (actor.isAdmin)
		items.push(
			{ href: '/app/admin/users', label: 'Пользователи' },
			{ href: '/app/admin/outbox', label: 'Почта' }
		);
	items.push({
		href: '/app/notifications',
		label: 'Уведомления',
		count: counts.unread || undefined
	});
	return items;
}

/** The one organisation the menu is about, when the person works in exactly one. */
export function homeOrganization(actor: Actor): OrgRef | null {
	const roots = viewRoots(actor);
	if (roots.length !== 1) return null;
	const root = roots[0]!;
	return { id: root.organizationId, path: root.organizationPath, kind: root.organizationKind };
}
