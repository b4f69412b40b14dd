import { getGender, incline, inclineFirstname, inclineLastname, inclineMiddlename } from 'lvovich';
import RussianNouns from 'russian-nouns-js';

/**
 * Russian grammatical cases, as a sentence of an act needs them: «назначить (кого?) Алиеву З. Р.,
 * учителя информатики», «возложить на (кого?)…», «Директору (кому?)…», «назначить (кем?)…».
 */
export const GRAM_CASES = ['nom', 'gen', 'dat', 'acc', 'ins', 'pre'] as const;
export type GramCase = (typeof GRAM_CASES)[number];

export const gramCaseLabels: Record<GramCase, string> = {
	nom: 'именительный (кто?)',
	gen: 'родительный (кого?)',
	dat: 'дательный (кому?)',
	acc: 'винительный (кого?)',
	ins: 'творительный (кем?)',
	pre: 'предложный (о ком?)'
};

/** The forms of a position a sentence needs, kept on the person's record and editable by the director. */
export type PositionForms = Partial<Record<Exclude<GramCase, 'nom'>, string>>;

export function isGramCase(value: unknown): value is GramCase {
	return typeof value === 'string' && (GRAM_CASES as readonly string[]).includes(value);
}

const LVOVICH_CASE = {
	gen: 'genitive',
	dat: 'dative',
	acc: 'accusative',
	ins: 'instrumental',
	pre: 'prepositional'
} as const;

// Crimean Tatar and other Turkic patronymics: «Рустем кызы», «Эдем оглу» — the particle gives the gender, nothing declines.
const TURKIC_PATRONYMIC = /^(кызы|оглу|оглы|улы|уулу)$/i;

interface NameParts {
	last: string;
	first: string;
	middle: string;
	/** An unchangeable tail: «Рустем кызы». */
	turkic: string | null;
}

function nameParts(fullName: string): NameParts {
	const words = String(fullName).trim().split(/\s+/).filter(Boolean);
	const last = words[0] ?? '';
	const first = words[1] ?? '';
	const rest = words.slice(2);
	if (rest.length >= 2 && TURKIC_PATRONYMIC.test(rest[rest.length - 1]!))
		return { last, first, middle: '', turkic: rest.join(' ') };
	return { last, first, middle: rest.join(' '), turkic: null };
}

function genderOf(p: NameParts): 'male' | 'female' | null {
	if (p.turkic) return /кызы/i.test(p.turkic) ? 'female' : 'male';
	const g = getGender({ last: p.last, first: p.first, middle: p.middle || null });
	return g === 'male' || g === 'female' ? g : null;
}

function declinedParts(fullName: string, gramCase: GramCase): NameParts {
	const p = nameParts(fullName);
	if (gramCase === 'nom' || !p.last) return p;
	const gender = genderOf(p);
	const c = LVOVICH_CASE[gramCase];
	// lvovich's incline() guesses the gender again and ignores the one given: decline each part with ours.
	if (gender)
		return {
			last: inclineLastname(p.last, c, gender),
			first: p.first ? inclineFirstname(p.first, c, gender) : '',
			middle: p.middle ? inclineMiddlename(p.middle, c, gender) : '',
			turkic: p.turkic
		};
	const r = incline({ last: p.last, first: p.first || null, middle: p.middle || null }, c);
	return {
		last: r.last ?? p.last,
		first: p.first ? (r.first ?? p.first) : '',
		middle: p.middle ? (r.middle ?? p.middle) : '',
		turkic: p.turkic
	};
}

/** «Алиева Зарема Рустемовна» → (acc) «Алиеву Зарему Рустемовну». */
export function declineFullName(fullName: string, gramCase: GramCase): string {
	const p = declinedParts(fullName, gramCase);
	return [p.last, p.first, p.middle, p.turkic].filter(Boolean).join(' ');
}

const NBSP = '\u00a0';

/** The surname and the initials' letters of a full name: «Абдуллаева Эльмаз Рустем кызы» → Абдуллаева, [Э., Р.]. */
export function surnameAndInitials(fullName: string): { surname: string; letters: string[] } {
	const p = nameParts(fullName);
	return { surname: p.last, letters: letters(p) };
}

/** «Петренко Ольга Николаевна» → «Петренко О. Н.»: the short name of lists and the history (non-breaking spaces). */
export function shortPersonName(fullName: string): string {
	const p = nameParts(fullName);
	const l = letters(p);
	return l.length ? `${p.last}${NBSP}${l.join(NBSP)}` : p.last;
}

/** The person's grammatical gender, so a verb can agree («согласовал», «согласовала»); null when the name does not tell. */
export function nameGender(fullName: string): 'male' | 'female' | null {
	const p = nameParts(fullName);
	if (!p.last) return null;
	// A patronymic the dictionary does not know still tells by its ending: «Решатовна», «Решатович».
	return (
		genderOf(p) ??
		(/(вна|чна|кызы)$/i.test(p.middle)
			? 'female'
			: /(вич|ич|оглы|оглу)$/i.test(p.middle)
				? 'male'
				: null)
	);
}

function letters(p: NameParts): string[] {
	const middle = p.turkic ? p.turkic.split(/\s+/)[0]! : p.middle;
	return [p.first, middle].filter(Boolean).map((w) => `${w[0]!.toUpperCase()}.`);
}

/** «Алиева Зарема Рустемовна» → (acc) «Алиеву З. Р.»: surname first, as in the text of an order. */
export function declineInitials(fullName: string, gramCase: GramCase): string {
	const p = declinedParts(fullName, gramCase);
	const l = letters(p);
	return l.length ? `${p.last}${NBSP}${l.join(NBSP)}` : p.last;
}

/** «Алиева Зарема Рустемовна» → (dat) «З. Р. Алиевой»: initials first, as in an addressee line. */
export function declineInitialsFirst(fullName: string, gramCase: GramCase): string {
	const p = declinedParts(fullName, gramCase);
	const l = letters(p);
	return l.length ? `${l.join(NBSP)}${NBSP}${p.last}` : p.last;
}

const NOUN_CASE = {
	gen: RussianNouns.Case.GENITIVE,
	dat: RussianNouns.Case.DATIVE,
	acc: RussianNouns.Case.ACCUSATIVE,
	ins: RussianNouns.Case.INSTRUMENTAL,
	pre: RussianNouns.Case.PREPOSITIONAL
} as const;
const nouns = new RussianNouns.Engine();

// Adjective endings by case, masculine and feminine: «главный», «старшая», «социальный», «медицинская».
const ADJECTIVE_ENDINGS: {
	re: RegExp;
	forms: Record<Exclude<GramCase, 'nom'>, string>;
	stemLength: number;
}[] = [
	{
		re: /[гкх]ий$/,
		forms: { gen: 'ого', dat: 'ому', acc: 'ого', ins: 'им', pre: 'ом' },
		stemLength: 2
	},
	{
		re: /[жшчщ]ий$/,
		forms: { gen: 'его', dat: 'ему', acc: 'его', ins: 'им', pre: 'ем' },
		stemLength: 2
	},
	{
		re: /ний$/,
		forms: { gen: 'него', dat: 'нему', acc: 'него', ins: 'ним', pre: 'нем' },
		stemLength: 3
	},
	{ re: /ый$/, forms: { gen: 'ого', dat: 'ому', acc: 'ого', ins: 'ым', pre: 'ом' }, stemLength: 2 },
	{ re: /ой$/, forms: { gen: 'ого', dat: 'ому', acc: 'ого', ins: 'ым', pre: 'ом' }, stemLength: 2 },
	{
		re: /[жшчщ]ая$/,
		forms: { gen: 'ей', dat: 'ей', acc: 'ую', ins: 'ей', pre: 'ей' },
		stemLength: 2
	},
	{ re: /ая$/, forms: { gen: 'ой', dat: 'ой', acc: 'ую', ins: 'ой', pre: 'ой' }, stemLength: 2 },
	{ re: /яя$/, forms: { gen: 'ей', dat: 'ей', acc: 'юю', ins: 'ей', pre: 'ей' }, stemLength: 2 }
];

function adjectiveRule(word: string) {
	return ADJECTIVE_ENDINGS.find((a) => a.re.test(word.toLowerCase()));
}

function declineNoun(word: string, gramCase: Exclude<GramCase, 'nom'>, animate: boolean): string {
	const lower = word.toLowerCase();
	const gender = /[ая]$/.test(lower)
		? RussianNouns.Gender.FEMININE
		: /[ео]$/.test(lower)
			? RussianNouns.Gender.NEUTER
			: RussianNouns.Gender.MASCULINE;
	const lemma = RussianNouns.createLemma({ text: lower, gender, animate });
	const form = nouns.decline(lemma, NOUN_CASE[gramCase])[0] ?? lower;
	return sameCase(word, form);
}

function sameCase(model: string, word: string): string {
	return model[0] && model[0] !== model[0].toLowerCase()
		? word[0]!.toUpperCase() + word.slice(1)
		: word;
}

// An abbreviation or a proper name inside a position keeps its capitals: «ЭлЖур», «ОБЖ», «ИКТ».
function isAbbreviation(word: string): boolean {
	return word.length > 1 && word.slice(1) !== word.slice(1).toLowerCase();
}

function lowerFirst(text: string): string {
	if (isAbbreviation(text.split(/[\s-]/)[0] ?? '')) return text;
	return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Declines the head of a noun phrase: the leading adjectives and the first noun; what follows them
 * (the genitive complement, a name in quotes) stays. «Федеральный закон» → (ins) «Федеральным законом»,
 * «постановление Правительства Российской Федерации» → (gen) «постановления Правительства…».
 * Capitals and abbreviations are kept; an inanimate masculine accusative is the nominative.
 */
export function declinePhrase(phrase: string, gramCase: GramCase, animate = false): string {
	const text = String(phrase).trim();
	if (gramCase === 'nom' || !text) return text;
	const words = text.split(/\s+/);
	const out: string[] = [];
	let head = false;
	for (const w of words) {
		if (head || isAbbreviation(w) || !/^[а-яё-]+$/i.test(w)) {
			head = true;
			out.push(w);
			continue;
		}
		const adjective = adjectiveRule(w);
		if (adjective && !w.includes('-')) {
			const masculine = !/[ая]я$/.test(w);
			const form =
				gramCase === 'acc' && masculine && !animate
					? w
					: w.slice(0, w.length - adjective.stemLength) + adjective.forms[gramCase];
			out.push(sameCase(w, form));
			// A participle governs what follows: «исполняющий обязанности директора».
			if (/щ(ий|ая)$/.test(w)) head = true;
			continue;
		}
		out.push(
			w
				.split('-')
				.map((part) => declineNoun(part, gramCase, animate))
				.join('-')
		);
		head = true;
	}
	return out.join(' ');
}

/**
 * «Учитель информатики» → (acc) «учителя информатики», «Заместитель директора по УВР» → (ins)
 * «заместителем директора по УВР», «педагог-психолог» → (gen) «педагога-психолога».
 * In lower case, as a position stands inside a sentence.
 */
export function declinePosition(position: string, gramCase: GramCase): string {
	return declinePhrase(lowerFirst(String(position).trim()), gramCase, true);
}

/** The forms a person's record starts with; the director corrects what the rules got wrong. */
export function positionForms(position: string): PositionForms {
	return {
		gen: declinePosition(position, 'gen'),
		dat: declinePosition(position, 'dat'),
		acc: declinePosition(position, 'acc'),
		ins: declinePosition(position, 'ins'),
		pre: declinePosition(position, 'pre')
	};
}
