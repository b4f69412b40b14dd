import { countPhrase } from '../format';
// What order № 1281 of the Amur ministry (seed 003, regulation § 6.3) requires of the journal operator; binding
// only under the Amur ministry, a model elsewhere (server/legal/applicability).
export const guaranteeLabels = {
	availability: 'Доступ к системе не менее 20 часов в сутки 7 дней в неделю',
	noCrossBorder: 'Нет трансграничной передачи данных, серверы находятся в Российской Федерации',
	personalDataOnInstruction:
		'Персональные данные защищены по закону и обрабатываются по поручению школы (ч. 3 ст. 6 152-ФЗ)',
	staffOnlyAccess: 'Доступ к данным только у сотрудников, участвующих в учебном процессе',
	changeLog: 'Каждое изменение протоколируется с указанием времени и автора',
	backup: 'Архивирование и резервное копирование данных на внешние носители',
	integrity: 'Обеспечена целостность хранимых данных'
} as const;

export type GuaranteeKey = keyof typeof guaranteeLabels;
export const guaranteeKeys = Object.keys(guaranteeLabels) as GuaranteeKey[];

export const contractFieldLabels = {
	counterparty: 'Оператор (контрагент)',
	counterpartyInn: 'ИНН оператора',
	number: 'Номер договора',
	documentDate: 'Дата договора',
	validUntil: 'Действует до',
	title: 'Предмет договора'
} as const;

/** A school's operator contract status (see server/figures/contract for the rule). */
export type ContractStatus = 'none' | 'expired' | 'incomplete' | 'complete';

export const contractStatusLabels = {
	none: 'нет',
	expired: 'истёк',
	incomplete: (missing: number) =>
		`есть, не хватает ${countPhrase(missing, 'гарантии', 'гарантий', 'гарантий')}`,
	complete: 'есть, гарантии полные'
} as const;

/** The status in words, as every page and export prints it. */
export function contractStatusText(status: ContractStatus, missing: number | null): string {
	return status === 'incomplete'
		? contractStatusLabels.incomplete(missing ?? 0)
		: contractStatusLabels[status];
}
