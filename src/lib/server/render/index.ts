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
export { docxFor } from './docx-cache';
