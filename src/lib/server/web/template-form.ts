import type { ModelTemplate, TemplateVariable } from '../templates/template-file';
import { variableSourceLabels } from '../../documents/labels';

/** What a page needs to draw a variable's field. */
export function variableView(v: TemplateVariable) {
	return {
		name: v.name,
		label: v.label,
		type: v.type,
		required: v.required,
		hint: v.hint,
		options: v.options,
		sourceLabel: variableSourceLabels[v.source]
	};
}

export function templateSummary(t: ModelTemplate) {
	return {
		id: t.id,
		title: t.title,
		kind: t.kind,
		heading: t.heading,
		inSet: t.in_set,
		approval: t.approval,
		checklist: t.checklist,
		sources: t.sources,
		variables: t.variables.length
	};
}
