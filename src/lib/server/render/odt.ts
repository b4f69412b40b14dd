import { strToU8, zipSync, type Zippable } from 'fflate';
import {
	PAGE,
	PARAGRAPH_STYLES,
	TEXT_WIDTH,
	documentFlow,
	documentMoment,
	type Align,
	type FlowBlock,
	type FlowParagraph,
	type FlowTable,
	type ParagraphStyle,
	type Run,
	type StyleId
} from './flow';
import { documentTitle, formatDate, kindText, numberText, type DocumentLayout } from './layout';

const MIMETYPE = 'application/vnd.oasis.opendocument.text';
const FONT = 'Times New Roman';

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** Twips as millimetres, the unit the file states its lengths in. */
const mm = (twips: number) => `${Math.round((twips / 56.6929) * 100) / 100}mm`;

const ALIGN: Record<Align, string> = {
	left: 'start',
	center: 'center',
	right: 'end',
	justify: 'justify'
};

const NS = [
	'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
	'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
	'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
	'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
	'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
	'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
	'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
	'xmlns:dc="http://purl.org/dc/elements/1.1/"',
	'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"'
].join(' ');

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

/** The paragraph and text properties a style sets, as ODF attributes; only what it states itself. */
function styleProperties(s: Partial<ParagraphStyle> & { breakBefore?: boolean; rule?: boolean }) {
	const paragraph: string[] = [];
	const text: string[] = [];
	if (s.align) paragraph.push(`fo:text-align="${ALIGN[s.align]}"`);
	if (s.left !== undefined) paragraph.push(`fo:margin-left="${mm(s.left)}"`);
	if (s.right !== undefined) paragraph.push(`fo:margin-right="${mm(s.right)}"`);
	if (s.firstLine !== undefined) paragraph.push(`fo:text-indent="${mm(s.firstLine)}"`);
	if (s.before !== undefined) paragraph.push(`fo:margin-top="${mm(s.before)}"`);
	if (s.after !== undefined) paragraph.push(`fo:margin-bottom="${mm(s.after)}"`);
	if (s.keepNext) paragraph.push('fo:keep-with-next="always"');
	if (s.keepLines) paragraph.push('fo:keep-together="always"');
	if (s.breakBefore) paragraph.push('fo:break-before="page"');
	if (s.rule) paragraph.push('fo:border-bottom="0.75pt solid #000000" fo:padding-bottom="0.5mm"');
	if (s.size !== undefined) text.push(`fo:font-size="${s.size}pt"`);
	if (s.bold !== undefined) text.push(`fo:font-weight="${s.bold ? 'bold' : 'normal'}"`);
	return { paragraph, text };
}

function propertiesXml(paragraph: string[], text: string[], inner = ''): string {
	return (
		(paragraph.length || inner
			? `<style:paragraph-properties ${paragraph.join(' ')}${inner ? `>${inner}</style:paragraph-properties>` : '/>'}`
			: '') + (text.length ? `<style:text-properties ${text.join(' ')}/>` : '')
	);
}

// The date line and the signature put the number and the name against the right margin.
const RIGHT_TAB = `<style:tab-stops><style:tab-stop style:position="${mm(TEXT_WIDTH)}" style:type="right"/></style:tab-stops>`;

/** The named styles, with the display names of the DOCX's styles, so a school restyles the set in its office suite. */
function namedStyles(): string {
	return (Object.entries(PARAGRAPH_STYLES) as [StyleId, ParagraphStyle][])
		.map(([id, s]) => {
			const { paragraph, text } = styleProperties(s);
			if (id === 'body') text.push('fo:hyphenate="true"');
			if (id === 'normal') paragraph.push('fo:line-height="100%"');
			const tabs = id === 'requisite' || id === 'signature' ? RIGHT_TAB : '';
			const parent = s.parent ? ` style:parent-style-name="${s.parent}"` : '';
			const next = s.parent === 'body' || id === 'body' ? ' style:next-style-name="body"' : '';
			return `<style:style style:name="${id}" style:display-name="${xml(s.name)}" style:family="paragraph"${parent}${next}>${propertiesXml(paragraph, text, tabs)}</style:style>`;
		})
		.join('');
}

function stylesXml(): string {
	const pageProps = (top: number) =>
		`fo:page-width="${mm(PAGE.width)}" fo:page-height="${mm(PAGE.height)}" style:print-orientation="portrait" ` +
		`fo:margin-top="${mm(top)}" fo:margin-bottom="${mm(PAGE.marginBottom)}" fo:margin-left="${mm(PAGE.marginLeft)}" fo:margin-right="${mm(PAGE.marginRight)}"`;
	const headerHeight = PAGE.marginTop - PAGE.header;
	return (
		HEAD +
		`<office:document-styles ${NS} office:version="1.2">` +
		`<office:font-face-decls><style:font-face style:name="${FONT}" svg:font-family="&apos;${FONT}&apos;" style:font-family-generic="roman" style:font-pitch="variable"/></office:font-face-decls>` +
		'<office:styles>' +
		`<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="lr-tb"/><style:text-properties style:font-name="${FONT}" fo:font-size="14pt" fo:language="ru" fo:country="RU" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:default-style>` +
		'<style:default-style style:family="table-cell"><style:table-cell-properties fo:padding="0mm"/></style:default-style>' +
		namedStyles() +
		'<style:style style:name="pageNumber" style:display-name="Номер страницы" style:family="paragraph" style:parent-style-name="normal"><style:paragraph-properties fo:text-align="center"/></style:style>' +
		'</office:styles>' +
		'<office:automatic-styles>' +
		// From page 2 the number sits 10 mm from the top edge, the text 20 mm; the first page has no number.
		`<style:page-layout style:name="pageNumbered"><style:page-layout-properties ${pageProps(PAGE.header)}/>` +
		`<style:header-style><style:header-footer-properties fo:min-height="${mm(headerHeight)}" fo:margin-bottom="0mm" style:dynamic-spacing="false"/></style:header-style></style:page-layout>` +
		`<style:page-layout style:name="pageFirst"><style:page-layout-properties ${pageProps(PAGE.marginTop)}/></style:page-layout>` +
		'</office:automatic-styles>' +
		'<office:master-styles>' +
		'<style:master-page style:name="Standard" style:page-layout-name="pageNumbered"><style:header><text:p text:style-name="pageNumber"><text:page-number text:select-page="current"/></text:p></style:header></style:master-page>' +
		'<style:master-page style:name="First_Page" style:page-layout-name="pageFirst" style:next-style-name="Standard"/>' +
		'</office:master-styles>' +
		'</office:document-styles>'
	);
}

/** Automatic styles, one per distinct set of properties, named in the order they are first needed. */
class AutomaticStyles {
	private readonly byKey = new Map<string, string>();
	private readonly out: string[] = [];

	constructor(private readonly prefix: string) {}

	name(key: string, body: (name: string) => string): string {
		const hit = this.byKey.get(key);
		if (hit) return hit;
		const name = `${this.prefix}${this.byKey.size + 1}`;
		this.byKey.set(key, name);
		this.out.push(body(name));
		return name;
	}

	get xml(): string {
		return this.out.join('');
	}
}

class ContentWriter {
	private readonly paragraphs = new AutomaticStyles('P');
	private readonly texts = new AutomaticStyles('T');
	private readonly tables = new AutomaticStyles('Tab');
	private readonly cells = new AutomaticStyles('C');
	private tableCount = 0;
	/** The first block opens the first page, which has no page number. */
	private first = true;

	private paragraphStyle(p: FlowParagraph): string {
		const own = {
			align: p.align,
			left: p.left,
			firstLine: p.firstLine,
			before: p.before,
			after: p.after,
			keepNext: p.keepNext,
			breakBefore: p.pageBreakBefore,
			rule: p.rule
		};
		const master = this.first ? ' style:master-page-name="First_Page"' : '';
		this.first = false;
		const { paragraph, text } = styleProperties(own);
		if (!paragraph.length && !text.length && !master) return p.style;
		return this.paragraphs.name(
			`${p.style}|${master}|${paragraph.join(' ')}`,
			(name) =>
				`<style:style style:name="${name}" style:family="paragraph" style:parent-style-name="${p.style}"${master}>${propertiesXml(paragraph, text)}</style:style>`
		);
	}

	private span(run: Run): string {
		const text = xml(run.text).replace(/ {2,}/g, (s) => ` <text:s text:c="${s.length - 1}"/>`);
		const props = [
			run.bold ? 'fo:font-weight="bold"' : '',
			run.italics ? 'fo:font-style="italic"' : '',
			run.strike ? 'style:text-line-through-style="solid"' : ''
		].filter(Boolean);
		const breakBefore = run.lineBreak ? '<text:line-break/>' : '';
		if (!props.length) return breakBefore + text;
		const name = this.texts.name(
			props.join(' '),
			(n) =>
				`<style:style style:name="${n}" style:family="text"><style:text-properties ${props.join(' ')}/></style:style>`
		);
		return `${breakBefore}<text:span text:style-name="${name}">${text}</text:span>`;
	}

	paragraph(p: FlowParagraph): string {
		const label = p.label ? `${xml(p.label)} ` : '';
		const tab = p.tab ? `<text:tab/>${xml(p.tab)}` : '';
		return `<text:p text:style-name="${this.paragraphStyle(p)}">${label}${p.runs.map((r) => this.span(r)).join('')}${tab}</text:p>`;
	}

	table(t: FlowTable): string {
		const n = ++this.tableCount;
		const name = `Table${n}`;
		const width = t.widths.reduce((a, b) => a + b, 0);
		const master = this.first ? ' style:master-page-name="First_Page"' : '';
		this.first = false;
		const keep = t.rows.every((r, i) => i === t.rows.length - 1 || r.keepNext);
		const tableStyle = this.tables.name(
			`table|${width}|${t.indent ?? 0}|${master}|${keep}`,
			(s) =>
				`<style:style style:name="${s}" style:family="table"${master}><style:table-properties style:width="${mm(width)}" table:align="left" table:border-model="collapsing" fo:margin-left="${mm(t.indent ?? 0)}"${keep ? ' fo:keep-with-next="always" style:may-break-between-rows="false"' : ''}/></style:style>`
		);
		const columns = t.widths
			.map((w) => {
				const col = this.tables.name(
					`column|${w}`,
					(s) =>
						`<style:style style:name="${s}" style:family="table-column"><style:table-column-properties style:column-width="${mm(w)}"/></style:style>`
				);
				return `<table:table-column table:style-name="${col}"/>`;
			})
			.join('');
		const row = (r: FlowTable['rows'][number]) => {
			const rowStyle = this.tables.name(
				`row|${r.minHeight ?? 0}`,
				(s) =>
					`<style:style style:name="${s}" style:family="table-row"><style:table-row-properties${r.minHeight ? ` style:min-row-height="${mm(r.minHeight)}"` : ''} fo:keep-together="always"/></style:style>`
			);
			const cells = r.cells
				.map((c) => {
					const border = t.borders ? 'fo:border="0.5pt solid #000000"' : 'fo:border="none"';
					const cellStyle = this.cells.name(
						`${border}|${c.padLeft}|${c.padRight}|${c.valign}`,
						(s) =>
							`<style:style style:name="${s}" style:family="table-cell"><style:table-cell-properties ${border} fo:padding-top="0mm" fo:padding-bottom="0mm" fo:padding-left="${mm(c.padLeft)}" fo:padding-right="${mm(c.padRight)}" style:vertical-align="${c.valign === 'bottom' ? 'bottom' : 'top'}"/></style:style>`
					);
					const wasFirst = this.first;
					const body = c.paragraphs.map((p) => this.paragraph(p)).join('') || '<text:p/>';
					this.first = wasFirst;
					return `<table:table-cell table:style-name="${cellStyle}" office:value-type="string">${body}</table:table-cell>`;
				})
				.join('');
			return `<table:table-row table:style-name="${rowStyle}">${cells}</table:table-row>`;
		};
		const headerCount = t.rows.findIndex((r) => !r.header);
		const headers = headerCount > 0 ? t.rows.slice(0, headerCount) : [];
		const body = t.rows.slice(headers.length);
		return (
			`<table:table table:name="${name}" table:style-name="${tableStyle}">${columns}` +
			(headers.length
				? `<table:table-header-rows>${headers.map(row).join('')}</table:table-header-rows>`
				: '') +
			body.map(row).join('') +
			'</table:table>'
		);
	}

	write(flow: FlowBlock[]): string {
		const body = flow.map((b) => (b.type === 'table' ? this.table(b) : this.paragraph(b))).join('');
		return (
			HEAD +
			`<office:document-content ${NS} office:version="1.2">` +
			`<office:font-face-decls><style:font-face style:name="${FONT}" svg:font-family="&apos;${FONT}&apos;" style:font-family-generic="roman" style:font-pitch="variable"/></office:font-face-decls>` +
			`<office:automatic-styles>${this.tables.xml}${this.cells.xml}${this.paragraphs.xml}${this.texts.xml}</office:automatic-styles>` +
			`<office:body><office:text>${body}</office:text></office:body></office:document-content>`
		);
	}
}

function metaXml(layout: DocumentLayout): string {
	const when = documentMoment(layout)
		.toISOString()
		.replace(/\.\d{3}Z$/, '');
	const author = (layout.organizationShortName ?? '').trim() || layout.organizationName.trim();
	const requisites = [
		layout.date?.trim() ? `от ${formatDate(layout.date)}` : '',
		layout.number?.trim() ? numberText(layout.number) : ''
	]
		.filter(Boolean)
		.join(' ');
	const kind = kindText(layout.kindTitle).toLocaleLowerCase('ru-RU');
	return (
		HEAD +
		`<office:document-meta ${NS} office:version="1.2"><office:meta>` +
		'<meta:generator>Регламент</meta:generator>' +
		`<dc:title>${xml(documentTitle(layout))}</dc:title>` +
		`<dc:subject>${xml(kind.charAt(0).toLocaleUpperCase('ru-RU') + kind.slice(1))}</dc:subject>` +
		`<dc:description>${xml([layout.organizationName.trim(), requisites].filter(Boolean).join(', '))}</dc:description>` +
		`<meta:initial-creator>${xml(author)}</meta:initial-creator><dc:creator>${xml(author)}</dc:creator>` +
		`<meta:creation-date>${when}</meta:creation-date><dc:date>${when}</dc:date>` +
		'<dc:language>ru-RU</dc:language>' +
		'</office:meta></office:document-meta>'
	);
}

// The space between two paragraphs is the larger of the first's after and the second's before, as LibreOffice
// lays out the DOCX and as the PDF does.
const SETTINGS =
	HEAD +
	`<office:document-settings ${NS} office:version="1.2"><office:settings><config:config-item-set config:name="ooo:configuration-settings">` +
	'<config:config-item config:name="ParaSpaceMax" config:type="boolean">true</config:config-item>' +
	'<config:config-item config:name="AddParaTableSpacing" config:type="boolean">true</config:config-item>' +
	'</config:config-item-set></office:settings></office:document-settings>';

const MANIFEST =
	HEAD +
	'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
	`<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${MIMETYPE}"/>` +
	['content.xml', 'styles.xml', 'meta.xml', 'settings.xml']
		.map((f) => `<manifest:file-entry manifest:full-path="${f}" manifest:media-type="text/xml"/>`)
		.join('') +
	'</manifest:manifest>';

/**
 * The document as OpenDocument Text (ODF 1.2; ГОСТ Р ИСО/МЭК 26300-2010 is ODF 1.0/1.1, which МойОфис, Р7-Офис and
 * LibreOffice open) with the layout of the DOCX: the same page, named styles and blocks. A ZIP with the mimetype
 * first and stored, as the standard asks; every entry dated by the document, so the same layout gives the same bytes.
 */
export async function renderOdt(layout: DocumentLayout): Promise<Uint8Array> {
	// The ZIP stores local time: the date's own fields, so the bytes do not depend on the server's time zone.
	const moment = documentMoment(layout);
	const mtime = new Date(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate());
	const entry = (text: string): [Uint8Array, { mtime: Date }] => [strToU8(text), { mtime }];
	const files: Zippable = {
		mimetype: [strToU8(MIMETYPE), { level: 0, mtime }],
		'content.xml': entry(new ContentWriter().write(documentFlow(layout))),
		'styles.xml': entry(stylesXml()),
		'meta.xml': entry(metaXml(layout)),
		'settings.xml': entry(SETTINGS),
		'META-INF/manifest.xml': entry(MANIFEST)
	};
	return zipSync(files, { level: 6 });
}
