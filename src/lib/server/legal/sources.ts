import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { declinePhrase, type GramCase } from '../../russian/cases';

const sourceSpec = z.object({
	citation: z.string().min(1),
	short: z.string().min(1),
	rules: z.string().min(1),
	in_force: z.boolean(),
	replaced_by: z.string().optional(),
	// A source each organisation names in its own profile: the region's law on education.
	from_profile: z
		.string()
		.regex(/^[a-z_]+(\.[a-z_]+)*$/)
		.optional(),
	checked: z.string().min(1)
});

export type LegalSource = z.output<typeof sourceSpec> & { key: string };

export interface LegalRegistry {
	sources: Map<string, LegalSource>;
	problems: string[];
}

const registryFile = () =>
	path.join(process.env.TEMPLATES_DIR ?? path.resolve('templates'), 'legal-sources.yaml');

/** Reads templates/legal-sources.yaml: the one place where an act's requisites are written. */
export function readLegalRegistry(file = registryFile()): LegalRegistry {
	const problems: string[] = [];
	const sources = new Map<string, LegalSource>();
	const raw = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
	for (const [key, value] of Object.entries(raw ?? {})) {
		const parsed = sourceSpec.safeParse(value);
		if (!parsed.success) {
			problems.push(
				`Реестр источников, «${key}»: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`
			);
			continue;
		}
		sources.set(key, { key, ...parsed.data });
	}
	for (const s of sources.values())
		if (!s.in_force && (!s.replaced_by || !sources.get(s.replaced_by)?.in_force))
			problems.push(
				`Реестр источников, «${s.key}»: утратил силу, но не указан действующий акт, который его заменил (replaced_by).`
			);
	return { sources, problems };
}

let cached: LegalRegistry | undefined;

export function legalRegistry(): LegalRegistry {
	cached ??= readLegalRegistry();
	return cached;
}

export class LegalSourceError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LegalSourceError';
	}
}

/** The source a key names, refusing an unknown key and an act no longer in force. */
export function legalSource(key: string, registry = legalRegistry()): LegalSource {
	const source = registry.sources.get(key);
	if (!source)
		throw new LegalSourceError(
			`Источник «${key}» не найден в реестре правовых источников (templates/legal-sources.yaml).`
		);
	if (!source.in_force) {
		const by = source.replaced_by ? registry.sources.get(source.replaced_by) : undefined;
		throw new LegalSourceError(
			`Источник «${key}» утратил силу${by ? `; ссылайтесь на «${by.key}» — ${by.short}` : ''}.`
		);
	}
	return source;
}

/**
 * The citation in the case the sentence needs: «в соответствии с Федеральным законом от 27.07.2006
 * № 152-ФЗ «О персональных данных»». Only the kind of act, before « от », declines.
 */
export function declineCitation(citation: string, gramCase: GramCase): string {
	const at = citation.search(/\s(от|№)\s|\s«/);
	const kind = at > 0 ? citation.slice(0, at) : citation;
	return declinePhrase(kind, gramCase) + citation.slice(kind.length);
}
