import { problemTitles } from '../../api/labels';
import { actPaths, actSchemas } from './acts';
import { API_BASE, type ApiContext } from './context';
import { discussionPaths, discussionSchemas } from './discussions';
import { fileSchemas } from './files';
import type { OpenApiDocument } from './openapi-types';
import { organizationPaths, organizationSchemas } from './organizations';
import { parseQuery } from './query';
import { API_RATE_PER_MINUTE } from './rate-limit';

const problem = (description: string) => ({
	description,
	content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
});

/** The API's description (OpenAPI 3.1), assembled from the parts each endpoint's module keeps beside its code. */
export const openApiDocument: OpenApiDocument = {
	openapi: '3.1.0',
	jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
	info: {
		title: 'Регламент: открытые данные',
		version: '1.0.0',
		description: [
			'Открытый API портала «Регламент» только для чтения: организации, их опубликованные документы, редакции и файлы, общественные обсуждения — для сайтов школ и региональных порталов.',
			'В API только то, что портал и так показывает всем: черновики, документы на согласовании и всё, что касается людей и учётных записей, сюда не попадает.',
			'',
			'**Страницы.** Списки отдаются страницами по `limit` записей (1–100, по умолчанию 50); ссылка `next` ведёт на следующую страницу, `null` — страниц больше нет. Курсор в ней непрозрачен и подписан: он действует только для своего списка и своих фильтров.',
			'',
			'**Кэширование.** Ответ несёт слабый `ETag`; запрос с `If-None-Match` получает `304`, если данные не изменились. `Cache-Control: public, max-age=60`.',
			'',
			`**Ограничения.** Не больше ${API_RATE_PER_MINUTE} запросов в минуту с одного адреса (короткий всплеск допустим); сверх этого — \`429\` с \`Retry-After\` в секундах.`,
			'',
			'**CORS.** `Access-Control-Allow-Origin: *`: API можно читать из браузера с любого сайта.',
			'',
			'**Ошибки** — в формате RFC 9457 (`application/problem+json`) с пояснением по-русски; неизвестный параметр запроса — ошибка 400, а не молчаливо пропущенный фильтр.'
		].join('\n')
	},
	servers: [{ url: API_BASE, description: 'Этот портал.' }],
	tags: [
		{ name: 'Организации', description: 'Регионы, муниципалитеты и школы.' },
		{ name: 'Документы', description: 'Опубликованные документы, их редакции и файлы.' },
		{ name: 'Обсуждения', description: 'Общественные обсуждения проектов документов.' }
	],
	paths: { ...organizationPaths, ...actPaths, ...discussionPaths },
	components: {
		schemas: {
			...organizationSchemas,
			...actSchemas,
			...fileSchemas,
			...discussionSchemas,
			NextLink: {
				type: ['string', 'null'],
				format: 'uri',
				description: 'Адрес следующей страницы; null — это последняя.'
			},
			Problem: {
				type: 'object',
				description: 'Описание ошибки по RFC 9457.',
				required: ['type', 'title', 'status', 'detail'],
				additionalProperties: false,
				properties: {
					type: { type: 'string', const: 'about:blank' },
					title: {
						type: 'string',
						enum: Object.values(problemTitles),
						description: 'Что за ошибка, по-русски.'
					},
					status: {
						type: 'integer',
						enum: Object.keys(problemTitles).map(Number),
						description: 'Код ответа HTTP.'
					},
					detail: { type: 'string', description: 'Что случилось и что сделать, по-русски.' },
					instance: { type: 'string', description: 'Адрес запроса.' },
					invalidParams: {
						type: 'array',
						description: 'Параметры запроса, в которых ошибка.',
						items: {
							type: 'object',
							required: ['name', 'reason'],
							additionalProperties: false,
							properties: {
								name: { type: 'string', description: 'Имя параметра.' },
								reason: { type: 'string', description: 'Что с ним не так.' }
							}
						}
					}
				}
			}
		},
		parameters: {
			OrganizationSlug: {
				name: 'slug',
				in: 'path',
				required: true,
				description: 'Адрес организации на портале: /o/{slug}.',
				schema: { type: 'string', maxLength: 100 }
			},
			ActId: {
				name: 'id',
				in: 'path',
				required: true,
				description: 'Идентификатор опубликованного документа.',
				schema: { type: 'string', format: 'uuid' }
			}
		},
		headers: {
			ETag: {
				description: 'Слабый ETag тела ответа: верните его в If-None-Match.',
				schema: { type: 'string' }
			},
			CacheControl: {
				description: 'public, max-age=60.',
				schema: { type: 'string' }
			},
			RetryAfter: {
				description: 'Через сколько секунд повторить запрос.',
				schema: { type: 'integer', minimum: 1 }
			}
		},
		responses: {
			NotModified: {
				description: 'Данные не изменились с ETag, переданного в If-None-Match; тела нет.',
				headers: { ETag: { $ref: '#/components/headers/ETag' } }
			},
			BadRequest: problem(
				'Неверный запрос: неизвестный или повторённый параметр, неверное значение, чужой или повреждённый курсор.'
			),
			NotFound: problem('Организации или опубликованного документа с таким адресом нет.'),
			TooManyRequests: {
				...problem('Слишком много запросов с одного адреса.'),
				headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } }
			}
		}
	}
};

/** The document itself, as an endpoint: it takes no parameters either. */
export async function getOpenApiDocument(ctx: ApiContext): Promise<OpenApiDocument> {
	parseQuery(ctx.url.searchParams, {});
	return openApiDocument;
}
