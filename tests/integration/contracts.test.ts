import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents, contracts, documents } from '../../src/lib/server/db/schema';
import { ForbiddenError } from '../../src/lib/server/auth/permissions';
import { isValidInn } from '../../src/lib/server/orgs/inn';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import {
	contractWarnings,
	createContract,
	findContract,
	listContracts,
	missingGuarantees,
	updateContract
} from '../../src/lib/server/contracts/contracts';
import { findDocument, findFile, findVersion } from '../../src/lib/server/documents/queries';
import { guaranteeKeys, guaranteeLabels, type GuaranteeKey } from '../../src/lib/contracts/labels';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import {
	fieldErrorsOf,
	pdfOfSize,
	refusedWithoutChange,
	samplePdf,
	sampleText
} from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

// ИНН of real operators' format: ten digits with a check digit (7707083893 is a well-known valid one).
const INN = '7707083893';
const TODAY = '2026-11-21';
/** Noon in Moscow, the fixture schools' zone, on that day. */
const at = (day: string) => new Date(`${day}T09:00:00Z`);
const NO_CONTRACT = 'Не зарегистрирован договор с оператором системы электронного журнала.';

function contractForm(
	checked: readonly GuaranteeKey[] = guaranteeKeys,
	fields: Record<string, string> = {}
): Record<string, string> {
	return {
		counterparty: 'ООО «ЭлЖур»',
		counterpartyInn: INN,
		title: '',
		number: 'ЭЖ-17',
		documentDate: '20.08.2026',
		validUntil: '31.08.2027',
		...Object.fromEntries(checked.map((k) => [`g_${k}`, 'on'])),
		...fields
	};
}
const scan = () => ({ name: 'договор.pdf', bytes: samplePdf('договор') });

beforeAll(async () => {
	expect(isValidInn(INN)).toBe(true);
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'ctr');
});
afterAll(async () => {
	await handle?.close();
});

describe('contractWarnings before any contract', () => {
	it('tells a school that the operator contract is not registered, and says nothing to an authority', async () => {
		expect(await contractWarnings(db(), f.schoolB, at(TODAY))).toEqual([NO_CONTRACT]);
		expect(await contractWarnings(db(), f.municipality, at(TODAY))).toEqual([]);
		expect(await contractWarnings(db(), f.region, at(TODAY))).toEqual([]);
	});
});

describe('createContract', () => {
	it('registers the contract as a document with its file and all the guarantees; no warnings', async () => {
		const before = await db().$count(auditEvents);
		const upload = scan();
		const doc = await createContract(db(), f.actors.directorA, f.schoolA, contractForm(), upload);
		expect(doc).toMatchObject({
			kind: 'contract',
			status: 'registered',
			isRecord: true,
			number: 'ЭЖ-17',
			documentDate: '2026-08-20',
			effectiveDate: '2026-08-20',
			currentVersion: 1
		});
		// Without a subject the contract is named after what it is.
		expect(doc.title).toBe('Договор с оператором информационной системы электронного журнала');
		const v1 = await findVersion(db(), doc.id, 1);
		const file = await findFile(db(), f.schoolA.id, v1!.fileId!);
		expect(file).toMatchObject({
			contentType: 'application/pdf',
			sha256: createHash('sha256').update(upload.bytes).digest('hex')
		});

		const contract = await findContract(db(), f.schoolA.id, doc.id);
		expect(contract).toMatchObject({
			counterparty: 'ООО «ЭлЖур»',
			counterpartyInn: INN,
			validUntil: '2027-08-31',
			number: 'ЭЖ-17',
			missing: [],
			fileId: v1!.fileId
		});
		expect(contract!.guarantees).toEqual(Object.fromEntries(guaranteeKeys.map((k) => [k, true])));
		expect(await contractWarnings(db(), f.schoolA, at(TODAY))).toEqual([]);

		const events = await db()
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.entityId, doc.id))
			.orderBy(auditEvents.seq);
		expect(events.map((e) => e.action)).toEqual(['document.registered', 'contract.saved']);
		expect(await db().$count(auditEvents)).toBe(before + 2);
		expect(events[1]!.after).toMatchObject({
			counterparty: 'ООО «ЭлЖур»',
			number: 'ЭЖ-17',
			validUntil: '2027-08-31'
		});
	});

	it('lists exactly the unchecked guarantees, in Russian, on the contract and on the dashboard', async () => {
		const unchecked: GuaranteeKey[] = ['noCrossBorder', 'changeLog', 'integrity'];
		const checked = guaranteeKeys.filter((k) => !unchecked.includes(k));
		const doc = await createContract(
			db(),
			f.actors.directorB,
			f.schoolB,
			contractForm(checked, { counterparty: 'АО «Дневник»', number: 'Д-5' }),
			scan()
		);
		const labels = unchecked.map((k) => guaranteeLabels[k]);
		expect(labels).toEqual([
			'Нет трансграничной передачи данных, серверы находятся в Российской Федерации',
			'Каждое изменение протоколируется с указанием времени и автора',
			'Обеспечена целостность хранимых данных'
		]);
		const contract = await findContract(db(), f.schoolB.id, doc.id);
		expect(contract!.missing).toEqual(labels);
		expect(missingGuarantees(contract!.guarantees)).toEqual(labels);
		expect((await listContracts(db(), f.schoolB)).map((c) => c.missing)).toEqual([labels]);
		expect(await contractWarnings(db(), f.schoolB, at(TODAY))).toEqual([
			`В договоре с АО «Дневник» № Д-5 нет гарантий: ${labels.join('; ')}.`
		]);
	});

	it('with no guarantee checked, lists all seven; a checkbox counts only when sent as «on»', async () => {
		const doc = await createContract(
			db(),
			f.actors.directorB,
			f.schoolB,
			contractForm([], { number: 'Д-6', g_availability: 'true', g_backup: '1' }),
			scan()
		);
		const contract = await findContract(db(), f.schoolB.id, doc.id);
		expect(contract!.missing).toEqual(guaranteeKeys.map((k) => guaranteeLabels[k]));
		expect(contract!.missing).toHaveLength(7);
	});

	it('warns about an expired contract only when none is in force', async () => {
		const doc = await createContract(
			db(),
			f.actors.directorA,
			f.schoolA,
			contractForm(guaranteeKeys, {
				number: 'СТАРЫЙ-1',
				documentDate: '01.09.2020',
				validUntil: '31.08.2021'
			}),
			scan()
		);
		// ЭЖ-17 is in force: the old contract is history, not a warning.
		expect(await contractWarnings(db(), f.schoolA, at(TODAY))).toEqual([]);
		expect(
			(await listContracts(db(), f.schoolA, at(TODAY))).map((c) => [c.number, c.inForce])
		).toEqual([
			['ЭЖ-17', true],
			['СТАРЫЙ-1', false]
		]);
		// On its last day ЭЖ-17 still holds; the day after, the contract that ended last is named.
		expect(await contractWarnings(db(), f.schoolA, at('2027-08-31'))).toEqual([]);
		expect(await contractWarnings(db(), f.schoolA, at('2027-09-01'))).toEqual([
			'Нет действующего договора с оператором: договор с ООО «ЭлЖур» № ЭЖ-17 истёк 31.08.2027.'
		]);
		expect(doc.documentDate).toBe('2020-09-01');
	});

	describe('bad input changes nothing', () => {
		it('refuses a term that ends before the contract date', async () => {
			const e = await refusedWithoutChange(db(), () =>
				createContract(
					db(),
					f.actors.directorA,
					f.schoolA,
					contractForm(guaranteeKeys, { documentDate: '20.08.2026', validUntil: '19.08.2026' }),
					scan()
				)
			);
			expect(fieldErrorsOf(e)).toEqual({
				validUntil: 'Срок действия не может закончиться раньше даты договора.'
			});
			// The same day is a valid (one-day) term.
			const sameDay = await createContract(
				db(),
				f.actors.directorA,
				f.schoolA,
				contractForm(guaranteeKeys, {
					number: 'ОДИН-ДЕНЬ',
					documentDate: '2026-08-20',
					validUntil: '20.08.2026'
				}),
				scan()
			);
			expect((await findContract(db(), f.schoolA.id, sameDay.id))!.validUntil).toBe('2026-08-20');
		});

		it('refuses a wrong ИНН', async () => {
			for (const inn of ['7707083894', '123', 'ИНН7707083', '77070838930', '7707 083893']) {
				const e = await refusedWithoutChange(db(), () =>
					createContract(
						db(),
						f.actors.directorA,
						f.schoolA,
						contractForm(guaranteeKeys, { counterpartyInn: inn }),
						scan()
					)
				);
				expect(fieldErrorsOf(e), inn).toEqual({ counterpartyInn: 'ИНН неверен: проверьте цифры.' });
			}
		});

		it('requires the operator, the number and the date, and names a bad term date', async () => {
			const e = await refusedWithoutChange(db(), () =>
				createContract(
					db(),
					f.actors.directorA,
					f.schoolA,
					contractForm(guaranteeKeys, {
						counterparty: ' ',
						number: '',
						documentDate: '',
						validUntil: 'навсегда'
					}),
					scan()
				)
			);
			expect(fieldErrorsOf(e)).toEqual({
				counterparty: 'Укажите оператора — сторону договора.',
				number: 'Укажите номер договора.',
				documentDate: 'Укажите дату договора: ДД.ММ.ГГГГ.',
				validUntil: 'Срок действия: укажите дату ДД.ММ.ГГГГ.'
			});
		});

		it('requires a real file of an allowed kind, up to 20 МБ', async () => {
			const none = await refusedWithoutChange(db(), () =>
				createContract(db(), f.actors.directorA, f.schoolA, contractForm(), null)
			);
			expect(fieldErrorsOf(none)).toEqual({ file: 'Выберите файл.' });
			const fake = await refusedWithoutChange(db(), () =>
				createContract(db(), f.actors.directorA, f.schoolA, contractForm(), {
					name: 'договор.pdf',
					bytes: sampleText()
				})
			);
			expect(fieldErrorsOf(fake).file).toMatch(/^Файл не похож/);
			const big = await refusedWithoutChange(db(), () =>
				createContract(db(), f.actors.directorA, f.schoolA, contractForm(), {
					name: 'договор.pdf',
					bytes: pdfOfSize(21 * 1024 * 1024)
				})
			);
			expect(fieldErrorsOf(big).file).toContain('20 МБ');
		});

		it('forbids staff, another school’s director and the authority', async () => {
			for (const who of ['staffA', 'directorB', 'municipalityAuthority'] as const) {
				const e = await refusedWithoutChange(db(), () =>
					createContract(db(), f.actors[who], f.schoolA, contractForm(), scan())
				);
				expect(e, who).toBeInstanceOf(ForbiddenError);
			}
		});
	});
});

describe('updateContract', () => {
	it('changes the guarantees and the particulars, with an audit event holding before and after', async () => {
		const partial: GuaranteeKey[] = ['availability', 'backup'];
		const doc = await createContract(
			db(),
			f.actors.directorA,
			f.schoolA,
			contractForm(partial, { number: 'ИЗМ-1' }),
			scan()
		);
		expect((await findContract(db(), f.schoolA.id, doc.id))!.missing).toHaveLength(5);

		await updateContract(
			db(),
			f.actors.memberA,
			f.schoolA,
			doc.id,
			contractForm(guaranteeKeys, {
				number: 'ИЗМ-1/2',
				counterparty: 'ООО «ЭлЖур» (новое наименование)',
				validUntil: ''
			})
		);
		const after = await findContract(db(), f.schoolA.id, doc.id);
		expect(after).toMatchObject({
			number: 'ИЗМ-1/2',
			counterparty: 'ООО «ЭлЖур» (новое наименование)',
			validUntil: null,
			missing: []
		});
		expect((await findDocument(db(), f.schoolA.id, doc.id))!.number).toBe('ИЗМ-1/2');

		const [event] = await db()
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.entityId, doc.id), eq(auditEvents.action, 'contract.saved')))
			.orderBy(auditEvents.seq)
			.offset(1);
		expect(event).toBeDefined();
		expect(event!.actorId).toBe(f.users.memberA.id);
		expect(event!.before).toMatchObject({
			number: 'ИЗМ-1',
			validUntil: '2027-08-31',
			guarantees: { availability: true, backup: true, integrity: false, changeLog: false }
		});
		expect(event!.after).toMatchObject({
			number: 'ИЗМ-1/2',
			validUntil: null,
			guarantees: Object.fromEntries(guaranteeKeys.map((k) => [k, true]))
		});

		// Unchecking one again is recorded the other way round.
		await updateContract(
			db(),
			f.actors.directorA,
			f.schoolA,
			doc.id,
			contractForm(
				guaranteeKeys.filter((k) => k !== 'integrity'),
				{ number: 'ИЗМ-1/2' }
			)
		);
		expect((await findContract(db(), f.schoolA.id, doc.id))!.missing).toEqual([
			guaranteeLabels.integrity
		]);
		expect((await verifyChain(db(), f.schoolA.id)).ok).toBe(true);
	});

	it('refuses bad input, an unknown or foreign contract, and those who may not write', async () => {
		const doc = await createContract(
			db(),
			f.actors.directorA,
			f.schoolA,
			contractForm(guaranteeKeys, { number: 'ОТКАЗ-1' }),
			scan()
		);
		const [stored] = await db().select().from(contracts).where(eq(contracts.documentId, doc.id));

		const bad = await refusedWithoutChange(db(), () =>
			updateContract(
				db(),
				f.actors.directorA,
				f.schoolA,
				doc.id,
				contractForm([], { counterpartyInn: '1234567890', validUntil: '01.01.2020' })
			)
		);
		expect(Object.keys(fieldErrorsOf(bad)).sort()).toEqual(['counterpartyInn', 'validUntil']);
		for (const id of ['nonsense', crypto.randomUUID()]) {
			const e = await refusedWithoutChange(db(), () =>
				updateContract(db(), f.actors.directorA, f.schoolA, id, contractForm())
			);
			expect(fieldErrorsOf(e)).toEqual({ form: 'Договор не найден.' });
		}
		// School B's director, in school B, cannot reach school A's contract.
		const foreign = await refusedWithoutChange(db(), () =>
			updateContract(db(), f.actors.directorB, f.schoolB, doc.id, contractForm([]))
		);
		expect(fieldErrorsOf(foreign)).toEqual({ form: 'Договор не найден.' });
		for (const who of ['staffA', 'directorB', 'municipalityAuthority'] as const) {
			const e = await refusedWithoutChange(db(), () =>
				updateContract(db(), f.actors[who], f.schoolA, doc.id, contractForm([]))
			);
			expect(e, who).toBeInstanceOf(ForbiddenError);
		}
		const [unchanged] = await db().select().from(contracts).where(eq(contracts.documentId, doc.id));
		expect(unchanged).toEqual(stored);
		expect((await db().select().from(documents).where(eq(documents.id, doc.id)))[0]!.number).toBe(
			'ОТКАЗ-1'
		);
	});
});

describe('reading contracts', () => {
	it('lists and finds only the organisation’s own contracts', async () => {
		const listA = await listContracts(db(), f.schoolA);
		const listB = await listContracts(db(), f.schoolB);
		expect(listA.length).toBeGreaterThan(0);
		expect(listB.length).toBeGreaterThan(0);
		for (const c of listA) {
			expect(await findContract(db(), f.schoolB.id, c.documentId)).toBeNull();
			expect(listB.map((b) => b.documentId)).not.toContain(c.documentId);
		}
		// Newest contract date first.
		const dates = listA.map((c) => c.documentDate!);
		expect([...dates].sort().reverse()).toEqual(dates);
	});
});
