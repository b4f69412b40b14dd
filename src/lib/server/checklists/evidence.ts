import type { CatalogueEvidence, DocumentRow } from '../db/schema';
import { templateLibrary } from '../templates/library';
import { documentKindLabels } from '../../documents/labels';
import {
	proofEventLabels,
	proofProfileLabels,
	proofRegisterLabels,
	type ProofEvent,
	type ProofProfileField,
	type ProofRegister
} from '../../checklists/proofs';

/** What happened that may prove items: a document, a route event on a document, a profile field, a register entry. */
export type Proof =
	| { kind: 'document'; document: Pick<DocumentRow, 'id' | 'title' | 'templateId' | 'kind'> }
	| { kind: 'event'; key: ProofEvent; document: Pick<DocumentRow, 'id' | 'title'> }
	| { kind: 'profile'; key: ProofProfileField }
	| { kind: 'register'; key: ProofRegister; document: Pick<DocumentRow, 'id' | 'title'> };

export const needsDocument = (e: CatalogueEvidence) => e.templates.length > 0 || e.kinds.length > 0;

/**
 * Whether a document is what the item asks for. A document made from a model template proves the
 * items that name that template; one registered from outside (a scan, a contract) the items that
 * name its kind. So the working group's minutes made from the template do not tick every item
 * that would take «a protocol», nor the staff notice the notice to Roskomnadzor.
 */
export function documentMatches(
	e: CatalogueEvidence,
	doc: Pick<DocumentRow, 'templateId' | 'kind'>
): boolean {
	return doc.templateId ? e.templates.includes(doc.templateId) : e.kinds.includes(doc.kind);
}

/** What a person may choose as the item's document: one of its templates or of its kinds, however made. */
export function documentMayProve(
	e: CatalogueEvidence,
	doc: Pick<DocumentRow, 'templateId' | 'kind'>
): boolean {
	return (!!doc.templateId && e.templates.includes(doc.templateId)) || e.kinds.includes(doc.kind);
}

/** Whether what happened is one of the things the item names as its proof. */
export function proofMatches(e: CatalogueEvidence, proof: Proof): boolean {
	if (proof.kind === 'document') return documentMatches(e, proof.document);
	if (proof.kind === 'event') return (e.events ?? []).includes(proof.key);
	if (proof.kind === 'profile') return (e.profile ?? []).includes(proof.key);
	return (e.register ?? []).includes(proof.key);
}

/** The label stored with the item: what proved it, in words. */
export function proofLabel(proof: Proof): string {
	if (proof.kind === 'document') return `Документ «${proof.document.title}»`;
	if (proof.kind === 'event') return `${proofEventLabels[proof.key]}: «${proof.document.title}»`;
	if (proof.kind === 'profile') return proofProfileLabels[proof.key];
	return `${proofRegisterLabels[proof.key]}: «${proof.document.title}»`;
}

/** «приказ о переходе…, или документ вида: Договор» — what to attach, in words. */
export function evidenceWanted(e: CatalogueEvidence): string {
	const byId = templateLibrary().byId;
	const parts = [
		...e.templates.map((id) => `«${byId.get(id)?.title ?? id}»`),
		...(e.kinds.length
			? [
					`документ вида: ${e.kinds.map((k) => documentKindLabels[k as keyof typeof documentKindLabels] ?? k).join(', ')}`
				]
			: [])
	];
	return parts.join(' или ');
}

/** Everything that proves the item, for its page: documents, steps, profile fields, registers, or a note. */
export function proofsWanted(e: CatalogueEvidence): string[] {
	return [
		...(needsDocument(e) ? [evidenceWanted(e)] : []),
		...(e.events ?? []).map((k) => proofEventLabels[k as ProofEvent] ?? k),
		...(e.profile ?? []).map((k) => proofProfileLabels[k as ProofProfileField] ?? k),
		...(e.register ?? []).map((k) => proofRegisterLabels[k as ProofRegister] ?? k),
		...(e.note ? ['заметка ответственного и файл (фото, акт, скан)'] : [])
	];
}
