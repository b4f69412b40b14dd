import { error, type RequestEvent } from '@sveltejs/kit';
import { database } from '../db/runtime';
import type { DocumentRow, Organization } from '../db/schema';
import type { Actor, Permission } from '../auth/permissions';
import { findDocument } from '../documents/queries';
import { organizationFor, refusal, requireActor } from './guards';
import { formFields } from '../forms/errors';

/** The organisation and the document of a document page, with the permission checked. */
export async function documentFor(
	actor: Actor,
	orgId: string,
	docId: string,
	permission: Permission
): Promise<{ org: Organization; doc: DocumentRow }> {
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
	if (!Number.isInteger(v) || v < 1 || v > doc.currentVersion)
		error(404, 'Такой версии документа нет.');
	return v;
}

type DocumentStep = (ctx: {
	actor: Actor;
	org: Organization;
	doc: DocumentRow;
	values: Record<string, string>;
	form: FormData;
}) => Promise<Record<string, unknown> | void>;

/**
 * A form action on a document page: the actor, the document checked against `permission`, the
 * fields; the domain's refusals come back as field messages with the entries kept.
 */
export function documentAction(
	permission: Permission,
	step: DocumentStep,
	after?: (
		result: Record<string, unknown> | void,
		ctx: { org: Organization; doc: DocumentRow }
	) => never | void
) {
	return async ({ locals, url, params, request }: RequestEvent) => {
		const actor = requireActor(locals, url);
		const { org, doc } = await documentFor(actor, params.id ?? '', params.docId ?? '', permission);
		const form = await request.formData();
		const values = formFields(form);
		let result: Record<string, unknown> | void;
		try {
			result = await step({ actor, org, doc, values, form });
		} catch (e) {
			return refusal(e, values);
		}
		after?.(result, { org, doc });
		return result ?? { done: true };
	};
}
