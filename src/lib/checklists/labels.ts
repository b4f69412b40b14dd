// Russian labels of the checklists domain, shared by the server and the pages.
export const categoryLabels = {
	orders: 'Приказы',
	regulations: 'Положения и регламенты',
	personal_data: 'Персональные данные',
	contracts: 'Договоры',
	working_group: 'Рабочая группа',
	infrastructure: 'Инфраструктура и оснащение',
	training: 'Обучение и информирование',
	archive: 'Хранение и архив',
	monitoring: 'Мониторинг'
} as const;

export type Category = keyof typeof categoryLabels;
export const categories = Object.keys(categoryLabels) as Category[];

export const itemStatusLabels = {
	not_started: 'Не начато',
	in_progress: 'В работе',
	done: 'Выполнено',
	not_needed: 'Не требуется'
} as const;

export type ItemStatus = keyof typeof itemStatusLabels;

export const dueRuleLabels = {
	campaign_due: 'к сроку кампании',
	days_after_start: 'через N дней после начала',
	days_before_due: 'за N дней до срока кампании',
	fixed: 'к дате из источника'
} as const;

export const reminderLabels = {
	due_in_7: 'Через 7 дней срок пункта',
	due_in_1: 'Завтра срок пункта',
	overdue: 'Срок пункта пропущен'
} as const;
