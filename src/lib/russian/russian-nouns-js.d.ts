// russian-nouns-js ships no types: the part of its API the position rules use.
declare module 'russian-nouns-js' {
	interface Lemma {
		readonly text: string;
	}
	const RussianNouns: {
		Case: {
			NOMINATIVE: string;
			GENITIVE: string;
			DATIVE: string;
			ACCUSATIVE: string;
			INSTRUMENTAL: string;
			PREPOSITIONAL: string;
		};
		Gender: { MASCULINE: string; FEMININE: string; NEUTER: string; COMMON: string };
		createLemma(options: { text: string; gender: string; animate?: boolean }): Lemma;
		Engine: new () => { decline(lemma: Lemma, grammaticalCase: string): string[] };
	};
	export default RussianNouns;
}
