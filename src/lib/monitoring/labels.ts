// Russian words of the monitoring pages and exports, shared by the server and the pages.
import { journalSystemLabels, type JournalSystemKey } from '../orgs/labels';

export const overviewSortKeys = [
	'name',
	'municipality',
	'progress',
	'overdue',
	'dueSoon',
	'remarks',
	'journal',
	'paperless',
	'contract',
	'personalData',
	'published',
	'inApproval',
	'lastActivity'
] as const;

export type OverviewSortKey = (typeof overviewSortKeys)[number];

/** Column headers of the dashboard table, in its order; the export uses the same words. */
export const overviewColumnLabels: Record<OverviewSortKey, string> = {
	name: 'Организация',
	municipality: 'Муниципалитет',
	progress: 'Выполнено, %',
	overdue: 'Просрочено',
	dueSoon: 'Срок в 7 дней',
	remarks: 'Открытые замечания',
	journal: 'Система журнала',
	paperless: 'Без бумаги с',
	contract: 'Договор с оператором',
	personalData: 'Комплект по ПДн',
	published: 'Опубликовано актов',
	inApproval: 'На утверждении',
	lastActivity: 'Последнее действие'
};

/**
 * Columns shown until the person picks others: with the name they fit a 1366 px screen without
 * sideways scrolling. The rest (paperless since, personal data, in approval) are a tick away.
 */
export const overviewDefaultColumns: readonly OverviewSortKey[] = [
	'name',
	'municipality',
	'progress',
	'overdue',
	'dueSoon',
	'remarks',
	'journal',
	'contract',
	'published',
	'lastActivity'
];

/** Columns of counts and percentages: right-aligned, in figures of one width. */
export const overviewNumericColumns: readonly OverviewSortKey[] = [
	'progress',
	'overdue',
	'dueSoon',
	'remarks',
	'published',
	'inApproval'
];

/** The column picker of the authorities' tables. */
export const columnPickerLabels = {
	summary: 'Столбцы',
	apply: 'Применить',
	always: 'всегда',
	hint: 'Отметьте нужные столбцы. Если не отмечено ни одного, показываются столбцы по умолчанию.',
	exportChosen:
		'Выгрузка — все отобранные организации, не только эта страница, и выбранные столбцы.',
	exportAll: 'Выгрузка — все отобранные организации, не только эта страница, и все столбцы.'
} as const;

export const monitoringLabels = {
	title: 'Мониторинг',
	analysisTitle: 'Анализ',
	noJournal: 'не указана',
	personalDataComplete: 'полный',
	personalDataIncomplete: 'неполный',
	never: 'нет действий',
	noChecklist: 'нет чек-листа',
	totals: 'Итого по выборке',
	averageProgress: 'Средний процент выполнения',
	dataTable: 'Таблица данных'
} as const;

/**
 * The rule of «Комплект по ПДн» (catalogue items 001.23 and 001.15): in force (published or
 * registered) the regulation on personal data, the order naming the person responsible, and the
 * basis of the operator's processing — the agreement on processing by instruction, or the
 * parents' consent form where the school works by consent.
 */
export const personalDataRule =
	'Комплект полный, если действуют (опубликованы или зарегистрированы): положение о персональных данных, приказ о назначении ответственного за обработку ПДн, а также соглашение с оператором об обработке ПДн по поручению или форма согласия родителей, акт об определении уровня защищённости ПДн и акт оценки вреда (п. 15 и 23 перечня 001; ПП РФ № 1119; приказ Роскомнадзора № 178).';

export const filterMessages = {
	sort: 'Неизвестный порядок сортировки: показан порядок по умолчанию.',
	page: 'Номер страницы должен быть целым числом от 1: показана первая страница.',
	municipality: 'Такого муниципалитета нет в вашем ведении: ничего не найдено.',
	journal: 'Такой системы журнала нет в списке: ничего не найдено.',
	stale: 'Число дней без движения должно быть целым от 1 до 3650: фильтр не применён.',
	query: 'Строка поиска длиннее 200 символов: сокращена.',
	format: 'Формат выгрузки: xlsx или csv.'
} as const;

export const analysisLabels = {
	mostOverdue: 'Мероприятия, чаще всего просроченные',
	stale: (days: number) => `Организации без движения ${days} дн. и больше`,
	byMunicipality: 'Выполнение по муниципалитетам',
	byJournal: 'Системы электронного журнала',
	publicationOverdue: 'Просрочена публикация с подписью (больше 10 рабочих дней со дня приказа)',
	overTime: 'Выполнение по дням',
	code: 'Код',
	measure: 'Мероприятие',
	schools: 'Школ',
	organization: 'Организация',
	municipality: 'Муниципалитет',
	progress: 'Выполнено, %',
	overdue: 'Просрочено пунктов',
	schoolsOverdue: 'Школ с просрочкой',
	organizations: 'Организаций',
	journal: 'Система',
	document: 'Акт',
	orderNumber: '№ приказа',
	orderDate: 'Дата приказа',
	deadline: 'Опубликовать до',
	day: 'День',
	lastActivity: 'Последнее действие',
	none: 'Нет данных.'
} as const;

/** The row's journal system as people call it. */
export function journalText(system: JournalSystemKey | null, other: string | null): string {
	if (!system) return monitoringLabels.noJournal;
	return system === 'other' && other ? other : journalSystemLabels[system];
}
