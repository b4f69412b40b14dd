// Russian labels of the workflow domain: working group, review, discussion, councils, approval.
export const workingGroupRoleLabels = {
	chair: 'Председатель',
	secretary: 'Секретарь',
	member: 'Член рабочей группы'
} as const;

export const reviewDecisionLabels = {
	approve: 'Согласовано',
	request_changes: 'Нужны изменения'
} as const;

export const reviewOutcomeLabels = {
	approved: 'Согласовано всеми',
	closed_by_chair: 'Закрыт председателем большинством голосов',
	changes_requested: 'Возвращён на доработку',
	withdrawn: 'Прекращён: документ возвращён в черновик'
} as const;

export const publicCommentRoleLabels = {
	parent: 'Родитель (законный представитель)',
	student: 'Обучающийся',
	teacher: 'Педагог',
	other: 'Другое'
} as const;

// «Предложение» is neuter: опубликовано, отклонено.
export const publicCommentStatusLabels = {
	pending: 'Ждёт модерации',
	published: 'Опубликовано',
	rejected: 'Отклонено'
} as const;

export const councilLabels = {
	students: 'Совет обучающихся',
	parents: 'Совет родителей (законных представителей)',
	workers: 'Представительный орган работников'
} as const;

export const councilResultLabels = {
	supports: 'Поддерживает',
	remarks: 'Поддерживает с замечаниями',
	against: 'Не поддерживает',
	no_answer: 'Мнение не представлено в срок',
	not_formed: 'Орган не создан'
} as const;

/** Results a person records; «не представлено в срок» is recorded by the system when the term runs out. */
export const recordableCouncilResults = ['supports', 'remarks', 'against', 'not_formed'] as const;

export type WorkingGroupRole = keyof typeof workingGroupRoleLabels;
export type ReviewDecision = keyof typeof reviewDecisionLabels;
export type PublicCommentRole = keyof typeof publicCommentRoleLabels;
export type CouncilKind = keyof typeof councilLabels;
export type CouncilResult = keyof typeof councilResultLabels;

/** Limits the public discussion form enforces. */
export const PUBLIC_COMMENT_MAX = 5000;
export const PUBLIC_NAME_MAX = 200;
/** A council answers within 5 working days; an act is published within 10 of approval. */
export const COUNCIL_TERM_WORKING_DAYS = 5;
export const PUBLICATION_TERM_WORKING_DAYS = 10;

/** The councils as an order's «с учётом мнения …» and a letter's address name them (родительный падеж). */
export const councilGenitiveLabels = {
	students: 'совета обучающихся',
	parents: 'совета родителей (законных представителей) несовершеннолетних обучающихся',
	workers: 'представительного органа работников'
} as const satisfies Record<CouncilKind, string>;

/** Collegial bodies that may adopt (принять) a local act before the head approves it, as the charter provides. */
export const adoptingBodyLabels = {
	pedagogical_council: 'педагогический совет',
	general_meeting: 'общее собрание работников',
	governing_council: 'управляющий совет'
} as const;

/** The same bodies in the form «решения педагогического совета». */
export const adoptingBodyGenitiveLabels = {
	pedagogical_council: 'педагогического совета',
	general_meeting: 'общего собрания работников',
	governing_council: 'управляющего совета'
} as const satisfies Record<AdoptingBody, string>;

export type AdoptingBody = keyof typeof adoptingBodyLabels;

/** Whose move it is on the route, step by step (the document page and the director's dashboard). */
export const waitingStepLabels = {
	revise: 'Доработка',
	review: 'Согласование',
	open_discussion: 'Открыть обсуждение',
	discussion: 'Обсуждение идёт',
	moderate: 'Рассмотреть предложения',
	close_discussion: 'Завершить обсуждение',
	send_to_councils: 'Направить советам',
	councils: 'Мнение советов',
	approve: 'Утверждение',
	sign: 'Подписание',
	publish: 'Публикация'
} as const;

export type WaitingStep = keyof typeof waitingStepLabels;

/** The director acting for an absent chair: the form's choice and how the history shows it. */
export const ACTING_FOR_CHAIR_LABEL = 'Действую за председателя, который отсутствует';
export const ACTING_REASON_MAX = 1000;
export const actingForChairNote = (chair: string, reason: string) =>
	`руководитель — за председателя рабочей группы ${chair}, который отсутствует: ${reason}`;
