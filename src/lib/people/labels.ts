// Russian names of roles in an organisation.
export const roleLabels = {
	authority: 'Сотрудник органа управления образованием',
	director: 'Директор',
	working_group: 'Член рабочей группы',
	staff: 'Сотрудник (педагог)'
} as const;

export type RoleKey = keyof typeof roleLabels;

export const ADMIN_LABEL = 'Администратор платформы';

/** The cases of a position kept on a person's record, with the question each answers. */
export const positionCaseFields = [
	['gen', 'Родительный (кого?): обязанности кого'],
	['dat', 'Дательный (кому?): директору, поручить кому'],
	['acc', 'Винительный (кого?): назначить кого'],
	['ins', 'Творительный (кем?): назначить кем'],
	['pre', 'Предложный (о ком?)']
] as const;
