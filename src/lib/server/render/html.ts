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
import { renderMarkdownHtml, topHeadingLevel } from './markdown';

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateHtml(date: string | null | undefined): string {
	return withTime(dateText(date), date);
}

/** The text escaped, the date in it (ДД.ММ.ГГГГ) marked up as a `<time>` when the ISO date is given. */
function withTime(text: string, date: string | null | undefined): string {
	const iso = date?.trim() ?? '';
	const shown = formatDate(iso);
	if (!ISO_DATE.test(iso) || !text.includes(shown)) return escapeHtml(text);
	const at = text.lastIndexOf(shown);
	return `${escapeHtml(text.slice(0, at))}<time datetime="${iso}">${shown}</time>${escapeHtml(text.slice(at + shown.length))}`;
}

export interface DocumentHtmlOptions {
	/**
	 * The level of the document's heading element (h2 by default, to sit under the page's own h1);
	 * the Markdown headings of the body follow it, the highest of them one level below.
	 */
	headingLevel?: 1 | 2 | 3 | 4 | 5;
}

/**
 * The whole document as an HTML fragment for the screen and the public page: the requisites of
 * ГОСТ Р 7.0.97-2016 as semantic HTML with `doc-*` classes (see {@link documentCss}), then the body
 * rendered from Markdown, then the signature block. Every piece of text is escaped.
 */
export function renderDocumentHtml(
	layout: DocumentLayout,
	options: DocumentHtmlOptions = {}
): string {
	const level = options.headingLevel ?? 2;
	const order = isOrderKind(layout.kindTitle);
	const out: string[] = [];
	const letterhead = layout.letterhead !== false;
	out.push(`<article class="doc${order ? ' doc--order' : ''}" lang="ru">`);
	out.push('<header class="doc-header">');
	out.push(...stampsHtml(layout));
	out.push(...addresseeHtml(layout));
	if (letterhead) out.push(`<p class="doc-org">${escapeHtml(layout.organizationName.trim())}</p>`);
	out.push(`<p class="doc-kind">${escapeHtml(kindText(layout.kindTitle))}</p>`);
	if (letterhead) {
		out.push('<div class="doc-requisites">');
		if (layout.dateLine !== false)
			out.push(
				`<p class="doc-dateline"><span class="doc-date">${dateHtml(layout.date)}</span>` +
					`<span class="doc-number">${escapeHtml(numberText(layout.number))}</span></p>`
			);
		if (layout.place && layout.place.trim())
			out.push(`<p class="doc-place">${escapeHtml(layout.place.trim())}</p>`);
		out.push('</div>');
	}
	out.push(`<h${level} class="doc-heading">${escapeHtml(headingText(layout))}</h${level}>`);
	out.push('</header>');
	// The text's top headings sit one level under the document's, whether written as # or ##.
	const offset = Math.max(0, level + 1 - topHeadingLevel(layout.body));
	out.push(
		`<div class="doc-body">\n${renderMarkdownHtml(layout.body, { headingOffset: offset, prepare: (tokens) => markBlocks(tokens, layout) })}</div>`
	);
	if (layout.signature) {
		out.push(
			'<footer class="doc-signature">' +
				`<span class="doc-signature-position">${escapeHtml(layout.signature.position.trim())}</span>` +
				`<span class="doc-signature-name">${escapeHtml(signatureName(layout.signature.name))}</span>` +
				'</footer>'
		);
	}
	if (layout.applicantSignature) out.push(applicantSignatureHtml());
	out.push(...acquaintedHtml(layout));
	const executor = executorLines(layout.executor);
	if (executor.length) out.push(`<p class="doc-executor">${linesHtml(executor)}</p>`);
	out.push(...agreementSheetHtml(layout));
	out.push('</article>');
	return out.join('\n');
}

function linesHtml(lines: string[]): string {
	return lines.map(escapeHtml).join('<br>');
}

/**
 * Classes on the body's blocks, as the DOCX styles them: the operative word of an order flush left, a table row
 * with a blank to fill in by hand 8 mm high, the parties' block of a bilateral agreement in two equal columns.
 */
function markBlocks(tokens: Token[], layout: DocumentLayout) {
	let row: Token | null = null;
	tokens.forEach((token, i) => {
		const next = tokens[i + 1];
		if (token.type === 'paragraph_open' && token.level === 0 && next?.type === 'inline') {
			const text = (next.children ?? [])
				.map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : ''))
				.join('');
			if (isOperativeWord(layout.kindTitle, text)) token.attrJoin('class', 'doc-operative');
		}
		if (token.type === 'tr_open') row = token;
		if (
			token.type === 'td_open' &&
			row &&
			next?.type === 'inline' &&
			isBlankCell(next.content) &&
			!row.attrGet('class')
		)
			row.attrJoin('class', 'doc-fill');
	});
	if (layout.parties)
		tokens.findLast((t) => t.type === 'table_open')?.attrJoin('class', 'doc-parties');
}

/** Адресат at the upper right, then the applicant's blanks, each caption under its blank. */
function addresseeHtml(layout: DocumentLayout): string[] {
	if (!layout.addressee?.length) return [];
	const lines = [
		...layout.addressee.map((text) => `<p>${escapeHtml(text)}</p>`),
		...APPLICANT_LINES.map(
			(l) => `<p${l.caption ? ' class="doc-caption"' : ''}>${escapeHtml(l.text)}</p>`
		)
	];
	return ['<div class="doc-addressee">', ...lines, '</div>'];
}

/** The citizen's signature: the date, the signature and its decoding, with the captions under them. */
function applicantSignatureHtml(): string {
	const cells = APPLICANT_SIGNATURE.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('');
	const captions = APPLICANT_SIGNATURE.captions
		.map((c) => `<td class="doc-caption">${escapeHtml(c)}</td>`)
		.join('');
	return `<table class="doc-applicant-signature"><tbody><tr>${cells}</tr><tr>${captions}</tr></tbody></table>`;
}

/**
 * The грифы above the organisation, in one row: ПРИНЯТО and УЧТЕНО МНЕНИЕ on the left,
 * УТВЕРЖДЕНО (or, for an order's appendix, «Приложение … к приказу …») on the right.
 */
function stampsHtml(layout: DocumentLayout): string[] {
	const adopted = adoptedLines(layout.adopted);
	const opinions = opinionLines(layout.opinions);
	const right = layout.appendix
		? `<p class="doc-appendix">${linesHtml(appendixLines(layout.appendix))}</p>`
		: layout.approval
			? `<p class="doc-approval">${linesHtml(approvalLines(layout.kindTitle, layout.approval))}</p>`
			: '';
	if (!adopted.length && !opinions.length && !right) return [];
	const out = ['<div class="doc-stamps">'];
	if (adopted.length || opinions.length) {
		out.push('<div class="doc-stamps-left">');
		if (adopted.length) out.push(`<p class="doc-adopted">${linesHtml(adopted)}</p>`);
		if (opinions.length) out.push(`<p class="doc-opinions">${linesHtml(opinions)}</p>`);
		out.push('</div>');
	}
	if (right) out.push(right);
	out.push('</div>');
	return out;
}

/** «С приказом ознакомлены:» and a row per person: position, И.О. Фамилия, the day acknowledged or a blank to sign. */
function acquaintedHtml(layout: DocumentLayout): string[] {
	const people = (layout.acquainted ?? []).filter((p) => p.name.trim());
	if (!people.length) return [];
	const rows = people.map(
		(p) =>
			'<tr>' +
			`<td class="doc-acquainted-position">${escapeHtml(p.position?.trim() ?? '')}</td>` +
			`<td class="doc-acquainted-name">${escapeHtml(signatureName(p.name))}</td>` +
			`<td class="doc-acquainted-mark">${withTime(acquaintedMark(p), p.date)}</td>` +
			'</tr>'
	);
	return [
		'<section class="doc-acquainted">',
		`<p class="doc-acquainted-title">${escapeHtml(acquaintedTitle(layout.kindTitle, people))}</p>`,
		`<table><tbody>\n${rows.join('\n')}\n</tbody></table>`,
		'</section>'
	];
}

/** Лист согласования after the document: a table with its caption, on a page of its own when printed. */
function agreementSheetHtml(layout: DocumentLayout): string[] {
	const rows = agreementSheetRows(layout.approvalSheet);
	if (!rows.length) return [];
	const head = AGREEMENT_SHEET_COLUMNS.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
	const body = rows.map((cells, i) => {
		const date = layout.approvalSheet![i]!.date;
		return `<tr>${cells.map((c, j) => `<td>${j === cells.length - 1 ? withTime(c, date) : escapeHtml(c)}</td>`).join('')}</tr>`;
	});
	const caption =
		`<caption><span class="doc-agreement-title">${escapeHtml(AGREEMENT_SHEET_TITLE)}</span>` +
		`<span class="doc-agreement-subject">${escapeHtml(agreementSheetSubject(layout.kindTitle, headingText(layout)))}</span></caption>`;
	return [
		'<section class="doc-agreement">',
		`<table>${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody></table>`,
		'</section>'
	];
}

/**
 * Styles for {@link renderDocumentHtml}: a printed page after ГОСТ Р 7.0.97-2016 — Times New Roman 14 pt,
 * justified body with a 1.25 cm first-line indent, A4 with margins 20/10/20/20 mm when printed.
 */
export const documentCss = `
.doc {
	font-family: 'Times New Roman', Times, 'Liberation Serif', 'Nimbus Roman', serif;
	font-size: 14pt;
	line-height: 1.15;
	color: #000;
	background: #fff;
	box-sizing: border-box;
	overflow-wrap: break-word;
}
@media screen {
	.doc {
		max-width: 210mm;
		margin: 0 auto;
		padding: 20mm 10mm 20mm 20mm;
		box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
	}
}
@media screen and (max-width: 40rem) {
	.doc { padding: 1rem; font-size: 12pt; }
}
.doc p, .doc ol, .doc ul, .doc blockquote, .doc pre, .doc table { margin: 0; }
.doc-header { margin-bottom: 12pt; }
.doc .doc-stamps {
	display: grid;
	grid-template-columns: 1fr 1fr;
	column-gap: 1.5em;
	margin-bottom: 18pt;
	text-align: left;
}
.doc .doc-stamps-left { grid-column: 1; }
.doc .doc-stamps-left p + p { margin-top: 12pt; }
.doc :is(.doc-approval, .doc-appendix) { grid-column: 2; }
.doc .doc-addressee { margin: 0 0 24pt 50%; text-align: left; }
.doc .doc-caption { font-size: 10pt; text-align: center; }
.doc .doc-org { text-align: center; font-weight: bold; }
.doc .doc-kind { text-align: center; font-weight: bold; margin-top: 12pt; letter-spacing: 0.05em; }
.doc .doc-requisites { margin-top: 12pt; }
.doc .doc-dateline { display: flex; justify-content: space-between; gap: 1em; }
.doc .doc-place { text-align: center; }
.doc .doc-heading {
	font-size: 14pt;
	font-weight: bold;
	text-align: center;
	margin: 12pt 0 0;
	line-height: 1.15;
}
.doc--order .doc-heading { text-align: left; max-width: 60%; }
.doc-body p, .doc-body li { text-align: justify; hyphens: auto; }
.doc-body p { text-indent: 1.25cm; }
.doc-body p.doc-operative { text-indent: 0; text-align: left; }
.doc-body :is(h1, h2, h3, h4, h5, h6) {
	font-size: 14pt;
	font-weight: bold;
	margin: 12pt 0 6pt;
	text-align: left;
	text-indent: 1.25cm;
	break-after: avoid;
}
.doc-body :is(.doc-h1, .doc-h2) { text-align: center; text-indent: 0; }
/* Every list line starts at the paragraph indent and wraps back to the margin, nested ones too. */
.doc-body ol, .doc-body ul { padding-left: 0; list-style-position: inside; }
.doc-body li { text-indent: 1.25cm; }
.doc-body li p { text-indent: 0; display: inline; }
.doc-body li > p + p { display: block; text-indent: 1.25cm; }
.doc-body ol > li::marker { content: counter(list-item) '. '; }
.doc-body ol > li > ol > li::marker { content: counters(list-item, '.') '. '; }
.doc-body ul > li::marker { content: '– '; }
.doc-body ul ul > li::marker { content: '• '; }
.doc-body ul ul ul > li::marker { content: '◦ '; }
.doc-body blockquote { margin-left: 1.25cm; }
.doc-body blockquote p { text-indent: 0; }
.doc-body code, .doc-body pre { font: inherit; }
.doc-body pre { white-space: pre-wrap; }
.doc-body hr { border: 0; border-top: 1px solid #000; margin: 12pt 0; }
.doc-body table { border-collapse: collapse; width: 100%; font-size: 12pt; margin: 6pt 0; }
.doc-body th, .doc-body td {
	border: 1px solid #000;
	padding: 2pt 4pt;
	vertical-align: top;
	text-align: left;
	text-indent: 0;
}
.doc-body th { font-weight: bold; text-align: center; }
.doc-body tr.doc-fill > td { height: 8mm; }
.doc-body table.doc-parties { table-layout: fixed; margin-top: 12pt; }
.doc-body .doc-parties :is(th, td) { width: 50%; border: 0; padding: 0 0.75em 0 0; text-align: left; }
.doc-body .doc-parties :is(th, td) + :is(th, td) { padding: 0 0 0 0.75em; }
.doc-body .doc-parties tr:last-child > td { height: 8mm; vertical-align: bottom; padding-top: 12pt; }
.doc .doc-applicant-signature { width: 100%; border-collapse: collapse; margin-top: 36pt; table-layout: fixed; }
.doc-applicant-signature td { padding: 0; vertical-align: bottom; text-align: center; white-space: nowrap; }
.doc-applicant-signature td:first-child { width: 38%; text-align: left; }
.doc-applicant-signature td:nth-child(2) { width: 27%; }
.doc-applicant-signature tr:first-child td { height: 8mm; }
.doc-signature {
	display: flex;
	justify-content: space-between;
	align-items: flex-end;
	gap: 2em;
	margin-top: 36pt;
}
.doc-signature-position { max-width: 60%; }
.doc-signature-name { white-space: nowrap; }
.doc-acquainted { margin-top: 24pt; }
.doc-acquainted table { border-collapse: collapse; width: 100%; margin-top: 6pt; }
.doc-acquainted td { padding: 0 0.5em 6pt 0; height: 8mm; vertical-align: bottom; text-align: left; }
.doc-acquainted-position { width: 40%; }
.doc-acquainted-name { white-space: nowrap; }
.doc .doc-executor { margin-top: 24pt; font-size: 12pt; }
.doc-agreement { margin-top: 36pt; }
.doc-agreement table { border-collapse: collapse; width: 100%; font-size: 12pt; }
.doc-agreement caption { font-size: calc(14em / 12); text-align: center; margin-bottom: 12pt; }
.doc-agreement-title { display: block; font-weight: bold; letter-spacing: 0.05em; }
.doc-agreement th, .doc-agreement td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }
.doc-agreement td { height: 8mm; }
.doc-agreement th { font-weight: bold; text-align: center; }
.doc-agreement td:first-child, .doc-agreement td:last-child { text-align: center; white-space: nowrap; }
.doc-agreement td:nth-child(3) { white-space: nowrap; }
/* A phone stacks the грифы, gives each acquaintance a block of its own and narrows the sheet. */
@media screen and (max-width: 40rem) {
	.doc .doc-stamps { grid-template-columns: 1fr; row-gap: 12pt; }
	.doc .doc-addressee { margin-left: 0; }
	.doc :is(.doc-stamps-left, .doc-approval, .doc-appendix) { grid-column: 1; }
	.doc-acquainted tr, .doc-acquainted td { display: block; }
	.doc-acquainted td { width: auto; padding-bottom: 0; }
	.doc-acquainted tr + tr { margin-top: 8pt; }
	.doc-agreement { overflow-x: auto; }
	.doc-agreement table { font-size: 10pt; }
	.doc-agreement :is(th, td) { padding: 2pt; hyphens: auto; }
	.doc-agreement td:nth-child(3) { white-space: normal; }
}
@media print {
	@page { size: A4; margin: 20mm 10mm 20mm 20mm; }
	.doc { max-width: none; margin: 0; padding: 0; box-shadow: none; }
	.doc a { color: inherit; text-decoration: none; }
	.doc-body tr, .doc-signature, .doc-acquainted tr, .doc-agreement tr, .doc-parties, .doc-applicant-signature { break-inside: avoid; }
	.doc-agreement { margin-top: 0; break-before: page; }
}
`;
