import type { JournalSystem, MembershipRole } from '../db/schema';

// Organisations and people of the demo, taken from the seeds: the Crimea letters (000, 001),
// the Saki district order (002), the Amur pilot list (003) and the Murmansk pilot sites (004).
// Names of people are invented.

export interface DemoSchool {
	shortName: string;
	fullName: string;
	slug: string;
	address?: string;
	headName?: string;
	paperlessSince?: string;
}

export interface DemoMunicipality {
	shortName: string;
	fullName: string;
	slug: string;
	address: string;
	schools: DemoSchool[];
}

export interface DemoRegion {
	shortName: string;
	fullName: string;
	slug: string;
	address: string;
	website: string;
	timeZone: string;
	journalSystem: JournalSystem;
	/** The region's own law on education, as its schools' acts cite it. */
	educationLaw?: string;
	municipalities: DemoMunicipality[];
}

const crimeaSchool = (
	village: string,
	slug: string,
	kind = 'средняя школа',
	extra: Partial<DemoSchool> = {}
): DemoSchool => ({
	shortName: `МБОУ «${village} ${kind}»`,
	fullName: `Муниципальное бюджетное общеобразовательное учреждение «${village} ${kind}» муниципального образования Сакский район Республики Крым`,
	slug,
	...extra
});

const murmanskTypes: Record<string, string> = {
	ООШ: 'основная общеобразовательная школа',
	СОШ: 'средняя общеобразовательная школа',
	ВСОШ: 'вечерняя (сменная) общеобразовательная школа',
	Гимназия: 'гимназия'
};

export const DEMO_SCHOOL_SLUG = 'novofedorovskaya-shkola-litsey';

export const demoRegions: DemoRegion[] = [
	{
		shortName: 'Минобразования Республики Крым',
		fullName: 'Министерство образования, науки и молодежи Республики Крым',
		slug: 'krym',
		address: 'Республика Крым, г. Симферополь',
		website: 'https://monm.rk.gov.ru',
		timeZone: 'Europe/Simferopol',
		journalSystem: 'eljur',
		educationLaw:
			'Закон Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»',
		municipalities: [
			{
				shortName: 'Отдел образования Сакского района',
				fullName: 'Отдел образования администрации Сакского района Республики Крым',
				slug: 'saki-rayon',
				address: 'Республика Крым, г. Саки',
				schools: [
					crimeaSchool('Новофедоровская', DEMO_SCHOOL_SLUG, 'школа-лицей', {
						address: 'Республика Крым, Сакский район, пгт Новофедоровка',
						headName: 'Ковальчук Елена Викторовна'
					}),
					crimeaSchool('Вересаевская', 'veresaevskaya-sh'),
					crimeaSchool('Геройская', 'geroyskaya-sh'),
					crimeaSchool('Ивановская', 'ivanovskaya-sh'),
					crimeaSchool('Митяевская', 'mityaevskaya-sh'),
					crimeaSchool('Уютненская', 'uyutnenskaya-sh'),
					crimeaSchool('Штормовская', 'shtormovskaya-sh')
				]
			}
		]
	},
	{
		shortName: 'Минобрнауки Амурской области',
		fullName: 'Министерство образования и науки Амурской области',
		slug: 'amur',
		address: 'Амурская область, г. Благовещенск',
		website: 'https://obr.amurobl.ru',
		timeZone: 'Asia/Yakutsk',
		journalSystem: 'dnevnik_ru',
		municipalities: [
			amurMunicipality(
				'г. Благовещенск',
				'Управление образования администрации города Благовещенска',
				'blagoveshchensk',
				'Амурская область, г. Благовещенск',
				[
					[
						'МОАУ «Гимназия № 1 г. Благовещенска»',
						'Муниципальное общеобразовательное автономное учреждение «Гимназия № 1 города Благовещенска»',
						'blg-gimnaziya-1'
					],
					[
						'МОАУ «Гимназия № 25 г. Благовещенска»',
						'Муниципальное общеобразовательное автономное учреждение «Гимназия № 25 города Благовещенска»',
						'blg-gimnaziya-25'
					]
				]
			),
			amurMunicipality(
				'г. Белогорск',
				'Комитет по образованию и делам молодежи администрации города Белогорск',
				'belogorsk',
				'Амурская область, г. Белогорск',
				[
					[
						'МОАУ «Гимназия № 1 г. Белогорска»',
						'Муниципальное общеобразовательное автономное учреждение «Гимназия № 1 города Белогорск»',
						'blgr-gimnaziya-1'
					],
					[
						'МОАУ «СОШ № 11 г. Белогорска»',
						'Муниципальное общеобразовательное автономное учреждение «Средняя общеобразовательная школа № 11 города Белогорск»',
						'blgr-sosh-11'
					],
					[
						'МОАУ «СОШ № 17 г. Белогорска»',
						'Муниципальное общеобразовательное автономное учреждение «Средняя общеобразовательная школа № 17 города Белогорск»',
						'blgr-sosh-17'
					],
					[
						'МОАУ «СОШ № 200 г. Белогорска»',
						'Муниципальное общеобразовательное автономное учреждение «Средняя общеобразовательная школа № 200 города Белогорск»',
						'blgr-sosh-200'
					]
				]
			),
			amurMunicipality(
				'г. Тында',
				'Управление образования администрации города Тынды',
				'tynda',
				'Амурская область, г. Тында',
				[
					[
						'МОБУ «СОШ № 2 г. Тынды»',
						'Муниципальное общеобразовательное бюджетное учреждение «Средняя общеобразовательная школа № 2 города Тынды»',
						'tynda-sosh-2'
					],
					[
						'МОБУ «Лицей № 8 г. Тынды»',
						'Муниципальное общеобразовательное бюджетное учреждение «Лицей № 8 города Тынды»',
						'tynda-litsey-8'
					],
					[
						'МОАУ «Гимназия № 2 г. Тынды»',
						'Муниципальное общеобразовательное автономное учреждение «Гимназия № 2 города Тынды»',
						'tynda-gimnaziya-2'
					]
				]
			),
			amurMunicipality(
				'Бурейский район',
				'Отдел образования администрации Бурейского района',
				'bureyskiy-rayon',
				'Амурская область, пгт Новобурейский',
				[
					[
						'МОКУ «Долдыканская МОШ»',
						'Муниципальное общеобразовательное казённое учреждение «Долдыканская муниципальная основная школа» Бурейского района',
						'doldykanskaya-mosh'
					]
				]
			),
			amurMunicipality(
				'Ивановский район',
				'Отдел образования администрации Ивановского района',
				'ivanovskiy-rayon',
				'Амурская область, с. Ивановка',
				[
					[
						'МОБУ «СОШ с. Новоалексеевка»',
						'Муниципальное общеобразовательное бюджетное учреждение «Средняя общеобразовательная школа села Новоалексеевка» Ивановского района',
						'novoalekseevka-sosh'
					]
				]
			),
			amurMunicipality(
				'пгт Прогресс',
				'Отдел образования администрации рабочего посёлка (пгт) Прогресс',
				'progress',
				'Амурская область, пгт Прогресс',
				[
					[
						'МОБУ «СОШ № 4 пгт Прогресс»',
						'Муниципальное общеобразовательное бюджетное учреждение «Средняя общеобразовательная школа № 4 рабочего посёлка (пгт) Прогресс»',
						'progress-sosh-4'
					]
				]
			)
		]
	},
	{
		shortName: 'Минобрнауки Мурманской области',
		fullName: 'Министерство образования и науки Мурманской области',
		slug: 'murmansk',
		address: 'Мурманская область, г. Мурманск',
		website: 'https://minobr.gov-murman.ru',
		timeZone: 'Europe/Moscow',
		journalSystem: 'ais_electronic_school',
		municipalities: [
			murmanskMunicipality(
				'ЗАТО Александровск',
				'Управление образования администрации ЗАТО Александровск',
				'aleksandrovsk',
				'Мурманская область, г. Полярный',
				'ЗАТО Александровск',
				[['ООШ № 2', 'oosh-2']]
			),
			murmanskMunicipality(
				'г. Апатиты',
				'Управление образования администрации города Апатиты',
				'apatity',
				'Мурманская область, г. Апатиты',
				'г. Апатиты',
				[
					['Гимназия № 1', 'gimnaziya-1'],
					['СОШ № 4', 'sosh-4'],
					['СОШ № 5', 'sosh-5'],
					['СОШ № 6', 'sosh-6'],
					['СОШ № 7', 'sosh-7'],
					['СОШ № 14', 'sosh-14'],
					['СОШ № 15', 'sosh-15']
				]
			),
			murmanskMunicipality(
				'Кандалакшский район',
				'Управление образования администрации Кандалакшского района',
				'kandalaksha',
				'Мурманская область, г. Кандалакша',
				'г. Кандалакша',
				[
					['СОШ № 2', 'sosh-2'],
					['СОШ № 10', 'sosh-10']
				]
			),
			murmanskMunicipality(
				'г. Кировск',
				'Комитет образования, культуры и спорта администрации города Кировска',
				'kirovsk',
				'Мурманская область, г. Кировск',
				'г. Кировск',
				[
					['СОШ № 2', 'sosh-2'],
					['СОШ № 5', 'sosh-5'],
					['СОШ № 7', 'sosh-7'],
					['СОШ № 8', 'sosh-8'],
					['СОШ № 10', 'sosh-10'],
					['Хибинская гимназия', 'khibinskaya-gimnaziya']
				]
			),
			murmanskMunicipality(
				'Кольский район',
				'Управление образования администрации Кольского района',
				'kolskiy-rayon',
				'Мурманская область, г. Кола',
				'Кольский район',
				[
					['Зверосовхозская СОШ', 'zverosovkhozskaya-sosh'],
					['Туломская СОШ', 'tulomskaya-sosh']
				]
			),
			murmanskMunicipality(
				'г. Мончегорск',
				'Управление образования администрации города Мончегорска',
				'monchegorsk',
				'Мурманская область, г. Мончегорск',
				'г. Мончегорска',
				[
					['СОШ № 5', 'sosh-5'],
					['СОШ № 7', 'sosh-7'],
					['ВСОШ № 2', 'vsosh-2']
				]
			),
			murmanskMunicipality(
				'г. Оленегорск',
				'Управление образования администрации города Оленегорска',
				'olenegorsk',
				'Мурманская область, г. Оленегорск',
				'г. Оленегорска',
				[['СОШ № 22', 'sosh-22']]
			)
		]
	}
];

function amurMunicipality(
	shortName: string,
	fullName: string,
	slug: string,
	address: string,
	schools: [string, string, string][]
): DemoMunicipality {
	return {
		shortName,
		fullName,
		slug,
		address,
		schools: schools.map(([short, full, schoolSlug]) => ({
			shortName: short,
			fullName: full,
			slug: schoolSlug,
			address
		}))
	};
}

function murmanskMunicipality(
	shortName: string,
	fullName: string,
	slug: string,
	address: string,
	place: string,
	schools: [string, string][]
): DemoMunicipality {
	return {
		shortName,
		fullName,
		slug,
		address,
		schools: schools.map(([name, schoolSlug]) => {
			const type = Object.keys(murmanskTypes).find((t) => name.startsWith(t) || name.endsWith(t));
			const longName = type ? name.replace(type, murmanskTypes[type]!) : name;
			return {
				shortName: `МБОУ «${name}» (${place})`,
				fullName: `Муниципальное бюджетное общеобразовательное учреждение «${longName[0]!.toUpperCase()}${longName.slice(1)}» (${place})`,
				slug: `${slug}-${schoolSlug}`,
				address
			};
		})
	};
}

export const DEMO_PASSWORD = 'demo-password';

export interface DemoAccount {
	email: string;
	fullName: string;
	/** Where the role is held: a slug from above, or null for the platform administrator. */
	organizationSlug: string | null;
	role: MembershipRole | null;
	position: string | null;
	description: string;
}

export const demoAccounts: DemoAccount[] = [
	{
		email: 'admin@demo.test',
		fullName: 'Администратор Платформы',
		organizationSlug: null,
		role: null,
		position: null,
		description: 'администратор платформы'
	},
	{
		email: 'region@demo.test',
		fullName: 'Соколова Ирина Владимировна',
		organizationSlug: 'krym',
		role: 'authority',
		position: 'Главный специалист отдела общего образования',
		description: 'министерство образования Республики Крым'
	},
	{
		email: 'municipality@demo.test',
		fullName: 'Мельник Марина Андреевна',
		organizationSlug: 'saki-rayon',
		role: 'authority',
		position: 'Главный специалист отдела образования',
		description: 'отдел образования Сакского района'
	},
	{
		email: 'director@demo.test',
		fullName: 'Ковальчук Елена Викторовна',
		organizationSlug: DEMO_SCHOOL_SLUG,
		role: 'director',
		position: 'Директор',
		description: 'директор Новофедоровской школы-лицея'
	},
	{
		email: 'member1@demo.test',
		fullName: 'Петренко Олег Николаевич',
		organizationSlug: DEMO_SCHOOL_SLUG,
		role: 'working_group',
		position: 'Заместитель директора по УВР',
		description: 'рабочая группа школы'
	},
	{
		email: 'member2@demo.test',
		fullName: 'Алиева Зарема Решатовна',
		organizationSlug: DEMO_SCHOOL_SLUG,
		role: 'working_group',
		position: 'Учитель информатики',
		description: 'рабочая группа школы'
	},
	{
		email: 'teacher@demo.test',
		fullName: 'Лысенко Анна Сергеевна',
		organizationSlug: DEMO_SCHOOL_SLUG,
		role: 'staff',
		position: 'Учитель начальных классов',
		description: 'педагог школы'
	}
];
