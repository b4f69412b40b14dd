// Russian words of electronic signatures (63-ФЗ), shared by the cabinet, the public pages and the check page.

export const signatureKindLabels = {
	simple: 'простой электронной подписью',
	qualified: 'усиленной квалифицированной электронной подписью'
} as const;

/** The visible mark's heading, as Rosobrnadzor describes it. */
export const signatureMarkTitle = (kind: keyof typeof signatureKindLabels) =>
	`Документ подписан ${signatureKindLabels[kind]}`;

export const signatureWords = {
	signedAt: 'Дата и время подписания',
	signer: 'Подписал',
	position: 'Должность',
	key: 'Ключ',
	check: 'Проверить подпись',
	signedFiles: 'Подписанные файлы',
	formats: { docx: 'DOCX', pdf: 'PDF', odt: 'ODT' } as Record<string, string>
};

export const signatureMessages = {
	passwordMissing: 'Введите свой пароль: им вы подтверждаете подпись.',
	passwordWrong: 'Пароль введён неверно. Документ не подписан.',
	tooManyAttempts: (minutes: number) =>
		`Слишком много неверных паролей. Попробуйте снова через ${minutes} мин.`,
	notSignable: 'Подписать можно утверждённый действующий документ.',
	noText: 'У утверждённой версии нет ни текста, ни файла: подписывать нечего.',
	alreadySigned: 'Эта версия документа уже подписана простой электронной подписью.',
	keyMissing:
		'Введите ключ подписи: он напечатан в отметке о подписи, например K7QM-3XPA-9D2F-HT4W.',
	keyMalformed:
		'Это не ключ подписи: ключ — 16 латинских букв и цифр в четырёх группах, например K7QM-3XPA-9D2F-HT4W.',
	keyUnknown: (key: string) =>
		`Подписи с ключом ${key} нет. Проверьте, верно ли переписан ключ: буквы O и I читаются как цифры 0 и 1.`,
	fileTooLarge: 'Файл больше 20 МБ: подписанные файлы портала меньше.',
	fileEmpty: 'Файл пустой.',
	fileMatches: (format: string) =>
		`Файл совпадает с подписанным файлом ${format}: он не изменён после подписания.`,
	fileDiffers:
		'Файл не совпадает ни с одним подписанным файлом: он изменён после подписания или это другой документ.'
};
