// Russian wording of the qualified signature check (CAdES): why a .sig is refused, and the
// names of the certificate's subject fields for the public page.

export type CadesFailure =
	'not_cms' | 'other_bytes' | 'bad_signature' | 'untrusted' | 'expired' | 'unsupported_algorithm';

export const CADES_FAILURE_MESSAGES: Record<CadesFailure, string> = {
	not_cms:
		'Файл не похож на электронную подпись: ожидается открепленная подпись CAdES (файл .sig в формате DER или Base64).',
	other_bytes:
		'Подпись сделана не для этого файла: загрузите подпись, созданную для опубликованного PDF без изменений.',
	bad_signature: 'Подпись повреждена или подделана: её значение не сходится с сертификатом.',
	untrusted:
		'Сертификат подписи выдан удостоверяющим центром, которому портал не доверяет, или цепочка сертификатов неполна.',
	expired: 'Сертификат подписи недействителен на дату подписания или на сегодня.',
	unsupported_algorithm:
		'Подпись сделана не по ГОСТ Р 34.10-2012 с хешем ГОСТ Р 34.11-2012: такие подписи портал не проверяет.'
};

/** Labels of the subject fields, in the order a certificate is shown. */
export const CERTIFICATE_FIELD_LABELS = {
	commonName: 'Владелец',
	surname: 'Фамилия',
	givenNames: 'Имя и отчество',
	title: 'Должность',
	organization: 'Организация',
	inn: 'ИНН',
	innLe: 'ИНН юридического лица',
	ogrn: 'ОГРН',
	snils: 'СНИЛС',
	serial: 'Серийный номер сертификата',
	issuer: 'Издатель',
	validity: 'Действителен'
} as const;
