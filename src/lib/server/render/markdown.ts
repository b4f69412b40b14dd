import MarkdownIt, { type Token } from 'markdown-it';

/**
 * The one Markdown dialect of documents: CommonMark with tables and strikethrough, links recognised in text,
 * raw HTML off (it is shown as text, never passed through), no typographic replacements
 * (quotes and dashes are written as the author typed them).
 */
export const markdown = new MarkdownIt('default', {
	html: false,
	linkify: true,
	typographer: false
});

// An image in a document is shown as a link to it: a page never loads a picture from elsewhere,
// which would tell an outside server who reads the act (and the Content-Security-Policy forbids it).
markdown.renderer.rules.image = (tokens, idx) => {
	const token = tokens[idx]!;
	const src = String(token.attrGet('src') ?? '');
	const alt = String(token.children?.map((c) => c.content).join('') || token.content || src);
	const esc = markdown.utils.escapeHtml;
	return markdown.validateLink(src)
		? `<a href="${esc(src)}" rel="nofollow noopener noreferrer">${esc(alt)}</a>`
		: esc(alt);
};

/** The block tokens of a Markdown text, the same stream both renderers walk. */
export function parseMarkdown(source: string): Token[] {
	return markdown.parse(source, {});
}

export interface MarkdownHtmlOptions {
	/**
	 * Added to the level of every heading (`#` is h1, plus this), capped at h6, so a document's headings
	 * can sit under the page's own. 0 by default. When given, each heading also gets the class
	 * `doc-h<level as written>`, so styles can follow the Markdown level.
	 */
	headingOffset?: number;
	/** Called with the token stream before it is rendered, to mark blocks with classes (attributes the author cannot write). */
	prepare?: (tokens: Token[]) => void;
}

/** Markdown as safe HTML: raw HTML in the source is escaped, dangerous link schemes are refused. */
export function renderMarkdownHtml(source: string, options: MarkdownHtmlOptions = {}): string {
	const offset = Math.max(0, Math.trunc(options.headingOffset ?? 0));
	const tokens = parseMarkdown(source);
	if (options.headingOffset !== undefined) {
		for (const token of tokens) {
			if (token.type === 'heading_open' || token.type === 'heading_close') {
				const written = Number(token.tag.slice(1));
				if (token.type === 'heading_open') token.attrSet('class', `doc-h${written}`);
				token.tag = `h${Math.min(6, written + offset)}`;
			}
		}
	}
	options.prepare?.(tokens);
	return markdown.renderer.render(tokens, markdown.options, {});
}

/** The highest level of heading the text uses (1 for `#`), or 1 when it has none. */
export function topHeadingLevel(source: string): number {
	const levels = parseMarkdown(source)
		.filter((t) => t.type === 'heading_open')
		.map((t) => Number(t.tag.slice(1)));
	return levels.length ? Math.min(...levels) : 1;
}
