import { renderLiquid } from './engine';
import type { ModelTemplate } from './template-file';
import type { VariableValue } from './variables';

/** The Markdown of a document: the template's body filled with the context and the values. */
export function fillTemplate(template: ModelTemplate, scope: Record<string, unknown>, values: Record<string, VariableValue>): Promise<string> {
	return renderLiquid(template.body, { ...scope, ...values });
}
