import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { documents, documentVersions, type Organization } from '../db/schema';
import { publicPageTags } from '../public/changes';
import { publicAncestors, publicProfile } from '../public/organization-page';
import { isPublished, organizationAt, publicStatus } from '../public/visibility';
import { signaturesOf } from '../signatures/queries';
import { itempropOf } from './microdata';
import type { DocumentClass } from '../../documents/classes';

/** What a link to an act shows of its signature: the visible mark, without the files' hashes. */
export interface SignatureMarkView {
	kind: 'simple' | 'qualified';
	key: string;
	signerName: string;
	signerPosition: string;
	signedAt: Date;
}

export interface SvedenAct {
	id: string;
	documentClass: DocumentClass;
	title: string;
	number: string | null;
	documentDate: string | null;
	approvalOrderNumber: string | null;
	approvalOrderDate: string | null;
	effectiveDate: string | null;
	status: 'published' | 'superseded' | 'repealed';
	repealOrderNumber: string | null;
	repealOrderDate: string | null;
	/** The microdata attribute of its link (table in ./microdata.ts); only acts in force get one. */
	itemprop: string | null;
	/** A file-only version that nobody signed has no PDF to give. */
	hasPdf: boolean;
	signatures: SignatureMarkView[];
}

// Local acts first, as п. 9 Требований lists them; then their appendices and the orders.
const SUBSECTION_CLASSES: DocumentClass[] = ['act', 'appendix', 'order'];

/**
 * The «Документы» subsection of an organisation as the portal holds it (п. 9 Требований № 1493):
 * the acts in force that are published and signed with an electronic signature, grouped by class,
 * and, in an archive, the published editions no longer in force. Drafts, acts not yet published or
 * signed, and other organisations' acts never appear. Null when there is no such organisation.
 */
export async function svedenDocuments(db: Database, slug: string) {
	const org = await organizationAt(db, slug);
	if (!org) return null;
	const [ancestors, acts] = await Promise.all([publicAncestors(db, org), publishedActs(db, org)]);
	const current = acts.filter((a) => a.status === 'published');
	return {
		org: publicProfile(org),
		ancestors,
		groups: SUBSECTION_CLASSES.map((documentClass) => ({
			documentClass,
			acts: current.filter((a) => a.documentClass === documentClass)
		})).filter((g) => g.acts.length),
		current,
		archive: acts.filter((a) => a.status !== 'published'),
		cacheTags: publicPageTags(org, ancestors)
	};
}

export type SvedenDocuments = NonNullable<Awaited<ReturnType<typeof svedenDocuments>>>;

async function publishedActs(db: Database, org: Organization): Promise<SvedenAct[]> {
	const rows = await db
		.select({
			id: documents.id,
			kind: documents.kind,
			documentClass: documents.documentClass,
			templateId: documents.templateId,
			title: documents.title,
			number: documents.number,
			documentDate: documents.documentDate,
			approvalOrderNumber: documents.approvalOrderNumber,
			approvalOrderDate: documents.approvalOrderDate,
			effectiveDate: documents.effectiveDate,
			status: documents.status,
			signedAt: documents.signedAt,
			approvedVersion: documents.approvedVersion,
			repealOrderNumber: documents.repealOrderNumber,
			repealOrderDate: documents.repealOrderDate,
			hasText: sql<boolean>`${documentVersions.source} is not null`
		})
		.from(documents)
		.leftJoin(
			documentVersions,
			and(
				eq(documentVersions.documentId, documents.id),
				eq(documentVersions.version, documents.approvedVersion)
			)
		)
		.where(
			and(
				eq(documents.organizationId, org.id),
				isPublished,
				// In force only once signed (п. 8 «е», п. 9 Требований; п. 18 Правил № 1802); an earlier
				// edition is kept in the archive whether or not it was signed.
				sql`(${documents.status} in ('superseded', 'repealed') or (${documents.status} = 'published' and ${documents.signedAt} is not null))`
			)
		)
		.orderBy(
			sql`coalesce(${documents.approvalOrderDate}, ${documents.documentDate}) desc nulls last`,
			asc(documents.title)
		);
	const marks = await Promise.all(rows.map((r) => signaturesOf(db, r.id, r.approvedVersion)));
	return rows.map((r, i) => {
		const status = publicStatus(r.status);
		const signatures = marks[i]!.map(({ kind, key, signerName, signerPosition, signedAt }) => ({
			kind,
			key,
			signerName,
			signerPosition,
			signedAt
		}));
		return {
			id: r.id,
			documentClass: r.documentClass,
			title: r.title,
			number: r.number,
			documentDate: r.documentDate,
			approvalOrderNumber: r.approvalOrderNumber,
			approvalOrderDate: r.approvalOrderDate,
			effectiveDate: r.effectiveDate,
			status,
			repealOrderNumber: r.repealOrderNumber,
			repealOrderDate: r.repealOrderDate,
			// An attribute on an edition no longer in force would count it as the document in force.
			itemprop: status === 'published' ? itempropOf(r) : null,
			hasPdf: r.hasText || marks[i]!.some((s) => s.files.some((f) => f.format === 'pdf')),
			signatures
		};
	});
}

/** Acts in force published but not yet signed: the cabinet says why they are missing from the subsection. */
export async function unsignedInForce(db: Database, organizationId: string) {
	return db
		.select({ id: documents.id, title: documents.title })
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, organizationId),
				isPublished,
				eq(documents.status, 'published'),
				isNull(documents.signedAt)
			)
		)
		.orderBy(asc(documents.title));
}
