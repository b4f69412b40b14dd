import { diffArrays, diffWordsWithSpace } from 'diff';
import type { Token } from 'markdown-it';
import { markdown, parseMarkdown } from '../render/markdown';
import { shortPersonName } from '../../russian/cases';
import { formatDate } from '../../format';

export interface DiffSegment {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

/** A word-level comparison of two texts, as a reader would mark changes with a pen. */
export function diffWords(
	before: string,
	after: string
): { segments: DiffSegment[]; added: number; removed: number } {
	const segments: DiffSegment[] = diffWordsWithSpace(before, after).map((part) => ({
		kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
		text: part.value
	}));
	const words = (kind: DiffSegment['kind']) =>
		segments
			.filter((s) => s.kind === kind)
			.reduce((n, s) => n + (s.text.match(/\S+/g)?.length ?? 0), 0);
	return { segments, added: words('added'), removed: words('removed') };
}

/** One block of a text as the document shows it: a heading, a point with its number, a paragraph, a table row. */
export interface TextBlock {
	kind: 'heading' | 'item' | 'row' | 'text';
	/** A point's number as the document prints it («2.1.»), «–» for a bullet, empty otherwise. */
	marker: string;
	/** Nesting of a point (0 at the top). */
	depth: number;
	/** Safe HTML of the block's text (of a row: its cells). */
	html: string[];
	/** Plain text, what is compared. */
	text: string;
	header?: boolean;
}

/** The blocks of a Markdown text in reading order, walked over markdown-it's tokens like the renderer does. */
export function textBlocks(source: string): TextBlock[] {
	const tokens = parseMarkdown(source);
	const blocks: TextBlock[] = [];
	const lists: { ordered: boolean; n: number }[] = [];
	let itemOpened = false;
	let heading = false;
	let row: { html: string[]; text: string[]; header: boolean } | null = null;
	const render = (t: Token) =>
		markdown.renderer.renderInline(t.children ?? [], markdown.options, {});
	const plain = (t: Token) =>
		(t.children ?? [])
			.map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.content))
			.join('')
			.trim();
	for (const t of tokens) {
		if (t.type === 'ordered_list_open' || t.type === 'bullet_list_open')
			lists.push({
				ordered: t.type === 'ordered_list_open',
				n: Number(t.attrGet('start') ?? 1) - 1
			});
		else if (t.type === 'ordered_list_close' || t.type === 'bullet_list_close') lists.pop();
		else if (t.type === 'list_item_open') {
			lists[lists.length - 1]!.n++;
			itemOpened = true;
		} else if (t.type === 'heading_open') heading = true;
		else if (t.type === 'heading_close') heading = false;
		else if (t.type === 'tr_open') row = { html: [], text: [], header: false };
		else if (t.type === 'th_open' && row) row.header = true;
		else if (t.type === 'tr_close' && row) {
			blocks.push({
				kind: 'row',
				marker: '',
				depth: 0,
				html: row.html,
				text: row.text.join(' | '),
				header: row.header
			});
			row = null;
		} else if (t.type === 'code_block' || t.type === 'fence')
			blocks.push({
				kind: 'text',
				marker: '',
				depth: 0,
				html: [markdown.utils.escapeHtml(t.content)],
				text: t.content.trim()
			});
		else if (t.type === 'inline') {
			if (row) {
				row.html.push(render(t));
				row.text.push(plain(t));
			} else if (heading)
				blocks.push({ kind: 'heading', marker: '', depth: 0, html: [render(t)], text: plain(t) });
			else if (itemOpened) {
				const top = lists[lists.length - 1]!;
				// Numbered the way the document's style sheet numbers them: «2.», its sub-points «2.1.».
				const marker = top.ordered
					? `${lists
							.filter((l) => l.ordered)
							.map((l) => l.n)
							.join('.')}.`
					: '–';
				blocks.push({
					kind: 'item',
					marker,
					depth: lists.length - 1,
					html: [render(t)],
					text: plain(t)
				});
				itemOpened = false;
			} else
				blocks.push({
					kind: 'text',
					marker: '',
					depth: Math.max(0, lists.length - 1),
					html: [render(t)],
					text: plain(t)
				});
		}
	}
	return blocks;
}

export interface ComparedBlock {
	change: 'same' | 'added' | 'removed' | 'changed';
	/** The block as it is in the later version (as it was, for a removed one). */
	block: TextBlock;
	/** Of a changed block: its words, the inserted and deleted ones marked. */
	segments?: DiffSegment[];
	/** Set on the first block of each run of changes: its number, from 1, for the «следующее изменение» anchors. */
	changeNo?: number;
}

export type ComparisonLine =
	{ type: 'block'; item: ComparedBlock } | { type: 'gap'; count: number };

export interface VersionComparison {
	lines: ComparisonLine[];
	/** Runs of changed blocks, each one place to jump to. */
	changes: number;
	changedBlocks: number;
	added: number;
	removed: number;
}

const wordsOf = (s: string) => s.match(/\S+/g)?.length ?? 0;

/** How much two texts share, by words: 1 the same, 0 nothing in common. */
function likeness(a: string, b: string): number {
	const parts = diffWordsWithSpace(a, b);
	const same = parts
		.filter((p) => !p.added && !p.removed)
		.reduce((n, p) => n + wordsOf(p.value), 0);
	return (2 * same) / Math.max(1, wordsOf(a) + wordsOf(b));
}

/**
 * Compares two versions block by block as a reader sees them: blocks matched by their text (a point
 * renumbered by an insertion before it is the same point), a pair of a removed and an added block
 * that share most words shown as one changed block with the words marked. `onlyChanges` keeps
 * the changed blocks and `context` blocks either side, the rest counted in gaps.
 */
export function compareVersions(
	before: string,
	after: string,
	options: { onlyChanges?: boolean; context?: number } = {}
): VersionComparison {
	const a = textBlocks(before);
	const b = textBlocks(after);
	const key = (x: TextBlock) => `${x.kind}\u0000${x.text}`;
	const items: ComparedBlock[] = [];
	let ai = 0;
	let bi = 0;
	const parts = diffArrays(a.map(key), b.map(key));
	for (let p = 0; p < parts.length; p++) {
		const part = parts[p]!;
		if (!part.added && !part.removed) {
			for (let i = 0; i < part.count!; i++) items.push({ change: 'same', block: b[bi + i]! });
			ai += part.count!;
			bi += part.count!;
			continue;
		}
		const next = parts[p + 1];
		const removed = part.removed ? a.slice(ai, (ai += part.count!)) : [];
		const added = part.added
			? b.slice(bi, (bi += part.count!))
			: next?.added && part.removed
				? b.slice(bi, (bi += next.count!))
				: [];
		if (part.removed && next?.added) p++;
		let r = 0;
		for (const block of added) {
			// A removed block like this one is the same block edited; removed ones before it stay removed.
			const match = removed.findIndex(
				(old, i) => i >= r && old.kind === block.kind && likeness(old.text, block.text) >= 0.5
			);
			if (match >= 0) {
				for (; r < match; r++) items.push({ change: 'removed', block: removed[r]! });
				items.push({
					change: 'changed',
					block,
					segments: diffWords(removed[r]!.text, block.text).segments
				});
				r++;
			} else items.push({ change: 'added', block });
		}
		for (; r < removed.length; r++) items.push({ change: 'removed', block: removed[r]! });
	}

	let changes = 0;
	let added = 0;
	let removedWords = 0;
	items.forEach((item, i) => {
		if (item.change === 'same') return;
		if (i === 0 || items[i - 1]!.change === 'same') item.changeNo = ++changes;
		if (item.change === 'added') added += wordsOf(item.block.text);
		else if (item.change === 'removed') removedWords += wordsOf(item.block.text);
		else
			for (const s of item.segments!) {
				if (s.kind === 'added') added += wordsOf(s.text);
				if (s.kind === 'removed') removedWords += wordsOf(s.text);
			}
	});

	const context = Math.max(0, options.context ?? 1);
	const near = (i: number) =>
		items.slice(Math.max(0, i - context), i + context + 1).some((x) => x.change !== 'same');
	const lines: ComparisonLine[] = [];
	items.forEach((item, i) => {
		if (!options.onlyChanges || near(i)) return void lines.push({ type: 'block', item });
		const last = lines[lines.length - 1];
		if (last?.type === 'gap') last.count++;
		else lines.push({ type: 'gap', count: 1 });
	});
	return {
		lines,
		changes,
		changedBlocks: items.filter((x) => x.change !== 'same').length,
		added,
		removed: removedWords
	};
}

/** A version named for a person: «Версия 2 от 14.03.2026, Петренко О. Н.: учтены замечания». */
export function versionTitle(
	v: { version: number; createdAt: Date | string; authorName: string | null; note: string | null },
	timeZone?: string
): string {
	const who = v.authorName ? `, ${shortPersonName(v.authorName)}` : '';
	return `Версия ${v.version} от ${formatDate(v.createdAt, timeZone)}${who}${v.note ? `: ${v.note}` : ''}`;
}
