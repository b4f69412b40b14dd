// Russian names of audit actions and entities; the server's event types are these keys.
export const auditActionLabels = {
	'organization.created': 'Организация создана',
	'organization.updated': 'Профиль организации изменён',
	'organization.schools_imported': 'Школы загружены из CSV',
	'user.created': 'Учётная запись создана',
	'user.password_changed': 'Пароль изменён',
	'user.password_reset_issued': 'Выдана ссылка для сброса пароля',
	'user.password_reset': 'Пароль сброшен по ссылке',
	'session.signed_in': 'Вход в систему',
	'session.signed_out': 'Выход из системы',
	'session.signed_out_everywhere': 'Выход на всех устройствах',
	'invitation.created': 'Приглашение отправлено',
	'invitation.accepted': 'Приглашение принято',
	'invitation.revoked': 'Приглашение отозвано',
	'membership.created': 'Роль назначена',
	'membership.removed': 'Роль снята',
	'document.created': 'Документ создан',
	'document.version_saved': 'Сохранена новая версия документа',
	'document.details_updated': 'Реквизиты документа изменены',
	'document.registered': 'Документ зарегистрирован',
	'document.file_attached': 'К документу приложен файл',
	'document.linked': 'Документы связаны',
	'contract.saved': 'Сведения о договоре сохранены'
} as const;

export const auditEntityLabels = {
	organization: 'Организация',
	user: 'Пользователь',
	session: 'Сеанс',
	invitation: 'Приглашение',
	membership: 'Роль в организации',
	password_reset: 'Сброс пароля',
	document: 'Документ',
	contract: 'Договор'
} as const;
