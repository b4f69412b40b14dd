import { fail, redirect } from '@sveltejs/kit';
import type { Organization } from '../db/schema';
import { formFields, validate } from '../forms/errors';
import { organizationInput, type OrganizationInput } from '../orgs/validation';
import { refusal } from './guards';

/**
 * The shared path of every organisation form: validate, save through the domain, and on
 * success go to the organisation's page; on failure keep what was typed.
 */
export async function submitOrganizationForm(
	request: Request,
	save: (input: OrganizationInput) => Promise<Organization>
) {
	const values = formFields(await request.formData());
	const parsed = validate(organizationInput, values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
	let saved: Organization;
	try {
		saved = await save(parsed.value);
	} catch (e) {
		return refusal(e, values);
	}
	redirect(303, `/app/orgs/${saved.id}?saved=1`);
}
