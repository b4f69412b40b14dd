/** The groups of the cabinet's search, in the order they are shown. */
export const searchGroupLabels = {
	organizations: 'Организации',
	documents: 'Документы',
	items: 'Мероприятия',
	people: 'Люди'
} as const;
