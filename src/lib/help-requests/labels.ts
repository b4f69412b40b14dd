// Russian labels of the help-request log (002: «Журнал регистрации обращений» of the district working group).

// The directions of the district's methodical help (002, «График оказания методической помощи»).
export const helpTopicLabels = {
	teacher_training: 'Обучение педагогов работе с модулем «Классный журнал»',
	lesson_plans: 'Поурочно-тематическое планирование, импорт и экспорт',
	current_marks: 'Ввод текущих отметок',
	final_marks: 'Ввод итоговых отметок',
	performance_analysis: 'Модуль «Анализ успеваемости», отчёты',
	diary: 'Электронный дневник для родителей',
	documents: 'Локальные акты и документы по ведению ЭЖ',
	technical: 'Техническая помощь, доступ к системе',
	other: 'Другое'
} as const;

export type HelpTopic = keyof typeof helpTopicLabels;
export const helpTopics = Object.keys(helpTopicLabels) as HelpTopic[];

export const helpStatusLabels = {
	open: 'ожидает ответа',
	answered: 'дан ответ',
	closed: 'закрыто'
} as const;

export type HelpStatus = keyof typeof helpStatusLabels;

export const HELP_TEXT_MAX = 5000;
