import { diffWordsWithSpace } from 'diff';

export interface DiffSegment {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

/** A word-level comparison of two texts, as a reader would mark changes with a pen. */
export function diffWords(before: string, after: string): { segments: DiffSegment[]; added: number; removed: number } {
	const segments: DiffSegment[] = diffWordsWithSpace(before, after).map((part) => ({
		kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
		text: part.value
	}));
	const words = (kind: DiffSegment['kind']) =>
		segments.filter((s) => s.kind === kind).reduce((n, s) => n + (s.text.match(/\S+/g)?.length ?? 0), 0);
	return { segments, added: words('added'), removed: words('removed') };
}
