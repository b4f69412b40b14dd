import { error, fail, redirect, type ActionFailure } from '@sveltejs/kit';
import type { Organization } from '../db/schema';
import { can, ForbiddenError, type Actor, type Permission } from '../auth/permissions';
import { ValidationError, type FieldErrors } from '../forms/errors';
import { findOrganization } from '../orgs/queries';
import { database } from '../db/runtime';

/** The signed-in actor, or a redirect to the login page that comes back here. */
export function requireActor(locals: App.Locals, url: URL): Actor {
	if (!locals.actor) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.actor;
}

/**
 * The organisation behind an id in the address, if the actor may see it. Another
 * organisation's private pages answer 404, so they do not even reveal that it exists.
 */
export async function organizationFor(
	actor: Actor,
	id: string,
	permission: Permission = 'organization.view'
): Promise<Organization> {
	const org = await findOrganization(database(), id);
	if (!org || !can(actor, 'organization.view', org))
		error(404, 'Организация не найдена или у вас нет к ней доступа.');
	if (!can(actor, permission, org)) error(403, 'Недостаточно прав для этого действия.');
	return org;
}

/**
 * Turns the domain's refusals into what a form shows: field messages with the entries kept
 * (400), or a 403 page. Anything else is a real fault and propagates.
 */
export function refusal<V extends Record<string, unknown>>(
	e: unknown,
	values: V
): ActionFailure<{ errors: FieldErrors; values: V }> {
	if (e instanceof ValidationError) return fail(400, { errors: e.errors, values });
	if (e instanceof ForbiddenError) error(403, e.message);
	throw e;
}
