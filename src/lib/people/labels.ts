// Russian names of roles in an organisation.
export const roleLabels = {
	authority: 'Сотрудник органа управления образованием',
	director: 'Директор',
	working_group: 'Член рабочей группы',
	staff: 'Сотрудник (педагог)'
} as const;

export type RoleKey = keyof typeof roleLabels;

export const ADMIN_LABEL = 'Администратор платформы';
