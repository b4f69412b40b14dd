import {
	AlignmentType,
	BorderStyle,
	Document,
	Header,
	HeadingLevel,
	LevelFormat,
	LevelSuffix,
	Packer,
	PageNumber,
	PageOrientation,
	Paragraph,
	Tab,
	Table,
	TableBorders,
	TableCell,
	TableLayoutType,
	TableRow,
	TabStopType,
	TextRun,
	VerticalAlign,
	WidthType,
	type ILevelsOptions,
	type INumberingOptions,
	type IParagraphOptions
} from 'docx';
import type { Token } from 'markdown-it';
import {
	AGREEMENT_SHEET_COLUMNS,
	AGREEMENT_SHEET_TITLE,
	acquaintedMark,
	acquaintedTitle,
	adoptedLines,
	agreementSheetRows,
	agreementSheetSubject,
	appendixLines,
	approvalLines,
	dateText,
	executorLines,
	opinionLines,
	isOrderKind,
	kindText,
	numberText,
	signatureName,
	type DocumentLayout
} from './layout';
import { parseMarkdown } from './markdown';

// ГОСТ Р 7.0.97-2016, in twips (1/1440 inch; 1 mm ≈ 56.7) and half-points.
const PAGE_WIDTH = 11906; // A4, 210 mm
const PAGE_HEIGHT = 16838; // 297 mm
const MARGIN_LEFT = 1134; // 20 mm
const MARGIN_RIGHT = 567; // 10 mm
const MARGIN_TOP = 1134; // 20 mm
const MARGIN_BOTTOM = 1134; // 20 mm
const HEADER_DISTANCE = 567; // the page number sits 10 mm from the top edge, within the top margin
const TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT; // 10205
const FIRST_LINE = 709; // 1.25 cm paragraph indent
const LEVEL_STEP = 567; // 1 cm more on the left per level of nested lists
const QUOTE_STEP = 709;
const STAMP_LEFT = 5103; // the approval stamp takes the right half of the text width (≈ 9 cm)
const ORDER_HEADING_RIGHT = 4535; // an order's heading stays within ≈ 10 cm on the left
const SIGNATURE_POSITION_CHARS = 40; // the position's lines keep to the left ≈ 60 % of the line
const STAMP_GAP = 284; // 5 mm between the left грифы and the approval stamp
const STAMP_AFTER = 480; // a blank line of 24 pt between the грифы and the organisation
// Лист согласования: №, должность, Ф.И.О., решение, дата (≈ 1 / 6 / 4 / 4 / 3 cm).
const SHEET_WIDTHS = [567, 3402, 2268, 2268, 1700];
// С приказом ознакомлены: должность, И.О. Фамилия, отметка (≈ 7 / 4 / 7 cm).
const ACQUAINTED_WIDTHS = [3969, 2268, 3968];

const FONT = 'Times New Roman';
const SIZE = 28; // 14 pt
const TABLE_SIZE = 24; // 12 pt
const EXECUTOR_SIZE = 24; // 12 pt: the отметка об исполнителе is printed smaller
const LINE = 240; // single spacing

// Characters XML 1.0 does not allow: Word refuses a file that has them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(text: string): string {
	return text.replace(INVALID_XML, '').replace(/[\t\r\n]+/g, ' ');
}

interface RunStyle {
	bold?: boolean;
	italics?: boolean;
	strike?: boolean;
	size?: number;
}

function run(text: string, style: RunStyle = {}, breakBefore = false): TextRun {
	return new TextRun({
		text: clean(text),
		font: FONT,
		size: style.size ?? SIZE,
		bold: style.bold || undefined,
		italics: style.italics || undefined,
		strike: style.strike || undefined,
		break: breakBefore ? 1 : undefined
	});
}

/** Runs of one line of text given with \n between lines, as line breaks. */
function lines(text: string, style: RunStyle = {}): TextRun[] {
	return text
		.trim()
		.split(/\r?\n/)
		.map((line, i) => run(line.trim(), style, i > 0));
}

/** The runs of a Markdown inline token: bold, italic, strikethrough, code as plain text, hard breaks, links as text. */
function inlineRuns(children: readonly Token[] | null, base: RunStyle = {}): TextRun[] {
	const runs: TextRun[] = [];
	let bold = 0;
	let italics = 0;
	let strike = 0;
	let pendingBreak = false;
	const links: { href: string; text: string }[] = [];
	const push = (text: string) => {
		if (!text && !pendingBreak) return;
		const style: RunStyle = {
			bold: base.bold || bold > 0,
			italics: base.italics || italics > 0,
			strike: base.strike || strike > 0,
			size: base.size
		};
		runs.push(run(text, style, pendingBreak));
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

// Numbering: one abstract definition per reference; every Markdown list that is not nested in a list of
// its kind is a new instance, so it counts from 1 (or from its own start) again.
const ORDERED = 'ordered';
const BULLET = 'bullet';
const BULLETS = ['–', '•', '–', '•', '–', '•', '–', '•', '–'];

function levelIndent(level: number) {
	return { left: LEVEL_STEP * level, firstLine: FIRST_LINE };
}

function orderedLevels(start: number): ILevelsOptions[] {
	return Array.from({ length: 9 }, (_, level): ILevelsOptions => {
		const text =
			level < 3
				? Array.from({ length: level + 1 }, (_, i) => `%${i + 1}.`).join('')
				: `%${level + 1})`;
		const format = level < 3 ? LevelFormat.DECIMAL : level % 2 === 1 ? LevelFormat.RUSSIAN_LOWER : LevelFormat.DECIMAL;
		return {
			level,
			format,
			text,
			start: level === 0 ? start : 1,
			alignment: AlignmentType.LEFT,
			suffix: LevelSuffix.SPACE,
			style: {
				run: { font: FONT, size: SIZE },
				paragraph: { indent: levelIndent(level), alignment: AlignmentType.JUSTIFIED }
			}
		};
	});
}

function bulletLevels(): ILevelsOptions[] {
	return BULLETS.map(
		(text, level): ILevelsOptions => ({
			level,
			format: LevelFormat.BULLET,
			text,
			alignment: AlignmentType.LEFT,
			suffix: LevelSuffix.SPACE,
			style: {
				run: { font: FONT, size: SIZE },
				paragraph: { indent: levelIndent(level), alignment: AlignmentType.JUSTIFIED }
			}
		})
	);
}

interface ListFrame {
	ordered: boolean;
	reference: string;
	instance: number;
	/** The numbering level: how deep the list is among lists of its kind. */
	level: number;
	/** How deep the list is among all lists, for its indent. */
	depth: number;
	/** Whether the current item has had its numbered paragraph. */
	itemStarted: boolean;
	/** For the first level of an ordered list: its first number and how many items it has had. */
	start: number;
	items: number;
}

/** A paragraph's options, made a Paragraph at the end (once it is known which one is last), or a table. */
type Block = IParagraphOptions | Table;

const CELL_MARGIN = 85; // 1.5 mm
const TABLE_CHAR = 130; // twips a character of 12 pt bold text takes, or a little more
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** Walks the markdown-it token stream of the body and builds the Word paragraphs and tables. */
class BodyBuilder {
	readonly blocks: Block[] = [];
	private readonly lists: ListFrame[] = [];
	private quoteDepth = 0;
	private readonly instances = new Map<string, number>();
	readonly orderedStarts = new Set<number>([1]);
	/** Where the last ordered list at each depth stopped, so a list that carries on its numbers continues it. */
	private readonly stoppedAt = new Map<number, { reference: string; instance: number; next: number }>();

	build(tokens: Token[]): Block[] {
		let i = 0;
		while (i < tokens.length) i = this.block(tokens, i);
		return this.blocks;
	}

	/** Handles the token at i, returns the index of the next one to handle. */
	private block(tokens: Token[], i: number): number {
		const token = tokens[i]!;
		switch (token.type) {
			case 'heading_open': {
				this.startItem();
				const level = Number(token.tag.slice(1));
				this.heading(level, tokens[i + 1]!);
				return i + 3;
			}
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
				if (list.ordered && list.level === 0) {
					this.stoppedAt.set(list.depth, {
						reference: list.reference,
						instance: list.instance,
						next: list.start + list.items
					});
				}
				return i + 1;
			}
			case 'list_item_open': {
				const list = this.lists.at(-1)!;
				list.itemStarted = false;
				list.items++;
				return i + 1;
			}
			case 'list_item_close':
				// An empty item still takes its number.
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
				return this.table(tokens, i);
			case 'fence':
			case 'code_block':
				this.startItem();
				this.code(token.content);
				return i + 1;
			case 'hr':
				this.startItem();
				this.blocks.push({
					border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
					spacing: { after: 240 },
					children: []
				});
				return i + 1;
			default:
				// html_block and anything else a future markdown-it may add: keep its text.
				if (token.content) this.plain(token.content);
				return i + 1;
		}
	}

	private get listLeft(): number {
		const list = this.lists.at(-1);
		return (list ? LEVEL_STEP * list.depth : 0) + QUOTE_STEP * this.quoteDepth;
	}

	private nextInstance(reference: string): number {
		const n = this.instances.get(reference) ?? 0;
		this.instances.set(reference, n + 1);
		return n;
	}

	private openList(token: Token) {
		const parent = this.lists.at(-1);
		const ordered = token.type === 'ordered_list_open';
		const depth = parent ? parent.depth + 1 : 0;
		const sameKindParent = [...this.lists].reverse().find((l) => l.ordered === ordered);
		if (ordered) {
			const start = Math.max(0, Number.parseInt(String(token.attrGet('start') ?? '1'), 10) || 1);
			if (parent?.ordered && start === 1) {
				// A list in a list item: the next level of the same numbering, 1.1., 1.1.1.
				this.lists.push({ ...parent, level: Math.min(8, parent.level + 1), depth, itemStarted: false, items: 0 });
				return;
			}
			const stopped = this.stoppedAt.get(depth);
			if (start > 1 && stopped?.next === start) {
				// Points numbered on across headings (## I … 1–4, ## II … 5–8): one Word list that goes on counting.
				const { reference, instance } = stopped;
				this.lists.push({ ordered, reference, instance, level: 0, depth, itemStarted: false, start, items: 0 });
				return;
			}
			this.orderedStarts.add(start);
			const reference = start === 1 ? ORDERED : `${ORDERED}-${start}`;
			this.lists.push({
				ordered,
				reference,
				instance: this.nextInstance(reference),
				level: 0,
				depth,
				itemStarted: false,
				start,
				items: 0
			});
			return;
		}
		this.lists.push({
			ordered,
			reference: BULLET,
			instance: sameKindParent ? sameKindParent.instance : this.nextInstance(BULLET),
			level: sameKindParent ? Math.min(8, sameKindParent.level + 1) : 0,
			depth,
			itemStarted: false,
			start: 1,
			items: 0
		});
	}

	/** Gives the current list item its numbered paragraph, empty, when the item begins with something else. */
	private startItem() {
		const list = this.lists.at(-1);
		if (list && !list.itemStarted) this.blocks.push(this.itemParagraph(list, []));
	}

	private itemParagraph(list: ListFrame, children: TextRun[]): IParagraphOptions {
		list.itemStarted = true;
		return {
			numbering: { reference: list.reference, level: list.level, instance: list.instance, custom: true },
			alignment: AlignmentType.JUSTIFIED,
			indent: { left: this.listLeft, firstLine: FIRST_LINE },
			spacing: { line: LINE, before: 0, after: 0 },
			children
		};
	}

	private paragraph(inline: Token) {
		const children = inlineRuns(inline.children);
		const list = this.lists.at(-1);
		if (list && !list.itemStarted) {
			this.blocks.push(this.itemParagraph(list, children));
			return;
		}
		const quoted = this.quoteDepth > 0 && !list;
		this.blocks.push({
			alignment: AlignmentType.JUSTIFIED,
			indent: { left: this.listLeft, firstLine: quoted ? 0 : FIRST_LINE },
			spacing: { line: LINE, before: 0, after: 0 },
			children
		});
	}

	private plain(text: string) {
		this.blocks.push({
			alignment: AlignmentType.JUSTIFIED,
			indent: { left: this.listLeft, firstLine: FIRST_LINE },
			children: [run(text.trim())]
		});
	}

	private heading(level: number, inline: Token) {
		const headingLevel = [
			HeadingLevel.HEADING_1,
			HeadingLevel.HEADING_2,
			HeadingLevel.HEADING_3,
			HeadingLevel.HEADING_4,
			HeadingLevel.HEADING_5,
			HeadingLevel.HEADING_6
		][level - 1];
		const options: IParagraphOptions = {
			heading: headingLevel,
			children: inlineRuns(inline.children, { bold: true })
		};
		const left = this.listLeft;
		this.blocks.push(left ? { ...options, indent: { left } } : options);
	}

	private code(content: string) {
		const left = this.listLeft;
		const codeLines = content.replace(/\n$/, '').split('\n');
		for (const line of codeLines) {
			this.blocks.push({
				alignment: AlignmentType.LEFT,
				indent: { left, firstLine: 0 },
				spacing: { line: LINE, before: 0, after: 0 },
				children: [run(line.replace(/\t/g, '    '))]
			});
		}
	}

	private table(tokens: Token[], start: number): number {
		interface Cell {
			header: boolean;
			align: 'left' | 'center' | 'right';
			inline: Token | null;
		}
		const rows: Cell[][] = [];
		let i = start + 1;
		for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
			const token = tokens[i]!;
			if (token.type === 'tr_open') rows.push([]);
			else if (token.type === 'th_open' || token.type === 'td_open') {
				const style = String(token.attrGet('style') ?? '');
				const align = /text-align:\s*(center|right)/.exec(style)?.[1] as Cell['align'] | undefined;
				const next = tokens[i + 1];
				rows.at(-1)?.push({
					header: token.type === 'th_open',
					align: align ?? (token.type === 'th_open' ? 'center' : 'left'),
					inline: next?.type === 'inline' ? next : null
				});
			}
		}
		const columns = Math.max(1, ...rows.map((r) => r.length));
		const widths = columnWidths(
			Array.from({ length: columns }, (_, c) => rows.map((r) => r[c]?.inline?.content ?? '')),
			TEXT_WIDTH - this.listLeft
		);
		const alignment = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };
		const tableRows = rows.map((cells) => {
			const header = cells.some((c) => c.header);
			return new TableRow({
				tableHeader: header || undefined,
				cantSplit: true,
				children: Array.from({ length: columns }, (_, c) => {
					const cell = cells[c];
					return new TableCell({
						width: { size: widths[c]!, type: WidthType.DXA },
						verticalAlign: VerticalAlign.TOP,
						children: [
							new Paragraph({
								alignment: alignment[cell?.align ?? 'left'],
								spacing: { line: LINE, before: 0, after: 0 },
								indent: { left: 0, firstLine: 0 },
								children: inlineRuns(cell?.inline?.children ?? null, { bold: header, size: TABLE_SIZE })
							})
						]
					});
				})
			});
		});
		this.blocks.push(
			new Table({
				rows: tableRows,
				columnWidths: widths,
				width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
				indent: this.listLeft ? { size: this.listLeft, type: WidthType.DXA } : undefined,
				layout: TableLayoutType.FIXED,
				margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
				borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN }
			})
		);
		// A paragraph after every table keeps two tables from merging and gives the text room.
		this.blocks.push({ spacing: { line: LINE, before: 0, after: 0 }, children: [] });
		return i + 1;
	}
}

/**
 * Column widths in twips: every column gets room for its longest word (so «Помещение» is not broken
 * in the middle), and the rest of the width goes by how much text each holds, so a «№» column stays narrow.
 */
function columnWidths(columns: string[][], width: number): number[] {
	const minimum = columns.map((texts) => {
		const longestWord = Math.max(1, ...texts.flatMap((t) => t.split(/\s+/).map((w) => w.length)));
		return longestWord * TABLE_CHAR + 2 * CELL_MARGIN;
	});
	const weights = columns.map((texts) => Math.min(40, Math.max(0, ...texts.map((t) => t.length))) + 4);
	const minTotal = minimum.reduce((a, b) => a + b, 0);
	if (minTotal >= width) return minimum.map((m) => Math.floor((m * width) / minTotal));
	const rest = width - minTotal;
	const weightTotal = weights.reduce((a, b) => a + b, 0);
	return minimum.map((m, c) => Math.floor(m + (rest * weights[c]!) / weightTotal));
}

/** A plain left-aligned paragraph of one line, single spaced. */
function line(text: string, options: { before?: number; after?: number; left?: number; size?: number; bold?: boolean } = {}): Paragraph {
	return new Paragraph({
		alignment: AlignmentType.LEFT,
		indent: options.left ? { left: options.left } : undefined,
		spacing: { line: LINE, before: options.before ?? 0, after: options.after ?? 0 },
		keepNext: true,
		keepLines: true,
		children: [run(text, { size: options.size, bold: options.bold })]
	});
}

function cell(width: number, children: Paragraph[], margins: { left?: number; right?: number } = {}): TableCell {
	return new TableCell({
		width: { size: width, type: WidthType.DXA },
		verticalAlign: VerticalAlign.TOP,
		margins: { left: margins.left ?? 0, right: margins.right ?? 0, top: 0, bottom: 0 },
		children: children.length ? children : [new Paragraph({ children: [] })]
	});
}

/**
 * The грифы in one row, as a borderless two-column table: ПРИНЯТО and УЧТЕНО МНЕНИЕ on the left,
 * the approval stamp (or the appendix mark) on the right, starting where a stamp alone would.
 */
function stampsTable(adopted: string[], opinions: string[], right: string[]): Table {
	const leftWidth = STAMP_LEFT;
	const rightWidth = TEXT_WIDTH - STAMP_LEFT;
	const left = [
		...adopted.map((text) => line(text)),
		...opinions.map((text, i) => line(text, { before: i === 0 && adopted.length ? 240 : 0 }))
	];
	return new Table({
		rows: [
			new TableRow({
				cantSplit: true,
				children: [cell(leftWidth, left, { right: STAMP_GAP }), cell(rightWidth, right.map((text) => line(text)))]
			})
		],
		columnWidths: [leftWidth, rightWidth],
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		layout: TableLayoutType.FIXED,
		borders: TableBorders.NONE
	});
}

function requisites(layout: DocumentLayout): (Paragraph | Table)[] {
	const out: (Paragraph | Table)[] = [];
	const centred = (children: TextRun[], before = 0, after = 0) =>
		new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: LINE, before, after }, children });

	const adopted = adoptedLines(layout.adopted);
	const opinions = opinionLines(layout.opinions);
	const right = layout.appendix
		? appendixLines(layout.appendix)
		: layout.approval
			? approvalLines(layout.kindTitle, layout.approval)
			: [];
	let orgBefore = 0;
	if (adopted.length || opinions.length) {
		out.push(stampsTable(adopted, opinions, right));
		orgBefore = STAMP_AFTER;
	} else {
		right.forEach((text, i) =>
			out.push(line(text, { left: STAMP_LEFT, after: i === right.length - 1 ? STAMP_AFTER : 0 }))
		);
	}
	out.push(centred(lines(layout.organizationName, { bold: true }), orgBefore));
	out.push(centred([run(kindText(layout.kindTitle), { bold: true })], 360, 240));
	if (layout.dateLine !== false)
		out.push(
			new Paragraph({
				alignment: AlignmentType.LEFT,
				tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
				spacing: { line: LINE, before: 0, after: 0 },
				children: [
					new TextRun({
						font: FONT,
						size: SIZE,
						children: [clean(dateText(layout.date)), new Tab(), clean(numberText(layout.number))]
					})
				]
			})
		);
	if (layout.place && layout.place.trim()) out.push(centred([run(layout.place.trim())], 120));
	const heading = layout.heading.trim();
	if (heading) {
		out.push(
			isOrderKind(layout.kindTitle)
				? new Paragraph({
						alignment: AlignmentType.LEFT,
						indent: { right: ORDER_HEADING_RIGHT },
						spacing: { line: LINE, before: 360, after: 360 },
						keepNext: true,
						children: lines(heading, { bold: true })
					})
				: centred(lines(heading, { bold: true }), 360, 360)
		);
	}
	return out;
}

/** Lines of at most `width` characters, broken between words; line breaks in the text are kept. */
function wrapWords(text: string, width: number): string[] {
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

/**
 * The signature: the position on the left, over as many lines as it needs within the left half or so,
 * then a gap for the hand signature, and the name at the right margin on the position's last line.
 */
function signatureBlock(signature: NonNullable<DocumentLayout['signature']>): Paragraph {
	const position = wrapWords(signature.position, SIGNATURE_POSITION_CHARS).map((line, i) => run(line, {}, i > 0));
	return new Paragraph({
		alignment: AlignmentType.LEFT,
		tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
		spacing: { line: LINE, before: 720, after: 0 },
		keepLines: true,
		children: [
			...position,
			new TextRun({ font: FONT, size: SIZE, children: [new Tab(), clean(signatureName(signature.name))] })
		]
	});
}

/** «С приказом ознакомлены:» and a borderless row per person: position, И.О. Фамилия, the day or the blank to sign. */
function acquaintedBlocks(layout: DocumentLayout): (Paragraph | Table)[] {
	const people = (layout.acquainted ?? []).filter((p) => p.name.trim());
	if (!people.length) return [];
	const rows = people.map((person) => {
		const texts = [person.position?.trim() ?? '', signatureName(person.name), acquaintedMark(person)];
		return new TableRow({
			cantSplit: true,
			children: texts.map((text, c) =>
				cell(ACQUAINTED_WIDTHS[c]!, [line(text, { after: 120 })], { right: c < texts.length - 1 ? CELL_MARGIN : 0 })
			)
		});
	});
	return [
		line(acquaintedTitle(layout.kindTitle, people), { before: 480, after: 120 }),
		new Table({
			rows,
			columnWidths: ACQUAINTED_WIDTHS,
			width: { size: TEXT_WIDTH, type: WidthType.DXA },
			layout: TableLayoutType.FIXED,
			borders: TableBorders.NONE
		})
	];
}

/** Отметка об исполнителе: 12 pt, at the left margin, after the signature and the acquaintance list. */
function executorBlocks(layout: DocumentLayout): Paragraph[] {
	return executorLines(layout.executor).map((text, i) => line(text, { before: i === 0 ? 720 : 0, size: EXECUTOR_SIZE }));
}

/**
 * Лист согласования on a page of its own: it is filed behind the document and signed by those who agreed it,
 * so it never shares the last page with the text. A bordered table, its header row repeated on every page.
 */
function agreementSheetBlocks(layout: DocumentLayout): (Paragraph | Table)[] {
	const rows = agreementSheetRows(layout.approvalSheet);
	if (!rows.length) return [];
	const tableCell = (text: string, c: number, header: boolean) =>
		new TableCell({
			width: { size: SHEET_WIDTHS[c]!, type: WidthType.DXA },
			verticalAlign: VerticalAlign.TOP,
			children: [
				new Paragraph({
					alignment: header || c === 0 || c === SHEET_WIDTHS.length - 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
					spacing: { line: LINE, before: 0, after: 0 },
					children: [run(text, { bold: header, size: TABLE_SIZE })]
				})
			]
		});
	return [
		new Paragraph({
			alignment: AlignmentType.CENTER,
			pageBreakBefore: true,
			keepNext: true,
			spacing: { line: LINE, before: 0, after: 0 },
			children: [run(AGREEMENT_SHEET_TITLE, { bold: true })]
		}),
		new Paragraph({
			alignment: AlignmentType.CENTER,
			keepNext: true,
			spacing: { line: LINE, before: 0, after: 240 },
			children: [run(agreementSheetSubject(layout.kindTitle, layout.heading))]
		}),
		new Table({
			rows: [
				new TableRow({ tableHeader: true, cantSplit: true, children: AGREEMENT_SHEET_COLUMNS.map((t, c) => tableCell(t, c, true)) }),
				...rows.map((cells) => new TableRow({ cantSplit: true, children: cells.map((t, c) => tableCell(t, c, false)) }))
			],
			columnWidths: SHEET_WIDTHS,
			width: { size: TEXT_WIDTH, type: WidthType.DXA },
			layout: TableLayoutType.FIXED,
			margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
			borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN }
		})
	];
}

function headingStyle(alignment: (typeof AlignmentType)[keyof typeof AlignmentType], level: number) {
	return {
		run: { font: FONT, size: SIZE, bold: true, italics: false, color: '000000' },
		paragraph: {
			alignment,
			spacing: { line: LINE, before: 240, after: 120 },
			indent: { left: 0, firstLine: alignment === AlignmentType.CENTER ? 0 : FIRST_LINE },
			keepNext: true,
			keepLines: true,
			outlineLevel: level
		}
	};
}

/**
 * The document as a .docx laid out after ГОСТ Р 7.0.97-2016: A4, margins 20/10/20/20 mm, Times New Roman 14 pt,
 * justified paragraphs with a 1.25 cm first-line indent, page numbers centred at the top from page 2;
 * the грифы (ПРИНЯТО, УЧТЕНО МНЕНИЕ, УТВЕРЖДЕНО or the appendix mark), organisation, kind, date and number, place
 * and heading above the body; the signature, «С приказом ознакомлены», the executor and the лист согласования below.
 */
export async function renderDocx(layout: DocumentLayout): Promise<Uint8Array> {
	const body = new BodyBuilder();
	const blocks = body.build(parseMarkdown(layout.body));
	// The signature never stands alone on a page: the last paragraph of the text goes over with it.
	const last = blocks.at(-1);
	if (layout.signature && last && !(last instanceof Table)) blocks[blocks.length - 1] = { ...last, keepNext: true };

	const numbering: INumberingOptions = {
		config: [
			...[...body.orderedStarts].map((start) => ({
				reference: start === 1 ? ORDERED : `${ORDERED}-${start}`,
				levels: orderedLevels(start)
			})),
			{ reference: BULLET, levels: bulletLevels() }
		]
	};

	const doc = new Document({
		creator: 'Регламент',
		title: clean(layout.heading.trim() || kindText(layout.kindTitle)),
		subject: clean(kindText(layout.kindTitle)),
		description: clean(layout.organizationName.trim()),
		styles: {
			default: {
				document: {
					run: { font: FONT, size: SIZE, language: { value: 'ru-RU' } },
					paragraph: { spacing: { line: LINE, before: 0, after: 0 } }
				},
				heading1: headingStyle(AlignmentType.CENTER, 0),
				heading2: headingStyle(AlignmentType.CENTER, 1),
				heading3: headingStyle(AlignmentType.LEFT, 2),
				heading4: headingStyle(AlignmentType.LEFT, 3),
				heading5: headingStyle(AlignmentType.LEFT, 4),
				heading6: headingStyle(AlignmentType.LEFT, 5)
			}
		},
		numbering,
		sections: [
			{
				properties: {
					page: {
						size: { width: PAGE_WIDTH, height: PAGE_HEIGHT, orientation: PageOrientation.PORTRAIT },
						margin: {
							top: MARGIN_TOP,
							right: MARGIN_RIGHT,
							bottom: MARGIN_BOTTOM,
							left: MARGIN_LEFT,
							header: HEADER_DISTANCE,
							footer: HEADER_DISTANCE,
							gutter: 0
						},
						pageNumbers: { start: 1 }
					},
					titlePage: true
				},
				headers: {
					default: new Header({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [new TextRun({ font: FONT, size: SIZE, children: [PageNumber.CURRENT] })]
							})
						]
					}),
					first: new Header({ children: [new Paragraph({ children: [] })] })
				},
				children: [
					...requisites(layout),
					...blocks.map((block) => (block instanceof Table ? block : new Paragraph(block))),
					...(layout.signature ? [signatureBlock(layout.signature)] : []),
					...acquaintedBlocks(layout),
					...executorBlocks(layout),
					...agreementSheetBlocks(layout)
				]
			}
		]
	});

	const buffer = await Packer.toBuffer(doc);
	return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
