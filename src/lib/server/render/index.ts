export {
	BLANK_DATE,
	BLANK_NUMBER,
	approvalLines,
	approvalWord,
	dateText,
	formatDate,
	isOrderKind,
	kindText,
	numberText,
	signatureName,
	type DocumentLayout
} from './layout';
export { markdown, parseMarkdown, renderMarkdownHtml, type MarkdownHtmlOptions } from './markdown';
export { documentCss, escapeHtml, renderDocumentHtml, type DocumentHtmlOptions } from './html';
export { renderDocx } from './docx';
export { renderPdf } from './pdf';
export { renderOdt } from './odt';
export {
	RENDERED_FORMATS,
	docxFor,
	isRenderedFormat,
	renderedFileFor,
	type RenderedFormat
} from './docx-cache';
