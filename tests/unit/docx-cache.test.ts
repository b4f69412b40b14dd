import { describe, expect, it, vi } from 'vitest';

const rendered: string[] = [];
vi.mock('../../src/lib/server/render/docx', () => ({
	renderDocx: async (layout: { body: string }) => {
		rendered.push(layout.body);
		await new Promise((r) => setTimeout(r, 5));
		return new TextEncoder().encode(`docx:${layout.body}`);
	}
}));
vi.mock('../../src/lib/server/render/pdf', () => ({
	renderPdf: async (layout: { body: string }) => new TextEncoder().encode(`pdf:${layout.body}`)
}));
vi.mock('../../src/lib/server/render/odt', () => ({
	renderOdt: async (layout: { body: string }) => new TextEncoder().encode(`odt:${layout.body}`)
}));
const { docxFor, renderedFileFor } = await import('../../src/lib/server/render/docx-cache');

const layout = (body: string, name = 'МБОУ «СОШ № 1»') =>
	({
		organizationName: name,
		kindTitle: 'ПОЛОЖЕНИЕ',
		heading: 'об электронном журнале',
		body
	}) as Parameters<typeof docxFor>[0];

describe('DOCX made once per state', () => {
	it('renders a state once, however often and however concurrently it is downloaded', async () => {
		const [a, b] = await Promise.all([docxFor(layout('Текст 1.')), docxFor(layout('Текст 1.'))]);
		const c = await docxFor(layout('Текст 1.'));
		expect(a).toBe(b);
		expect(c).toBe(a);
		expect(rendered.filter((r) => r === 'Текст 1.')).toHaveLength(1);
	});

	it('makes a new file when anything the file shows changes: the text or a requisite', async () => {
		const first = await docxFor(layout('Текст 2.'));
		const edited = await docxFor(layout('Текст 2, исправленный.'));
		const renamed = await docxFor(layout('Текст 2.', 'МБОУ «СОШ № 2»'));
		expect(new TextDecoder().decode(edited)).toBe('docx:Текст 2, исправленный.');
		expect(renamed).not.toBe(first);
		expect(rendered.filter((r) => r === 'Текст 2.')).toHaveLength(2);
	});

	it('keeps a file per format: the PDF and the ODT of a state are not its DOCX', async () => {
		const state = layout('Текст 3.');
		const docx = await docxFor(state);
		const pdf = await renderedFileFor('pdf', state);
		const odt = await renderedFileFor('odt', state);
		expect(new TextDecoder().decode(pdf)).toBe('pdf:Текст 3.');
		expect(new TextDecoder().decode(odt)).toBe('odt:Текст 3.');
		expect(await renderedFileFor('pdf', state)).toBe(pdf);
		expect(await renderedFileFor('docx', state)).toBe(docx);
	});
});
