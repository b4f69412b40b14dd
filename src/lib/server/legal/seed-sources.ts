import { legalRegistry, type LegalRegistry } from './sources';

/**
 * Who issued a seed document, told by the territory its authority is named after: the organisations
 * of the cabinet carry no territory codes, only their names («Министерство образования и науки
 * Амурской области», «Отдел образования администрации Сакского района Республики Крым»).
 */
export interface Issuer {
	level: 'region' | 'municipality';
	/** The territory in the genitive, as the authority's full name has it. */
	territory: string;
	/** For a municipal issuer: its region, in the genitive (there are Ивановские районы in many regions). */
	region?: string;
}

export interface SeedSource {
	/** Kind, issuer, date and number, as the document itself prints them. */
	reference: string;
	/** A shorter name for a table cell, when the reference is long. */
	brief?: string;
	issuer: Issuer;
	/** A presentation binds nobody, not even the region that made it. */
	normative: boolean;
}

const CRIMEA: Issuer = { level: 'region', territory: 'Республики Крым' };

/** The five source documents (see shared/seeds), each written once; the dates and numbers are the ones on the documents. */
export const SEED_SOURCES = {
	'000': {
		reference: 'Письмо Минобразования Республики Крым от 10.02.2021 № 470/01-14',
		issuer: CRIMEA,
		normative: true
	},
	'001': {
		reference: 'Приложение к письму Минобразования Республики Крым от 28.08.2020 № 1536/01-14',
		issuer: CRIMEA,
		normative: true
	},
	'002': {
		reference:
			'Приказ отдела образования администрации Сакского района Республики Крым от 25.06.2021 № 206',
		issuer: { level: 'municipality', territory: 'Сакского района', region: 'Республики Крым' },
		normative: true
	},
	'003': {
		reference: 'Приказ Минобрнауки Амурской области от 05.10.2015 № 1281',
		issuer: { level: 'region', territory: 'Амурской области' },
		normative: true
	},
	'004': {
		reference:
			'Презентация Минобрнауки Мурманской области от 12.10.2015 «Об апробации безбумажного ведения учета успеваемости в общеобразовательных организациях Мурманской области в 2015/2016 учебном году»',
		brief:
			'Презентация Минобрнауки Мурманской области от 12.10.2015 «Об апробации безбумажного ведения учета успеваемости…»',
		issuer: { level: 'region', territory: 'Мурманской области' },
		normative: false
	}
} as const satisfies Record<string, SeedSource>;

export type SeedKey = keyof typeof SEED_SOURCES;
const isSeedKey = (k: string): k is SeedKey => Object.hasOwn(SEED_SOURCES, k);

/** One source named once, with every point of it the page cites. */
export interface Reference {
	key: string;
	title: string;
	points: string[];
	text: string;
	/** The same without the explanations in brackets and after a dash: for a table cell. */
	brief: string;
	/** One of the five source documents (not a law). */
	seed: boolean;
}

export interface ReferenceOptions {
	/** The region's own law on education, for `region_education_law`. */
	regionLaw?: string | null;
	registry?: LegalRegistry;
}

const upperFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** «(…)» around the whole locator: «000 (руководителям ОО, п. 5)». */
function unwrap(s: string): string {
	if (!s.startsWith('(') || !s.endsWith(')')) return s;
	let depth = 0;
	for (let i = 0; i < s.length; i++) {
		if (s[i] === '(') depth++;
		else if (s[i] === ')') depth--;
		if (depth === 0 && i < s.length - 1) return s;
	}
	return s.slice(1, -1).trim();
}

/** A remark about the scan for the catalogue's editors («в семени …»), never for users. */
const EDITOR_NOTE = /\s*\([^()]*семен?и[^()]*\)/gu;

const ORDINAL_NAMES = ['', 'первый', 'второй', 'третий'];

/**
 * The school section of letter 000 prints «1.» three times, then «2.»–«17.». A reader finds a point
 * by the printed number; the second and third «1.» are told apart by their place.
 */
export function schoolPointOf000(ordinal: number): string {
	if (ordinal <= 3)
		return ordinal === 1 ? 'п. 1' : `п. 1 (${ORDINAL_NAMES[ordinal]} пункт с этим номером)`;
	return `п. ${ordinal - 2}`;
}

const SCHOOL_SECTION_000 = 'раздел «Руководителям образовательных организаций-участников»';
const AUTHORITY_SECTION_000 = 'раздел «Органам управления образованием»';

function seedLocator(key: SeedKey, raw: string): string {
	let s = unwrap(raw.trim());
	if (key === '000') {
		// Catalogue v1 numbered the school section by order and kept the printed number in a note.
		const ordinal = /^руководителям ОО,? пункт (\d+) по порядку/.exec(s);
		if (ordinal) return `${SCHOOL_SECTION_000}, ${schoolPointOf000(Number(ordinal[1]))}`;
		s = s
			.replace(/(^|; )руководителям ОО,?\s*/g, `$1${SCHOOL_SECTION_000}, `)
			.replace(/(^|; )органам управления образованием,?\s*/g, `$1${AUTHORITY_SECTION_000}, `)
			.replace(/(^|; )замечани([ея]):\s*/g, '$1замечани$2 по итогам мониторинга — ');
	}
	if (key === '002')
		s = s.replace(/^приказ [^,]*№ 206,\s*/, '').replace(/\s+(приказа|к приказу) № 206/g, '');
	if (key === '003')
		s = s
			.replace(
				/(^|; )(?:Положение|положение об эксперименте)(?=[ ,]|$)/g,
				'$1Положение о проведении эксперимента'
			)
			.replace(/^приказ (?=п\. )/, '');
	return s
		.replace(EDITOR_NOTE, '')
		.replace(/(^|[\s(])прил\. (\d+)/g, '$1приложение $2')
		.replace(/(приложени[ея] (?:№ )?\d+) (?=п\. )/g, '$1, ')
		.replace(/(\p{Ll}{2}|\d) (п\. \d)/gu, (m, before: string, point: string) =>
			/\d/.test(before) ? m : `${before}, ${point}`
		)
		.replace(/,\s*$/, '')
		.trim();
}

function registryTitle(key: string, options: ReferenceOptions): string | null {
	const source = (options.registry ?? legalRegistry()).sources.get(key);
	if (!source) return null;
	if (source.from_profile) return upperFirst(options.regionLaw?.trim() || source.citation);
	// The short form when it keeps the date and number; else the citation with the act's name.
	return upperFirst(/№|ГОСТ/.test(source.short) ? source.short : source.citation);
}

/** «000 (…); 000 руководителям ОО п. 3» is two citations of one source. */
const splitCitations = (s: string) => s.split(/;\s*(?=(?:00[0-4]|[a-z][a-z0-9_]*)(?:\s|$))/);

function briefPoint(point: string): string {
	let s = point;
	for (let before = ''; before !== s;) [before, s] = [s, s.replace(/\s*\([^()]*\)/g, '')];
	return s
		.split(/ — |: /)[0]!
		.replace(/[,;\s]+$/, '')
		.trim();
}

function briefTitle(r: Reference): string {
	const seed = r.seed ? (SEED_SOURCES[r.key as SeedKey] as SeedSource) : null;
	return seed?.brief ?? r.title;
}

function join(title: string, points: string[]): string {
	if (!points.length) return title;
	if (points.length === 1)
		return points[0]!.startsWith('(') ? `${title} ${points[0]}` : `${title}, ${points[0]}`;
	return `${title}: ${points.join('; ')}`;
}

/**
 * Readable references for a list of sources as templates and catalogues write them («001 п. 13»,
 * «fz152 ст. 6 ч. 3»): each source by its kind, issuer, date and number, named once, its points after it.
 */
export function formatSources(
	sources: readonly string[],
	options: ReferenceOptions = {}
): Reference[] {
	const byKey = new Map<string, Reference>();
	for (const citation of sources.flatMap(splitCitations)) {
		const trimmed = citation.trim();
		if (!trimmed) continue;
		const key = trimmed.split(/\s/)[0]!;
		const rest = trimmed.slice(key.length).trim();
		let title: string;
		let point: string;
		let group = key;
		if (isSeedKey(key)) {
			title = SEED_SOURCES[key].reference;
			point = seedLocator(key, rest);
		} else {
			const found = registryTitle(key, options);
			// Not a known key: the text is already a reference someone typed.
			title = found ?? upperFirst(trimmed.replace(EDITOR_NOTE, ''));
			point = found ? unwrap(rest) : '';
			if (point && rest.startsWith('(')) point = `(${point})`;
			if (!found) group = trimmed;
		}
		const ref = byKey.get(group) ?? {
			key,
			title,
			points: [],
			text: '',
			brief: '',
			seed: isSeedKey(key)
		};
		if (point && !ref.points.includes(point)) ref.points.push(point);
		byKey.set(group, ref);
	}
	return [...byKey.values()].map((r) => ({
		...r,
		text: join(r.title, r.points),
		brief: join(briefTitle(r), [...new Set(r.points.map(briefPoint).filter(Boolean))])
	}));
}

/** One source, as the checklist item's «Источник» line. */
export function formatSource(source: string, options: ReferenceOptions = {}): string {
	return formatSources([source], options)
		.map((r) => r.text)
		.join('; ');
}

/** A catalogue's source line: «000 — письмо …» without the seed's number and without editors' notes. */
export function formatCatalogueSource(source: string): string {
	const text = source.replace(EDITOR_NOTE, '').trim();
	const seed = /^00[0-4]\s+—\s+/.exec(text);
	return seed ? upperFirst(text.slice(seed[0].length)) : text;
}

/** Laws as catalogue items name them («273-ФЗ ст. 28 ч. 3 п. 11; ТК РФ ст. 74»), with their dates and names. */
export function formatLegalBasis(basis: string, options: ReferenceOptions = {}): string {
	const registry = options.registry ?? legalRegistry();
	return basis
		.split(/;\s*/)
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const law = /^(\d+)-ФЗ(?![\p{L}\d])\s*(.*)$/u.exec(part);
			const code = /^ТК РФ(?!\p{L})\s*(.*)$/u.exec(part);
			const source = law
				? [...registry.sources.values()].find((s) => s.citation.includes(`№ ${law[1]}-ФЗ`))
				: code
					? registry.sources.get('tk')
					: undefined;
			const rest = (law?.[2] ?? code?.[1] ?? '').trim();
			return source ? join(upperFirst(source.citation), rest ? [rest] : []) : upperFirst(part);
		})
		.join('; ');
}
