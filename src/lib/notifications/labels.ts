// Russian names of notification kinds: the filter, the e-mail choice and the list read them from here.
export const notificationKindLabels = {
	review_requested: 'Просьба согласовать проект',
	changes_requested: 'Документ вернули на доработку',
	round_closed: 'Тур согласования закрыт',
	awaiting_approval: 'Документ ждёт утверждения',
	route_reminder: 'Напоминание о шаге маршрута',
	acted_for_chair: 'Руководитель выполнил шаг за председателя',
	council_missed: 'Совет не представил мнение в срок',
	public_comment: 'Предложение в общественном обсуждении',
	acknowledge: 'Ознакомление с документом',
	help_request: 'Обращение за помощью',
	due_in_7: 'Срок пункта через 7 дней',
	due_in_1: 'Срок пункта завтра',
	overdue: 'Срок пункта пропущен'
} as const;

export type NotificationKind = keyof typeof notificationKindLabels;
export const notificationKinds = Object.keys(notificationKindLabels) as NotificationKind[];

export const isNotificationKind = (v: unknown): v is NotificationKind =>
	typeof v === 'string' && Object.hasOwn(notificationKindLabels, v);

export const NOTIFICATIONS_PAGE_SIZE = 50;
