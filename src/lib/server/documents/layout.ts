import type { DocumentRow, Organization } from '../db/schema';
import type { DocumentLayout } from '../render/layout';
import { documentKindTitles } from '../../documents/labels';

/** How a document is laid out on paper: the registry's requisites around the version's text. */
export function documentLayout(doc: DocumentRow, org: Organization, source: string): DocumentLayout {
	const head = org.headName;
	return {
		organizationName: org.fullName,
		kindTitle: doc.kindTitle ?? documentKindTitles[doc.kind],
		heading: doc.heading ?? doc.title,
		number: doc.number,
		date: doc.documentDate,
		place: doc.place,
		dateLine: !doc.needsApproval || !!doc.number || !!doc.documentDate,
		approval: doc.approvalOrderNumber && doc.approvalOrderDate && doc.kind !== 'order' ? { authority: org.shortName, orderNumber: doc.approvalOrderNumber, orderDate: doc.approvalOrderDate } : null,
		signature: doc.signature === 'head' && head ? { position: org.headPosition ?? 'Директор', name: head } : null,
		body: source
	};
}
