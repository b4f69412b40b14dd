import { describe, expect, it } from 'vitest';
import {
	declineFullName,
	declineInitials,
	declineInitialsFirst,
	declinePhrase,
	declinePosition,
	positionForms
} from '../../src/lib/russian/cases';
import { renderLiquid } from '../../src/lib/server/templates/engine';

const NB = '\u00a0';
const nb = (s: string) => s.replace(/ /g, NB);

describe('names in the case a sentence needs (lvovich)', () => {
	const cases: [string, 'gen' | 'dat' | 'acc' | 'ins', string][] = [
		['Алиева Зарема Рустемовна', 'acc', 'Алиеву Зарему Рустемовну'],
		['Алиева Зарема Рустемовна', 'dat', 'Алиевой Зареме Рустемовне'],
		['Мамутов Эдем Ленурович', 'gen', 'Мамутова Эдема Ленуровича'],
		['Мамутов Эдем Ленурович', 'ins', 'Мамутовым Эдемом Ленуровичем'],
		['Ковальчук Елена Викторовна', 'dat', 'Ковальчук Елене Викторовне'],
		['Ковальчук Андрей Викторович', 'dat', 'Ковальчуку Андрею Викторовичу'],
		['Шевченко Тарас Григорьевич', 'gen', 'Шевченко Тараса Григорьевича'],
		['Ким Ольга Николаевна', 'ins', 'Ким Ольгой Николаевной'],
		['Римская-Корсакова Анна Петровна', 'gen', 'Римской-Корсаковой Анны Петровны'],
		['Петров-Водкин Кузьма Сергеевич', 'dat', 'Петрову-Водкину Кузьме Сергеевичу'],
		['Сейтумеров Рустем Айдерович', 'acc', 'Сейтумерова Рустема Айдеровича'],
		['Абдураманова Лиля Шевкетовна', 'gen', 'Абдурамановой Лили Шевкетовны'],
		// Turkic patronymics: the particle gives the gender, the patronymic does not decline.
		['Абдуллаева Эльмаз Рустем кызы', 'gen', 'Абдуллаевой Эльмаз Рустем кызы'],
		['Сеитов Айдер Эдем оглу', 'dat', 'Сеитову Айдеру Эдем оглу']
	];
	for (const [name, c, expected] of cases)
		it(`${name} (${c}) → ${expected}`, () => expect(declineFullName(name, c)).toBe(expected));

	it('the nominative is the name as typed', () =>
		expect(declineFullName('Алиева Зарема Рустемовна', 'nom')).toBe('Алиева Зарема Рустемовна'));

	it('initials follow the surname in the text and precede it in an addressee line, kept together by no-break spaces', () => {
		expect(declineInitials('Алиева Зарема Рустемовна', 'acc')).toBe(nb('Алиеву З. Р.'));
		expect(declineInitialsFirst('Ковальчук Елена Викторовна', 'dat')).toBe(nb('Е. В. Ковальчук'));
		expect(declineInitials('Абдуллаева Эльмаз Рустем кызы', 'ins')).toBe(nb('Абдуллаевой Э. Р.'));
	});
});

describe('positions in the case a sentence needs', () => {
	const cases: [string, 'gen' | 'dat' | 'acc' | 'ins', string][] = [
		['Учитель информатики', 'acc', 'учителя информатики'],
		['Заместитель директора по УВР', 'ins', 'заместителем директора по УВР'],
		['педагог-психолог', 'gen', 'педагога-психолога'],
		['Учитель-логопед', 'dat', 'учителю-логопеду'],
		['Главный бухгалтер', 'ins', 'главным бухгалтером'],
		['Старшая медицинская сестра', 'acc', 'старшую медицинскую сестру'],
		['Социальный педагог', 'gen', 'социального педагога'],
		['Советник директора по воспитанию', 'dat', 'советнику директора по воспитанию'],
		['Исполняющий обязанности директора', 'gen', 'исполняющего обязанности директора'],
		['Педагог дополнительного образования', 'ins', 'педагогом дополнительного образования'],
		['Учитель ОБЗР', 'gen', 'учителя ОБЗР']
	];
	for (const [position, c, expected] of cases)
		it(`${position} (${c}) → ${expected}`, () =>
			expect(declinePosition(position, c)).toBe(expected));

	it('a position inside a sentence is in lower case, an abbreviation keeps its capitals', () => {
		expect(declinePosition('Директор', 'nom')).toBe('директор');
		expect(declinePosition('ИТ-специалист', 'nom')).toBe('ИТ-специалист');
	});

	it('the forms a record starts with cover every case', () => {
		expect(positionForms('Учитель информатики')).toEqual({
			gen: 'учителя информатики',
			dat: 'учителю информатики',
			acc: 'учителя информатики',
			ins: 'учителем информатики',
			pre: 'учителе информатики'
		});
	});

	it('the kind of a legal act declines, inanimate: the accusative stays the nominative', () => {
		expect(declinePhrase('Федеральный закон', 'ins')).toBe('Федеральным законом');
		expect(declinePhrase('постановление Правительства Российской Федерации', 'gen')).toBe(
			'постановления Правительства Российской Федерации'
		);
		expect(declinePhrase('Трудовой кодекс Российской Федерации', 'acc')).toBe(
			'Трудовой кодекс Российской Федерации'
		);
		expect(declinePhrase('ГОСТ Р 7.0.97-2016', 'ins')).toBe('ГОСТ Р 7.0.97-2016');
	});
});

describe('Liquid filters for people and legal sources', () => {
	const p = {
		full_name: 'Алиева Зарема Рустемовна',
		position: 'Учитель информатики',
		initials: 'Алиева З.Р.'
	};

	it('puts a person into the sentence in the case asked', async () => {
		expect(
			await renderLiquid(
				'Назначить администратором электронного журнала {{ p | person: "acc" }}.',
				{ p }
			)
		).toBe(
			`Назначить администратором электронного журнала ${nb('Алиеву З. Р.')}, учителя информатики.`
		);
	});

	it('takes the position form kept on the record over the rules', async () => {
		const kept = {
			...p,
			position: 'Учитель',
			position_forms: { acc: 'учителя начальных классов' }
		};
		expect(await renderLiquid('{{ p | person_position: "acc" }}', { p: kept })).toBe(
			'учителя начальных классов'
		);
		expect(
			await renderLiquid('{{ p | person_position: "acc" }}', {
				p: { ...p, position: 'Вожатый' },
				position_forms: { вожатый: { acc: 'вожатую' } }
			})
		).toBe('вожатую');
	});

	it('refuses a case that is not one', async () => {
		await expect(renderLiquid('{{ p | person: "kogo" }}', { p })).rejects.toThrow(/падеж/);
	});

	it('cites a source from the registry in the case asked, and refuses an unknown or repealed key', async () => {
		expect(await renderLiquid('в соответствии с {{ "fz152" | law: "ins" }}', {})).toBe(
			'в соответствии с Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных»'
		);
		await expect(renderLiquid('{{ "rosobr1417" | law }}', {})).rejects.toThrow(
			/утратил силу.*rosarchiv236/
		);
		await expect(renderLiquid('{{ "fz999" | law }}', {})).rejects.toThrow(/не найден в реестре/);
	});

	it('takes the region law from the region profile, and falls back to the general reference without one', async () => {
		const region = {
			education_law:
				'Закон Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»'
		};
		expect(await renderLiquid('{{ "region_education_law" | law: "ins" }}', { region })).toBe(
			'Законом Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»'
		);
		expect(
			await renderLiquid('в соответствии с {{ "region_education_law" | law: "ins" }}', {
				region: {}
			})
		).toBe('в соответствии с законом субъекта Российской Федерации об образовании');
	});
});
