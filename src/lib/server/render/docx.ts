import {
	AlignmentType,
	BorderStyle,
	Document,
	Header,
	HeightRule,
	LevelFormat,
	LevelSuffix,
	LineRuleType,
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
	TextRun,
	VerticalAlign,
	WidthType,
	type ILevelsOptions,
	type INumberingOptions,
	type IParagraphOptions,
	type IParagraphStyleOptions,
	type TableVerticalAlign
} from 'docx';
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
	documentTitle,
	executorLines,
	formatDate,
	headingText,
	isBlankCell,
	isOperativeWord,
	opinionLines,
	isOrderKind,
	kindText,
	numberText,
	signatureName,
	type DocumentLayout
} from './layout';
import { parseMarkdown } from './markdown';
import {
	ACQUAINTED_WIDTHS,
	APPLICANT_WIDTHS,
	BULLETS,
	CELL_MARGIN,
	FIRST_LINE,
	ORDER_HEADING_RIGHT,
	PAGE,
	QUOTE_STEP,
	ROW_MIN,
	SHEET_WIDTHS,
	SIGNATURE_POSITION_CHARS,
	STAMP_AFTER,
	STAMP_GAP,
	STAMP_LEFT,
	TEXT_WIDTH,
	cleanText,
	columnWidths,
	inlineRuns as flowInlineRuns,
	tableCells,
	wrapWords
} from './flow';

// ГОСТ Р 7.0.97-2016, in twips (the page, shared with the PDF and ODT) and half-points.
const PAGE_WIDTH = PAGE.width;
const PAGE_HEIGHT = PAGE.height;
const MARGIN_LEFT = PAGE.marginLeft;
const MARGIN_RIGHT = PAGE.marginRight;
const MARGIN_TOP = PAGE.marginTop;
const MARGIN_BOTTOM = PAGE.marginBottom;
const HEADER_DISTANCE = PAGE.header;

const FONT = 'Times New Roman';
const SIZE = 28; // 14 pt
const TABLE_SIZE = 24; // 12 pt
const EXECUTOR_SIZE = 24; // 12 pt: the отметка об исполнителе is printed smaller
const CAPTION_SIZE = 20; // 10 pt: the caption under a blank
const LINE = 240; // single spacing

/**
 * The paragraph styles every paragraph refers to, so a school restyles the whole set in Word by changing a style:
 * the body and everything in it (lists, headings, quotes) is based on «Основной текст», the requisites on «Обычный».
 * Direct formatting is left for a paragraph that differs from its style on its own.
 */
const STYLE = {
	body: 'Body',
	list: ['ListItem1', 'ListItem2', 'ListItem3'],
	headings: ['Heading1', 'Heading2', 'Heading3', 'Heading4', 'Heading5', 'Heading6'],
	operative: 'Operative',
	quote: 'BodyQuote',
	verbatim: 'Verbatim',
	organization: 'OrgName',
	kind: 'DocKind',
	title: 'DocTitle',
	orderTitle: 'OrderTitle',
	requisite: 'Requisite',
	place: 'Place',
	stamp: 'Stamp',
	addressee: 'Addressee',
	addresseeCaption: 'AddresseeCaption',
	caption: 'FieldCaption',
	signature: 'SignatureBlock',
	executor: 'Executor',
	sheetTitle: 'SheetTitle',
	table: 'TableText',
	tableHeading: 'TableHeading',
	party: 'PartyRole'
} as const;

const clean = cleanText;

interface RunStyle {
	bold?: boolean;
	italics?: boolean;
	strike?: boolean;
}

/** A run carries only what differs from its paragraph's style: font and size come from the style. */
function run(text: string, style: RunStyle = {}, breakBefore = false): TextRun {
	return new TextRun({
		text: clean(text),
		bold: style.bold || undefined,
		italics: style.italics || undefined,
		strike: style.strike || undefined,
		break: breakBefore ? 1 : undefined
	});
}

/** Runs of one line of text given with \n between lines, as line breaks. */
function lines(text: string): TextRun[] {
	return text
		.trim()
		.split(/\r?\n/)
		.map((line, i) => run(line.trim(), {}, i > 0));
}

/** The runs of a Markdown inline token, read as the PDF and ODT read them. */
function inlineRuns(children: readonly Token[] | null): TextRun[] {
	return flowInlineRuns(children).map((r) => run(r.text, r, r.lineBreak));
}

// Numbering: one abstract definition per reference; every Markdown list that is not nested in a list of
// its kind is a new instance, so it counts from 1 (or from its own start) again.
const ORDERED = 'ordered';
const BULLET = 'bullet';

// Every level starts at the paragraph indent and wraps back to the margin, as a paragraph of the text does:
// no hanging indent, and a nested level no further right than its parent.
const LEVEL_INDENT = { left: 0, firstLine: FIRST_LINE };

function orderedLevels(start: number): ILevelsOptions[] {
	return Array.from({ length: 9 }, (_, level): ILevelsOptions => {
		const text =
			level < 3
				? Array.from({ length: level + 1 }, (_, i) => `%${i + 1}.`).join('')
				: `%${level + 1})`;
		const format =
			level < 3
				? LevelFormat.DECIMAL
				: level % 2 === 1
					? LevelFormat.RUSSIAN_LOWER
					: LevelFormat.DECIMAL;
		return {
			level,
			format,
			text,
			start: level === 0 ? start : 1,
			alignment: AlignmentType.LEFT,
			suffix: LevelSuffix.SPACE,
			style: { paragraph: { indent: LEVEL_INDENT } }
		};
	});
}

function bulletLevels(): ILevelsOptions[] {
	return BULLETS.map((text, level): ILevelsOptions => ({
		level,
		format: LevelFormat.BULLET,
		text,
		alignment: AlignmentType.LEFT,
		suffix: LevelSuffix.SPACE,
		style: { paragraph: { indent: LEVEL_INDENT } }
	}));
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

const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** Walks the markdown-it token stream of the body and builds the Word paragraphs and tables. */
class BodyBuilder {
	readonly blocks: Block[] = [];
	/** Where the parties' block starts: the last table of an agreement signed by both parties, or -1. */
	private partiesAt = -1;
	private readonly lists: ListFrame[] = [];
	private quoteDepth = 0;
	private readonly instances = new Map<string, number>();
	readonly orderedStarts = new Set<number>([1]);
	/** Where the last ordered list at each depth stopped, so a list that carries on its numbers continues it. */
	private readonly stoppedAt = new Map<
		number,
		{ reference: string; instance: number; next: number }
	>();

	constructor(private readonly layout: DocumentLayout) {}

	build(tokens: Token[]): Block[] {
		if (this.layout.parties) this.partiesAt = tokens.findLastIndex((t) => t.type === 'table_open');
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
				return i === this.partiesAt ? this.partiesTable(tokens, i) : this.table(tokens, i);
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

	/** Lists keep to the margin; only a quote moves what is in it to the right. */
	private get quoteLeft(): number {
		return QUOTE_STEP * this.quoteDepth;
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
				this.lists.push({
					...parent,
					level: Math.min(8, parent.level + 1),
					depth,
					itemStarted: false,
					items: 0
				});
				return;
			}
			const stopped = this.stoppedAt.get(depth);
			if (start > 1 && stopped?.next === start) {
				// Points numbered on across headings (## I … 1–4, ## II … 5–8): one Word list that goes on counting.
				const { reference, instance } = stopped;
				this.lists.push({
					ordered,
					reference,
					instance,
					level: 0,
					depth,
					itemStarted: false,
					start,
					items: 0
				});
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
			style: STYLE.list[Math.min(list.depth, STYLE.list.length - 1)],
			numbering: {
				reference: list.reference,
				level: list.level,
				instance: list.instance,
				custom: true
			},
			indent: this.quoteLeft ? { left: this.quoteLeft, firstLine: FIRST_LINE } : undefined,
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
		if (this.quoteDepth > 0 && !list) {
			this.blocks.push({
				style: STYLE.quote,
				indent: this.quoteDepth > 1 ? { left: this.quoteLeft, firstLine: 0 } : undefined,
				children
			});
			return;
		}
		const text = (inline.children ?? [])
			.map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : ''))
			.join('');
		if (!list && !this.quoteDepth && isOperativeWord(this.layout.kindTitle, text)) {
			this.blocks.push({ style: STYLE.operative, children });
			return;
		}
		this.blocks.push({
			style: STYLE.body,
			indent: this.quoteLeft ? { left: this.quoteLeft, firstLine: FIRST_LINE } : undefined,
			children
		});
	}

	private plain(text: string) {
		this.blocks.push({ style: STYLE.body, children: [run(text.trim())] });
	}

	private heading(level: number, inline: Token) {
		const options: IParagraphOptions = {
			style: STYLE.headings[level - 1],
			children: inlineRuns(inline.children)
		};
		this.blocks.push(this.quoteLeft ? { ...options, indent: { left: this.quoteLeft } } : options);
	}

	private code(content: string) {
		const codeLines = content.replace(/\n$/, '').split('\n');
		for (const line of codeLines) {
			this.blocks.push({
				style: STYLE.verbatim,
				indent: this.quoteLeft ? { left: this.quoteLeft, firstLine: 0 } : undefined,
				children: [run(line.replace(/\t/g, '    '))]
			});
		}
	}

	private table(tokens: Token[], start: number): number {
		const { rows, next } = tableCells(tokens, start);
		const columns = Math.max(1, ...rows.map((r) => r.length));
		const widths = columnWidths(
			Array.from({ length: columns }, (_, c) => rows.map((r) => r[c]?.inline?.content ?? '')),
			TEXT_WIDTH - this.quoteLeft
		);
		const alignment = {
			left: AlignmentType.LEFT,
			center: AlignmentType.CENTER,
			right: AlignmentType.RIGHT
		};
		const tableRows = rows.map((cells) => {
			const header = cells.some((c) => c.header);
			// A row with a cell left blank is filled in by hand: it gets the room to write in.
			const blank = !header && cells.some((c) => isBlankCell(c.inline?.content ?? ''));
			return new TableRow({
				tableHeader: header || undefined,
				cantSplit: true,
				height: blank ? { value: ROW_MIN, rule: HeightRule.ATLEAST } : undefined,
				children: Array.from({ length: columns }, (_, c) => {
					const cell = cells[c];
					const align = cell?.align ?? (header ? 'center' : 'left');
					return new TableCell({
						width: { size: widths[c]!, type: WidthType.DXA },
						verticalAlign: VerticalAlign.TOP,
						children: [
							new Paragraph({
								style: header ? STYLE.tableHeading : STYLE.table,
								alignment: align === (header ? 'center' : 'left') ? undefined : alignment[align],
								children: inlineRuns(cell?.inline?.children ?? null)
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
				indent: this.quoteLeft ? { size: this.quoteLeft, type: WidthType.DXA } : undefined,
				layout: TableLayoutType.FIXED,
				margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
				borders: {
					top: THIN,
					bottom: THIN,
					left: THIN,
					right: THIN,
					insideHorizontal: THIN,
					insideVertical: THIN
				}
			})
		);
		// A paragraph after every table keeps two tables from merging and gives the text room.
		this.blocks.push({ children: [] });
		return next;
	}

	/**
	 * The parties' block of a bilateral agreement: the same structure on both sides — equal columns, no borders,
	 * every cell left-aligned, the roles in bold over their requisites, the signature row with room to sign —
	 * kept on one page, as the parties sign it together.
	 */
	private partiesTable(tokens: Token[], start: number): number {
		const { rows, next } = tableCells(tokens, start);
		const columns = Math.max(1, ...rows.map((r) => r.length));
		const width = Math.floor(TEXT_WIDTH / columns);
		const widths = Array.from({ length: columns }, () => width);
		// The block keeps with the text before it: the last paragraph (or the section's heading) goes over with it.
		const last = this.blocks.at(-1);
		if (last && !(last instanceof Table))
			this.blocks[this.blocks.length - 1] = { ...last, keepNext: true };
		const tableRows = rows.map((cells, r) => {
			const header = cells.some((c) => c.header);
			const signatures = r === rows.length - 1 && rows.length > 1;
			return new TableRow({
				cantSplit: true,
				keepNext: r < rows.length - 1,
				height: signatures ? { value: ROW_MIN, rule: HeightRule.ATLEAST } : undefined,
				children: Array.from({ length: columns }, (_, c) => {
					const inline = cells[c]?.inline ?? null;
					return new TableCell({
						width: { size: width, type: WidthType.DXA },
						verticalAlign: signatures ? VerticalAlign.BOTTOM : VerticalAlign.TOP,
						margins: {
							left: c > 0 ? CELL_MARGIN * 2 : 0,
							right: c < columns - 1 ? CELL_MARGIN * 2 : 0,
							top: 0,
							bottom: 0
						},
						children: [
							new Paragraph({
								style: header ? STYLE.party : STYLE.table,
								spacing: signatures ? { before: 240 } : undefined,
								children: inlineRuns(inline?.children ?? null)
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
				width: { size: width * columns, type: WidthType.DXA },
				layout: TableLayoutType.FIXED,
				borders: TableBorders.NONE
			})
		);
		this.blocks.push({ children: [] });
		return next;
	}
}

/** A paragraph of one line in a requisite's style; spacing and indent given only where this one differs. */
function line(
	text: string,
	style: string,
	options: { before?: number; after?: number; left?: number } = {}
): Paragraph {
	const spacing =
		options.before || options.after ? { before: options.before, after: options.after } : undefined;
	return new Paragraph({
		style,
		indent: options.left !== undefined ? { left: options.left } : undefined,
		spacing,
		children: [run(text)]
	});
}

function cell(
	width: number,
	children: Paragraph[],
	margins: { left?: number; right?: number } = {},
	verticalAlign: TableVerticalAlign = VerticalAlign.TOP
): TableCell {
	return new TableCell({
		width: { size: width, type: WidthType.DXA },
		verticalAlign,
		margins: { left: margins.left ?? 0, right: margins.right ?? 0, top: 0, bottom: 0 },
		children: children.length ? children : [new Paragraph({ children: [] })]
	});
}

/** A borderless table of fixed columns, for blocks laid out in columns (грифы, acquaintance list, signatures). */
function layoutTable(rows: TableRow[], widths: number[]): Table {
	return new Table({
		rows,
		columnWidths: widths,
		width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
		layout: TableLayoutType.FIXED,
		borders: TableBorders.NONE
	});
}

/**
 * The грифы in one row, as a borderless two-column table: ПРИНЯТО and УЧТЕНО МНЕНИЕ on the left,
 * the approval stamp (or the appendix mark) on the right, starting where a stamp alone would.
 */
function stampsTable(adopted: string[], opinions: string[], right: string[]): Table {
	const leftWidth = STAMP_LEFT;
	const rightWidth = TEXT_WIDTH - STAMP_LEFT;
	// In the table the cell gives the stamp its place, so the style's indent is taken off.
	const left = [
		...adopted.map((text) => line(text, STYLE.stamp, { left: 0 })),
		...opinions.map((text, i) =>
			line(text, STYLE.stamp, { left: 0, before: i === 0 && adopted.length ? 240 : 0 })
		)
	];
	return layoutTable(
		[
			new TableRow({
				cantSplit: true,
				children: [
					cell(leftWidth, left, { right: STAMP_GAP }),
					cell(
						rightWidth,
						right.map((text) => line(text, STYLE.stamp, { left: 0 }))
					)
				]
			})
		],
		[leftWidth, rightWidth]
	);
}

/** Адресат at the upper right and the applicant's blanks under it, each caption small under its blank. */
function addresseeBlock(addressee: string[]): Paragraph[] {
	const out = [
		...addressee.map((text) => line(text, STYLE.addressee)),
		...APPLICANT_LINES.map((l) =>
			line(l.text, l.caption ? STYLE.addresseeCaption : STYLE.addressee)
		)
	];
	out.push(
		new Paragraph({ style: STYLE.addressee, spacing: { after: STAMP_AFTER }, children: [] })
	);
	return out;
}

function requisites(layout: DocumentLayout): (Paragraph | Table)[] {
	const out: (Paragraph | Table)[] = [];
	const letterhead = layout.letterhead !== false;
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
			out.push(line(text, STYLE.stamp, { after: i === right.length - 1 ? STAMP_AFTER : 0 }))
		);
	}
	if (layout.addressee?.length) out.push(...addresseeBlock(layout.addressee));
	if (letterhead)
		out.push(
			new Paragraph({
				style: STYLE.organization,
				spacing: orgBefore ? { before: orgBefore } : undefined,
				children: lines(layout.organizationName)
			})
		);
	out.push(new Paragraph({ style: STYLE.kind, children: [run(kindText(layout.kindTitle))] }));
	if (letterhead && layout.dateLine !== false)
		out.push(
			new Paragraph({
				style: STYLE.requisite,
				children: [
					run(dateText(layout.date)),
					new TextRun({ children: [new Tab(), clean(numberText(layout.number))] })
				]
			})
		);
	// Место составления: under the date and number, centred (ГОСТ Р 7.0.97-2016, п. 5.11).
	if (letterhead && layout.place && layout.place.trim())
		out.push(line(layout.place.trim(), STYLE.place));
	const heading = headingText(layout);
	if (heading)
		out.push(
			new Paragraph({
				style: isOrderKind(layout.kindTitle) ? STYLE.orderTitle : STYLE.title,
				children: lines(heading)
			})
		);
	return out;
}

/**
 * The signature: the position on the left, over as many lines as it needs within the left half or so,
 * then a gap for the hand signature, and the name at the right margin on the position's last line.
 */
function signatureBlock(signature: NonNullable<DocumentLayout['signature']>): Paragraph {
	const position = wrapWords(signature.position, SIGNATURE_POSITION_CHARS).map((line, i) =>
		run(line, {}, i > 0)
	);
	return new Paragraph({
		style: STYLE.signature,
		children: [
			...position,
			new TextRun({ children: [new Tab(), clean(signatureName(signature.name))] })
		]
	});
}

/**
 * The citizen's signature: «___» ________ 20__ г., the signature and its decoding, blanks 8 mm high
 * with their captions under them, in a borderless table so each caption stands under its blank.
 */
function applicantSignatureBlock(): Table {
	const cells = APPLICANT_SIGNATURE.cells.map((text, c) =>
		cell(
			APPLICANT_WIDTHS[c]!,
			[
				new Paragraph({
					style: STYLE.requisite,
					alignment: c > 0 ? AlignmentType.CENTER : undefined,
					children: [run(text)]
				})
			],
			{},
			VerticalAlign.BOTTOM
		)
	);
	const captions = APPLICANT_SIGNATURE.captions.map((text, c) =>
		cell(APPLICANT_WIDTHS[c]!, [
			new Paragraph({ style: STYLE.caption, children: text ? [run(text)] : [] })
		])
	);
	return layoutTable(
		[
			new TableRow({
				cantSplit: true,
				keepNext: true,
				height: { value: ROW_MIN, rule: HeightRule.ATLEAST },
				children: cells
			}),
			new TableRow({ cantSplit: true, children: captions })
		],
		APPLICANT_WIDTHS
	);
}

/** «С приказом ознакомлены:» and a borderless row per person, 8 mm high to sign in: position, И.О. Фамилия, the day or the blank. */
function acquaintedBlocks(layout: DocumentLayout): (Paragraph | Table)[] {
	const people = (layout.acquainted ?? []).filter((p) => p.name.trim());
	if (!people.length) return [];
	const rows = people.map((person) => {
		const texts = [
			person.position?.trim() ?? '',
			signatureName(person.name),
			acquaintedMark(person)
		];
		return new TableRow({
			cantSplit: true,
			height: { value: ROW_MIN, rule: HeightRule.ATLEAST },
			children: texts.map((text, c) =>
				cell(
					ACQUAINTED_WIDTHS[c]!,
					[line(text, STYLE.requisite)],
					{ right: c < texts.length - 1 ? CELL_MARGIN : 0 },
					VerticalAlign.BOTTOM
				)
			)
		});
	});
	return [
		line(acquaintedTitle(layout.kindTitle, people), STYLE.requisite, { before: 480, after: 120 }),
		layoutTable(rows, ACQUAINTED_WIDTHS)
	];
}

/** Отметка об исполнителе: 12 pt, at the left margin, after the signature and the acquaintance list. */
function executorBlocks(layout: DocumentLayout): Paragraph[] {
	return executorLines(layout.executor).map((text, i) =>
		line(text, STYLE.executor, { before: i === 0 ? 720 : 0 })
	);
}

/**
 * Лист согласования on a page of its own: it is filed behind the document and signed by those who agreed it,
 * so it never shares the last page with the text. A bordered table, its header row repeated on every page,
 * each row 8 mm high for a signature.
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
					style: header ? STYLE.tableHeading : STYLE.table,
					alignment:
						!header && (c === 0 || c === SHEET_WIDTHS.length - 1)
							? AlignmentType.CENTER
							: undefined,
					children: [run(text)]
				})
			]
		});
	return [
		new Paragraph({
			style: STYLE.sheetTitle,
			pageBreakBefore: true,
			children: [run(AGREEMENT_SHEET_TITLE)]
		}),
		new Paragraph({
			style: STYLE.requisite,
			alignment: AlignmentType.CENTER,
			spacing: { after: 240 },
			children: [run(agreementSheetSubject(layout.kindTitle, headingText(layout)))]
		}),
		new Table({
			rows: [
				new TableRow({
					tableHeader: true,
					cantSplit: true,
					children: AGREEMENT_SHEET_COLUMNS.map((t, c) => tableCell(t, c, true))
				}),
				...rows.map(
					(cells) =>
						new TableRow({
							cantSplit: true,
							height: { value: ROW_MIN, rule: HeightRule.ATLEAST },
							children: cells.map((t, c) => tableCell(t, c, false))
						})
				)
			],
			columnWidths: SHEET_WIDTHS,
			width: { size: TEXT_WIDTH, type: WidthType.DXA },
			layout: TableLayoutType.FIXED,
			margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
			borders: {
				top: THIN,
				bottom: THIN,
				left: THIN,
				right: THIN,
				insideHorizontal: THIN,
				insideVertical: THIN
			}
		})
	];
}

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

function headingStyle(level: number): IParagraphStyleOptions {
	const centred = level < 2;
	return {
		id: STYLE.headings[level]!,
		name: `Заголовок ${level + 1}`,
		basedOn: STYLE.body,
		next: STYLE.body,
		quickFormat: true,
		run: { bold: true, italics: false, color: '000000' },
		paragraph: {
			alignment: centred ? AlignmentType.CENTER : AlignmentType.LEFT,
			spacing: { before: 240, after: 120 },
			indent: { left: 0, firstLine: centred ? 0 : FIRST_LINE },
			keepNext: true,
			keepLines: true,
			outlineLevel: level
		}
	};
}

function style(
	id: string,
	name: string,
	basedOn: string,
	paragraph: IParagraphStyleOptions['paragraph'] = {},
	run: IParagraphStyleOptions['run'] = {}
): IParagraphStyleOptions {
	return {
		id,
		name,
		basedOn,
		next: basedOn === STYLE.body ? STYLE.body : undefined,
		quickFormat: true,
		paragraph,
		run
	};
}

const LEFT = { alignment: AlignmentType.LEFT as Alignment, indent: { left: 0, firstLine: 0 } };
const CENTRE = { alignment: AlignmentType.CENTER as Alignment, indent: { left: 0, firstLine: 0 } };

/** The styles of {@link STYLE}, with the names a records manager sees in Word. */
function paragraphStyles(): IParagraphStyleOptions[] {
	return [
		style(
			STYLE.body,
			'Основной текст',
			'Normal',
			{ alignment: AlignmentType.JUSTIFIED, indent: { left: 0, firstLine: FIRST_LINE } },
			{ font: FONT, size: SIZE }
		),
		...STYLE.list.map((id, i) =>
			style(id, `Пункт списка ${i + 1}`, STYLE.body, { indent: { left: 0, firstLine: FIRST_LINE } })
		),
		...STYLE.headings.map((_, level) => headingStyle(level)),
		style(STYLE.operative, 'Распорядительное слово', STYLE.body, { ...LEFT, keepNext: true }),
		style(STYLE.quote, 'Цитата', STYLE.body, { indent: { left: QUOTE_STEP, firstLine: 0 } }),
		style(STYLE.verbatim, 'Текст как есть', STYLE.body, LEFT),
		style(
			STYLE.organization,
			'Наименование организации',
			'Normal',
			{ ...CENTRE, keepNext: true },
			{ bold: true }
		),
		style(
			STYLE.kind,
			'Вид документа',
			'Normal',
			{ ...CENTRE, spacing: { before: 360, after: 240 }, keepNext: true },
			{ bold: true }
		),
		style(
			STYLE.title,
			'Заголовок к тексту',
			'Normal',
			{ ...CENTRE, spacing: { before: 360, after: 360 }, keepNext: true },
			{ bold: true }
		),
		style(STYLE.orderTitle, 'Заголовок к тексту приказа', STYLE.title, {
			alignment: AlignmentType.LEFT,
			indent: { left: 0, right: ORDER_HEADING_RIGHT, firstLine: 0 }
		}),
		style(STYLE.requisite, 'Реквизит', 'Normal', {
			...LEFT,
			rightTabStop: TEXT_WIDTH,
			keepNext: true,
			keepLines: true
		}),
		style(STYLE.place, 'Место составления', STYLE.requisite, {
			alignment: AlignmentType.CENTER,
			spacing: { before: 120 }
		}),
		style(STYLE.stamp, 'Гриф', STYLE.requisite, { indent: { left: STAMP_LEFT, firstLine: 0 } }),
		style(STYLE.addressee, 'Адресат', STYLE.stamp),
		style(
			STYLE.caption,
			'Пояснение к строке',
			'Normal',
			{ ...CENTRE, keepLines: true },
			{ size: CAPTION_SIZE }
		),
		style(
			STYLE.addresseeCaption,
			'Адресат — пояснение',
			STYLE.addressee,
			{ alignment: AlignmentType.CENTER },
			{ size: CAPTION_SIZE }
		),
		style(STYLE.signature, 'Подпись', 'Normal', {
			...LEFT,
			rightTabStop: TEXT_WIDTH,
			spacing: { before: 720 },
			keepLines: true
		}),
		style(STYLE.executor, 'Отметка об исполнителе', STYLE.requisite, {}, { size: EXECUTOR_SIZE }),
		style(STYLE.sheetTitle, 'Заголовок листа', STYLE.kind, { spacing: { before: 0, after: 0 } }),
		style(STYLE.table, 'Таблица', 'Normal', LEFT, { size: TABLE_SIZE }),
		style(
			STYLE.tableHeading,
			'Шапка таблицы',
			STYLE.table,
			{ alignment: AlignmentType.CENTER, keepNext: true },
			{ bold: true }
		),
		style(STYLE.party, 'Сторона договора', STYLE.table, { keepNext: true }, { bold: true })
	];
}

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};
const xml = (text: string) => clean(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/**
 * docProps/core.xml, written here rather than by the library, which stamps the moment of packing and «Un-named»:
 * the document is dated by its own date (today while it has none), authored by its organisation, in Russian.
 */
function coreProperties(layout: DocumentLayout): string {
	const author = (layout.organizationShortName ?? '').trim() || layout.organizationName.trim();
	const date = /^\d{4}-\d{2}-\d{2}/.exec(layout.date?.trim() ?? '')?.[0];
	const when = date ? `${date}T00:00:00Z` : new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	const requisites = [
		layout.date?.trim() ? `от ${formatDate(layout.date)}` : '',
		layout.number?.trim() ? numberText(layout.number) : ''
	]
		.filter(Boolean)
		.join(' ');
	const description = [layout.organizationName.trim(), requisites].filter(Boolean).join(', ');
	const kind = kindText(layout.kindTitle).toLocaleLowerCase('ru-RU');
	const fields = [
		`<dc:title>${xml(documentTitle(layout))}</dc:title>`,
		`<dc:subject>${xml(kind.charAt(0).toLocaleUpperCase('ru-RU') + kind.slice(1))}</dc:subject>`,
		`<dc:creator>${xml(author)}</dc:creator>`,
		`<dc:description>${xml(description)}</dc:description>`,
		'<dc:language>ru-RU</dc:language>',
		`<cp:lastModifiedBy>${xml(author)}</cp:lastModifiedBy>`,
		'<cp:revision>1</cp:revision>',
		`<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`,
		`<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`
	];
	return (
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
		'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
		'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
		fields.join('') +
		'</cp:coreProperties>'
	);
}

/**
 * The document as a .docx laid out after ГОСТ Р 7.0.97-2016: A4, margins 20/10/20/20 mm, Times New Roman 14 pt,
 * justified paragraphs with a 1.25 cm first-line indent, automatic hyphenation, page numbers centred at the top
 * from page 2; every paragraph in a named style. The грифы (ПРИНЯТО, УЧТЕНО МНЕНИЕ, УТВЕРЖДЕНО or the appendix
 * mark) or the addressee, organisation, kind, date and number, place and heading above the body; the signature
 * (the head's, the parties' or the citizen's), «С приказом ознакомлены», the executor and the лист согласования below.
 */
export async function renderDocx(layout: DocumentLayout): Promise<Uint8Array> {
	const body = new BodyBuilder(layout);
	const blocks = body.build(parseMarkdown(layout.body));
	// The signature never stands alone on a page: the last paragraph of the text goes over with it.
	const last = blocks.at(-1);
	if ((layout.signature || layout.applicantSignature) && last && !(last instanceof Table))
		blocks[blocks.length - 1] = { ...last, keepNext: true };

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
		styles: {
			default: {
				document: {
					run: { font: FONT, size: SIZE, language: { value: 'ru-RU' } },
					paragraph: { spacing: { line: LINE, lineRule: LineRuleType.AUTO, before: 0, after: 0 } }
				}
			},
			paragraphStyles: paragraphStyles()
		},
		// Capitals (ПРИКАЗЫВАЮ, the kind word) are never broken.
		hyphenation: { autoHyphenation: true, doNotHyphenateCaps: true },
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
								children: [new TextRun({ children: [PageNumber.CURRENT] })]
							})
						]
					}),
					first: new Header({ children: [new Paragraph({ children: [] })] })
				},
				children: [
					...requisites(layout),
					...blocks.map((block) =>
						block instanceof Table ? block : new Paragraph({ style: STYLE.body, ...block })
					),
					...(layout.signature ? [signatureBlock(layout.signature)] : []),
					...(layout.applicantSignature
						? [
								new Paragraph({ style: STYLE.requisite, spacing: { before: 480 }, children: [] }),
								applicantSignatureBlock()
							]
						: []),
					...acquaintedBlocks(layout),
					...executorBlocks(layout),
					...agreementSheetBlocks(layout)
				]
			}
		]
	});

	const buffer = await Packer.toBuffer(doc, false, [
		{ path: 'docProps/core.xml', data: coreProperties(layout) }
	]);
	return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
