import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	documentVersions,
	documents,
	files,
	organizations,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { can, ForbiddenError, loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { ValidationError } from '../../src/lib/server/forms/errors';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { RESPONSIBLE_OUTSIDE } from '../../src/lib/server/documents/details';
import { exportArchive } from '../../src/lib/server/documents/export-archive';
import {
	generateDocument,
	generateSet,
	missingSetTemplates,
	setVariables,
	templatesFor,
	UNKNOWN_TEMPLATE
} from '../../src/lib/server/documents/generate-document';
import {
	findDocument,
	findFile,
	findVersion,
	listDocuments,
	parseDocumentFilter,
	versionsOf
} from '../../src/lib/server/documents/queries';
import { attachFile, registerRecord } from '../../src/lib/server/documents/register-record';
import { saveVersion, UNCHANGED } from '../../src/lib/server/documents/save-version';
import { updateDocumentDetails } from '../../src/lib/server/documents/update-details';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import type { ModelTemplate } from '../../src/lib/server/templates/template-file';
import {
	buildFixture,
	grantRole,
	insertOrg,
	insertUser,
	reloadOrg,
	type Fixture
} from '../helpers/fixtures';
import {
	counts,
	fieldErrorsOf,
	pdfOfSize,
	plausibleForm,
	refusedWithoutChange,
	sampleDocx,
	sampleExe,
	sampleHtml,
	sampleJpeg,
	sampleOdt,
	samplePdf,
	samplePng,
	sampleText
} from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

const TRANSITION = 'school-order-transition';
const library = readTemplateLibrary();
const transition = library.byId.get(TRANSITION)!;
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const ADDRESS = '296540, Республика Крым, Сакский район, пгт Новофедоровка, ул. Школьная, д. 1';

/** The generation form for the transition order, as a director fills it in. */
function transitionForm(fields: Record<string, string> = {}): Record<string, string> {
	return {
		title: 'Приказ о переходе на ЭЖ',
		number: '45-о',
		documentDate: '25.08.2026',
		place: '',
		effectiveDate: '01.09.2026',
		responsibleId: '',
		var_journal_system: 'ЭлЖур',
		var_contract_party: 'ООО «ЭлЖур»',
		var_contract_number: 'ЭЖ-2026/117',
		var_contract_date: '20.08.2026',
		var_start_date: '2026-09-01',
		var_journal_form: 'электронный журнал без дублирования на бумажном носителе',
		var_founder: 'Администрация Сакского района Республики Крым',
		var_paperless_since: '2026-09-01',
		var_administrator: 'Алиева Зарема Решатовна — учитель информатики',
		var_deputy: 'Петренко Олег Николаевич — заместитель директора по УВР',
		var_pd_responsible: 'Петренко Олег Николаевич — заместитель директора по УВР',
		...fields
	};
}

/** A school of its own, with a director, so that a test starts from an empty registry. */
let schoolCounter = 0;
async function freshSchool(): Promise<{ org: Organization; director: Actor }> {
	schoolCounter += 1;
	const org = await insertOrg(db(), f.municipality, 'school', {
		shortName: `Отдельная школа ${schoolCounter}`,
		slug: `docs-school-${schoolCounter}`,
		address: ADDRESS
	});
	const user = await insertUser(db(), {
		email: `docs-director-${schoolCounter}@example.test`,
		fullName: `Директоров Дмитрий ${schoolCounter}`
	});
	await grantRole(db(), user, org, 'director');
	return { org, director: await loadActor(db(), user) };
}

const docCount = (orgId: string, templateId?: string) =>
	db().$count(
		documents,
		templateId
			? and(eq(documents.organizationId, orgId), eq(documents.templateId, templateId))
			: eq(documents.organizationId, orgId)
	);

beforeAll(async () => {
	expect(transition, `templates/${TRANSITION}.md must be in the library`).toBeDefined();
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'docs');
	// A school with the profile a real one has: the place of issue comes from the address.
	await db()
		.update(organizations)
		.set({ address: ADDRESS, headName: 'Директорова Анна Андреевна', journalSystem: 'eljur' })
		.where(eq(organizations.id, f.schoolA.id));
	f.schoolA = await reloadOrg(db(), f.schoolA.id);
});
afterAll(async () => {
	await handle?.close();
});

describe('generateDocument', () => {
	it('makes a draft, version 1, with its source, values and the template’s hash, and one audit event', async () => {
		const auditBefore = await db().$count(auditEvents);
		const doc = await generateDocument(
			db(),
			f.actors.directorA,
			f.schoolA,
			TRANSITION,
			transitionForm({ responsibleId: f.users.memberA.id })
		);

		expect(doc).toMatchObject({
			organizationId: f.schoolA.id,
			kind: 'order',
			status: 'draft',
			isRecord: false,
			title: 'Приказ о переходе на ЭЖ',
			heading: transition.heading,
			number: '45-о',
			documentDate: '2026-08-25',
			effectiveDate: '2026-09-01',
			place: 'пгт Новофедоровка',
			responsibleId: f.users.memberA.id,
			authorId: f.users.directorA.id,
			templateId: TRANSITION,
			currentVersion: 1,
			signature: 'head'
		});
		// The hash is of the template file as it lies on disk.
		const fileHash = sha256(readFileSync(path.resolve('templates', `${TRANSITION}.md`)));
		expect(transition.hash).toBe(fileHash);
		expect(doc.templateHash).toBe(fileHash);

		const versions = await db()
			.select()
			.from(documentVersions)
			.where(eq(documentVersions.documentId, doc.id));
		expect(versions).toHaveLength(1);
		const v1 = versions[0]!;
		expect(v1.version).toBe(1);
		expect(v1.templateHash).toBe(fileHash);
		expect(v1.fileId).toBeNull();
		expect(v1.authorId).toBe(f.users.directorA.id);
		expect(v1.source).toBeTypeOf('string');
		expect(v1.sha256).toBe(sha256(v1.source!));
		// The text names what was entered, never a blank or a Liquid tag.
		expect(v1.source).toContain('«ЭлЖур»');
		expect(v1.source).toContain('№ ЭЖ-2026/117');
		expect(v1.source).toContain('20.08.2026');
		expect(v1.source).toContain('«01» сентября 2026 г.');
		expect(v1.source).toContain(
			'Назначить администратором электронного журнала Алиеву\u00a0З.\u00a0Р., учителя информатики.'
		);
		expect(v1.source).toContain(f.schoolA.shortName);
		expect(v1.source).not.toMatch(/\{\{|\{%|undefined/);
		// The values as used, kept as jsonb with their types.
		expect(v1.variables).toMatchObject({
			journal_system: 'ЭлЖур',
			contract_number: 'ЭЖ-2026/117',
			contract_date: '2026-08-20',
			start_date: '2026-09-01',
			journal_form: 'электронный журнал без дублирования на бумажном носителе',
			administrator: [
				{
					full_name: 'Алиева Зарема Решатовна',
					position: 'учитель информатики',
					initials: 'Алиева З.Р.'
				}
			]
		});

		expect(await db().$count(auditEvents)).toBe(auditBefore + 1);
		const events = await db()
			.select()
			.from(auditEvents)
			.where(and(eq(auditEvents.entityType, 'document'), eq(auditEvents.entityId, doc.id)));
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			action: 'document.created',
			organizationId: f.schoolA.id,
			actorId: f.users.directorA.id
		});
		expect(events[0]!.after).toMatchObject({
			templateId: TRANSITION,
			templateHash: fileHash,
			version: 1
		});
		expect((await verifyChain(db(), f.schoolA.id)).ok).toBe(true);
	});

	it('lets a member of the working group generate too, and keeps the printout when the paperless form is not chosen', async () => {
		const doc = await generateDocument(
			db(),
			f.actors.memberA,
			f.schoolA,
			TRANSITION,
			transitionForm({
				var_journal_form: 'электронный журнал с ежегодной распечаткой на бумажном носителе',
				var_paperless_since: ''
			})
		);
		const v1 = await findVersion(db(), doc.id, 1);
		expect(v1!.source).toContain(
			'2. Вести электронный журнал с ежегодной распечаткой на бумажном носителе'
		);
		expect(v1!.source).not.toContain('без дублирования');
		expect(v1!.variables).toMatchObject({
			journal_form: 'электронный журнал с ежегодной распечаткой на бумажном носителе',
			paperless_since: ''
		});
	});

	describe('bad input changes nothing', () => {
		it('refuses a template that is not in the library', async () => {
			for (const id of ['no-such-template', '', '../README', 'SCHOOL-ORDER-TRANSITION']) {
				const e = await refusedWithoutChange(db(), () =>
					generateDocument(db(), f.actors.directorA, f.schoolA, id, transitionForm())
				);
				expect(fieldErrorsOf(e), id).toEqual({ form: UNKNOWN_TEMPLATE });
				expect(UNKNOWN_TEMPLATE).toBe('Такого шаблона нет в библиотеке.');
			}
		});

		it('refuses a municipal template for a school', async () => {
			const municipal = library.templates.find((t) => t.level === 'municipality');
			if (!municipal) return; // none in the library yet
			const e = await refusedWithoutChange(db(), () =>
				generateDocument(db(), f.actors.directorA, f.schoolA, municipal.id, transitionForm())
			);
			expect(fieldErrorsOf(e)).toEqual({ form: UNKNOWN_TEMPLATE });
		});

		it('names a missing required variable by its label, under var_<name>', async () => {
			const label = transition.variables.find((v) => v.name === 'contract_number')!.label;
			const e = await refusedWithoutChange(db(), () =>
				generateDocument(
					db(),
					f.actors.directorA,
					f.schoolA,
					TRANSITION,
					transitionForm({ var_contract_number: '  ' })
				)
			);
			expect(fieldErrorsOf(e)).toEqual({ var_contract_number: `Заполните поле «${label}».` });
		});

		it('reports every problem at once: the title, two variables, a date', async () => {
			const { var_pd_responsible: _omitted, ...withoutPd } = transitionForm({
				title: '',
				var_contract_party: ''
			});
			const e = await refusedWithoutChange(db(), () =>
				generateDocument(db(), f.actors.directorA, f.schoolA, TRANSITION, {
					...withoutPd,
					documentDate: '32.13.2026'
				})
			);
			expect(Object.keys(fieldErrorsOf(e)).sort()).toEqual([
				'documentDate',
				'title',
				'var_contract_party',
				'var_pd_responsible'
			]);
		});

		it('refuses a malformed date of a variable and of the document', async () => {
			const label = transition.variables.find((v) => v.name === 'start_date')!.label;
			for (const bad of ['31.02.2026', '2026-9-1', 'первое сентября', '01.09.1900']) {
				const e = await refusedWithoutChange(db(), () =>
					generateDocument(
						db(),
						f.actors.directorA,
						f.schoolA,
						TRANSITION,
						transitionForm({ var_start_date: bad })
					)
				);
				expect(fieldErrorsOf(e), bad).toEqual({
					var_start_date: `${label}: укажите дату в виде ДД.ММ.ГГГГ.`
				});
			}
			const e = await refusedWithoutChange(db(), () =>
				generateDocument(
					db(),
					f.actors.directorA,
					f.schoolA,
					TRANSITION,
					transitionForm({ effectiveDate: '2026-02-30' })
				)
			);
			expect(fieldErrorsOf(e).effectiveDate).toMatch(/ДД\.ММ\.ГГГГ/);
		});

		it('refuses a responsible person from another organisation, or not a person at all', async () => {
			for (const id of [
				f.users.directorB.id,
				f.users.municipalityAuthority.id,
				crypto.randomUUID()
			]) {
				const e = await refusedWithoutChange(db(), () =>
					generateDocument(
						db(),
						f.actors.directorA,
						f.schoolA,
						TRANSITION,
						transitionForm({ responsibleId: id })
					)
				);
				expect(fieldErrorsOf(e)).toEqual({ responsibleId: RESPONSIBLE_OUTSIDE });
			}
			const e = await refusedWithoutChange(db(), () =>
				generateDocument(
					db(),
					f.actors.directorA,
					f.schoolA,
					TRANSITION,
					transitionForm({ responsibleId: "1' or '1'='1" })
				)
			);
			expect(fieldErrorsOf(e)).toEqual({ responsibleId: 'Выберите ответственного из списка.' });
		});

		it('forbids staff, another school’s director and the authorities above (they read, not write)', async () => {
			for (const who of [
				'staffA',
				'directorB',
				'municipalityAuthority',
				'regionAuthority',
				'otherMunicipalityAuthority'
			] as const) {
				const e = await refusedWithoutChange(db(), () =>
					generateDocument(db(), f.actors[who], f.schoolA, TRANSITION, transitionForm())
				);
				expect(e, who).toBeInstanceOf(ForbiddenError);
			}
			// Refused before anything is looked at: even an unknown template is a 403, not a hint.
			const e = await refusedWithoutChange(db(), () =>
				generateDocument(db(), f.actors.staffA, f.schoolA, 'no-such-template', {})
			);
			expect(e).toBeInstanceOf(ForbiddenError);
		});
	});
});

describe('generateSet', () => {
	const setOf = (org: Organization) => templatesFor(org).filter((t) => t.in_set);

	it('has a set to make at all', () => {
		expect(setOf(f.schoolA).length).toBeGreaterThan(0);
		expect(setOf(f.schoolA).some((t) => t.id === TRANSITION)).toBe(true);
	});

	it('makes nothing at all when one required variable is missing', async () => {
		const { org, director } = await freshSchool();
		const variables = setVariables(await missingSetTemplates(db(), org));
		const required = variables.find((v) => v.required)!;
		const form = plausibleForm(variables);
		delete form[`var_${required.name}`];
		const e = await refusedWithoutChange(db(), () => generateSet(db(), director, org, form));
		expect(fieldErrorsOf(e)[`var_${required.name}`]).toBe(`Заполните поле «${required.label}».`);
		expect(await docCount(org.id)).toBe(0);
	});

	it('makes every set template once from one complete form; a second run makes nothing and reports all skipped', async () => {
		const { org, director } = await freshSchool();
		const set = setOf(org);
		const missing = await missingSetTemplates(db(), org);
		expect(missing.map((t) => t.id).sort()).toEqual(set.map((t) => t.id).sort());
		const form = plausibleForm(setVariables(missing));

		const auditBefore = await db().$count(auditEvents);
		const first = await generateSet(db(), director, org, form);
		expect(first.skipped).toBe(0);
		expect(first.created.map((d) => d.templateId).sort()).toEqual(set.map((t) => t.id).sort());
		for (const d of first.created) {
			const t = set.find((x) => x.id === d.templateId)!;
			expect(d).toMatchObject({
				status: 'draft',
				currentVersion: 1,
				templateHash: t.hash,
				title: t.title,
				kind: t.kind,
				place: 'пгт Новофедоровка'
			});
			const v1 = await findVersion(db(), d.id, 1);
			expect(v1!.source, t.id).not.toMatch(/\{\{|\{%/);
			expect(v1!.sha256).toBe(sha256(v1!.source!));
		}
		expect(await db().$count(auditEvents)).toBe(auditBefore + set.length);
		expect(await missingSetTemplates(db(), org)).toEqual([]);

		const before = await counts(db());
		const second = await generateSet(db(), director, org, form);
		expect(second).toEqual({ created: [], skipped: set.length });
		// Even an empty form is fine when there is nothing to make.
		expect(await generateSet(db(), director, org, {})).toEqual({
			created: [],
			skipped: set.length
		});
		expect(await counts(db())).toEqual(before);
		for (const t of set) expect(await docCount(org.id, t.id), t.id).toBe(1);
	});

	it('skips what is already there and does not touch documents of other templates', async () => {
		const { org, director } = await freshSchool();
		const set = setOf(org);
		const already = await generateDocument(db(), director, org, TRANSITION, transitionForm());
		const outside: ModelTemplate | undefined = templatesFor(org).find((t) => !t.in_set);
		let outsideDoc: DocumentRow | null = null;
		if (outside)
			outsideDoc = await generateDocument(db(), director, org, outside.id, {
				...transitionForm({ title: outside.title }),
				...plausibleForm(outside.variables)
			});
		// A record of the same kind as some set document is no template document.
		await registerRecord(
			db(),
			director,
			org,
			{
				kind: 'order',
				title: 'Приказ со стороны',
				number: '7-о',
				documentDate: '01.09.2025',
				place: '',
				effectiveDate: '',
				responsibleId: ''
			},
			{ name: 'order.pdf', bytes: samplePdf() }
		);

		const missing = await missingSetTemplates(db(), org);
		expect(missing.map((t) => t.id)).not.toContain(TRANSITION);
		const result = await generateSet(db(), director, org, plausibleForm(setVariables(missing)));
		expect(result.skipped).toBe(1);
		expect(result.created).toHaveLength(set.length - 1);
		for (const t of set) expect(await docCount(org.id, t.id), t.id).toBe(1);
		const [kept] = await db()
			.select()
			.from(documents)
			.where(and(eq(documents.organizationId, org.id), eq(documents.templateId, TRANSITION)));
		expect(kept!.id).toBe(already.id);
		if (outside) expect(await docCount(org.id, outside.id)).toBe(1);
		expect(outsideDoc === null || (await findDocument(db(), org.id, outsideDoc.id)) !== null).toBe(
			true
		);
		expect(await docCount(org.id)).toBe(set.length + 1 + (outside ? 1 : 0));
	});

	it('forbids staff, another director and the authority', async () => {
		const form = plausibleForm(setVariables(setOf(f.schoolB)));
		for (const who of ['staffA', 'directorA', 'municipalityAuthority'] as const) {
			const e = await refusedWithoutChange(db(), () =>
				generateSet(db(), f.actors[who], f.schoolB, form)
			);
			expect(e, who).toBeInstanceOf(ForbiddenError);
		}
	});

	// A double click or two people at once must not make the set twice.
	it('two runs at once still make each set template only once', async () => {
		const { org, director } = await freshSchool();
		const form = plausibleForm(setVariables(setOf(org)));
		await Promise.allSettled([
			generateSet(db(), director, org, form),
			generateSet(db(), director, org, form)
		]);
		for (const t of setOf(org)) expect(await docCount(org.id, t.id), t.id).toBe(1);
	});
});

describe('saveVersion', () => {
	let doc: DocumentRow;
	let v1: { source: string | null; sha256: string };

	beforeAll(async () => {
		doc = await generateDocument(
			db(),
			f.actors.directorA,
			f.schoolA,
			TRANSITION,
			transitionForm({ title: 'Приказ для правки' })
		);
		const found = await findVersion(db(), doc.id, 1);
		v1 = { source: found!.source, sha256: found!.sha256 };
	});
	const reload = async () => (await findDocument(db(), f.schoolA.id, doc.id))!;

	it('saves version 2 with the new text; version 1 stays as it was', async () => {
		const source =
			v1.source!.replace('ПРИКАЗЫВАЮ:', 'ПРИКАЗЫВАЮ:\n\n0. Дополнительно рассмотреть вопрос.') +
			'\r\nПоследняя строка.\r\n';
		const version = await saveVersion(db(), f.actors.directorA, f.schoolA, doc, {
			source,
			baseVersion: 1,
			note: '  Добавлен пункт  '
		});
		expect(version).toBe(2);
		expect((await reload()).currentVersion).toBe(2);
		const v2 = await findVersion(db(), doc.id, 2);
		expect(v2!.source).toBe(source.replace(/\r\n/g, '\n'));
		expect(v2!.sha256).toBe(sha256(v2!.source!));
		expect(v2!.note).toBe('Добавлен пункт');
		expect(v2!.authorId).toBe(f.users.directorA.id);
		const old = await findVersion(db(), doc.id, 1);
		expect(old!.source).toBe(v1.source);
		expect(old!.sha256).toBe(v1.sha256);
		expect(old!.sha256).toBe(sha256(v1.source!));
		const [event] = await db()
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.entityId, doc.id), eq(auditEvents.action, 'document.version_saved'))
			);
		expect(event!.before).toEqual({ version: 1 });
		expect(event!.after).toMatchObject({ version: 2, sha256: v2!.sha256 });
	});

	it('of two saves from the same version at once, exactly one is kept; the other is refused and stored nowhere', async () => {
		const current = (await reload()).currentVersion;
		const texts = ['Текст первого редактора.', 'Текст второго редактора.'];
		const before = await counts(db());
		const results = await Promise.allSettled(
			texts.map((source) =>
				saveVersion(db(), f.actors.directorA, f.schoolA, doc, {
					source,
					baseVersion: current,
					note: ''
				})
			)
		);
		const ok = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(ok).toHaveLength(1);
		expect(refused).toHaveLength(1);
		expect(refused[0]!.reason).toBeInstanceOf(ValidationError);
		expect(
			(refused[0]!.reason as ValidationError).message.startsWith('Пока вы редактировали')
		).toBe(true);
		expect((refused[0]!.reason as ValidationError).errors.form).toContain(`версия ${current + 1}`);
		const after = await counts(db());
		expect(after.versions).toBe(before.versions + 1);
		expect(after.audit).toBe(before.audit + 1);
		const lost = texts[results.findIndex((r) => r.status === 'rejected')]!;
		const stored = await db()
			.select({ source: documentVersions.source })
			.from(documentVersions)
			.where(eq(documentVersions.documentId, doc.id));
		expect(stored.map((s) => s.source)).not.toContain(lost);
		expect((await reload()).currentVersion).toBe(current + 1);
	});

	it('refuses a save from an older version after someone else saved, one after the other', async () => {
		const current = (await reload()).currentVersion;
		expect(
			await saveVersion(db(), f.actors.memberA, f.schoolA, doc, {
				source: 'Правка участника группы.',
				baseVersion: current,
				note: ''
			})
		).toBe(current + 1);
		const e = await refusedWithoutChange(db(), () =>
			saveVersion(db(), f.actors.directorA, f.schoolA, doc, {
				source: 'Правка директора поверх старой.',
				baseVersion: current,
				note: ''
			})
		);
		expect(e).toBeInstanceOf(ValidationError);
		expect((e as ValidationError).errors.form).toMatch(
			/^Пока вы редактировали, документ сохранил другой человек \(теперь это версия \d+\)/
		);
	});

	it('creates no version when the text is saved as it was, a new note or Windows line ends notwithstanding', async () => {
		const current = (await reload()).currentVersion;
		const text = (await findVersion(db(), doc.id, current))!.source!;
		const e = await refusedWithoutChange(db(), () =>
			saveVersion(db(), f.actors.directorA, f.schoolA, doc, {
				source: text.replace(/\n/g, '\r\n'),
				baseVersion: current,
				note: 'без правок'
			})
		);
		expect(fieldErrorsOf(e)).toEqual({ source: UNCHANGED });
		expect((await reload()).currentVersion).toBe(current);
	});

	it('refuses an empty text, a missing base version and a text too long', async () => {
		const current = (await reload()).currentVersion;
		for (const source of ['', '   \n\t\r\n', '\u0000\u0000']) {
			const e = await refusedWithoutChange(db(), () =>
				saveVersion(db(), f.actors.directorA, f.schoolA, doc, {
					source,
					baseVersion: current,
					note: ''
				})
			);
			expect(fieldErrorsOf(e)).toEqual({ source: 'Текст документа не может быть пустым.' });
		}
		for (const baseVersion of [0, NaN, 1.5, -1]) {
			const e = await refusedWithoutChange(db(), () =>
				saveVersion(db(), f.actors.directorA, f.schoolA, doc, {
					source: 'Текст',
					baseVersion,
					note: ''
				})
			);
			expect(Object.keys(fieldErrorsOf(e))).toEqual(['form']);
		}
		const e = await refusedWithoutChange(db(), () =>
			saveVersion(db(), f.actors.directorA, f.schoolA, doc, {
				source: 'я'.repeat(200_001),
				baseVersion: current,
				note: ''
			})
		);
		expect(Object.keys(fieldErrorsOf(e))).toEqual(['source']);
	});

	it('refuses to edit a registered record, and forbids staff and the authority', async () => {
		const record = await registerRecord(
			db(),
			f.actors.directorA,
			f.schoolA,
			{
				kind: 'notice',
				title: 'Уведомление в Роскомнадзор',
				number: '',
				documentDate: '',
				place: '',
				effectiveDate: '',
				responsibleId: ''
			},
			{ name: 'rkn.pdf', bytes: samplePdf() }
		);
		const e = await refusedWithoutChange(db(), () =>
			saveVersion(db(), f.actors.directorA, f.schoolA, record, {
				source: 'Новый текст',
				baseVersion: 1,
				note: ''
			})
		);
		expect(fieldErrorsOf(e)).toEqual({ form: 'Редактировать можно только черновик.' });
		const current = (await reload()).currentVersion;
		for (const who of ['staffA', 'municipalityAuthority', 'directorB'] as const) {
			const denied = await refusedWithoutChange(db(), () =>
				saveVersion(db(), f.actors[who], f.schoolA, doc, {
					source: 'Чужая правка',
					baseVersion: current,
					note: ''
				})
			);
			expect(denied, who).toBeInstanceOf(ForbiddenError);
		}
	});
});

describe('registerRecord and attachFile', () => {
	const recordForm = (fields: Record<string, string> = {}) => ({
		kind: 'contract',
		title: 'Договор с оператором',
		number: '17',
		documentDate: '2026-08-20',
		place: '',
		effectiveDate: '',
		responsibleId: '',
		...fields
	});

	it('accepts PDF, PNG, JPEG, DOCX and ODT, stored with sha-256 and the type found in the bytes', async () => {
		const uploads = [
			{ name: 'договор.pdf', bytes: samplePdf(), type: 'application/pdf', stored: 'договор.pdf' },
			{ name: 'скан.png', bytes: samplePng(), type: 'image/png', stored: 'скан.png' },
			{ name: 'фото.JPG', bytes: sampleJpeg(), type: 'image/jpeg', stored: 'фото.JPG' },
			{
				name: 'приказ.docx',
				bytes: await sampleDocx(),
				type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				stored: 'приказ.docx'
			},
			{
				name: 'положение.odt',
				bytes: sampleOdt(),
				type: 'application/vnd.oasis.opendocument.text',
				stored: 'положение.odt'
			},
			// The name does not decide: a real PDF with a wrong extension is still a PDF, and is named as one.
			{ name: 'scan.jpg', bytes: samplePdf('другой'), type: 'application/pdf', stored: 'scan.pdf' }
		];
		for (const u of uploads) {
			const auditBefore = await db().$count(auditEvents);
			const doc = await registerRecord(
				db(),
				f.actors.directorA,
				f.schoolA,
				recordForm({ title: `Запись ${u.name}` }),
				{ name: u.name, bytes: u.bytes }
			);
			expect(doc, u.name).toMatchObject({
				status: 'registered',
				isRecord: true,
				currentVersion: 1,
				kind: 'contract',
				number: '17',
				documentDate: '2026-08-20'
			});
			const v1 = await findVersion(db(), doc.id, 1);
			expect(v1!.source).toBeNull();
			const file = await findFile(db(), f.schoolA.id, v1!.fileId!);
			expect(file, u.name).toMatchObject({
				name: u.stored,
				contentType: u.type,
				size: u.bytes.byteLength,
				sha256: sha256(u.bytes),
				organizationId: f.schoolA.id
			});
			expect(Buffer.from(file!.bytes).equals(Buffer.from(u.bytes)), u.name).toBe(true);
			expect(v1!.sha256).toBe(sha256(u.bytes));
			expect(await db().$count(auditEvents)).toBe(auditBefore + 1);
		}
	});

	it('refuses a disguised file named scan.pdf, an empty one and one over 20 МБ; nothing is stored', async () => {
		for (const bytes of [sampleExe(), sampleHtml(), sampleText()]) {
			const e = await refusedWithoutChange(db(), () =>
				registerRecord(db(), f.actors.directorA, f.schoolA, recordForm(), {
					name: 'scan.pdf',
					bytes
				})
			);
			expect(fieldErrorsOf(e).file).toMatch(/^Файл не похож/);
		}
		for (const upload of [null, { name: 'scan.pdf', bytes: new Uint8Array() }]) {
			const e = await refusedWithoutChange(db(), () =>
				registerRecord(db(), f.actors.directorA, f.schoolA, recordForm(), upload)
			);
			expect(fieldErrorsOf(e)).toEqual({ file: 'Выберите файл.' });
		}
		const big = await refusedWithoutChange(db(), () =>
			registerRecord(db(), f.actors.directorA, f.schoolA, recordForm(), {
				name: 'big.pdf',
				bytes: pdfOfSize(20 * 1024 * 1024 + 1)
			})
		);
		expect(fieldErrorsOf(big).file).toContain('20 МБ');
	});

	it('reports the form’s own problems together with the file’s', async () => {
		const e = await refusedWithoutChange(db(), () =>
			registerRecord(
				db(),
				f.actors.directorA,
				f.schoolA,
				recordForm({
					kind: 'poem',
					title: '',
					documentDate: '30.02.2026',
					responsibleId: f.users.directorB.id
				}),
				{ name: 'x.pdf', bytes: sampleText() }
			)
		);
		expect(Object.keys(fieldErrorsOf(e)).sort()).toEqual(['documentDate', 'file', 'kind', 'title']);
		const outsider = await refusedWithoutChange(db(), () =>
			registerRecord(
				db(),
				f.actors.directorA,
				f.schoolA,
				recordForm({ responsibleId: f.users.directorB.id }),
				{ name: 'x.pdf', bytes: samplePdf() }
			)
		);
		expect(fieldErrorsOf(outsider)).toEqual({ responsibleId: RESPONSIBLE_OUTSIDE });
		const denied = await refusedWithoutChange(db(), () =>
			registerRecord(db(), f.actors.municipalityAuthority, f.schoolA, recordForm(), {
				name: 'x.pdf',
				bytes: samplePdf()
			})
		);
		expect(denied).toBeInstanceOf(ForbiddenError);
	});

	it('attaches a signed scan as the next version of a document; a wrong file leaves it as it was', async () => {
		const doc = await generateDocument(
			db(),
			f.actors.directorA,
			f.schoolA,
			TRANSITION,
			transitionForm({ title: 'Приказ к подписи' })
		);
		const scan = samplePdf('подписан');
		expect(
			await attachFile(
				db(),
				f.actors.directorA,
				f.schoolA,
				doc,
				{ name: 'подписанный.pdf', bytes: scan },
				'  Скан с подписью '
			)
		).toBe(2);
		const v2 = await findVersion(db(), doc.id, 2);
		expect(v2).toMatchObject({ source: null, sha256: sha256(scan), note: 'Скан с подписью' });
		expect((await findFile(db(), f.schoolA.id, v2!.fileId!))!.contentType).toBe('application/pdf');
		expect((await findDocument(db(), f.schoolA.id, doc.id))!.currentVersion).toBe(2);

		for (const [upload, message] of [
			[{ name: 'scan.pdf', bytes: sampleHtml() }, /^Файл не похож/],
			[{ name: 'big.pdf', bytes: pdfOfSize(20 * 1024 * 1024 + 10) }, /20 МБ/],
			[null, /^Выберите файл/]
		] as const) {
			const e = await refusedWithoutChange(db(), () =>
				attachFile(db(), f.actors.directorA, f.schoolA, doc, upload, '')
			);
			expect(fieldErrorsOf(e).file).toMatch(message);
		}
		expect((await findDocument(db(), f.schoolA.id, doc.id))!.currentVersion).toBe(2);
		const denied = await refusedWithoutChange(db(), () =>
			attachFile(db(), f.actors.staffA, f.schoolA, doc, { name: 's.pdf', bytes: samplePdf() }, '')
		);
		expect(denied).toBeInstanceOf(ForbiddenError);
	});
});

describe('updateDocumentDetails', () => {
	it('records only the fields that changed, and nothing when none did', async () => {
		const doc = await generateDocument(
			db(),
			f.actors.directorA,
			f.schoolA,
			TRANSITION,
			transitionForm({ title: 'Приказ о реквизитах' })
		);
		const form = {
			title: doc.title,
			number: '46-о',
			documentDate: '26.08.2026',
			place: doc.place ?? '',
			effectiveDate: '2026-09-01',
			responsibleId: ''
		};
		const updated = await updateDocumentDetails(db(), f.actors.directorA, f.schoolA, doc, form);
		expect(updated).toMatchObject({
			number: '46-о',
			documentDate: '2026-08-26',
			title: doc.title,
			place: 'пгт Новофедоровка'
		});
		const events = await db()
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.entityId, doc.id), eq(auditEvents.action, 'document.details_updated'))
			);
		expect(events).toHaveLength(1);
		expect(events[0]!.before).toEqual({ number: '45-о', documentDate: '2026-08-25' });
		expect(events[0]!.after).toEqual({ number: '46-о', documentDate: '2026-08-26' });

		// The same values again, with blanks around: no change, no event.
		const before = await counts(db());
		await updateDocumentDetails(db(), f.actors.directorA, f.schoolA, updated, {
			...form,
			title: `  ${form.title} `,
			number: ' 46-о '
		});
		expect(await counts(db())).toEqual(before);

		const bad = await refusedWithoutChange(db(), () =>
			updateDocumentDetails(db(), f.actors.directorA, f.schoolA, updated, {
				...form,
				title: '',
				documentDate: '26/08/2026'
			})
		);
		expect(Object.keys(fieldErrorsOf(bad)).sort()).toEqual(['documentDate', 'title']);
		const outsider = await refusedWithoutChange(db(), () =>
			updateDocumentDetails(db(), f.actors.directorA, f.schoolA, updated, {
				...form,
				responsibleId: f.users.directorB.id
			})
		);
		expect(fieldErrorsOf(outsider)).toEqual({ responsibleId: RESPONSIBLE_OUTSIDE });
		const denied = await refusedWithoutChange(db(), () =>
			updateDocumentDetails(db(), f.actors.municipalityAuthority, f.schoolA, updated, {
				...form,
				number: '1'
			})
		);
		expect(denied).toBeInstanceOf(ForbiddenError);
	});
});

describe('exportArchive', () => {
	let org: Organization;
	let director: Actor;
	let textDoc: DocumentRow;
	let otherText: DocumentRow;
	let record: DocumentRow;
	const scan = samplePdf('архив');

	beforeAll(async () => {
		({ org, director } = await freshSchool());
		textDoc = await generateDocument(
			db(),
			director,
			org,
			TRANSITION,
			transitionForm({ title: 'Приказ в архив', var_journal_system: 'Дневник.ру' })
		);
		const v1 = await findVersion(db(), textDoc.id, 1);
		await saveVersion(db(), director, org, textDoc, {
			source: `${v1!.source}\nДописано во второй версии.\n`,
			baseVersion: 1,
			note: ''
		});
		textDoc = (await findDocument(db(), org.id, textDoc.id))!;
		otherText = await generateDocument(
			db(),
			director,
			org,
			TRANSITION,
			transitionForm({ title: 'Второй приказ; с «кавычками»', number: '' })
		);
		record = await registerRecord(
			db(),
			director,
			org,
			{
				kind: 'notice',
				title: 'Уведомление в Роскомнадзор',
				number: 'РКН-1',
				documentDate: '2026-08-01',
				place: '',
				effectiveDate: '',
				responsibleId: ''
			},
			{ name: 'уведомление.pdf', bytes: scan }
		);
	});

	it('builds one archive for twenty requests at once, the same bytes for each, and a fresh one afterwards', async () => {
		const results = await Promise.all(
			Array.from({ length: 20 }, () => exportArchive(db(), director, org))
		);
		expect(new Set(results).size).toBe(1);
		const later = await exportArchive(db(), director, org);
		expect(later).not.toBe(results[0]);
		expect(Object.keys(unzipSync(later))).toEqual(Object.keys(unzipSync(results[0]!)));
	});

	it('gives a ZIP with one DOCX per text document, each record’s file and an index', async () => {
		const entries = unzipSync(await exportArchive(db(), director, org));
		const names = Object.keys(entries);
		expect(names).toHaveLength(4);
		const docxNames = names.filter((n) => n.endsWith('.docx'));
		expect(docxNames).toHaveLength(2);
		for (const name of docxNames) {
			const inner = unzipSync(entries[name]!);
			expect(inner['word/document.xml'], name).toBeDefined();
			expect(strFromU8(inner['word/document.xml']!)).toContain(org.fullName.replace(/«|»/g, '')); // text of the organisation name
		}
		// The current version is what goes to the archive.
		const current = docxNames.find((n) => n.includes('Приказ в архив'))!;
		expect(strFromU8(unzipSync(entries[current]!)['word/document.xml']!)).toContain(
			'Дописано во второй версии.'
		);
		expect(strFromU8(unzipSync(entries[current]!)['word/document.xml']!)).toContain('Дневник.ру');

		const pdfName = names.find((n) => n.endsWith('.pdf'))!;
		expect(pdfName).toContain('Уведомление в Роскомнадзор');
		expect(Buffer.from(entries[pdfName]!).equals(Buffer.from(scan))).toBe(true);

		const csvBytes = entries['Опись документов.csv'];
		expect(csvBytes).toBeDefined();
		// UTF-8 with a byte-order mark, so that Excel reads the Cyrillic right.
		expect([...csvBytes!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csvBytes!);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const lines = csv.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toBe('№;Вид;Название;Номер;Дата;Статус;Версия;Файл;SHA-256 версии');
		const v2 = await findVersion(db(), textDoc.id, 2);
		const row = lines.find((l) => l.includes('Приказ в архив'))!;
		expect(row).toContain(';Приказ;');
		expect(row).toContain(';2;');
		expect(row).toContain(v2!.sha256);
		expect(row).toContain(current);
		expect(lines.find((l) => l.includes('Роскомнадзор'))).toContain(sha256(scan));
		expect(lines.find((l) => l.includes('Роскомнадзор'))).toContain('Зарегистрирован');
		// A title with a semicolon is quoted so that the columns stay in place.
		expect(lines.some((l) => l.includes('"Второй приказ; с «кавычками»"'))).toBe(true);
		for (const doc of [textDoc, otherText, record]) expect(csv).toContain(doc.title);
	});

	it('lets the authority above read the archive, but not another school’s director', async () => {
		const muni = await loadActor(db(), f.users.municipalityAuthority);
		expect(Object.keys(unzipSync(await exportArchive(db(), muni, org)))).toHaveLength(4);
		await expect(exportArchive(db(), f.actors.directorB, org)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(
			exportArchive(db(), f.actors.otherMunicipalityAuthority, org)
		).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('gives an empty organisation an archive with just the index', async () => {
		const { org: empty, director: d } = await freshSchool();
		const entries = unzipSync(await exportArchive(db(), d, empty));
		expect(Object.keys(entries)).toEqual(['Опись документов.csv']);
	});

	// A record's file keeps its real type in the archive, whatever name it was uploaded under.
	it('names a record’s file in the archive by its real type, whatever it was uploaded as', async () => {
		const { org: o, director: d } = await freshSchool();
		await registerRecord(
			db(),
			d,
			o,
			{
				kind: 'contract',
				title: 'Договор без расширения',
				number: '',
				documentDate: '',
				place: '',
				effectiveDate: '',
				responsibleId: ''
			},
			{ name: 'скан', bytes: samplePdf() }
		);
		await registerRecord(
			db(),
			d,
			o,
			{
				kind: 'contract',
				title: 'Договор с чужим расширением',
				number: '',
				documentDate: '',
				place: '',
				effectiveDate: '',
				responsibleId: ''
			},
			{ name: 'scan.jpg', bytes: samplePdf() }
		);
		const names = Object.keys(unzipSync(await exportArchive(db(), d, o))).filter((n) =>
			n.startsWith('0')
		);
		expect(names).toHaveLength(2);
		for (const n of names) expect(n).toMatch(/\.pdf$/);
	});
});

describe('reading is scoped to the organisation', () => {
	let docA: DocumentRow;
	let recordA: DocumentRow;
	let fileIdA: string;

	beforeAll(async () => {
		docA = await generateDocument(
			db(),
			f.actors.directorA,
			f.schoolA,
			TRANSITION,
			transitionForm({ title: 'Приказ школы А', number: 'А-100%_' })
		);
		recordA = await registerRecord(
			db(),
			f.actors.directorA,
			f.schoolA,
			{
				kind: 'agreement',
				title: 'Соглашение школы А',
				number: '',
				documentDate: '',
				place: '',
				effectiveDate: '',
				responsibleId: ''
			},
			{ name: 'a.pdf', bytes: samplePdf() }
		);
		fileIdA = (await findVersion(db(), recordA.id, 1))!.fileId!;
	});

	it('does not let school B’s director view school A’s documents', () => {
		expect(can(f.actors.directorB, 'document.view', f.schoolA)).toBe(false);
		expect(can(f.actors.directorB, 'document.edit', f.schoolA)).toBe(false);
		expect(can(f.actors.otherMunicipalityAuthority, 'document.view', f.schoolA)).toBe(false);
		// Those of the school, and the authorities above it, read.
		for (const who of [
			'directorA',
			'memberA',
			'staffA',
			'municipalityAuthority',
			'regionAuthority',
			'admin'
		] as const)
			expect(can(f.actors[who], 'document.view', f.schoolA), who).toBe(true);
	});

	it('finds a document, version or file only through its own organisation', async () => {
		expect((await findDocument(db(), f.schoolA.id, docA.id))?.id).toBe(docA.id);
		expect(await findDocument(db(), f.schoolB.id, docA.id)).toBeNull();
		expect(await findDocument(db(), f.municipality.id, docA.id)).toBeNull();
		expect(await findDocument(db(), f.schoolA.id, 'not-a-uuid')).toBeNull();
		expect(await findDocument(db(), f.schoolA.id, crypto.randomUUID())).toBeNull();
		expect((await findFile(db(), f.schoolA.id, fileIdA))?.id).toBe(fileIdA);
		expect(await findFile(db(), f.schoolB.id, fileIdA)).toBeNull();
		expect(await findFile(db(), f.schoolA.id, "'; drop table files; --")).toBeNull();
	});

	it('lists only the organisation’s own documents, filtered by kind, status and text', async () => {
		const listA = await listDocuments(
			db(),
			f.schoolA.id,
			parseDocumentFilter(new URLSearchParams()).filter
		);
		expect(listA.map((d) => d.id)).toEqual(expect.arrayContaining([docA.id, recordA.id]));
		const listB = await listDocuments(
			db(),
			f.schoolB.id,
			parseDocumentFilter(new URLSearchParams()).filter
		);
		expect(listB.map((d) => d.id)).not.toContain(docA.id);

		const filtered = (qs: string) =>
			listDocuments(db(), f.schoolA.id, parseDocumentFilter(new URLSearchParams(qs)).filter);
		expect((await filtered('kind=agreement')).map((d) => d.id)).toEqual([recordA.id]);
		expect((await filtered('status=registered')).every((d) => d.status === 'registered')).toBe(
			true
		);
		expect((await filtered('status=registered')).map((d) => d.id)).toContain(recordA.id);
		expect((await filtered('q=школы%20а')).map((d) => d.title).sort()).toEqual([
			'Приказ школы А',
			'Соглашение школы А'
		]);
		// % and _ are searched as characters, not as patterns.
		expect((await filtered('q=' + encodeURIComponent('100%_'))).map((d) => d.id)).toEqual([
			docA.id
		]);
		expect(await filtered('q=' + encodeURIComponent('%'))).toHaveLength(1);
		// An unknown kind is ignored: the whole list.
		expect((await filtered('kind=poem')).length).toBe(listA.length);
	});

	it('keeps the full history of versions, newest first', async () => {
		await saveVersion(db(), f.actors.directorA, f.schoolA, docA, {
			source: 'Вторая редакция.',
			baseVersion: 1,
			note: 'правка'
		});
		const history = await versionsOf(db(), docA.id);
		expect(history.map((v) => v.version)).toEqual([2, 1]);
		expect(history[1]!.note).toBe('Сформирован по шаблону');
		expect(history.every((v) => v.authorName === f.users.directorA.fullName)).toBe(true);
	});
});

describe('the audit chains stay whole', () => {
	it('verifies every organisation that got documents', async () => {
		const orgs = await db().selectDistinct({ id: documents.organizationId }).from(documents);
		for (const { id } of orgs) expect((await verifyChain(db(), id)).ok, id).toBe(true);
		// Files stored only with their documents: nothing orphaned by a refusal.
		const orphanFiles = await db()
			.select({ id: files.id })
			.from(files)
			.leftJoin(documentVersions, eq(documentVersions.fileId, files.id))
			.where(isNull(documentVersions.id));
		expect(orphanFiles).toEqual([]);
	});
});
