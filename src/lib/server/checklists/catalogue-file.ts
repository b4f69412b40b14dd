import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { categories } from '../../checklists/labels';
import { documentKinds } from '../../documents/labels';
import { proofEvents, proofProfileFields, proofRegisters } from '../../checklists/proofs';
import { sha256Hex } from '../documents/hash';
import { parseDate } from '../orgs/validation';

const dueSpec = z
	.object({
		rule: z.enum(['campaign_due', 'days_after_start', 'days_before_due', 'fixed']),
		days: z.number().int().min(0).max(3650).optional(),
		date: z.union([z.string(), z.date()]).optional()
	})
	.transform((d, ctx) => {
		const date = d.date instanceof Date ? d.date.toISOString().slice(0, 10) : d.date;
		if ((d.rule === 'days_after_start' || d.rule === 'days_before_due') && d.days === undefined)
			ctx.addIssue({ code: 'custom', message: `для правила ${d.rule} нужно days` });
		if (d.rule === 'fixed' && !(date && parseDate(date)))
			ctx.addIssue({ code: 'custom', message: 'для правила fixed нужна дата date ГГГГ-ММ-ДД' });
		return {
			rule: d.rule,
			...(d.days !== undefined ? { days: d.days } : {}),
			...(date ? { date } : {})
		};
	});

export const catalogueItemSpec = z.object({
	code: z.string().regex(/^[0-9a-z]+(\.[0-9a-z]+)+$/, 'код вида 001.13'),
	order: z.number().int().min(1),
	title: z.string().trim().min(1).max(500),
	description: z.string().default(''),
	category: z.enum(categories as [string, ...string[]]),
	legal_basis: z.string().default(''),
	source: z.string().default(''),
	evidence: z
		.object({
			templates: z.array(z.string()).default([]),
			kinds: z.array(z.enum(documentKinds as [string, ...string[]])).default([]),
			events: z.array(z.enum(proofEvents as [string, ...string[]])).default([]),
			profile: z.array(z.enum(proofProfileFields as [string, ...string[]])).default([]),
			register: z.array(z.enum(proofRegisters as [string, ...string[]])).default([]),
			note: z.boolean().default(false)
		})
		.refine(
			(e) =>
				e.templates.length +
					e.kinds.length +
					e.events.length +
					e.profile.length +
					e.register.length >
					0 || e.note,
			{
				message:
					'пункт ничем не подтверждается: укажите templates, kinds, events, profile, register или note: true'
			}
		)
		.default({ templates: [], kinds: [], events: [], profile: [], register: [], note: true }),
	responsible: z.enum(['director', 'working_group', 'staff', 'authority']),
	due: dueSpec
});

const catalogueSpec = z.object({
	id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
	version: z.number().int().min(1),
	title: z.string().min(1),
	level: z.enum(['school', 'municipality']),
	source: z.string().default(''),
	issued: z.union([z.string(), z.date()]).optional(),
	items: z.array(catalogueItemSpec).min(1)
});

export type CatalogueItemSpec = z.output<typeof catalogueItemSpec>;
export interface CatalogueFile extends Omit<z.output<typeof catalogueSpec>, 'issued'> {
	issued: string | null;
	fileName: string;
	hash: string;
}

/** Parses one catalogue file; problems are Russian sentences naming the file and the item. */
export function parseCatalogueFile(
	fileName: string,
	source: string
): { catalogue: CatalogueFile } | { problems: string[] } {
	let raw: unknown;
	try {
		raw = parseYaml(source);
	} catch (e) {
		return { problems: [`${fileName}: не читается как YAML: ${(e as Error).message}`] };
	}
	const parsed = catalogueSpec.safeParse(raw);
	if (!parsed.success)
		return {
			problems: parsed.error.issues.map((i) => {
				const where =
					i.path[0] === 'items' && typeof i.path[1] === 'number'
						? `пункт ${(raw as { items?: { code?: string }[] }).items?.[i.path[1]]?.code ?? i.path[1]}, поле ${i.path.slice(2).join('.')}`
						: `поле ${i.path.join('.')}`;
				return `${fileName}: ${where}: ${i.message}`;
			})
		};
	const c = parsed.data;
	const problems: string[] = [];
	if (fileName !== `${c.id}.v${c.version}.yaml`)
		problems.push(`${fileName}: имя файла должно быть ${c.id}.v${c.version}.yaml.`);
	const seenCodes = new Set<string>();
	const seenOrders = new Set<number>();
	for (const item of c.items) {
		if (seenCodes.has(item.code))
			problems.push(`${fileName}: код пункта «${item.code}» повторяется.`);
		if (seenOrders.has(item.order))
			problems.push(
				`${fileName}: порядковый номер ${item.order} повторяется (пункт ${item.code}).`
			);
		seenCodes.add(item.code);
		seenOrders.add(item.order);
	}
	if (problems.length) return { problems };
	const issued =
		c.issued instanceof Date ? c.issued.toISOString().slice(0, 10) : (c.issued ?? null);
	return { catalogue: { ...c, issued, fileName, hash: contentHash(raw) } };
}

/**
 * The hash of what an issued version fixes: everything but the items' `evidence`. The evidence is
 * the product's reading of how to prove an item, not the seed's text, so it may be refined in an
 * issued version (sync applies it) while an edited title or due rule is reported.
 */
function contentHash(raw: unknown): string {
	const { items, ...rest } = raw as { items: Record<string, unknown>[] };
	return sha256Hex(
		stableJson({ ...rest, items: items.map(({ evidence: _evidence, ...item }) => item) })
	);
}

function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value instanceof Date) return JSON.stringify(value.toISOString());
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value ?? null);
}

const cataloguesDir = () => process.env.CATALOGUES_DIR ?? path.resolve('catalogues');

export function readCatalogueFiles(dir = cataloguesDir()): {
	catalogues: CatalogueFile[];
	problems: string[];
} {
	const catalogues: CatalogueFile[] = [];
	const problems: string[] = [];
	for (const file of readdirSync(dir)
		.filter((f) => f.endsWith('.yaml'))
		.sort()) {
		const result = parseCatalogueFile(file, readFileSync(path.join(dir, file), 'utf8'));
		if ('problems' in result) problems.push(...result.problems);
		else catalogues.push(result.catalogue);
	}
	return { catalogues, problems };
}
