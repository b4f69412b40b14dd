import { documentKindTitles, type DocumentKind } from '../../src/lib/documents/labels';
import type { DocumentLayout } from '../../src/lib/server/render';
import { demoScope } from '../../src/lib/server/templates/check-templates';
import { fillTemplate } from '../../src/lib/server/templates/fill-template';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { parseVariableValues, sampleValues } from '../../src/lib/server/templates/variables';

/**
 * A model template filled with the demo school's sample values, as scripts/render-template.ts fills it, and
 * approved by an order: the stamp in the corner, the template's own points and tables below.
 */
export async function templateLayout(id: string): Promise<DocumentLayout> {
	const template = readTemplateLibrary().byId.get(id);
	if (!template) throw new Error(`no template ${id}`);
	const scope = demoScope(template.level);
	const values = parseVariableValues(template, sampleValues(template, scope));
	if (!values.ok) throw new Error(JSON.stringify(values.errors));
	const org = scope.org as { full_name: string; short_name: string; place?: string };
	return {
		organizationName: org.full_name,
		organizationShortName: org.short_name,
		kindTitle: template.kind_title ?? documentKindTitles[template.kind as DocumentKind],
		heading: template.heading,
		dateLine: false,
		place: org.place ?? null,
		approval: {
			authority: `директора ${org.short_name}`,
			orderNumber: '45-о',
			orderDate: '2025-08-28'
		},
		body: await fillTemplate(template, scope, values.value)
	};
}
