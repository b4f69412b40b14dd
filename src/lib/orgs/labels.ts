// Russian labels of the organisations domain, shared by the server and the pages.
export const organizationKindLabels = {
	region: 'Региональный орган управления образованием',
	municipality: 'Муниципальный орган управления образованием',
	school: 'Общеобразовательная организация'
} as const;

export const organizationKindShort = {
	region: 'Регион',
	municipality: 'Муниципалитет',
	school: 'Школа'
} as const;

export const journalSystemLabels = {
	eljur: 'ЭлЖур',
	dnevnik_ru: 'Дневник.ру',
	ais_electronic_school: 'АИС «Электронная школа»',
	netcity: '«Сетевой город. Образование»',
	regional_gis: 'Региональная ГИС',
	fgis_my_school: 'ФГИС «Моя школа»',
	other: 'Другая'
} as const;

export type JournalSystemKey = keyof typeof journalSystemLabels;

// Russia's zones, west to east, with the names people use.
export const timeZones = [
	['Europe/Kaliningrad', 'Калининград (МСК−1)'],
	['Europe/Moscow', 'Москва (МСК)'],
	['Europe/Simferopol', 'Симферополь (МСК)'],
	['Europe/Volgograd', 'Волгоград (МСК)'],
	['Europe/Samara', 'Самара (МСК+1)'],
	['Asia/Yekaterinburg', 'Екатеринбург (МСК+2)'],
	['Asia/Omsk', 'Омск (МСК+3)'],
	['Asia/Novosibirsk', 'Новосибирск (МСК+4)'],
	['Asia/Krasnoyarsk', 'Красноярск (МСК+4)'],
	['Asia/Irkutsk', 'Иркутск (МСК+5)'],
	['Asia/Yakutsk', 'Якутск, Благовещенск (МСК+6)'],
	['Asia/Vladivostok', 'Владивосток (МСК+7)'],
	['Asia/Magadan', 'Магадан (МСК+8)'],
	['Asia/Kamchatka', 'Петропавловск-Камчатский (МСК+9)']
] as const;

export const organizationFieldLabels = {
	fullName: 'Полное наименование',
	shortName: 'Краткое наименование',
	slug: 'Адрес страницы в портале',
	headName: 'ФИО руководителя',
	headPosition: 'Должность руководителя',
	address: 'Адрес',
	website: 'Официальный сайт',
	inn: 'ИНН',
	journalSystem: 'Система электронного журнала',
	journalSystemOther: 'Название другой системы',
	founderName: 'Учредитель',
	educationLaw: 'Закон субъекта Российской Федерации об образовании',
	paperlessSince: 'Безбумажный режим с',
	timeZone: 'Часовой пояс',
	discussionMinDays: 'Минимальный срок общественного обсуждения, дней'
} as const;
