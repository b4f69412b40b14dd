// Russian texts of the open API (/api/v1): the problem details a client reads when a request fails.
export const problemTitles = {
	400: 'Неверный запрос',
	404: 'Не найдено',
	405: 'Метод не поддерживается',
	429: 'Слишком много запросов',
	500: 'Внутренняя ошибка сервера'
} as const;

export type ProblemStatus = keyof typeof problemTitles;

export const problemDetails = {
	unknownParameter: (name: string) =>
		`Параметр «${name}» не поддерживается этим адресом: уберите его или проверьте написание.`,
	repeatedParameter: (name: string) => `Параметр «${name}» указан несколько раз: оставьте один.`,
	missingParameter: (name: string) => `Укажите параметр «${name}».`,
	badSlug: (name: string) =>
		`Параметр «${name}» — адрес организации на портале: латинские строчные буквы, цифры и дефисы.`,
	badBoolean: (name: string) => `Параметр «${name}» принимает значения true или false.`,
	badEnum: (name: string, values: readonly string[]) =>
		`Параметр «${name}» принимает одно из значений: ${values.join(', ')}.`,
	badLimit: (max: number) => `Параметр «limit» — целое число от 1 до ${max}.`,
	badCursor:
		'Курсор повреждён или выдан не этим сервером: начните список сначала, без параметра «cursor».',
	foreignCursor:
		'Курсор выдан для другого списка (другой адрес или другие фильтры): начните список сначала.',
	organizationNotFound: (slug: string) => `Организации с адресом «${slug}» на портале нет.`,
	actNotFound: 'Опубликованного документа с таким идентификатором на портале нет.',
	pathNotFound: 'Такого адреса в API нет: список адресов — в /api/v1/openapi.json.',
	methodNotAllowed: 'API только читает данные: используйте GET.',
	rateLimited: (seconds: number) =>
		`С вашего адреса пришло слишком много запросов. Повторите через ${seconds} с.`,
	internal: 'Запрос не удалось выполнить. Мы уже знаем об ошибке; повторите позже.'
} as const;
