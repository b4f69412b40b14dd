// The cabinet home's words: three blocks, each line one thing and the button that does it.
import { countPhrase, formatDate, pluralForm } from '../format';

export const blockTitles = {
	yours: 'Ждёт вас',
	others: 'Ждёт других',
	deadlines: 'Сроки'
} as const;
export type BlockKey = keyof typeof blockTitles;

export const emptyBlock: Record<BlockKey, string> = {
	yours: 'Сейчас от вас ничего не ждут.',
	others: 'Ничего из начатого вами не ждёт других.',
	deadlines: 'Ближайших сроков нет.'
};

/** The button of a route step waiting for the person (workflow/inbox). */
export const routeStepActions = {
	review: 'Согласовать',
	open_discussion: 'Открыть обсуждение',
	moderate: 'Рассмотреть предложения',
	close_discussion: 'Завершить обсуждение',
	approve: 'Утвердить'
} as const;

export const actions = {
	acknowledge: 'Ознакомиться',
	answerRemark: 'Ответить',
	answerHelp: 'Ответить',
	publish: 'Опубликовать',
	sign: 'Подписать',
	fillProfile: 'Заполнить профиль',
	formGroup: 'Сформировать',
	contracts: 'Реестр договоров',
	monitoring: 'Мониторинг',
	analysis: 'Анализ'
} as const;

const acts = (n: number) => countPhrase(n, 'акт', 'акта', 'актов');
const schoolsOrOrgs = (n: number, region: boolean) =>
	region
		? countPhrase(n, 'организация', 'организации', 'организаций')
		: countPhrase(n, 'школа', 'школы', 'школ');

export const lines = {
	acknowledgeMany: (n: number) =>
		`${countPhrase(n, 'локальный акт', 'локальных акта', 'локальных актов')} для ознакомления`,
	published: (on: string) => `опубликован ${on}`,
	remark: (body: string) => `замечание органа управления: «${body}»`,
	itemOverdue: (dueOn: string) => `просрочено: срок был ${formatDate(dueOn)}`,
	itemDue: (dueOn: string) => `до ${formatDate(dueOn)}`,
	publishBy: (dueOn: string, published: boolean) =>
		`${published ? 'опубликовано без подписи: подписать' : 'опубликовать и подписать'} до ${formatDate(dueOn)} (10 рабочих дней со дня приказа)`,
	publicationMissed: (dueOn: string, published: boolean) =>
		`срок ${published ? 'подписанной ' : ''}публикации пропущен${published ? ' (опубликовано без подписи)' : ''}: последний день — ${formatDate(dueOn)}`,
	missingProfile: (fields: string[]) => `В профиле не заполнено: ${fields.join(', ')}`,
	missingProfileNote: 'эти сведения подставляются в приказы и положения',
	noWorkingGroup: 'Рабочая группа ещё не сформирована',
	noWorkingGroupNote: 'она согласует проекты актов до утверждения',
	helpAsked: (since: string) => `обращение от ${since}`,
	lagging: (n: number, region: boolean) =>
		`${schoolsOrOrgs(n, region)} с просроченными пунктами чек-листа`,
	publicationLagging: (n: number) =>
		`${acts(n)} подведомственных школ не опубликованы с подписью в срок`,
	waitingSince: (step: string, who: string, since: string) => `${step}: ${who} · ждёт с ${since}`,
	termSuffix: (dueOn: string) => ` · срок ${formatDate(dueOn)}`,
	responsible: (name: string | null) => (name ? `отвечает ${name}` : 'ответственный не назначен'),
	dueWith: (dueOn: string, name: string | null) =>
		`до ${formatDate(dueOn)}${name ? `, отвечает ${name}` : ''}`,
	acknowledgementSummary: (acknowledged: number, total: number, actsCount: number) =>
		`Ознакомлены ${acknowledged.toLocaleString('ru-RU')} из ${total.toLocaleString('ru-RU')} по ${countPhrase(actsCount, 'акту', 'актам', 'актам')}`,
	helpWaiting: (topic: string) => `Обращение «${topic}» ждёт ответа`,
	openRemarks: (n: number) =>
		`${countPhrase(n, 'замечание', 'замечания', 'замечаний')} подведомственным организациям не ${pluralForm(n, 'снято', 'сняты', 'снято')}`,
	withoutDirector: (n: number) =>
		`${countPhrase(n, 'школа', 'школы', 'школ')} без директора в системе`,
	paperless: 'Безбумажный режим ведения журнала',
	from: (on: string) => `с ${formatDate(on)}`,
	campaign: (title: string) => `Кампания «${title}»`,
	routeTerm: (title: string, step: string) => `${title}: ${step.toLowerCase()}`,
	more: (n: number) => `ещё ${n}`
} as const;

/** Where «ещё N» leads: the page with the whole list. */
export const moreTitles = {
	items: 'все пункты чек-листов',
	route: 'все документы',
	remarks: 'к чек-листам',
	help: 'журнал обращений',
	publication: 'все документы',
	deadlines: 'все сроки в чек-листах'
} as const;
