import { escapeHtml } from '../render';

/** ts_headline marks matches with these: control characters no text of an act is made of. */
export const START_SEL = '\u0001';
export const STOP_SEL = '\u0002';

// Markdown markup that reads as noise in a snippet: emphasis, headings, table pipes, quote marks.
const MARKUP = /\*\*|__|[*_`#|>]|^\s*[-+]\s|!?\[|\]\([^)]*\)|\]/gm;

/**
 * A ts_headline fragment as safe HTML: the text escaped, then the sentinels turned into <mark>,
 * balanced whatever the text held (a stray sentinel in the source cannot open an unclosed tag).
 */
export function highlightHtml(fragment: string, stripMarkdown = true): string {
	const text = (stripMarkdown ? fragment.replace(MARKUP, ' ') : fragment)
		.replace(/\s+/g, ' ')
		.trim();
	let open = false;
	let out = '';
	let segment = '';
	for (const ch of text) {
		if (ch !== START_SEL && ch !== STOP_SEL) {
			segment += ch;
			continue;
		}
		out += escapeHtml(segment);
		segment = '';
		if (ch === START_SEL && !open) out += '<mark>';
		if (ch === STOP_SEL && open) out += '</mark>';
		open = ch === START_SEL;
	}
	out += escapeHtml(segment);
	return open ? `${out}</mark>` : out;
}
