import { describe, expect, it } from 'vitest';
import type { DocumentRow, Organization } from '../../src/lib/server/db/schema';
import { addresseeLines, documentLayout } from '../../src/lib/server/documents/layout';

const ORG = {
	fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Школа № 1»',
	shortName: 'МБОУ «Школа № 1»',
	headName: 'Иванова Мария Петровна',
	headPosition: 'Директор'
} as Organization;

const row = (fields: Partial<DocumentRow>) =>
	({
		kind: 'regulation',
		documentClass: 'act',
		kindTitle: null,
		title: 'Положение',
		heading: 'об электронном журнале',
		signature: 'none',
		...fields
	}) as DocumentRow;

describe('documentLayout', () => {
	it('gives a citizen’s statement and consent the addressee instead of the letterhead, and the citizen’s signature', () => {
		for (const kind of ['statement', 'consent'] as const) {
			const layout = documentLayout(
				row({ kind, documentClass: 'record', signature: 'none' }),
				ORG,
				'Текст'
			);
			expect(layout.letterhead).toBe(false);
			expect(layout.addressee).toEqual(['Директору МБОУ «Школа № 1»', 'М.\u00a0П.\u00a0Ивановой']);
			expect(layout.applicantSignature).toBe(true);
			expect(layout.signature).toBeNull();
		}
		// Signed by the head, it is the head's signature, not the citizen's.
		const signed = documentLayout(
			row({ kind: 'consent', documentClass: 'record', signature: 'head' }),
			ORG,
			'Текст'
		);
		expect(signed.applicantSignature).toBe(false);
		expect(signed.signature).toEqual({ position: 'Директор', name: 'Иванова Мария Петровна' });
		// The founder's consent is the authority's letter, on its blank.
		const founder = documentLayout(
			row({ kind: 'founder_consent', documentClass: 'record' }),
			ORG,
			'Текст'
		);
		expect(founder.letterhead).toBe(true);
		expect(founder.addressee).toBeNull();
	});

	it('marks an agreement signed by both parties and names the organisation for the file’s properties', () => {
		const layout = documentLayout(
			row({ kind: 'agreement', documentClass: 'record', signature: 'parties' }),
			ORG,
			'Текст'
		);
		expect(layout.parties).toBe(true);
		expect(layout.signature).toBeNull();
		expect(layout.organizationShortName).toBe('МБОУ «Школа № 1»');
		expect(documentLayout(row({}), ORG, '').parties).toBe(false);
	});

	it('writes to the head in the dative, a blank when the head is not named', () => {
		expect(
			addresseeLines({
				shortName: 'МБДОУ «Детский сад № 3»',
				headName: 'Петров Пётр Петрович',
				headPosition: 'заведующий'
			})
		).toEqual(['Заведующему МБДОУ «Детский сад № 3»', 'П.\u00a0П.\u00a0Петрову']);
		expect(
			addresseeLines({ shortName: 'МБОУ «Школа № 1»', headName: null, headPosition: null })
		).toEqual(['Директору МБОУ «Школа № 1»', '______________________']);
	});
});
