import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTemplateFile, type ModelTemplate } from './template-file';

export interface TemplateLibrary {
	templates: ModelTemplate[];
	byId: Map<string, ModelTemplate>;
	problems: string[];
}

const templatesDir = () => process.env.TEMPLATES_DIR ?? path.resolve('templates');

/** Reads every templates/*.md; a broken file is reported, never half-loaded. */
export function readTemplateLibrary(dir = templatesDir()): TemplateLibrary {
	const problems: string[] = [];
	const templates: ModelTemplate[] = [];
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
		const result = parseTemplateFile(file, readFileSync(path.join(dir, file), 'utf8'));
		if ('problems' in result) problems.push(...result.problems);
		else templates.push(result.template);
	}
	templates.sort((a, b) => a.title.localeCompare(b.title, 'ru'));
	return { templates, byId: new Map(templates.map((t) => [t.id, t])), problems };
}

let cached: TemplateLibrary | undefined;

/** The library of the running app, read once: templates change with a release, not at run time. */
export function templateLibrary(): TemplateLibrary {
	cached ??= readTemplateLibrary();
	return cached;
}
