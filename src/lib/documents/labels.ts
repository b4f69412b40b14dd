// Russian labels of the documents domain, shared by the server and the pages.
export const documentKindLabels = {
	order: 'Приказ',
	regulation: 'Положение',
	rules: 'Регламент',
	procedure: 'Порядок',
	plan: 'План',
	instruction: 'Инструкция',
	contract: 'Договор',
	agreement: 'Соглашение',
	consent: 'Согласие',
	notice: 'Уведомление',
	minutes: 'Протокол',
	statement: 'Заявление',
	acknowledgement_sheet: 'Лист ознакомления',
	other: 'Иное',
	founder_consent: 'Согласие учредителя',
	letter: 'Письмо',
	record_act: 'Акт',
	log: 'Журнал',
	memo: 'Служебная записка',
	report: 'Справка',
	undertaking: 'Обязательство',
	extract: 'Выписка из протокола'
} as const;

export type DocumentKind = keyof typeof documentKindLabels;
export const documentKinds = Object.keys(documentKindLabels) as DocumentKind[];

/** The kind word printed in capitals in the document's heading (ГОСТ Р 7.0.97-2016, реквизит 10). */
export const documentKindTitles: Record<DocumentKind, string> = {
	order: 'ПРИКАЗ',
	regulation: 'ПОЛОЖЕНИЕ',
	rules: 'РЕГЛАМЕНТ',
	procedure: 'ПОРЯДОК',
	plan: 'ПЛАН',
	instruction: 'ИНСТРУКЦИЯ',
	contract: 'ДОГОВОР',
	agreement: 'СОГЛАШЕНИЕ',
	consent: 'СОГЛАСИЕ',
	notice: 'УВЕДОМЛЕНИЕ',
	minutes: 'ПРОТОКОЛ',
	statement: 'ЗАЯВЛЕНИЕ',
	acknowledgement_sheet: 'ЛИСТ ОЗНАКОМЛЕНИЯ',
	other: 'ДОКУМЕНТ',
	founder_consent: 'СОГЛАСИЕ',
	letter: 'ПИСЬМО',
	record_act: 'АКТ',
	log: 'ЖУРНАЛ',
	memo: 'СЛУЖЕБНАЯ ЗАПИСКА',
	report: 'СПРАВКА',
	undertaking: 'ОБЯЗАТЕЛЬСТВО',
	extract: 'ВЫПИСКА ИЗ ПРОТОКОЛА'
};

export const documentStatusLabels = {
	draft: 'Черновик',
	review: 'На согласовании',
	discussion: 'На обсуждении',
	approval: 'На утверждении',
	published: 'Действует',
	superseded: 'Утратил силу (заменён)',
	repealed: 'Отменён',
	registered: 'Зарегистрирован'
} as const;

export type DocumentStatus = keyof typeof documentStatusLabels;

export const variableSourceLabels = {
	profile: 'из профиля организации',
	working_group: 'из состава рабочей группы',
	checklist: 'из чек-листа',
	manual: 'вводится вручную',
	route: 'из маршрута документа'
} as const;

/** How one document refers to another. */
export const documentRelationLabels = {
	approved_by: 'Утверждён документом',
	repealed_by: 'Отменён документом',
	based_on: 'Издан на основании',
	amends: 'Вносит изменения в',
	annex_to: 'Приложение к',
	related: 'Связан с'
} as const;

/** Why «Редактировать» leads back to the document: what the person can do instead, by the document's state. */
export function notEditableReason(doc: { status: DocumentStatus; isRecord: boolean }): string {
	if (doc.isRecord)
		return 'Это запись с файлом: её текст не редактируется — загрузите новую версию файла.';
	if (doc.status === 'published' || doc.status === 'registered')
		return 'Действующий документ не меняется: изменения вносятся новой редакцией — «Подготовить новую редакцию» в разделе «Маршрут документа».';
	if (doc.status === 'superseded' || doc.status === 'repealed')
		return 'Документ утратил силу и не меняется.';
	return `Документ на маршруте («${documentStatusLabels[doc.status]}»): текст меняют, вернув его в черновик.`;
}

/** The visual editor's toolbar: the button's word and what it does, for the tooltip and screen readers. */
export const editorToolbarLabels = {
	heading: ['Заголовок', 'Раздел документа, например «I. Общие положения»'],
	point: ['Пункт', 'Новый нумерованный пункт'],
	subPoint: ['Подпункт', 'Пункт становится подпунктом предыдущего (Tab)'],
	liftPoint: ['Уровнем выше', 'Подпункт становится пунктом (Shift+Tab)'],
	bold: ['Жирный', 'Выделить жирным (Ctrl+B)'],
	table: ['Таблица', 'Вставить таблицу из трёх столбцов'],
	row: ['+ строка', 'Добавить строку таблицы'],
	column: ['+ столбец', 'Добавить столбец таблицы']
} as const;

export const editorModeLabels = { visual: 'Визуально', source: 'Исходный текст' } as const;
