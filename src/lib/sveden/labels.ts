// Russian words of the «Сведения об образовательной организации» pages, the embeddable block and its snippet.
import { formatDate } from '../format';

export const svedenWords = {
	section: 'Сведения об образовательной организации',
	subsection: 'Документы',
	current: 'Действующие локальные акты',
	archive: 'Архив: прежние редакции и отменённые акты',
	archiveNote:
		'Эти акты утратили силу. Они остаются здесь для справки и не размечены как действующие.',
	none: 'Подписанных электронной подписью действующих актов пока нет.',
	noneArchive: 'Прежних редакций и отменённых актов нет.',
	page: 'Страница акта',
	pdf: 'PDF',
	unsigned: 'без электронной подписи',
	orgPageLink: 'Сведения об образовательной организации: подраздел «Документы»',
	allOnPortal: 'Все документы на портале «Регламент»',
	embedTitle: (shortName: string) => `Локальные акты: ${shortName}`,
	scope:
		'Здесь — локальные акты, которые школа подготовила, утвердила и подписала электронной подписью на портале «Регламент» (п. 9 Требований к структуре официального сайта, приказ Рособрнадзора от 04.08.2023 № 1493). Устав, правила распорядка, коллективный договор, отчёт о самообследовании и предписания школа размещает на своём сайте. Документов для других подразделов «Сведений» портал не ведёт.',
	microdata:
		'Ссылки размечены атрибутами itemprop там, где Методические рекомендации Рособрнадзора (версия 9.0.0, таблица 3.4.1) дают атрибут виду документа. Акты об электронном журнале, персональных данных и документообороте — иные локальные акты: рекомендации не дают им атрибута, поэтому их ссылки без него.',
	notFound: 'Организация не найдена.',
	notSchool: 'Подраздел «Документы» ведёт только образовательная организация.'
} as const;

/** «приказом от 28.08.2025 № 12-о» — how an act came into force. */
export function approvalLine(act: {
	approvalOrderNumber: string | null;
	approvalOrderDate: string | null;
	number: string | null;
	documentDate: string | null;
}): string | null {
	if (act.approvalOrderNumber || act.approvalOrderDate)
		return [
			'утверждён приказом',
			act.approvalOrderDate ? `от ${formatDate(act.approvalOrderDate)}` : null,
			act.approvalOrderNumber ? `№ ${act.approvalOrderNumber}` : null
		]
			.filter(Boolean)
			.join(' ');
	if (act.number)
		return `№ ${act.number}${act.documentDate ? ` от ${formatDate(act.documentDate)}` : ''}`;
	return null;
}

/** Why an archived act is there: replaced by a new edition, or repealed (with the order, when known). */
export function archiveLine(act: {
	status: 'published' | 'superseded' | 'repealed';
	repealOrderNumber: string | null;
	repealOrderDate: string | null;
}): string {
	if (act.status === 'superseded') return 'утратил силу: заменён новой редакцией';
	const order = [
		act.repealOrderDate ? `от ${formatDate(act.repealOrderDate)}` : null,
		act.repealOrderNumber ? `№ ${act.repealOrderNumber}` : null
	].filter(Boolean);
	return order.length ? `отменён приказом ${order.join(' ')}` : 'отменён';
}

export const siteWords = {
	title: 'Размещение на сайте школы',
	titleAuthority: 'Размещение на сайте организации',
	intro:
		'Подписанные электронной подписью действующие акты можно показать на сайте школы тремя способами. Скопируйте нужный код и вставьте его в страницу сайта — скрипты не нужны.',
	link: 'Ссылка на подраздел «Документы»',
	linkHint:
		'Поставьте её в подразделе «Документы» раздела «Сведения об образовательной организации» вашего сайта.',
	list: 'Список актов (HTML)',
	listHint:
		'Обычный список ссылок. Он не обновляется сам: после новой публикации скопируйте код заново.',
	iframe: 'Встраиваемый блок (iframe)',
	iframeHint: (origin: string) =>
		`Блок всегда показывает действующие акты. Он открывается только на сайте ${origin} — адрес берётся из профиля организации.`,
	iframeNoWebsite:
		'В профиле не указан сайт организации, поэтому блок сейчас нигде не откроется: укажите адрес сайта в профиле.',
	preview: 'Открыть блок',
	unsigned: (n: number) =>
		`Опубликованы, но не подписаны электронной подписью (${n}) — их нет ни в подразделе, ни в блоке:`,
	profileLink: 'Размещение на сайте',
	copyHint: 'Выделите код в поле (Ctrl+A) и скопируйте (Ctrl+C).'
} as const;
