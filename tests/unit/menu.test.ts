import { describe, expect, it } from 'vitest';
import { cabinetMenu } from '../../src/lib/server/web/menu';
import type { Actor, ActorMembership } from '../../src/lib/server/auth/permissions';

const none = { toAcknowledge: 0, unread: 0, openHelpRequests: 0 };
const member = (
	role: ActorMembership['role'],
	kind: ActorMembership['organizationKind'],
	id: string = kind
): ActorMembership => ({
	organizationId: id,
	organizationPath:
		kind === 'school' ? `/r/m/${id}/` : kind === 'municipality' ? `/r/${id}/` : `/${id}/`,
	organizationKind: kind,
	organizationName: id,
	role
});
const actor = (memberships: ActorMembership[], isAdmin = false): Actor => ({
	id: 'u',
	email: 'u@x',
	fullName: 'U',
	isAdmin,
	memberships
});
const labels = (a: Actor, counts = none) => cabinetMenu(a, counts).map((i) => i.label);

describe('the cabinet menu', () => {
	it('takes a school’s people straight to the checklist and the documents', () => {
		expect(labels(actor([member('director', 'school')]))).toEqual([
			'Главная',
			'Мероприятия',
			'Документы',
			'Школа',
			'Ознакомиться',
			'Уведомления'
		]);
		const items = cabinetMenu(actor([member('staff', 'school')]), none);
		expect(items.find((i) => i.label === 'Документы')!.href).toBe('/app/orgs/school/documents');
	});

	it('takes an authority to monitoring, the organisations under it and the requests for help', () => {
		expect(labels(actor([member('authority', 'municipality')]))).toEqual([
			'Главная',
			'Мониторинг',
			'Подведомственные',
			'Кампании',
			'Обращения',
			'Организация',
			'Ознакомиться',
			'Уведомления'
		]);
	});

	it('shows counts only when there is something', () => {
		const items = cabinetMenu(actor([member('authority', 'region')]), {
			toAcknowledge: 2,
			unread: 0,
			openHelpRequests: 5
		});
		expect(items.find((i) => i.label === 'Обращения')!.count).toBe(5);
		expect(items.find((i) => i.label === 'Ознакомиться')!.count).toBe(2);
		expect(items.find((i) => i.label === 'Уведомления')!.count).toBeUndefined();
	});

	it('lists organisations for someone in several and for the administrator', () => {
		expect(
			labels(actor([member('director', 'school', 'a'), member('staff', 'school', 'b')]))
		).toContain('Организации');
		expect(labels(actor([], true))).toEqual([
			'Главная',
			'Организации',
			'Пользователи',
			'Почта',
			'Уведомления'
		]);
	});
});
