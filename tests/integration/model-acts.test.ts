import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	documentVersions,
	memberships,
	organizations,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import {
	generateDocument,
	manualTemplatesFor
} from '../../src/lib/server/documents/generate-document';
import { documentLayout } from '../../src/lib/server/documents/layout';
import { renderDocx } from '../../src/lib/server/render';
import { loadTemplateContext } from '../../src/lib/server/templates/context';
import { sampleValues } from '../../src/lib/server/templates/variables';
import { grantRole, insertOrg, insertUser } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

// A school unlike the demo one: a director with a Turkic patronymic acting as head, a double
// surname in the group, a position whose cases the director corrected, another journal system,
// no founder's agreement registered.
const DIRECTOR = 'Абдуллаева Эльмаз Рустем кызы';
const DIRECTOR_POSITION = 'Исполняющий обязанности директора';
const MEMBERS: [string, string][] = [
	['Римская-Корсакова Анна Петровна', 'Заместитель директора по учебно-воспитательной работе'],
	['Мамутов Эдем Ленурович', 'Учитель информатики'],
	['Ким Ольга Николаевна', 'Вожатый']
];
const PAPERLESS = new Date(Date.now() + 500 * 86_400_000).toISOString().slice(0, 10);
const REGION_LAW =
	'Закон Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»';

let handle: DatabaseHandle;
let school: Organization;
let municipality: Organization;
let director: Actor;
let authority: Actor;
const generated: { template: string; doc: DocumentRow; org: Organization; source: string }[] = [];
const db = () => handle.db;

beforeAll(async () => {
	handle = await openTestDatabase();
	const region = await insertOrg(db(), null, 'region', {
		shortName: 'Минобразования Республики Крым',
		slug: 'acts-region',
		timeZone: 'Europe/Simferopol',
		educationLaw: REGION_LAW
	});
	municipality = await insertOrg(db(), region, 'municipality', {
		shortName: 'Отдел образования Бахчисарайского района',
		slug: 'acts-mun',
		headName: 'Сеитов Айдер Эдем оглу',
		headPosition: 'Начальник отдела образования',
		address: 'Республика Крым, г. Бахчисарай, ул. Мира, д. 1'
	});
	school = await insertOrg(db(), municipality, 'school', {
		shortName: 'МБОУ «Скалистовская школа»',
		fullName:
			'Муниципальное бюджетное общеобразовательное учреждение «Скалистовская средняя школа» Бахчисарайского района Республики Крым',
		slug: 'acts-school',
		headName: DIRECTOR,
		headPosition: DIRECTOR_POSITION,
		address: '298420, Республика Крым, Бахчисарайский район, с. Скалистое, ул. Школьная, д. 3',
		journalSystem: 'dnevnik_ru',
		founderName: 'Администрация Бахчисарайского района Республики Крым',
		inn: '9104004567'
	});
	const head = await insertUser(db(), { email: 'acts-director@example.test', fullName: DIRECTOR });
	await grantRole(db(), head, school, 'director');
	await db()
		.update(memberships)
		.set({ position: DIRECTOR_POSITION })
		.where(eq(memberships.userId, head.id));
	for (const [i, [fullName, position]] of MEMBERS.entries()) {
		const user = await insertUser(db(), { email: `acts-member-${i}@example.test`, fullName });
		await grantRole(db(), user, school, 'working_group');
		// The director corrected one position: «Вожатый» held by a woman reads «вожатую» in her record.
		await db()
			.update(memberships)
			.set({
				position,
				positionForms:
					position === 'Вожатый'
						? { gen: 'вожатой', dat: 'вожатой', acc: 'вожатую', ins: 'вожатой', pre: 'вожатой' }
						: null
			})
			.where(eq(memberships.userId, user.id));
	}
	director = await loadActor(db(), head);
	const officer = await insertUser(db(), {
		email: 'acts-officer@example.test',
		fullName: 'Сеитов Айдер Эдем оглу'
	});
	await grantRole(db(), officer, municipality, 'authority');
	authority = await loadActor(db(), officer);
	school = (await db().select().from(organizations).where(eq(organizations.id, school.id)))[0]!;
	municipality = (
		await db().select().from(organizations).where(eq(organizations.id, municipality.id))
	)[0]!;
});
afterAll(async () => {
	await handle?.close();
});

async function generateAll(org: Organization, actor: Actor) {
	const scope = await loadTemplateContext(db(), org);
	for (const t of manualTemplatesFor(org)) {
		const form: Record<string, string> = {
			...sampleValues(t, scope),
			title: t.title,
			number: '',
			documentDate: '',
			place: '',
			effectiveDate: '',
			responsibleId: ''
		};
		// One chronology for the whole set, as the director keeps it: the paperless mode last.
		for (const v of t.variables.filter((x) => x.type === 'date'))
			form[`var_${v.name}`] = /paperless/.test(v.name) ? PAPERLESS : form[`var_${v.name}`]!;
		const doc = await generateDocument(db(), actor, org, t.id, form);
		const [version] = await db()
			.select()
			.from(documentVersions)
			.where(eq(documentVersions.documentId, doc.id));
		generated.push({ template: t.id, doc, org, source: version!.source ?? '' });
	}
}

describe('every model act, generated for a school and a district office unlike the demo ones', () => {
	it('generates each template the school and the office may choose, from their own records', async () => {
		await generateAll(school, director);
		await generateAll(municipality, authority);
		expect(generated.length).toBe(
			manualTemplatesFor(school).length + manualTemplatesFor(municipality).length
		);
		for (const g of generated) {
			expect(g.source, g.template).not.toMatch(/\{\{|\{%|undefined|\[object Object\]|NaN/);
		}
	});

	it('puts the school’s people in the case each sentence needs, never in the nominative after a verb', () => {
		const all = generated.map((g) => g.source).join('\n');
		// The acting head's name never appears in a form a sentence cannot take: «назначить Абдуллаева Эльмаз…» would be wrong.
		expect(all).not.toMatch(
			/(назначить|возложить на|поручить)\s+(Абдуллаева|Мамутов|Ким|Римская-Корсакова)\s/i
		);
		expect(all).not.toMatch(/вожатого/);
	});

	it('cites the region’s own law where the acts list their legal basis, and no repealed act anywhere', () => {
		const all = generated.map((g) => g.source).join('\n');
		expect(all).toContain('Законом Республики Крым от 06.07.2015 № 131-ЗРК/2015');
		// The repealed acts: the seed's Рособрнадзор № 1417 for retention, the site rules № 831 and ПП № 582, the archival list № 558.
		expect(all).not.toMatch(
			/от 16\.10\.2018 № 1417|от 14\.08\.2020 № 831|от 10\.07\.2013 № 582|от 25\.08\.2010 № 558/
		);
	});

	it('never claims a founder’s agreement the school has not registered', () => {
		for (const g of generated.filter((x) => x.org.id === school.id))
			expect(g.source, g.template).not.toMatch(
				/согласовано с учредителем\s+(письмом|от)|согласия учредителя от \d/
			);
	});

	it('renders every generated act to DOCX, and LibreOffice opens each one', async () => {
		// ACTS_OUT=<dir> keeps the DOCX and PDF files, to read them page by page.
		const dir = process.env.ACTS_OUT ?? mkdtempSync(path.join(tmpdir(), 'reglament-acts-'));
		mkdirSync(dir, { recursive: true });
		try {
			for (const g of generated)
				writeFileSync(
					path.join(dir, `${g.template}.docx`),
					await renderDocx(documentLayout(g.doc, g.org, g.source))
				);
			const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
			if (soffice.status !== 0) {
				console.warn(
					'LibreOffice не установлен: DOCX построены, открыть их в LibreOffice не удалось (apt-get install libreoffice-writer-nogui poppler-utils).'
				);
				return;
			}
			const files = readdirSync(dir).filter((f) => f.endsWith('.docx'));
			execFileSync(
				'soffice',
				[
					`-env:UserInstallation=file://${dir}/profile`,
					'--headless',
					'--convert-to',
					'pdf',
					'--outdir',
					dir,
					...files.map((f) => path.join(dir, f))
				],
				{ stdio: 'ignore', timeout: 240_000 }
			);
			for (const f of files) {
				const pdf = path.join(dir, f.replace(/\.docx$/, '.pdf'));
				const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
				expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1]), f).toBeGreaterThanOrEqual(1);
				// A4, portrait or (a sheet with many columns) landscape.
				expect(info.match(/Page size:.*/)?.[0], f).toMatch(
					/Page size:\s+(595(\.\d+)? x 84[12]|84[12](\.\d+)? x 595)/
				);
			}
		} finally {
			if (!process.env.ACTS_OUT) rmSync(dir, { recursive: true, force: true });
		}
	}, 300_000);
});
