import type { Token } from 'markdown-it';
import {
	AGREEMENT_SHEET_COLUMNS,
	AGREEMENT_SHEET_TITLE,
	APPLICANT_LINES,
	APPLICANT_SIGNATURE,
	acquaintedMark,
	acquaintedTitle,
	adoptedLines,
	agreementSheetRows,
	agreementSheetSubject,
	appendixLines,
	approvalLines,
	dateText,
	executorLines,
	headingText,
	isBlankCell,
	isOperativeWord,
	isOrderKind,
	kindText,
	numberText,
	opinionLines,
	signatureName,
	type DocumentLayout
} from './layout';
import { parseMarkdown } from './markdown';

/**
 * The page of ГОСТ Р 7.0.97-2016 as every paper format lays it out, in twips (1/1440 inch; 1 mm ≈ 56.7):
 * A4, margins 20/10/20/20 mm, the page number 10 mm from the top edge.
 */
export const PAGE = {
	width: 11906,
	height: 16838,
	marginLeft: 1134,
	marginRight: 567,
	marginTop: 1134,
	marginBottom: 1134,
	header: 567
} as const;
export const TEXT_WIDTH = PAGE.width - PAGE.marginLeft - PAGE.marginRight; // 10205
export const FIRST_LINE = 709; // 1.25 cm paragraph indent
export const QUOTE_STEP = 709;
export const STAMP_LEFT = 5103; // the approval stamp and the addressee take the right half of the text width (≈ 9 cm)
export const ORDER_HEADING_RIGHT = 4535; // an order's heading stays within ≈ 10 cm on the left
export const SIGNATURE_POSITION_CHARS = 40; // the position's lines keep to the left ≈ 60 % of the line
export const STAMP_GAP = 284; // 5 mm between the left грифы and the approval stamp
export const STAMP_AFTER = 480; // a blank line of 24 pt between the грифы and the organisation
export const ROW_MIN = 454; // 8 mm: room for a hand to write or sign in a row
// Лист согласования: №, должность, Ф.И.О., решение, дата (≈ 1 / 6 / 4 / 4 / 3 cm).
export const SHEET_WIDTHS = [567, 3402, 2268, 2268, 1700];
// С приказом ознакомлены: должность, И.О. Фамилия, отметка (≈ 7 / 4 / 7 cm).
export const ACQUAINTED_WIDTHS = [3969, 2268, 3968];
// The citizen's signature: the date, the signature, its decoding (≈ 7 / 5 / 6 cm).
export const APPLICANT_WIDTHS = [3969, 2835, 3401];
export const CELL_MARGIN = 85; // 1.5 mm
const TABLE_CHAR = 130; // twips a character of 12 pt bold text takes, or a little more
export const BULLETS = ['–', '•', '–', '•', '–', '•', '–', '•', '–'];

/** Font sizes in points: the text 14 pt, tables and the executor 12 pt, captions under blanks 10 pt. */
export const SIZE = 14;
const TABLE_SIZE = 12;
const CAPTION_SIZE = 10;

// Characters XML 1.0 does not allow (Word and LibreOffice refuse a file with them); tabs and breaks read as spaces.
const INVALID_XML =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
	return text.replace(INVALID_XML, '').replace(/[\t\r\n]+/g, ' ');
}

export type Align = 'left' | 'center' | 'right' | 'justify';

/** A paragraph style: what it sets, on top of its parent's. Lengths in twips, sizes in points. */
export interface ParagraphStyle {
	/** The name a records manager sees in the office suite. */
	name: string;
	/** The style it is based on, a key of {@link PARAGRAPH_STYLES}. */
	parent?: string;
	size?: number;
	bold?: boolean;
	align?: Align;
	left?: number;
	right?: number;
	firstLine?: number;
	before?: number;
	after?: number;
	keepNext?: boolean;
	keepLines?: boolean;
}

const CENTRE = { align: 'center', left: 0, firstLine: 0 } as const;
const LEFT = { align: 'left', left: 0, firstLine: 0 } as const;

/**
 * The named paragraph styles of the paper formats, the same set and names as the DOCX's: the body and everything
 * in it is based on «Основной текст», the requisites on «Обычный» (14 pt, single spacing, left).
 */
export const PARAGRAPH_STYLES = {
	normal: { name: 'Обычный', size: SIZE, align: 'left', left: 0, right: 0, firstLine: 0 },
	body: { name: 'Основной текст', parent: 'normal', align: 'justify', firstLine: FIRST_LINE },
	list1: { name: 'Пункт списка 1', parent: 'body' },
	list2: { name: 'Пункт списка 2', parent: 'body' },
	list3: { name: 'Пункт списка 3', parent: 'body' },
	heading1: {
		name: 'Заголовок 1',
		parent: 'body',
		bold: true,
		...CENTRE,
		before: 240,
		after: 120,
		keepNext: true,
		keepLines: true
	},
	heading2: { name: 'Заголовок 2', parent: 'heading1' },
	heading3: { name: 'Заголовок 3', parent: 'heading1', align: 'left', firstLine: FIRST_LINE },
	heading4: { name: 'Заголовок 4', parent: 'heading3' },
	heading5: { name: 'Заголовок 5', parent: 'heading3' },
	heading6: { name: 'Заголовок 6', parent: 'heading3' },
	operative: { name: 'Распорядительное слово', parent: 'body', ...LEFT, keepNext: true },
	quote: { name: 'Цитата', parent: 'body', left: QUOTE_STEP, firstLine: 0 },
	verbatim: { name: 'Текст как есть', parent: 'body', ...LEFT },
	organization: {
		name: 'Наименование организации',
		parent: 'normal',
		...CENTRE,
		bold: true,
		keepNext: true
	},
	kind: {
		name: 'Вид документа',
		parent: 'normal',
		...CENTRE,
		bold: true,
		before: 360,
		after: 240,
		keepNext: true
	},
	title: {
		name: 'Заголовок к тексту',
		parent: 'normal',
		...CENTRE,
		bold: true,
		before: 360,
		after: 360,
		keepNext: true
	},
	orderTitle: {
		name: 'Заголовок к тексту приказа',
		parent: 'title',
		align: 'left',
		right: ORDER_HEADING_RIGHT
	},
	requisite: { name: 'Реквизит', parent: 'normal', ...LEFT, keepNext: true, keepLines: true },
	place: { name: 'Место составления', parent: 'requisite', align: 'center', before: 120 },
	stamp: { name: 'Гриф', parent: 'requisite', left: STAMP_LEFT },
	addressee: { name: 'Адресат', parent: 'stamp' },
	caption: {
		name: 'Пояснение к строке',
		parent: 'normal',
		...CENTRE,
		keepLines: true,
		size: CAPTION_SIZE
	},
	addresseeCaption: {
		name: 'Адресат — пояснение',
		parent: 'addressee',
		align: 'center',
		size: CAPTION_SIZE
	},
	signature: { name: 'Подпись', parent: 'normal', ...LEFT, before: 720, keepLines: true },
	executor: { name: 'Отметка об исполнителе', parent: 'requisite', size: TABLE_SIZE },
	sheetTitle: { name: 'Заголовок листа', parent: 'kind', before: 0, after: 0 },
	table: { name: 'Таблица', parent: 'normal', ...LEFT, size: TABLE_SIZE },
	tableHeading: {
		name: 'Шапка таблицы',
		parent: 'table',
		align: 'center',
		keepNext: true,
		bold: true
	},
	party: { name: 'Сторона договора', parent: 'table', keepNext: true, bold: true }
} satisfies Record<string, ParagraphStyle>;

export type StyleId = keyof typeof PARAGRAPH_STYLES;

export type ResolvedStyle = Required<Omit<ParagraphStyle, 'parent'>>;

/** A style with everything its parents set filled in. */
export function resolveStyle(id: StyleId): ResolvedStyle {
	const chain: ParagraphStyle[] = [];
	for (let s: ParagraphStyle | undefined = PARAGRAPH_STYLES[id]; s;)
		s = (chain.unshift(s), s.parent ? PARAGRAPH_STYLES[s.parent as StyleId] : undefined);
	const base: ResolvedStyle = {
		name: '',
		size: SIZE,
		bold: false,
		align: 'left',
		left: 0,
		right: 0,
		firstLine: 0,
		before: 0,
		after: 0,
		keepNext: false,
		keepLines: false
	};
	return Object.assign(base, ...chain.map(({ parent: _, ...own }) => own), {
		name: PARAGRAPH_STYLES[id].name
	});
}

export interface Run {
	text: string;
	bold?: boolean;
	italics?: boolean;
	strike?: boolean;
	/** A line break before the text. */
	lineBreak?: boolean;
}

/** A paragraph: its style and what this one sets differently (lengths in twips). */
export interface FlowParagraph {
	type: 'paragraph';
	style: StyleId;
	runs: Run[];
	/** A list item's number or bullet, printed at the first-line indent and followed by a space. */
	label?: string;
	/** Text set against the right edge (a right tab stop at the text width) on the paragraph's last line. */
	tab?: string;
	align?: Align;
	left?: number;
	firstLine?: number;
	before?: number;
	after?: number;
	keepNext?: boolean;
	pageBreakBefore?: boolean;
	/** A horizontal rule under the paragraph. */
	rule?: boolean;
}

export interface FlowCell {
	paragraphs: FlowParagraph[];
	valign: 'top' | 'bottom';
	/** Inner margins left and right, twips. */
	padLeft: number;
	padRight: number;
}

export interface FlowRow {
	cells: FlowCell[];
	/** A header row, repeated on every page the table goes over to. */
	header?: boolean;
	/** Twips: a row with room to write or sign in. */
	minHeight?: number;
	/** Kept on one page with the next row. */
	keepNext?: boolean;
}

export interface FlowTable {
	type: 'table';
	/** Column widths, twips. */
	widths: number[];
	indent?: number;
	borders: boolean;
	rows: FlowRow[];
}

export type FlowBlock = FlowParagraph | FlowTable;

/** The runs of a Markdown inline token: bold, italic, strikethrough, code as plain text, hard breaks, links as text. */
export function inlineRuns(children: readonly Token[] | null): Run[] {
	const runs: Run[] = [];
	let bold = 0;
	let italics = 0;
	let strike = 0;
	let pendingBreak = false;
	const links: { href: string; text: string }[] = [];
	const push = (text: string) => {
		if (!text && !pendingBreak) return;
		runs.push({
			text: cleanText(text),
			bold: bold > 0,
			italics: italics > 0,
			strike: strike > 0,
			lineBreak: pendingBreak
		});
		pendingBreak = false;
		for (const link of links) link.text += text;
	};
	for (const token of children ?? []) {
		switch (token.type) {
			case 'text':
			case 'code_inline':
				push(token.content);
				break;
			case 'softbreak':
				push(' ');
				break;
			case 'hardbreak':
				if (pendingBreak) push('');
				pendingBreak = true;
				break;
			case 'strong_open':
				bold++;
				break;
			case 'strong_close':
				bold--;
				break;
			case 'em_open':
				italics++;
				break;
			case 'em_close':
				italics--;
				break;
			case 's_open':
				strike++;
				break;
			case 's_close':
				strike--;
				break;
			case 'link_open':
				links.push({ href: String(token.attrGet('href') ?? ''), text: '' });
				break;
			case 'link_close': {
				const link = links.pop();
				// On paper a link is its address: written out after its text unless the text already is the address.
				if (link && link.href && !sameAddress(link.text, link.href)) push(` (${link.href})`);
				break;
			}
			case 'image':
				push(token.content);
				break;
			default:
				if (token.content) push(token.content);
		}
	}
	if (pendingBreak) push('');
	return runs;
}

function sameAddress(text: string, href: string): boolean {
	const bare = (s: string) =>
		s
			.trim()
			.replace(/^mailto:/i, '')
			.replace(/^https?:\/\//i, '')
			.replace(/\/$/, '');
	return bare(text) === bare(href);
}

/** Runs of text given with \n between lines, a line break before each line after the first. */
function lineRuns(text: string): Run[] {
	return text
		.trim()
		.split(/\r?\n/)
		.map((line, i) => ({ text: cleanText(line.trim()), lineBreak: i > 0 }));
}

function paragraph(
	style: StyleId,
	text: string,
	options: Omit<Partial<FlowParagraph>, 'type' | 'style'> = {}
): FlowParagraph {
	return { type: 'paragraph', style, runs: text ? lineRuns(text) : [], ...options };
}

/** Lines of at most `width` characters, broken between words; line breaks in the text are kept. */
export function wrapWords(text: string, width: number): string[] {
	const out: string[] = [];
	for (const given of text.trim().split(/\r?\n/)) {
		let line = '';
		for (const word of given.trim().split(/\s+/)) {
			if (line && line.length + 1 + word.length > width) {
				out.push(line);
				line = word;
			} else line = line ? `${line} ${word}` : word;
		}
		out.push(line);
	}
	return out;
}

export interface MarkdownCell {
	header: boolean;
	/** As the delimiter row says; undefined when it says nothing. */
	align: 'left' | 'center' | 'right' | undefined;
	inline: Token | null;
}

/** The cells of a Markdown table, row by row, and the index of the token after it. */
export function tableCells(
	tokens: Token[],
	start: number
): { rows: MarkdownCell[][]; next: number } {
	const rows: MarkdownCell[][] = [];
	let i = start + 1;
	for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
		const token = tokens[i]!;
		if (token.type === 'tr_open') rows.push([]);
		else if (token.type === 'th_open' || token.type === 'td_open') {
			const style = String(token.attrGet('style') ?? '');
			const next = tokens[i + 1];
			rows.at(-1)?.push({
				header: token.type === 'th_open',
				align: /text-align:\s*(left|center|right)/.exec(style)?.[1] as MarkdownCell['align'],
				inline: next?.type === 'inline' ? next : null
			});
		}
	}
	return { rows, next: i + 1 };
}

/**
 * Column widths in twips: every column gets room for its longest word (so «Помещение» is not broken
 * in the middle), and the rest of the width goes by how much text each holds, so a «№» column stays narrow.
 */
export function columnWidths(columns: string[][], width: number): number[] {
	const minimum = columns.map((texts) => {
		const longestWord = Math.max(1, ...texts.flatMap((t) => t.split(/\s+/).map((w) => w.length)));
		return longestWord * TABLE_CHAR + 2 * CELL_MARGIN;
	});
	const weights = columns.map(
		(texts) => Math.min(40, Math.max(0, ...texts.map((t) => t.length))) + 4
	);
	const minTotal = minimum.reduce((a, b) => a + b, 0);
	if (minTotal >= width) return minimum.map((m) => Math.floor((m * width) / minTotal));
	const rest = width - minTotal;
	const weightTotal = weights.reduce((a, b) => a + b, 0);
	return minimum.map((m, c) => Math.floor(m + (rest * weights[c]!) / weightTotal));
}

// Word's «а), б), в)» skips the letters that read badly as numbers.
const RUSSIAN_LOWER = 'абвгдежзиклмнопрстуфхцчшщэюя';

/** A number as the letters of a numbering level: а … я, then аа, бб … */
function russianLower(n: number): string {
	const letter = RUSSIAN_LOWER[(n - 1) % RUSSIAN_LOWER.length]!;
	return letter.repeat(Math.floor((n - 1) / RUSSIAN_LOWER.length) + 1);
}

/** The label of an ordered item: 1. / 1.1. / 1.1.1. for the first three levels, then 1), а), 1), … of its own counter. */
function orderedLabel(counters: number[], level: number): string {
	if (level < 3) return counters.slice(0, level + 1).join('.') + '.';
	const n = counters[level]!;
	return `${level % 2 === 1 ? russianLower(n) : n})`;
}

interface ListFrame {
	ordered: boolean;
	/** The numbering the list counts in: its counters per level, shared with nested and continued lists. */
	counters: number[];
	level: number;
	depth: number;
	itemStarted: boolean;
	start: number;
	items: number;
}

/** Walks the markdown-it token stream of the body into paragraphs and tables, the same walk the DOCX makes. */
class FlowBuilder {
	readonly blocks: FlowBlock[] = [];
	private partiesAt = -1;
	private readonly lists: ListFrame[] = [];
	private quoteDepth = 0;
	/** Where the last ordered list at each depth stopped, so a list that carries on its numbers continues it. */
	private readonly stoppedAt = new Map<number, { counters: number[]; next: number }>();

	constructor(private readonly layout: DocumentLayout) {}

	build(tokens: Token[]): FlowBlock[] {
		if (this.layout.parties) this.partiesAt = tokens.findLastIndex((t) => t.type === 'table_open');
		let i = 0;
		while (i < tokens.length) i = this.block(tokens, i);
		return this.blocks;
	}

	private block(tokens: Token[], i: number): number {
		const token = tokens[i]!;
		switch (token.type) {
			case 'heading_open':
				this.startItem();
				this.push({
					type: 'paragraph',
					style: `heading${Math.min(6, Number(token.tag.slice(1)))}` as StyleId,
					runs: inlineRuns(tokens[i + 1]!.children),
					left: this.quoteLeft || undefined
				});
				return i + 3;
			case 'paragraph_open':
				this.paragraph(tokens[i + 1]!);
				return i + 3;
			case 'bullet_list_open':
			case 'ordered_list_open':
				this.startItem();
				this.openList(token);
				return i + 1;
			case 'bullet_list_close':
			case 'ordered_list_close': {
				const list = this.lists.pop()!;
				if (list.ordered && list.level === 0)
					this.stoppedAt.set(list.depth, {
						counters: list.counters,
						next: list.start + list.items
					});
				return i + 1;
			}
			case 'list_item_open': {
				const list = this.lists.at(-1)!;
				list.itemStarted = false;
				list.items++;
				return i + 1;
			}
			case 'list_item_close':
				this.startItem();
				return i + 1;
			case 'blockquote_open':
				this.startItem();
				this.quoteDepth++;
				return i + 1;
			case 'blockquote_close':
				this.quoteDepth--;
				return i + 1;
			case 'table_open':
				this.startItem();
				return i === this.partiesAt ? this.partiesTable(tokens, i) : this.table(tokens, i);
			case 'fence':
			case 'code_block':
				this.startItem();
				for (const line of token.content.replace(/\n$/, '').split('\n'))
					this.push(
						paragraph('verbatim', '', {
							runs: [{ text: cleanText(line.replace(/\t/g, '    ')) }],
							left: this.quoteLeft || undefined
						})
					);
				return i + 1;
			case 'hr':
				this.startItem();
				this.push(paragraph('body', '', { rule: true, after: 240 }));
				return i + 1;
			default:
				if (token.content) this.push(paragraph('body', token.content.trim()));
				return i + 1;
		}
	}

	private push(block: FlowBlock) {
		this.blocks.push(block);
	}

	private get quoteLeft(): number {
		return QUOTE_STEP * this.quoteDepth;
	}

	private openList(token: Token) {
		const parent = this.lists.at(-1);
		const ordered = token.type === 'ordered_list_open';
		const depth = parent ? parent.depth + 1 : 0;
		const frame = { ordered, depth, itemStarted: false, items: 0 };
		if (ordered) {
			const start = Math.max(0, Number.parseInt(String(token.attrGet('start') ?? '1'), 10) || 1);
			if (parent?.ordered && start === 1) {
				// A list in a list item: the next level of the same numbering, 1.1., 1.1.1.
				const level = Math.min(8, parent.level + 1);
				parent.counters[level] = 0;
				this.lists.push({ ...frame, counters: parent.counters, level, start });
				return;
			}
			const stopped = this.stoppedAt.get(depth);
			if (start > 1 && stopped?.next === start) {
				// Points numbered on across headings (## I … 1–4, ## II … 5–8): one list that goes on counting.
				this.lists.push({ ...frame, counters: stopped.counters, level: 0, start });
				return;
			}
			this.lists.push({ ...frame, counters: [start - 1], level: 0, start });
			return;
		}
		const sameKindParent = [...this.lists].reverse().find((l) => !l.ordered);
		this.lists.push({
			...frame,
			counters: [],
			level: sameKindParent ? Math.min(8, sameKindParent.level + 1) : 0,
			start: 1
		});
	}

	private startItem() {
		const list = this.lists.at(-1);
		if (list && !list.itemStarted) this.push(this.itemParagraph(list, []));
	}

	private itemParagraph(list: ListFrame, runs: Run[]): FlowParagraph {
		list.itemStarted = true;
		let label = BULLETS[list.level]!;
		if (list.ordered) {
			list.counters[list.level] = (list.counters[list.level] ?? 0) + 1;
			list.counters.length = list.level + 1;
			label = orderedLabel(list.counters, list.level);
		}
		return {
			type: 'paragraph',
			style: (['list1', 'list2', 'list3'] as const)[Math.min(list.depth, 2)]!,
			label,
			left: this.quoteLeft || undefined,
			runs
		};
	}

	private paragraph(inline: Token) {
		const runs = inlineRuns(inline.children);
		const list = this.lists.at(-1);
		if (list && !list.itemStarted) return this.push(this.itemParagraph(list, runs));
		if (this.quoteDepth > 0 && !list)
			return this.push({
				type: 'paragraph',
				style: 'quote',
				left: this.quoteDepth > 1 ? this.quoteLeft : undefined,
				runs
			});
		const text = (inline.children ?? [])
			.map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : ''))
			.join('');
		if (!list && !this.quoteDepth && isOperativeWord(this.layout.kindTitle, text))
			return this.push({ type: 'paragraph', style: 'operative', runs });
		this.push({ type: 'paragraph', style: 'body', left: this.quoteLeft || undefined, runs });
	}

	private table(tokens: Token[], start: number): number {
		const { rows, next } = tableCells(tokens, start);
		const columns = Math.max(1, ...rows.map((r) => r.length));
		const widths = columnWidths(
			Array.from({ length: columns }, (_, c) => rows.map((r) => r[c]?.inline?.content ?? '')),
			TEXT_WIDTH - this.quoteLeft
		);
		this.push({
			type: 'table',
			widths,
			indent: this.quoteLeft || undefined,
			borders: true,
			rows: rows.map((cells) => {
				const header = cells.some((c) => c.header);
				// A row with a cell left blank is filled in by hand: it gets the room to write in.
				const blank = !header && cells.some((c) => isBlankCell(c.inline?.content ?? ''));
				return {
					header: header || undefined,
					minHeight: blank ? ROW_MIN : undefined,
					cells: Array.from({ length: columns }, (_, c) => {
						const cell = cells[c];
						const align = cell?.align ?? (header ? 'center' : 'left');
						return {
							valign: 'top',
							padLeft: CELL_MARGIN,
							padRight: CELL_MARGIN,
							paragraphs: [
								{
									type: 'paragraph',
									style: header ? 'tableHeading' : 'table',
									align,
									runs: inlineRuns(cell?.inline?.children ?? null)
								}
							]
						};
					})
				};
			})
		});
		// A paragraph after every table keeps two tables from merging and gives the text room.
		this.push(paragraph('body', ''));
		return next;
	}

	/** The parties' block of a bilateral agreement: equal borderless columns kept on one page. */
	private partiesTable(tokens: Token[], start: number): number {
		const { rows, next } = tableCells(tokens, start);
		const columns = Math.max(1, ...rows.map((r) => r.length));
		const width = Math.floor(TEXT_WIDTH / columns);
		const last = this.blocks.at(-1);
		if (last?.type === 'paragraph') last.keepNext = true;
		this.push({
			type: 'table',
			widths: Array.from({ length: columns }, () => width),
			borders: false,
			rows: rows.map((cells, r) => {
				const header = cells.some((c) => c.header);
				const signatures = r === rows.length - 1 && rows.length > 1;
				return {
					keepNext: r < rows.length - 1,
					minHeight: signatures ? ROW_MIN : undefined,
					cells: Array.from({ length: columns }, (_, c) => ({
						valign: signatures ? 'bottom' : 'top',
						padLeft: c > 0 ? CELL_MARGIN * 2 : 0,
						padRight: c < columns - 1 ? CELL_MARGIN * 2 : 0,
						paragraphs: [
							{
								type: 'paragraph',
								style: header ? 'party' : 'table',
								before: signatures ? 240 : undefined,
								runs: inlineRuns(cells[c]?.inline?.children ?? null)
							}
						]
					}))
				};
			})
		});
		this.push(paragraph('body', ''));
		return next;
	}
}

function layoutCell(
	paragraphs: FlowParagraph[],
	options: Partial<Omit<FlowCell, 'paragraphs'>> = {}
): FlowCell {
	return { valign: 'top', padLeft: 0, padRight: 0, paragraphs, ...options };
}

/** A borderless table of fixed columns, for blocks laid out in columns (грифы, acquaintance list, signatures). */
function layoutTable(rows: FlowRow[], widths: number[]): FlowTable {
	return { type: 'table', widths, borders: false, rows };
}

function requisites(layout: DocumentLayout): FlowBlock[] {
	const out: FlowBlock[] = [];
	const letterhead = layout.letterhead !== false;
	const adopted = adoptedLines(layout.adopted);
	const opinions = opinionLines(layout.opinions);
	const right = layout.appendix
		? appendixLines(layout.appendix)
		: layout.approval
			? approvalLines(layout.kindTitle, layout.approval)
			: [];
	let orgBefore: number | undefined;
	if (adopted.length || opinions.length) {
		// The грифы in one row: ПРИНЯТО and УЧТЕНО МНЕНИЕ on the left, the approval stamp on the right.
		const left = [
			...adopted.map((text) => paragraph('stamp', text, { left: 0 })),
			...opinions.map((text, i) =>
				paragraph('stamp', text, {
					left: 0,
					before: i === 0 && adopted.length ? 240 : undefined
				})
			)
		];
		out.push(
			layoutTable(
				[
					{
						cells: [
							layoutCell(left, { padRight: STAMP_GAP }),
							layoutCell(right.map((text) => paragraph('stamp', text, { left: 0 })))
						]
					}
				],
				[STAMP_LEFT, TEXT_WIDTH - STAMP_LEFT]
			)
		);
		orgBefore = STAMP_AFTER;
	} else {
		right.forEach((text, i) =>
			out.push(
				paragraph('stamp', text, { after: i === right.length - 1 ? STAMP_AFTER : undefined })
			)
		);
	}
	if (layout.addressee?.length) {
		out.push(...layout.addressee.map((text) => paragraph('addressee', text)));
		out.push(
			...APPLICANT_LINES.map((l) => paragraph(l.caption ? 'addresseeCaption' : 'addressee', l.text))
		);
		out.push(paragraph('addressee', '', { after: STAMP_AFTER }));
	}
	if (letterhead)
		out.push(paragraph('organization', layout.organizationName, { before: orgBefore }));
	out.push(paragraph('kind', kindText(layout.kindTitle)));
	if (letterhead && layout.dateLine !== false)
		out.push(
			paragraph('requisite', dateText(layout.date), {
				tab: cleanText(numberText(layout.number))
			})
		);
	if (letterhead && layout.place?.trim()) out.push(paragraph('place', layout.place.trim()));
	const heading = headingText(layout);
	if (heading) out.push(paragraph(isOrderKind(layout.kindTitle) ? 'orderTitle' : 'title', heading));
	return out;
}

/** The position on the left over as many lines as it needs, the name at the right margin on its last line. */
function signatureBlock(signature: NonNullable<DocumentLayout['signature']>): FlowParagraph {
	return {
		type: 'paragraph',
		style: 'signature',
		runs: wrapWords(signature.position, SIGNATURE_POSITION_CHARS).map((text, i) => ({
			text: cleanText(text),
			lineBreak: i > 0
		})),
		tab: cleanText(signatureName(signature.name))
	};
}

/** The citizen's signature: the date, the signature and its decoding, blanks 8 mm high with their captions. */
function applicantSignatureBlocks(): FlowBlock[] {
	return [
		paragraph('requisite', '', { before: 480 }),
		layoutTable(
			[
				{
					keepNext: true,
					minHeight: ROW_MIN,
					cells: APPLICANT_SIGNATURE.cells.map((text, c) =>
						layoutCell([paragraph('requisite', text, { align: c > 0 ? 'center' : undefined })], {
							valign: 'bottom'
						})
					)
				},
				{
					cells: APPLICANT_SIGNATURE.captions.map((text) =>
						layoutCell([paragraph('caption', text)])
					)
				}
			],
			APPLICANT_WIDTHS
		)
	];
}

function acquaintedBlocks(layout: DocumentLayout): FlowBlock[] {
	const people = (layout.acquainted ?? []).filter((p) => p.name.trim());
	if (!people.length) return [];
	return [
		paragraph('requisite', acquaintedTitle(layout.kindTitle, people), { before: 480, after: 120 }),
		layoutTable(
			people.map((person) => {
				const texts = [
					person.position?.trim() ?? '',
					signatureName(person.name),
					acquaintedMark(person)
				];
				return {
					minHeight: ROW_MIN,
					cells: texts.map((text, c) =>
						layoutCell([paragraph('requisite', text)], {
							valign: 'bottom',
							padRight: c < texts.length - 1 ? CELL_MARGIN : 0
						})
					)
				};
			}),
			ACQUAINTED_WIDTHS
		)
	];
}

function agreementSheetBlocks(layout: DocumentLayout): FlowBlock[] {
	const rows = agreementSheetRows(layout.approvalSheet);
	if (!rows.length) return [];
	const cell = (text: string, c: number, header: boolean): FlowCell =>
		layoutCell(
			[
				paragraph(header ? 'tableHeading' : 'table', text, {
					align: !header && (c === 0 || c === SHEET_WIDTHS.length - 1) ? 'center' : undefined
				})
			],
			{ padLeft: CELL_MARGIN, padRight: CELL_MARGIN }
		);
	return [
		paragraph('sheetTitle', AGREEMENT_SHEET_TITLE, { pageBreakBefore: true }),
		paragraph('requisite', agreementSheetSubject(layout.kindTitle, headingText(layout)), {
			align: 'center',
			after: 240
		}),
		{
			type: 'table',
			widths: SHEET_WIDTHS,
			borders: true,
			rows: [
				{ header: true, cells: AGREEMENT_SHEET_COLUMNS.map((t, c) => cell(t, c, true)) },
				...rows.map((cells) => ({
					minHeight: ROW_MIN,
					cells: cells.map((t, c) => cell(t, c, false))
				}))
			]
		}
	];
}

/**
 * The whole document as paragraphs and tables, the way the DOCX lays it out (ГОСТ Р 7.0.97-2016): the грифы or the
 * addressee, the organisation, kind, date and number, place and heading; the body; the signature, «С приказом
 * ознакомлены», the executor and the лист согласования on a page of its own. The PDF and the ODT print this.
 */
export function documentFlow(layout: DocumentLayout): FlowBlock[] {
	const body = new FlowBuilder(layout).build(parseMarkdown(layout.body));
	// The signature never stands alone on a page: the last paragraph of the text goes over with it.
	const last = body.at(-1);
	if ((layout.signature || layout.applicantSignature) && last?.type === 'paragraph')
		last.keepNext = true;
	return [
		...requisites(layout),
		...body,
		...(layout.signature ? [signatureBlock(layout.signature)] : []),
		...(layout.applicantSignature ? applicantSignatureBlocks() : []),
		...acquaintedBlocks(layout),
		...executorLines(layout.executor).map((text, i) =>
			paragraph('executor', text, { before: i === 0 ? 720 : undefined })
		),
		...agreementSheetBlocks(layout)
	];
}

/** The document's date as a moment, for the files' properties: its own date, or a fixed one while it has none. */
export function documentMoment(layout: DocumentLayout): Date {
	const date = /^\d{4}-\d{2}-\d{2}/.exec(layout.date?.trim() ?? '')?.[0];
	return new Date(`${date ?? '2000-01-01'}T00:00:00Z`);
}
