import MarkdownIt from 'markdown-it';
import { Schema, type Mark, type Node, type NodeSpec } from 'prosemirror-model';
import {
	MarkdownParser,
	MarkdownSerializer,
	schema as baseSchema,
	type MarkdownSerializerState
} from 'prosemirror-markdown';
import { tableNodes } from 'prosemirror-tables';

/*
 * The visual editor's model of a document's Markdown. Parsing goes through markdown-it set up as the
 * server's renderer (src/lib/server/render/markdown.ts), so the editor shows the structure the document
 * page will show. Saving writes back every block the person did not touch exactly as it was written,
 * and only the edited blocks in the house style (numbered points «1.», sub-points indented by four spaces,
 * tables with «|»), so opening and saving without edits gives the same text, byte for byte.
 */

const tokenizer = new MarkdownIt('default', { html: false, linkify: true, typographer: false });

const align = {
	default: null,
	getFromDOM: (dom: HTMLElement) => dom.style.textAlign || null,
	setDOMAttr: (value: unknown, attrs: Record<string, unknown>) => {
		if (value) attrs.style = `text-align: ${String(value)}`;
	}
};

const tables = tableNodes({
	tableGroup: 'block',
	cellContent: 'inline*',
	cellAttributes: { align }
});

type NodeName =
	| 'doc'
	| 'paragraph'
	| 'blockquote'
	| 'horizontal_rule'
	| 'heading'
	| 'code_block'
	| 'text'
	| 'image'
	| 'hard_break'
	| 'ordered_list'
	| 'bullet_list'
	| 'list_item'
	| 'table'
	| 'table_row'
	| 'table_cell'
	| 'table_header';
type MarkName = 'em' | 'strong' | 'link' | 'code' | 'strike';

export const schema = new Schema({
	nodes: baseSchema.spec.nodes.append(tables as Record<string, NodeSpec>),
	marks: baseSchema.spec.marks
		.update('link', {
			...baseSchema.spec.marks.get('link')!,
			// «linkify»: an address written as plain text, which is written back as it was.
			attrs: { href: {}, title: { default: null }, markup: { default: null } }
		})
		.addToEnd('strike', { parseDOM: [{ tag: 's' }, { tag: 'del' }], toDOM: () => ['s', 0] })
}) as unknown as Schema<NodeName, MarkName>;

const cellAlign = (tok: { attrGet(name: string): string | null }) => ({
	align: /text-align:\s*(\w+)/.exec(tok.attrGet('style') ?? '')?.[1] ?? null
});
const listIsTight = (tokens: { type: string; hidden: boolean }[], i: number) => {
	while (++i < tokens.length) if (tokens[i]!.type !== 'list_item_open') return tokens[i]!.hidden;
	return false;
};

const parser = new MarkdownParser(
	schema,
	// thead and tbody have no node of their own: rows sit directly in the table.
	{
		parse: (src: string, env: Record<string, unknown>) =>
			tokenizer.parse(src, env).filter((t) => !/^t(head|body)_/.test(t.type))
	} as unknown as InstanceType<typeof MarkdownIt>,
	{
		blockquote: { block: 'blockquote' },
		paragraph: { block: 'paragraph' },
		list_item: { block: 'list_item' },
		bullet_list: {
			block: 'bullet_list',
			getAttrs: (tok, tokens, i) => ({ tight: listIsTight(tokens, i), bullet: tok.markup })
		},
		ordered_list: {
			block: 'ordered_list',
			getAttrs: (tok, tokens, i) => ({
				order: Number(tok.attrGet('start')) || 1,
				tight: listIsTight(tokens, i)
			})
		},
		heading: { block: 'heading', getAttrs: (tok) => ({ level: Number(tok.tag.slice(1)) }) },
		code_block: { block: 'code_block', noCloseToken: true },
		fence: {
			block: 'code_block',
			getAttrs: (tok) => ({ params: tok.info || '' }),
			noCloseToken: true
		},
		hr: { node: 'horizontal_rule' },
		image: {
			node: 'image',
			getAttrs: (tok) => ({
				src: tok.attrGet('src'),
				title: tok.attrGet('title') || null,
				alt: tok.children?.[0]?.content || null
			})
		},
		hardbreak: { node: 'hard_break' },
		table: { block: 'table' },
		tr: { block: 'table_row' },
		th: { block: 'table_header', getAttrs: cellAlign },
		td: { block: 'table_cell', getAttrs: cellAlign },
		em: { mark: 'em' },
		strong: { mark: 'strong' },
		s: { mark: 'strike' },
		link: {
			mark: 'link',
			getAttrs: (tok) => ({
				href: tok.attrGet('href'),
				title: tok.attrGet('title') || null,
				markup: tok.markup || null
			})
		},
		code_inline: { mark: 'code', noCloseToken: true }
	}
);

/** How the text of the textblock being written is escaped: only when written plainly it would read back differently. */
let escaping: 'none' | 'full' = 'full';
/** Set while a textblock is written plainly to be read back, so that writing does not check again. */
let checking = false;
let inCell = false;

function escapeText(text: string, startOfLine: boolean): string {
	let out = text;
	if (escaping === 'full') {
		// Every «_» is escaped: forms have runs of them («____» for a date to fill in), which state.esc leaves half-escaped.
		out = out.replace(/[`*\\~[\]_]/g, '\\$&');
		if (startOfLine)
			out = out
				.replace(/^(\+ |[-*>=])/, '\\$&')
				.replace(/^(#{1,6})(\s|$)/, '\\$1$2')
				.replace(/^(\d+)([.)])(\s|$)/, '$1\\$2$3');
	}
	if (inCell) out = out.replace(/\|/g, '\\|');
	return out;
}

/** Writes a textblock's inline content, unescaped when that reads back as the same block. */
function renderTextblock(state: MarkdownSerializerState, node: Node, write: () => void) {
	if (checking) return write();
	const outer = escaping;
	escaping = readsBackPlain(node) ? 'none' : 'full';
	write();
	escaping = outer;
}

function readsBackPlain(node: Node): boolean {
	const outer = escaping;
	escaping = 'none';
	checking = true;
	const asParagraph =
		node.type.name === 'heading' ? node : schema.nodes.paragraph.create(null, node.content);
	const plain = serializer.serialize(schema.nodes.doc.create(null, asParagraph));
	checking = false;
	escaping = outer;
	const back = parser.parse(plain);
	return back.childCount === 1 && back.firstChild!.eq(asParagraph);
}

/** An address written as plain text reads back as this very link. */
function isBareAddress(text: string, href: string) {
	return href === text || href === `http://${text}` || href === `mailto:${text}`;
}

const serializer: MarkdownSerializer = new MarkdownSerializer(
	{
		blockquote: (state, node) => state.wrapBlock('> ', null, node, () => state.renderContent(node)),
		code_block: (state, node) => {
			const fence = '```';
			state.write(`${fence}${String(node.attrs.params ?? '')}\n`);
			state.text(node.textContent, false);
			state.write('\n');
			state.write(fence);
			state.closeBlock(node);
		},
		heading: (state, node) => {
			state.write(`${'#'.repeat(Number(node.attrs.level))} `);
			renderTextblock(state, node, () => state.renderInline(node, false));
			state.closeBlock(node);
		},
		horizontal_rule: (state, node) => {
			state.write('---');
			state.closeBlock(node);
		},
		bullet_list: (state, node) =>
			state.renderList(node, '    ', () => `${String(node.attrs.bullet || '-')} `),
		// Sub-points are indented by four spaces, as the templates write them (enough under «10.» too).
		ordered_list: (state, node) => {
			const start = Number(node.attrs.order ?? 1);
			const width = Math.max(4, String(start + node.childCount - 1).length + 2);
			state.renderList(node, ' '.repeat(width), (i) => `${start + i}. `);
		},
		list_item: (state, node) => state.renderContent(node),
		paragraph: (state, node) => {
			renderTextblock(state, node, () => state.renderInline(node));
			state.closeBlock(node);
		},
		image: (state, node) =>
			state.write(
				`![${state.esc(String(node.attrs.alt ?? ''))}](${String(node.attrs.src).replace(/[()]/g, '\\$&')})`
			),
		hard_break: (state, node, parent, index) => {
			for (let i = index + 1; i < parent.childCount; i++)
				if (parent.child(i).type !== node.type) {
					state.write('\\\n');
					return;
				}
		},
		text: (state, node, parent, index) => {
			const link = node.marks.find((m) => m.type.name === 'link');
			const bare =
				link?.attrs.markup === 'linkify' && isBareAddress(node.text!, String(link.attrs.href));
			state.text(
				bare ? node.text! : escapeText(node.text!, index === 0 && parent.type.name === 'paragraph'),
				false
			);
		},
		table: (state, node) => {
			node.forEach((row, _, r) => {
				const cells: string[] = [];
				row.forEach((cell) => cells.push(inlineOf(cell) || ' '));
				state.write(`| ${cells.join(' | ')} |`);
				state.ensureNewLine();
				if (r === 0) {
					const rule: string[] = [];
					row.forEach((cell) =>
						rule.push(
							({ left: ':---', center: ':---:', right: '---:' } as Record<string, string>)[
								String(cell.attrs.align)
							] ?? '---'
						)
					);
					state.write(`| ${rule.join(' | ')} |`);
					state.ensureNewLine();
				}
			});
			state.closeBlock(node);
		}
	},
	{
		em: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
		strong: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
		strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
		link: {
			open: (_state, mark, parent, index) => (isLinkified(mark, parent, index) ? '' : '['),
			close: (_state, mark, parent, index) =>
				isLinkified(mark, parent, index - 1)
					? ''
					: `](${String(mark.attrs.href).replace(/[()"]/g, '\\$&')})`,
			mixable: true
		},
		code: { open: '`', close: '`', escape: false }
	}
);

function isLinkified(mark: Mark, parent: Node, index: number) {
	const child = index >= 0 && index < parent.childCount ? parent.child(index) : null;
	return (
		mark.attrs.markup === 'linkify' &&
		!!child?.isText &&
		isBareAddress(child.text!, String(mark.attrs.href))
	);
}

function inlineOf(cell: Node): string {
	const outer = inCell;
	inCell = true;
	const text = serializer
		.serialize(schema.nodes.doc.create(null, schema.nodes.paragraph.create(null, cell.content)))
		.replace(/\n+$/, '')
		.replace(/\n/g, ' ');
	inCell = outer;
	return text;
}

/** A Markdown text as the editor's document, with where each top-level block was written. */
export interface ParsedSource {
	doc: Node;
	source: string;
	/** For each top-level node as parsed: its index among the source's blocks. */
	blockOf: WeakMap<Node, number>;
	/** Character offsets [start, end) of each top-level block in the source, whole lines. */
	spans: [number, number][];
}

export function parseSource(source: string): ParsedSource {
	const doc = parser.parse(source);
	const lineStart = [0];
	for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStart.push(i + 1);
	const offset = (line: number) => (line < lineStart.length ? lineStart[line]! : source.length);
	const spans = tokenizer
		.parse(source, {})
		.filter((t) => t.level === 0 && t.map && t.nesting !== -1)
		.map((t) => [offset(t.map![0]), offset(t.map![1])] as [number, number]);
	const blockOf = new WeakMap<Node, number>();
	// Only when markdown-it's blocks and the editor's nodes match one to one can a node be traced to its text.
	if (spans.length === doc.childCount) doc.forEach((node, _, i) => blockOf.set(node, i));
	return { doc, source, blockOf, spans };
}

/** The editor's document as Markdown: untouched blocks as written in `from`, edited ones in the house style. */
export function serializeDoc(doc: Node, from?: ParsedSource): string {
	if (!from) return serializer.serialize(doc).replace(/\n*$/, '\n');
	const { source, spans, blockOf } = from;
	// A block's text without its final newline; what lies between two blocks is kept when both are untouched.
	const textEnd = (block: number) => {
		let end = spans[block]![1];
		while (end > spans[block]![0] && source[end - 1] === '\n') end--;
		return end;
	};
	let out = '';
	let previous: number | undefined;
	doc.forEach((node, _, i) => {
		const block = blockOf.get(node);
		if (i === 0) out += block === 0 ? source.slice(0, spans[0]![0]) : '';
		else
			out +=
				block !== undefined && previous !== undefined && block === previous + 1
					? source.slice(textEnd(previous), spans[block]![0])
					: '\n\n';
		out +=
			block !== undefined
				? source.slice(spans[block]![0], textEnd(block))
				: serializer.serialize(schema.nodes.doc.create(null, node)).replace(/\n+$/, '');
		previous = block;
	});
	const last = spans.length - 1;
	return out + (previous !== undefined && previous === last ? source.slice(textEnd(last)) : '\n');
}
