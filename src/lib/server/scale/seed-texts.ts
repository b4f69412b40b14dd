import type { Organization } from '../db/schema';
import { templateContext } from '../templates/context';
import { addDays } from '../checklists/due-dates';
import { fillTemplate } from '../templates/fill-template';
import { templateLibrary } from '../templates/library';
import type { ModelTemplate } from '../templates/template-file';
import { fieldName, parseVariableValues, sampleValues } from '../templates/variables';

/**
 * The texts seed:scale gives its schools: the real school templates, filled by the app's own
 * Liquid scope and form parsing for a few dozen «profiles» (director, working group, journal system,
 * operator, dates). What differs per school — its names and INN — is a token the SQL replaces, so a
 * million acts cost a few thousand renders. Every other value a school shows (its director, system,
 * address) is its profile's, so the profile and the text agree.
 */

/** Per-school values, put in by SQL `replace` after rendering. */
export const SCHOOL_TOKENS = {
	fullName: '⟦ORG_FULL⟧',
	shortName: '⟦ORG_SHORT⟧',
	inn: '⟦ORG_INN⟧',
	parentFullName: '⟦PARENT_FULL⟧',
	parentShortName: '⟦PARENT_SHORT⟧'
} as const;

/** The acts and appendices a school approves by one order, the orders it signs one by one, and its records. */
export const SEED_SET = {
	acts: [
		'school-regulation-journal',
		'school-regulation-paperless',
		'school-regulation-personal-data',
		'school-regulation-working-group',
		'school-procedure-storage',
		'school-rules-journal',
		'school-rules-support',
		'school-rules-diary-service',
		'school-instruction-additions',
		'school-plan-roadmap',
		'school-plan-prospective',
		'school-schedule-devices',
		'school-list-acts-to-amend'
	],
	orders: [
		'school-order-transition',
		'school-order-working-group',
		'school-order-pd-responsible',
		'school-order-failure-procedure',
		'school-order-destruction-commission',
		'school-order-period-close'
	],
	records: [
		'school-consent-parent',
		'school-agreement-pd-processing',
		'school-act-protection-level',
		'school-act-harm-assessment',
		'school-notice-staff'
	],
	approvalOrder: 'school-order-approve-acts'
} as const;

const surnames = [
	'Иванова',
	'Петров',
	'Смирнова',
	'Кузнецов',
	'Соколова',
	'Попов',
	'Лебедева',
	'Козлов',
	'Новикова',
	'Морозов',
	'Волкова',
	'Алексеев',
	'Фёдорова',
	'Николаев',
	'Орлова',
	'Макаров'
];
const givenNames: Record<'f' | 'm', [string, string][]> = {
	f: [
		['Елена', 'Викторовна'],
		['Ольга', 'Николаевна'],
		['Татьяна', 'Сергеевна'],
		['Наталья', 'Ивановна'],
		['Светлана', 'Петровна'],
		['Марина', 'Андреевна']
	],
	m: [
		['Андрей', 'Владимирович'],
		['Сергей', 'Иванович'],
		['Алексей', 'Петрович'],
		['Дмитрий', 'Александрович'],
		['Игорь', 'Николаевич'],
		['Павел', 'Сергеевич']
	]
};
const person = (i: number) => {
	const surname = surnames[i % surnames.length]!;
	const [name, patronymic] =
		givenNames[surname.endsWith('а') ? 'f' : 'm'][Math.floor(i / surnames.length) % 6]!;
	return `${surname} ${name} ${patronymic}`;
};
const cities = [
	'г. Саки',
	'пгт Новофедоровка',
	'с. Ивановка',
	'г. Евпатория',
	'пгт Черноморское',
	'с. Крымское',
	'г. Джанкой',
	'с. Лесное'
];
const operators = [
	[
		'ООО «Электронное образование»',
		'7701234567',
		'1027700000011',
		'125009, г. Москва, ул. Тверская, д. 7'
	],
	[
		'АО «Региональный центр информатизации»',
		'9102012345',
		'1149102000022',
		'295000, Республика Крым, г. Симферополь, ул. Пушкина, д. 12'
	],
	[
		'ООО «Цифровая школа»',
		'7802345678',
		'1027800000033',
		'190000, г. Санкт-Петербург, Невский пр., д. 20'
	]
] as const;
/** Journal systems with the share of schools that use each: the profile and the text agree. */
const systems: [Organization['journalSystem'], number][] = [
	['eljur', 0.1],
	['dnevnik_ru', 0.25],
	['ais_electronic_school', 0.15],
	['netcity', 0.1],
	['regional_gis', 0.2],
	['fgis_my_school', 0.15],
	['other', 0.05]
];

export const PROFILE_COUNT = 60;

/** The day the seed's acts come into force, as their approval order says: after every school's approval. */
export const SEED_ACTS_EFFECTIVE = (today: string) => addDays(today, -5);
const ru = (iso: string) => iso.split('-').reverse().join('.');

export interface SeedProfile {
	headName: string;
	journalSystem: NonNullable<Organization['journalSystem']>;
	journalSystemOther: string | null;
	address: string;
	paperlessSince: string | null;
	founderName: string;
}

export interface SeedText {
	templateId: string;
	profile: number;
	body: string;
	variables: Record<string, unknown>;
}

/** Sentences a school adds to a model act before approving it: the edited texts. The last is rare. */
export const ADDED_SENTENCES = [
	'Классный руководитель еженедельно проверяет заполнение журнала своего класса.',
	'Сведения о посещаемости вносятся не позднее окончания учебного дня.',
	'Родители (законные представители) обучающихся с ограниченными возможностями здоровья получают сведения также на бумажном носителе по заявлению.',
	'Резервное копирование данных журнала проводится ежедневно, копии хранятся не менее одного учебного года.',
	'Ответственный за ведение журнала ежемесячно докладывает о его состоянии на совещании при директоре.',
	'Для обучающихся, получающих образование на дому, отметки выставляет учитель, ведущий обучение на дому.',
	'Вопросы, не урегулированные настоящим актом, решаются по согласованию с управляющим советом.',
	'Для глухих и слабослышащих родителей разъяснения даются с участием сурдопереводчика.'
];

function profileOf(i: number, today: string): SeedProfile {
	let at = (((i * 0.6180339887) % 1) + 1) % 1;
	let system = systems[0]![0]!;
	for (const [s, share] of systems) {
		if (at < share) {
			system = s!;
			break;
		}
		at -= share;
	}
	return {
		headName: person(i * 7 + 3),
		journalSystem: system,
		journalSystemOther: system === 'other' ? 'Информационная система собственной разработки' : null,
		address: `29${String(6000 + i * 37).slice(-4)}, Республика Крым, ${cities[i % cities.length]}, ул. Школьная, д. ${1 + (i % 40)}`,
		paperlessSince: i % 3 === 0 ? null : addDays(today, 30 + (i % 5) * 7),
		founderName: `Администрация муниципального образования ${cities[i % cities.length]!.replace(/^\S+ /, '')}`
	};
}

/** Realistic answers for the form fields the seed's templates ask and the profile cannot fill. */
function formAnswers(i: number, people: string[]): Record<string, string> {
	const [name, inn, ogrn, address] = operators[i % operators.length]!;
	const who = (k: number, position: string) => `${people[k % people.length]} — ${position}`;
	return {
		operator_name: name,
		operator: name,
		operator_inn: inn,
		operator_ogrn: ogrn,
		operator_address: address,
		operator_signatory: `${person(i * 5 + 11)} — генеральный директор`,
		operator_support: 'support@journal.example.ru, 8 800 100-00-00',
		system_url: 'https://journal.example.ru',
		contract_number: `${10 + (i % 80)}/ЭЖ`,
		contract_party: name,
		contract_details: `договор от 20.08.2025 № ${10 + (i % 80)}/ЭЖ`,
		pd_responsible: who(1, 'заместитель директора по учебно-воспитательной работе'),
		responsible: who(1, 'заместитель директора по учебно-воспитательной работе'),
		security_responsible: who(2, 'учитель информатики'),
		administrator: who(2, 'учитель информатики'),
		deputy: who(1, 'заместитель директора по учебно-воспитательной работе'),
		secretary: who(3, 'учитель начальных классов'),
		archivist: who(3, 'секретарь учебной части'),
		destruction_chair: who(1, 'заместитель директора'),
		destruction_members: `${who(2, 'учитель информатики')}\n${who(3, 'секретарь учебной части')}`,
		basis: 'решение педагогического совета',
		meeting_day: 'вторник',
		academic_year: '2025/2026',
		full_year: '2027/2028',
		pilot_year: '2025/2026',
		prep_year: '2024/2025',
		roadmap_basis: 'приказ управления образования',
		roadmap_basis_number: `${100 + (i % 50)}`,
		phone: '8 (36563) 2-00-00',
		contact: 'secretary@school.example.ru',
		retention_article_journal: '',
		retention_article_summary: '',
		threat_basis: 'модель угроз безопасности персональных данных оператора системы',
		org_ogrn: `11491${String(10000000 + i).slice(-8)}`,
		employee: who(3, 'учитель начальных классов'),
		staff: people
			.map(
				(p, k) =>
					`${p} — ${['учитель математики', 'учитель русского языка', 'учитель информатики', 'учитель истории'][k % 4]}`
			)
			.join('\n')
	};
}

/** Renders every template of the seed's set for every profile; throws if a per-school token was altered on the way. */
export async function renderSeedTexts(
	today: string
): Promise<{ profiles: SeedProfile[]; texts: SeedText[]; templates: ModelTemplate[] }> {
	const library = templateLibrary();
	const ids = [...SEED_SET.acts, ...SEED_SET.orders, ...SEED_SET.records, SEED_SET.approvalOrder];
	const templates = ids.map((id) => {
		const t = library.byId.get(id);
		if (!t) throw new Error(`Шаблона ${id} нет в библиотеке`);
		return t;
	});
	const profiles = Array.from({ length: PROFILE_COUNT }, (_, i) => profileOf(i, today));
	const acts = templates.filter((t) => (SEED_SET.acts as readonly string[]).includes(t.id));
	const texts: SeedText[] = [];
	for (const [i, p] of profiles.entries()) {
		const people = [0, 1, 2, 3].map((k) => person(i * 3 + k * 17 + 1));
		const org = {
			id: '00000000-0000-4000-8000-000000000000',
			kind: 'school',
			parentId: null,
			path: '/',
			slug: 'seed',
			fullName: SCHOOL_TOKENS.fullName,
			shortName: SCHOOL_TOKENS.shortName,
			inn: SCHOOL_TOKENS.inn,
			headName: p.headName,
			headPosition: 'Директор',
			address: p.address,
			website: 'https://school.example.ru',
			journalSystem: p.journalSystem,
			journalSystemOther: p.journalSystemOther,
			paperlessSince: p.paperlessSince,
			founderName: p.founderName,
			timeZone: 'Europe/Moscow',
			readinessPublic: false,
			educationLaw: null,
			orderSeries: [{ suffix: '-о', title: 'по основной деятельности' }],
			discussionMinDays: 7,
			createdAt: new Date(),
			updatedAt: new Date()
		} as unknown as Organization;
		const parent = {
			...org,
			fullName: SCHOOL_TOKENS.parentFullName,
			shortName: SCHOOL_TOKENS.parentShortName,
			kind: 'municipality'
		} as Organization;
		const scope = templateContext({
			org,
			parent,
			region: { educationLaw: null },
			director: { fullName: p.headName, position: 'Директор' },
			members: people.map((fullName, k) => ({
				fullName,
				position: [
					'заместитель директора по учебно-воспитательной работе',
					'учитель информатики',
					'учитель начальных классов',
					'педагог-психолог'
				][k]!
			})),
			founderAgreement: { number: `01-12/${100 + i}`, date: addDays(today, -400) },
			today: addDays(today, -(i % 30))
		});
		const answers = formAnswers(i, people);
		for (const t of templates) {
			const form = sampleValues(t, scope);
			for (const v of t.variables)
				if (v.source === 'manual' && answers[v.name] !== undefined)
					form[fieldName(v)] = answers[v.name]!;
			if (t.id === SEED_SET.approvalOrder) {
				form[fieldName(t.variables.find((v) => v.name === 'acts')!)] = acts
					.filter((a) => a.documentClass === 'act')
					.map((a) => a.title)
					.join('\n');
				form[fieldName(t.variables.find((v) => v.name === 'appendices')!)] = acts
					.filter((a) => a.documentClass === 'appendix')
					.map((a) => a.title)
					.join('\n');
				// The councils and the pedagogical council before any school's approval order (seed:scale approves from 60 days ago).
				form[fieldName(t.variables.find((v) => v.name === 'councils_opinion')!)] =
					`совета родителей (протокол от ${ru(addDays(today, -70))} № 1), совета обучающихся (протокол от ${ru(addDays(today, -69))} № 1)`;
				form[fieldName(t.variables.find((v) => v.name === 'adopted_by')!)] =
					`педагогического совета (протокол от ${ru(addDays(today, -65))} № 1)`;
				form[fieldName(t.variables.find((v) => v.name === 'effective_date')!)] =
					SEED_ACTS_EFFECTIVE(today);
				form[fieldName(t.variables.find((v) => v.name === 'repealed')!)] = '';
			}
			const values = parseVariableValues(t, form);
			if (!values.ok) throw new Error(`${t.id}: ${Object.values(values.errors).join(' ')}`);
			const body = await fillTemplate(t, scope, values.value);
			const broken = body
				.match(/⟦(?![A-Z_]+⟧)|⟦[A-Z_]+⟧/g)
				?.filter((m) => !Object.values(SCHOOL_TOKENS).includes(m as never));
			if (broken?.length)
				throw new Error(`${t.id}: метка школы изменена при заполнении (${broken[0]})`);
			texts.push({ templateId: t.id, profile: i, body, variables: values.value });
		}
	}
	return { profiles, texts, templates };
}
