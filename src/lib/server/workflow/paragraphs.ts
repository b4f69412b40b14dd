import { markdown } from '../render/markdown';

/**
 * The paragraphs of a Markdown text as a reviewer sees them: blocks separated by blank lines,
 * each list item and table row its own paragraph. A remark's anchor is the index in this list
 * for one fixed version, so it never drifts when a later version changes the text.
 */
export function paragraphsOf(source: string): string[] {
	const out: string[] = [];
	for (const block of source.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
		const lines = block
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
		if (!lines.length) continue;
		const itemised = lines.every((l) => /^([-*+]|\d+[.)]|\|)/.test(l));
		if (itemised)
			for (const l of lines) {
				if (!/^\|[\s|:-]+\|$/.test(l)) out.push(l);
			}
		else out.push(lines.join(' '));
	}
	return out;
}

export interface ParagraphView {
	kind: 'heading' | 'item' | 'row' | 'text';
	/** The number or dash of a list item as the document shows it («3.», «–»), empty otherwise. */
	marker: string;
	/** The paragraph as safe HTML, inline formatting rendered, block marks («##», «1.», «|») gone. */
	html: string;
	/** The same as plain text, for a select's option. */
	text: string;
	/** The cells of a table row, as safe HTML. */
	cells: string[];
}

const inlineText = (source: string) =>
	(markdown.parseInline(source, {})[0]?.children ?? [])
		.map((t) => (t.type === 'softbreak' || t.type === 'hardbreak' ? ' ' : t.content))
		.join('');

/** One paragraph of `paragraphsOf` as a reader sees it in the document, not as Markdown. */
export function paragraphView(paragraph: string): ParagraphView {
	const heading = /^#{1,6}\s+(.*?)(\s+#+)?\s*$/.exec(paragraph);
	if (heading)
		return {
			kind: 'heading',
			marker: '',
			html: markdown.renderInline(heading[1]!),
			text: inlineText(heading[1]!),
			cells: []
		};
	const item = /^([-*+]|\d+[.)])\s+(.*)$/.exec(paragraph);
	if (item) {
		const marker = /\d/.test(item[1]!) ? `${item[1]!.slice(0, -1)}.` : '–';
		return {
			kind: 'item',
			marker,
			html: markdown.renderInline(item[2]!),
			text: `${marker} ${inlineText(item[2]!)}`,
			cells: []
		};
	}
	if (paragraph.startsWith('|')) {
		const cells = paragraph
			.replace(/^\||\|$/g, '')
			.split(/(?<!\\)\|/)
			.map((c) => c.trim());
		const html = cells.map((c) => markdown.renderInline(c));
		return {
			kind: 'row',
			marker: '',
			html: html.join(' · '),
			text: cells.map(inlineText).filter(Boolean).join(' · '),
			cells: html
		};
	}
	return {
		kind: 'text',
		marker: '',
		html: markdown.renderInline(paragraph),
		text: inlineText(paragraph),
		cells: []
	};
}
