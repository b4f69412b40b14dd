// Russian labels of the authority's registers (000 items 12 and 13) and of the readiness page.
import { journalSystemLabels } from '../orgs/labels';

export const registerLabels = {
	paperless: 'Школы, работающие в «безбумажном варианте»',
	contracts: 'Договоры с операторами информационных систем',
	withoutContract: 'Школы без действующего договора'
} as const;

export type RegisterKind = keyof typeof registerLabels;
export const registerKinds = Object.keys(registerLabels) as RegisterKind[];

/** Days before the end of a contract from which the register warns. */
export const EXPIRING_DAYS = 30;

export const contractTermLabels = {
	expired: 'истёк',
	expiring: 'истекает',
	valid: 'действует',
	open: 'бессрочный'
} as const;

export type ContractTerm = keyof typeof contractTermLabels;

/** The journal system as a register prints it, «другая» with its name. */
export const journalOf = (r: {
	journalSystem: keyof typeof journalSystemLabels | null;
	journalSystemOther: string | null;
}) =>
	!r.journalSystem
		? ''
		: r.journalSystem === 'other' && r.journalSystemOther
			? `Другая: ${r.journalSystemOther}`
			: journalSystemLabels[r.journalSystem];
