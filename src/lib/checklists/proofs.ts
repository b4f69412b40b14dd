// What proves a checklist item besides a document: route events, profile fields, register entries.
// One place for their keys and their Russian words, shared by the server and the pages.

export const proofEventLabels = {
	review_closed: 'Проект согласован рабочей группой',
	discussion_summarised: 'Общественное обсуждение проведено, сводка предложений составлена',
	opinions_recorded: 'Мнение советов по проекту получено',
	act_published: 'Локальный акт утверждён и опубликован',
	staff_acknowledged: 'Все, кому положено, ознакомлены с актом'
} as const;
export type ProofEvent = keyof typeof proofEventLabels;
export const proofEvents = Object.keys(proofEventLabels) as ProofEvent[];

export const proofProfileLabels = {
	journal_system: 'Система электронного журнала указана в профиле организации',
	paperless_since: 'Дата перехода на ведение журналов без бумажного дубликата указана в профиле',
	website: 'Официальный сайт указан в профиле организации',
	founder_name: 'Учредитель указан в профиле организации'
} as const;
export type ProofProfileField = keyof typeof proofProfileLabels;
export const proofProfileFields = Object.keys(proofProfileLabels) as ProofProfileField[];

export const proofRegisterLabels = {
	operator_contract: 'Договор с оператором электронного журнала в реестре договоров'
} as const;
export type ProofRegister = keyof typeof proofRegisterLabels;
export const proofRegisters = Object.keys(proofRegisterLabels) as ProofRegister[];

export type ProofKind = 'document' | 'event' | 'profile' | 'register';

export const proofKindLabels: Record<ProofKind, string> = {
	document: 'Документ',
	event: 'Шаг маршрута',
	profile: 'Профиль организации',
	register: 'Реестр'
};

/** Where an act stands for «Что дальше»: a route state, or approved and not yet published, or in force. */
export type ProofStage =
	'draft' | 'review' | 'discussion' | 'approval' | 'unpublished' | 'in_force';

/** «Что дальше» for an item proved by a route event: the step on a document where it stands. */
export const proofEventSteps: Record<
	ProofEvent,
	{ onDocument: Partial<Record<ProofStage, (title: string) => string>>; otherwise: string }
> = {
	review_closed: {
		onDocument: {
			review: (t) => `Закройте согласование проекта «${t}» рабочей группой`,
			draft: (t) => `Отправьте проект «${t}» на согласование рабочей группе`
		},
		otherwise: 'Подготовьте проект локального акта и отправьте его на согласование рабочей группе'
	},
	discussion_summarised: {
		onDocument: {
			discussion: (t) =>
				`Проведите общественное обсуждение проекта «${t}» и закройте его — сводка предложений составится сама`,
			review: (t) =>
				`Закройте согласование проекта «${t}» рабочей группой — затем откройте общественное обсуждение`
		},
		otherwise:
			'Отправьте проект локального акта по маршруту: после согласования рабочей группой проводится общественное обсуждение'
	},
	opinions_recorded: {
		onDocument: {
			discussion: (t) => `Направьте проект «${t}» в советы и запишите их мнение`,
			approval: (t) => `Направьте проект «${t}» в советы и запишите их мнение`,
			review: (t) => `Направьте проект «${t}» в советы и запишите их мнение`
		},
		otherwise: 'Отправьте проект локального акта по маршруту и направьте его в советы'
	},
	act_published: {
		onDocument: {
			approval: (t) => `Утвердите «${t}» приказом и опубликуйте`,
			unpublished: (t) => `Опубликуйте «${t}» на сайте`
		},
		otherwise: 'Проведите локальный акт по маршруту до утверждения и публикации'
	},
	staff_acknowledged: {
		onDocument: {
			in_force: (t) => `Соберите ознакомление работников с «${t}»`
		},
		otherwise: 'Утвердите и опубликуйте локальный акт — затем работники ознакомятся с ним'
	}
};

const proofProfileFieldNames: Record<ProofProfileField, string> = {
	journal_system: 'систему электронного журнала',
	paperless_since: 'дату перехода без бумажного дубликата',
	website: 'официальный сайт',
	founder_name: 'учредителя'
};

export const proofProfileStep = (fields: ProofProfileField[]) =>
	`Укажите в профиле организации: ${fields.map((f) => proofProfileFieldNames[f]).join(', ')}`;

export const proofRegisterSteps: Record<ProofRegister, string> = {
	operator_contract: 'Зарегистрируйте договор с оператором электронного журнала в реестре договоров'
};
