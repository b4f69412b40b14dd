import { error } from '@sveltejs/kit';
import { database } from '../db/runtime';
import type { DocumentRow, Organization } from '../db/schema';
import type { Actor, Permission } from '../auth/permissions';
import { findDocument } from '../documents/queries';
import { organizationFor } from './guards';

/** The organisation and the document of a document page, with the permission checked. */
export async function documentFor(actor: Actor, orgId: string, docId: string, permission: Permission): Promise<{ org: Organization; doc: DocumentRow }> {
	const org = await organizationFor(actor, orgId, permission);
	const doc = await findDocument(database(), org.id, docId);
	if (!doc) error(404, 'Документ не найден.');
	return { org, doc };
}

/** ?v=N as a version number of the document, or its current one. */
export function versionParam(url: URL, doc: DocumentRow): number {
	const raw = url.searchParams.get('v');
	if (raw === null) return doc.currentVersion;
	const v = Number(raw);
	if (!Number.isInteger(v) || v < 1 || v > doc.currentVersion) error(404, 'Такой версии документа нет.');
	return v;
}
