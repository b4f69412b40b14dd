import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import {
	PAGE,
	documentFlow,
	documentMoment,
	resolveStyle,
	type FlowBlock,
	type FlowParagraph,
	type FlowTable,
	type ResolvedStyle,
	type Run
} from './flow';
import { documentTitle, formatDate, kindText, numberText, type DocumentLayout } from './layout';

// Tinos (the Chrome OS core font, SIL Open Font License 1.1) has the metrics of Times New Roman, so a line
// breaks where it breaks in the DOCX; it covers Cyrillic, «», № and the dashes. From @expo-google-fonts/tinos.
const FONT_FILES = {
	regular: '400Regular/Tinos_400Regular.ttf',
	bold: '700Bold/Tinos_700Bold.ttf',
	italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
	boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf'
} as const;
type FontName = keyof typeof FONT_FILES;

let fonts: Record<FontName, Buffer> | null = null;

/** The four faces, read once: the files stay in memory, each PDF embeds the subset it uses. */
function fontData(): Record<FontName, Buffer> {
	if (!fonts) {
		const require = createRequire(import.meta.url);
		const dir = require
			.resolve('@expo-google-fonts/tinos/package.json')
			.replace(/package\.json$/, '');
		fonts = Object.fromEntries(
			Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(dir + file)])
		) as Record<FontName, Buffer>;
	}
	return fonts;
}

const pt = (twips: number) => twips / 20;
const PAGE_W = pt(PAGE.width);
const PAGE_H = pt(PAGE.height);
const TOP = pt(PAGE.marginTop);
const BOTTOM = PAGE_H - pt(PAGE.marginBottom);
const LEFT = pt(PAGE.marginLeft);
const BORDER = 0.5;

function fontOf(run: { bold?: boolean; italics?: boolean }): FontName {
	if (run.bold) return run.italics ? 'boldItalic' : 'bold';
	return run.italics ? 'italic' : 'regular';
}

/** A piece of a word in one face. */
interface Piece {
	text: string;
	font: FontName;
	width: number;
	strike: boolean;
}

interface Word {
	pieces: Piece[];
	width: number;
	/** The width of the space after it, or 0 when the word ends the text or a line break follows. */
	space: number;
	/** A list item's number: the space after it is never stretched. */
	label?: boolean;
}

interface Line {
	words: Word[];
	/** Extra points added to each space between words, to justify the line. */
	stretch: number;
	/** Where the line starts, from the paragraph's left edge. */
	offset: number;
	tab?: string;
}

interface MeasuredParagraph {
	style: ResolvedStyle;
	lines: Line[];
	lineHeight: number;
	before: number;
	after: number;
	keepNext: boolean;
	keepLines: boolean;
	pageBreakBefore: boolean;
	rule: boolean;
	/** The text's left edge and width, points. */
	x: number;
	width: number;
	align: ResolvedStyle['align'];
}

/** Lays a document out on A4 pages with pdfkit: line breaking, justification and pagination are done here. */
class PdfWriter {
	private y = TOP;
	private pageStart = true;
	/** The space after the last paragraph, not yet added: the next one's space before may take its place. */
	private pendingAfter = 0;

	/** Widths already measured: a document repeats its words, and each measurement shapes the text. */
	private readonly widths = new Map<string, number>();

	constructor(private readonly doc: PDFKit.PDFDocument) {}

	private measure(text: string, font: FontName, size: number): number {
		const key = `${font}\u0000${size}\u0000${text}`;
		let width = this.widths.get(key);
		if (width === undefined) {
			width = this.doc.font(font).fontSize(size).widthOfString(text);
			this.widths.set(key, width);
		}
		return width;
	}

	private lineHeight(size: number): number {
		return this.doc.font('regular').fontSize(size).currentLineHeight(true);
	}

	/** The paragraph's words: runs split at spaces; a word may change face in the middle («**5**-й»). */
	private words(runs: Run[], size: number): (Word | 'break')[] {
		const out: (Word | 'break')[] = [];
		let current: Word | null = null;
		const spaceWidth = (font: FontName) => this.measure(' ', font, size);
		for (const run of runs) {
			if (run.lineBreak) {
				if (current) out.push(current);
				current = null;
				out.push('break');
			}
			const font = fontOf(run);
			for (const part of run.text.split(/( +)/)) {
				if (!part) continue;
				if (part.startsWith(' ')) {
					if (current) {
						current.space = spaceWidth(font);
						out.push(current);
						current = null;
					}
					continue;
				}
				const piece = {
					text: part,
					font,
					width: this.measure(part, font, size),
					strike: !!run.strike
				};
				current ??= { pieces: [], width: 0, space: 0 };
				current.pieces.push(piece);
				current.width += piece.width;
			}
		}
		if (current) out.push(current);
		return out;
	}

	/** A word too long for the line (an address, a long number) is cut between characters. */
	private splitWord(word: Word, width: number, size: number): Word[] {
		const out: Word[] = [];
		let current: Word = { pieces: [], width: 0, space: 0 };
		for (const piece of word.pieces)
			for (const ch of piece.text) {
				const w = this.measure(ch, piece.font, size);
				if (current.width + w > width && current.width > 0) {
					out.push(current);
					current = { pieces: [], width: 0, space: 0 };
				}
				const last = current.pieces.at(-1);
				if (last && last.font === piece.font && last.strike === piece.strike) {
					last.text += ch;
					last.width += w;
				} else current.pieces.push({ ...piece, text: ch, width: w });
				current.width += w;
			}
		current.space = word.space;
		out.push(current);
		return out;
	}

	measureParagraph(p: FlowParagraph, x: number, width: number): MeasuredParagraph {
		const style = resolveStyle(p.style);
		const size = style.size;
		const left = pt(p.left ?? style.left);
		const firstLine = pt(p.firstLine ?? style.firstLine);
		const right = pt(style.right);
		const align = p.align ?? style.align;
		const textWidth = width - left - right;
		const runs: Run[] = p.label
			? [{ text: `${p.label} `, bold: style.bold }, ...p.runs]
			: p.runs.map((r) => ({ ...r, bold: r.bold || style.bold }));
		const lines: Line[] = [];
		let line: Line = { words: [], stretch: 0, offset: firstLine };
		let used = 0;
		const finish = (justify: boolean) => {
			const last = line.words.at(-1);
			if (last) last.space = 0;
			const room = textWidth - line.offset - used;
			const gaps = line.words.filter((w) => !w.label).length - 1;
			if (justify && align === 'justify' && gaps > 0 && room > 0) line.stretch = room / gaps;
			else if (align === 'center') line.offset += Math.max(0, room) / 2;
			else if (align === 'right') line.offset += Math.max(0, room);
			lines.push(line);
			line = { words: [], stretch: 0, offset: 0 };
			used = 0;
		};
		const words = this.words(runs, size);
		if (p.label && words[0] !== 'break' && words[0]) words[0].label = true;
		for (const item of words) {
			if (item === 'break') {
				finish(false);
				continue;
			}
			const room = textWidth - line.offset;
			const pieces =
				item.width > room && item.width > textWidth
					? this.splitWord(item, textWidth - (line.words.length ? 0 : line.offset), size)
					: [item];
			for (const word of pieces) {
				const previous = line.words.at(-1);
				const need = (previous ? previous.space : 0) + word.width;
				if (previous && used + need > textWidth - line.offset + 0.01) {
					finish(true);
					line.words.push(word);
					used = word.width;
				} else {
					line.words.push(word);
					used += need;
				}
			}
		}
		finish(false);
		if (p.tab) lines.at(-1)!.tab = p.tab;
		return {
			style,
			lines,
			lineHeight: this.lineHeight(size),
			before: pt(p.before ?? style.before),
			after: pt(p.after ?? style.after),
			keepNext: p.keepNext ?? style.keepNext,
			keepLines: style.keepLines,
			pageBreakBefore: !!p.pageBreakBefore,
			rule: !!p.rule,
			x: x + left,
			width: textWidth,
			align
		};
	}

	private drawLine(m: MeasuredParagraph, line: Line, top: number) {
		const size = m.style.size;
		let x = m.x + line.offset;
		for (const word of line.words) {
			for (const piece of word.pieces) {
				this.doc.font(piece.font).fontSize(size);
				// The space goes into the text too, so a copied line keeps its words apart.
				const trailing = piece === word.pieces.at(-1) && word.space ? ' ' : '';
				this.doc.text(piece.text + trailing, x, top, { lineBreak: false });
				if (piece.strike) {
					const mid = top + m.lineHeight * 0.55;
					this.doc
						.moveTo(x, mid)
						.lineTo(x + piece.width, mid)
						.lineWidth(size / 18)
						.stroke();
				}
				x += piece.width;
			}
			x += word.space + (word.label ? 0 : line.stretch);
		}
		if (line.tab) {
			const font = fontOf({ bold: m.style.bold });
			const w = this.measure(line.tab, font, size);
			this.doc
				.font(font)
				.fontSize(size)
				.text(line.tab, m.x + m.width - w, top, {
					lineBreak: false
				});
		}
	}

	/** Height of a paragraph's first lines that must stay together (the whole of it when its lines are kept). */
	private headHeight(m: MeasuredParagraph): number {
		const lines = m.keepLines ? m.lines.length : Math.min(2, m.lines.length);
		return lines * m.lineHeight;
	}

	private newPage() {
		this.doc.addPage({ size: [PAGE_W, PAGE_H], margin: 0 });
		this.y = TOP;
		this.pageStart = true;
		this.pendingAfter = 0;
	}

	/** What must go on the page with the block at i: itself, and while blocks keep with the next, those too. */
	private keptHeight(blocks: Measured[], i: number): number {
		let height = 0;
		for (let j = i; j < blocks.length; j++) {
			const b = blocks[j]!;
			// What starts a page of its own does not pull the blocks before it over.
			if (j > i && b.kind === 'paragraph' && b.paragraph.pageBreakBefore) break;
			if (b.kind === 'table') {
				height += b.rows[0]?.height ?? 0;
				if (!b.keepTogether) break;
				height = height - (b.rows[0]?.height ?? 0) + b.height;
				break;
			}
			const m = b.paragraph;
			height += (j === i ? 0 : m.before) + this.headHeight(m);
			if (!m.keepNext) break;
			height += m.after + (m.lines.length * m.lineHeight - this.headHeight(m));
		}
		return height;
	}

	private placeParagraph(blocks: Measured[], i: number) {
		const m = (blocks[i] as { paragraph: MeasuredParagraph }).paragraph;
		if (m.pageBreakBefore && !this.pageStart) this.newPage();
		// The space between two paragraphs is the larger of the first's after and the second's before, as
		// LibreOffice lays out the DOCX; at the top of a page there is none.
		const gap = () => (this.pageStart ? 0 : Math.max(m.before, this.pendingAfter));
		if (!this.pageStart && this.y + gap() + this.keptHeight(blocks, i) > BOTTOM) this.newPage();
		this.y += gap();
		this.pendingAfter = 0;
		m.lines.forEach((line, n) => {
			const left = m.lines.length - n;
			// No single last line at the top of the next page: one more line goes over with it.
			const widow = left === 2 && n > 0 && !m.keepLines && this.y + 2 * m.lineHeight > BOTTOM;
			if (!this.pageStart && (this.y + m.lineHeight > BOTTOM || widow)) this.newPage();
			this.drawLine(m, line, this.y);
			this.y += m.lineHeight;
			this.pageStart = false;
		});
		if (m.rule) {
			this.doc
				.moveTo(m.x, this.y + 1)
				.lineTo(m.x + m.width, this.y + 1)
				.lineWidth(0.75)
				.stroke();
		}
		this.pendingAfter = m.after;
		this.pageStart = false;
	}

	measureTable(t: FlowTable): MeasuredTable {
		const x0 = LEFT + pt(t.indent ?? 0);
		const widths = t.widths.map(pt);
		const rows = t.rows.map((row) => {
			let x = x0;
			const cells = row.cells.map((cell, c) => {
				const w = widths[c] ?? 0;
				const inner = w - pt(cell.padLeft) - pt(cell.padRight);
				const paragraphs = cell.paragraphs.map((p) =>
					this.measureParagraph(p, x + pt(cell.padLeft), inner)
				);
				const { tops, height } = stack(paragraphs);
				const measured = { x, width: w, paragraphs, tops, height, valign: cell.valign };
				x += w;
				return measured;
			});
			const height = Math.max(pt(row.minHeight ?? 0), ...cells.map((c) => c.height));
			return { cells, height, header: !!row.header, keepNext: !!row.keepNext };
		});
		const keepTogether = rows.length > 0 && rows.slice(0, -1).every((r) => r.keepNext);
		return {
			kind: 'table',
			rows,
			borders: t.borders,
			keepTogether,
			height: rows.reduce((sum, r) => sum + r.height, 0)
		};
	}

	private drawRow(t: MeasuredTable, row: MeasuredRow) {
		for (const cell of row.cells) {
			const y0 = this.y + (cell.valign === 'bottom' ? row.height - cell.height : 0);
			cell.paragraphs.forEach((m, n) =>
				m.lines.forEach((line, l) => this.drawLine(m, line, y0 + cell.tops[n]! + l * m.lineHeight))
			);
			if (t.borders)
				this.doc.lineWidth(BORDER).rect(cell.x, this.y, cell.width, row.height).stroke();
		}
		this.y += row.height;
		this.pageStart = false;
	}

	private placeTable(blocks: Measured[], i: number) {
		const t = blocks[i] as MeasuredTable;
		const headers = t.rows.filter((r, n) => r.header && t.rows.slice(0, n).every((h) => h.header));
		if (!this.pageStart) this.y += this.pendingAfter;
		this.pendingAfter = 0;
		if (!this.pageStart && this.y + this.keptHeight(blocks, i) > BOTTOM) this.newPage();
		t.rows.forEach((row) => {
			if (!this.pageStart && this.y + row.height > BOTTOM) {
				this.newPage();
				// The header rows are repeated on every page the table goes over to.
				if (!row.header) for (const h of headers) this.drawRow(t, h);
			}
			this.drawRow(t, row);
		});
	}

	write(flow: FlowBlock[]) {
		const width = pt(PAGE.width - PAGE.marginLeft - PAGE.marginRight);
		const blocks: Measured[] = flow.map((b) =>
			b.type === 'table'
				? this.measureTable(b)
				: { kind: 'paragraph', paragraph: this.measureParagraph(b, LEFT, width) }
		);
		this.newPage();
		blocks.forEach((b, i) =>
			b.kind === 'table' ? this.placeTable(blocks, i) : this.placeParagraph(blocks, i)
		);
		// Page numbers centred in the top margin from page 2, as the DOCX's header prints them.
		const range = this.doc.bufferedPageRange();
		for (let n = 1; n < range.count; n++) {
			this.doc.switchToPage(range.start + n);
			const label = String(n + 1);
			const w = this.measure(label, 'regular', 14);
			this.doc
				.font('regular')
				.fontSize(14)
				.text(label, LEFT + (width - w) / 2, pt(PAGE.header), { lineBreak: false });
		}
	}
}

/** Where each paragraph of a cell starts, the space between two the larger of after and before. */
function stack(paragraphs: MeasuredParagraph[]): { tops: number[]; height: number } {
	const tops: number[] = [];
	let y = 0;
	let after = 0;
	for (const m of paragraphs) {
		y += tops.length ? Math.max(after, m.before) : m.before;
		tops.push(y);
		y += m.lines.length * m.lineHeight;
		after = m.after;
	}
	return { tops, height: y + after };
}

interface MeasuredRow {
	cells: {
		x: number;
		width: number;
		paragraphs: MeasuredParagraph[];
		tops: number[];
		height: number;
		valign: 'top' | 'bottom';
	}[];
	height: number;
	header: boolean;
	keepNext: boolean;
}

interface MeasuredTable {
	kind: 'table';
	rows: MeasuredRow[];
	borders: boolean;
	/** Every row keeps with the next: the table goes on one page. */
	keepTogether: boolean;
	height: number;
}

type Measured = MeasuredTable | { kind: 'paragraph'; paragraph: MeasuredParagraph };

/**
 * The document as a PDF of A4 pages laid out like the DOCX (ГОСТ Р 7.0.97-2016: margins 20/10/20/20 mm, 14 pt
 * Times-metric serif, single spacing, justified with a 1.25 cm first-line indent, page numbers from page 2),
 * its text real and its fonts embedded as subsets. The same layout gives the same bytes: the dates inside are
 * the document's own, the file identifier is made from them.
 */
export async function renderPdf(layout: DocumentLayout): Promise<Uint8Array> {
	const faces = fontData();
	const when = documentMoment(layout);
	const author = (layout.organizationShortName ?? '').trim() || layout.organizationName.trim();
	const requisites = [
		layout.date?.trim() ? `от ${formatDate(layout.date)}` : '',
		layout.number?.trim() ? numberText(layout.number) : ''
	]
		.filter(Boolean)
		.join(' ');
	const kind = kindText(layout.kindTitle).toLocaleLowerCase('ru-RU');
	const doc = new PDFDocument({
		autoFirstPage: false,
		bufferPages: true,
		compress: true,
		lang: 'ru-RU',
		displayTitle: true,
		pdfVersion: '1.7',
		// No default font: pdfkit caches a font by the name it was registered under only when that name
		// opens it first; a default opened from bytes made every later font('regular') parse the TTF again.
		font: null as unknown as string,
		info: {
			Title: documentTitle(layout),
			Author: author,
			Subject: [kind.charAt(0).toLocaleUpperCase('ru-RU') + kind.slice(1), requisites]
				.filter(Boolean)
				.join(' '),
			Creator: 'Регламент',
			Producer: 'Регламент (PDFKit)',
			CreationDate: when,
			ModDate: when
		}
	});
	for (const [name, data] of Object.entries(faces)) doc.registerFont(name, data);
	doc.font('regular');
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<void>((resolve, reject) => {
		doc.on('end', resolve);
		doc.on('error', reject);
	});
	new PdfWriter(doc).write(documentFlow(layout));
	doc.end();
	await done;
	const bytes = Buffer.concat(chunks);
	return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
