import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	discussions,
	documents,
	organizations,
	type DocumentRow
} from '../../src/lib/server/db/schema';
import { loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { createContract } from '../../src/lib/server/contracts/contracts';
import { generateDocument } from '../../src/lib/server/documents/generate-document';
import { updateOrganization } from '../../src/lib/server/orgs/save-organization';
import { organizationFormDefaults, organizationInput } from '../../src/lib/server/orgs/validation';
import { validate } from '../../src/lib/server/forms/errors';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { checkTimeline } from '../../src/lib/server/timeline/check';
import { openDiscussion } from '../../src/lib/server/workflow/discussion';
import { decideReview, submitDocument } from '../../src/lib/server/workflow/review';
import { addWorkingGroupMember } from '../../src/lib/server/workflow/working-group';
import { todayIn } from '../../src/lib/format';
import { buildFixture, grantRole, insertUser, reloadOrg, type Fixture } from '../helpers/fixtures';
import {
	fieldErrorsOf,
	plausibleForm,
	refusedWithoutChange,
	samplePdf
} from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
let memberB: Actor;
let today: string;
const db = () => handle.db;
const library = readTemplateLibrary();

const shift = (iso: string, days: number) =>
	new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** The transition order's form: the journal kept on paper too, so no founder's agreement is in play. */
const transitionForm = (start: string, contractDate: string) => ({
	title: 'Приказ о переходе на ЭЖ',
	number: '45-о',
	documentDate: shift(today, -30),
	place: '',
	effectiveDate: '',
	responsibleId: '',
	var_journal_system: 'ЭлЖур',
	var_contract_party: 'ООО «ЭлЖур»',
	var_contract_number: 'ЭЖ-15',
	var_contract_date: contractDate,
	var_start_date: start,
	var_journal_form: 'электронный журнал с ежегодной распечаткой на бумажном носителе',
	var_founder: 'Администрация Сакского района Республики Крым',
	var_paperless_since: '',
	var_administrator: 'Алиева Зарема Решатовна — учитель информатики',
	var_deputy: 'Петренко Олег Николаевич — заместитель директора по УВР',
	var_pd_responsible: 'Петренко Олег Николаевич — заместитель директора по УВР'
});

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'tl');
	today = todayIn(f.schoolA.timeZone);
	await db()
		.update(organizations)
		.set({
			address: 'пгт Новофедоровка, ул. Школьная, д. 1',
			headName: 'Директорова Анна Андреевна',
			journalSystem: 'eljur'
		})
		.where(eq(organizations.id, f.schoolA.id));
	f.schoolA = await reloadOrg(db(), f.schoolA.id);
	const user = await insertUser(db(), {
		email: 'member-b.tl@example.test',
		fullName: 'Членова Бэлла'
	});
	await grantRole(db(), user, f.schoolA, 'working_group');
	memberB = await loadActor(db(), user);
	await addWorkingGroupMember(db(), f.actors.directorA, f.schoolA, {
		userId: f.users.memberA.id,
		role: 'chair',
		position: ''
	});
	await addWorkingGroupMember(db(), f.actors.directorA, f.schoolA, {
		userId: memberB.id,
		role: 'member',
		position: ''
	});
});
afterAll(async () => {
	await handle?.close();
});

describe('the transition start and the operator contract', () => {
	const contractDate = () => shift(today, -20);
	let order: DocumentRow;

	it('refuses to generate an order starting before the registered contract, naming the contract and both dates, and writes nothing', async () => {
		await createContract(
			db(),
			f.actors.directorA,
			f.schoolA,
			{
				counterparty: 'ООО «ЭлЖур»',
				counterpartyInn: '',
				title: '',
				number: 'ЭЖ-15',
				documentDate: contractDate(),
				validUntil: ''
			},
			{ name: 'contract.pdf', bytes: samplePdf() }
		);
		const start = shift(today, -25);
		const e = await refusedWithoutChange(db(), () =>
			generateDocument(
				db(),
				f.actors.directorA,
				f.schoolA,
				'school-order-transition',
				transitionForm(start, shift(today, -40))
			)
		);
		const errors = fieldErrorsOf(e);
		expect(Object.keys(errors)).toEqual(['var_start_date']);
		expect(errors.var_start_date).toContain(`Начало ведения электронного журнала ${ru(start)}`);
		expect(errors.var_start_date).toContain(
			`«Договор с оператором информационной системы электронного журнала» № ЭЖ-15 от ${ru(contractDate())}`
		);
		expect(errors.var_start_date).toContain(`не раньше ${ru(contractDate())}`);
	});

	it('generates it once the start is on the contract day or later; a citation of another contract is only a warning', async () => {
		order = await generateDocument(
			db(),
			f.actors.directorA,
			f.schoolA,
			'school-order-transition',
			transitionForm(contractDate(), shift(today, -21))
		);
		const findings = await checkTimeline(db(), f.schoolA, {
			step: 'submit',
			documentIds: [order.id]
		});
		expect(findings.map((x) => `${x.code}:${x.severity}`)).toEqual([
			'order-contract-mismatch:warning'
		]);
	});

	it('shows what the profile contradicts on the document, and refuses to submit it, writing nothing', async () => {
		await db()
			.update(organizations)
			.set({ paperlessSince: shift(today, -365) })
			.where(eq(organizations.id, f.schoolA.id));
		f.schoolA = await reloadOrg(db(), f.schoolA.id);
		const findings = await checkTimeline(db(), f.schoolA, {
			step: 'submit',
			documentIds: [order.id]
		});
		expect(findings.map((x) => `${x.code}:${x.severity}`)).toEqual([
			'paperless-before-start:error',
			'order-contract-mismatch:warning'
		]);
		expect(findings[0]!.message).toContain(
			`Безбумажный режим с ${ru(shift(today, -365))} (профиль организации)`
		);
		const e = await refusedWithoutChange(db(), () =>
			submitDocument(db(), f.actors.directorA, f.schoolA, order.id)
		);
		expect(fieldErrorsOf(e)).toEqual({ form: findings[0]!.message });
		expect(
			(
				await db()
					.select({ status: documents.status })
					.from(documents)
					.where(eq(documents.id, order.id))
			)[0]!.status
		).toBe('draft');
		// Another school's findings are not this one's.
		expect(await checkTimeline(db(), f.schoolB, { step: 'submit' })).toEqual([]);
		await db()
			.update(organizations)
			.set({ paperlessSince: null })
			.where(eq(organizations.id, f.schoolA.id));
		f.schoolA = await reloadOrg(db(), f.schoolA.id);
	});
});

describe('the public discussion minimum', () => {
	it('is a profile setting of 1 to 60 days, 7 by default', async () => {
		expect(f.schoolA.discussionMinDays).toBe(7);
		const form = organizationFormDefaults({
			fullName: f.schoolA.fullName,
			shortName: f.schoolA.shortName,
			slug: f.schoolA.slug,
			timeZone: f.schoolA.timeZone,
			discussionMinDays: '10'
		});
		const parsed = validate(organizationInput, form);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
		f.schoolA = await updateOrganization(db(), f.actors.directorA, f.schoolA, parsed.value);
		expect(f.schoolA.discussionMinDays).toBe(10);
	});

	it('refuses a shorter discussion next to its end date, and opens one as long', async () => {
		const template = library.byId.get('school-regulation-journal')!;
		const doc = await generateDocument(db(), f.actors.directorA, f.schoolA, template.id, {
			title: template.title,
			number: '',
			documentDate: '',
			place: '',
			effectiveDate: '',
			responsibleId: '',
			...plausibleForm(template.variables)
		});
		expect(await submitDocument(db(), f.actors.directorA, f.schoolA, doc.id)).toBe('review');
		for (const member of [f.actors.memberA, memberB])
			await decideReview(db(), member, f.schoolA, doc.id, {
				version: '1',
				decision: 'approve',
				comment: ''
			});
		const e = await refusedWithoutChange(db(), () =>
			openDiscussion(db(), f.actors.memberA, f.schoolA, doc.id, {
				startsOn: today,
				endsOn: shift(today, 8)
			})
		);
		expect(fieldErrorsOf(e)).toEqual({
			endsOn: `Обсуждение не короче 10 дней: с ${ru(today)} по ${ru(shift(today, 8))} — 9 дней. Назначьте окончание не раньше ${ru(shift(today, 9))}.`
		});
		expect(await db().$count(discussions, eq(discussions.documentId, doc.id))).toBe(0);
		const opened = await openDiscussion(db(), f.actors.memberA, f.schoolA, doc.id, {
			startsOn: today,
			endsOn: shift(today, 9)
		});
		expect(opened).toMatchObject({ startsOn: today, endsOn: shift(today, 9) });
	});
});
