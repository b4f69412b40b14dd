import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { documentKinds, type DocumentKind } from '../../documents/labels';
import { approvedByOrder, documentClasses, documentClassOf, type DocumentClass } from '../../documents/classes';

export const VARIABLE_TYPES = ['string', 'text', 'date', 'number', 'boolean', 'select', 'list', 'people'] as const;
// route: filled by the system from what happened on the route (the acts approved, the opinions recorded), never typed.
export const VARIABLE_SOURCES = ['profile', 'working_group', 'checklist', 'manual', 'route'] as const;

const variableSpec = z
	.object({
		name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'имя переменной: латиница в нижнем регистре, цифры, _'),
		label: z.string().min(1),
		type: z.enum(VARIABLE_TYPES),
		required: z.boolean().default(false),
		source: z.enum(VARIABLE_SOURCES).default('manual'),
		from: z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/).optional(),
		default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
		options: z.array(z.string()).optional(),
		hint: z.string().optional()
	})
	.refine((v) => v.type !== 'select' || (v.options?.length ?? 0) > 0, { message: 'у select должны быть options' });

const frontMatter = z.object({
	id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
	title: z.string().min(1),
	kind: z.enum(documentKinds as [string, ...string[]]),
	kind_title: z.string().optional(),
	heading: z.string().min(1),
	level: z.enum(['school', 'municipality']),
	in_set: z.boolean().default(false),
	// The class, when the kind alone does not say it (a list of kind «other» approved as an appendix).
	class: z.enum(documentClasses as [DocumentClass, ...DocumentClass[]]).optional(),
	// Whose rights the act touches: their councils' opinions are required on the route (ч. 3 ст. 30 273-ФЗ; ст. 8, 372 ТК РФ).
	affects: z.array(z.enum(['students', 'workers'])).default([]),
	// parties: a bilateral agreement — the body ends with a two-column table of both parties' requisites and signatures.
	signature: z.enum(['head', 'parties', 'none']).default('none'),
	checklist: z.array(z.string()).default([]),
	sources: z.array(z.string()).default([]),
	variables: z.array(variableSpec).default([])
});

export type TemplateVariable = z.output<typeof variableSpec>;
export type TemplateMeta = z.output<typeof frontMatter>;

export interface ModelTemplate extends TemplateMeta {
	/** The class the kind and the front matter give: what the route, the layout and the approval follow. */
	documentClass: DocumentClass;
	/** Approved by an order of the head: a local act or an appendix. */
	approval: boolean;
	body: string;
	/** SHA-256 of the whole file: a generated document records which text it came from. */
	hash: string;
}

/** Parses one template file; problems come back as Russian sentences naming the file. */
export function parseTemplateFile(fileName: string, source: string): { template: ModelTemplate } | { problems: string[] } {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
	if (!match) return { problems: [`${fileName}: нет YAML-заголовка между строками «---».`] };
	let raw: unknown;
	try {
		raw = parseYaml(match[1]!);
	} catch (e) {
		return { problems: [`${fileName}: заголовок не читается как YAML: ${(e as Error).message}`] };
	}
	const parsed = frontMatter.safeParse(raw);
	if (!parsed.success)
		return { problems: parsed.error.issues.map((i) => `${fileName}: поле ${i.path.join('.') || '(заголовок)'}: ${i.message}`) };
	const meta = parsed.data;
	const problems: string[] = [];
	if (`${meta.id}.md` !== fileName) problems.push(`${fileName}: id «${meta.id}» не совпадает с именем файла.`);
	const names = new Set<string>();
	for (const v of meta.variables) {
		if (names.has(v.name)) problems.push(`${fileName}: переменная «${v.name}» объявлена дважды.`);
		names.add(v.name);
	}
	const documentClass = documentClassOf(meta.kind as DocumentKind, meta.class);
	if (meta.affects.length && documentClass !== 'act') problems.push(`${fileName}: affects — только у локальных нормативных актов (class: act).`);
	if (problems.length) return { problems };
	const hash = encodeHexLowerCase(sha256(new TextEncoder().encode(source)));
	return { template: { ...meta, documentClass, approval: approvedByOrder(documentClass), body: match[2]!.trim() + '\n', hash } };
}
