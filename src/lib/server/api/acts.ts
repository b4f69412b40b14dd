import { and, asc, eq, inArray, like, not, or, sql } from 'drizzle-orm';
import { documentKind, documentVersions, documents, organizations } from '../db/schema';
import { isUuid } from '../orgs/queries';
import { isInForce, isPublished, publicStatus, type PublicStatus } from '../public/visibility';
import { problemDetails } from '../../api/labels';
import {
	documentKindLabels,
	documentStatusLabels,
	type DocumentKind
} from '../../documents/labels';
import type { DocumentClass } from '../../documents/classes';
import {
	absolute,
	API_BASE,
	ISO_MICROS,
	pageOf,
	UUID,
	type ApiContext,
	type Page
} from './context';
import { decodeCursor } from './cursor';
import { filesOf, type ApiFile } from './files';
import { organizationOr404, organizationRef, type ApiOrganizationRef } from './organizations';
import { ApiProblem } from './problem';
import {
	booleanParam,
	cursorParam,
	enumParam,
	LIMIT_DEFAULT,
	limitParam,
	parseQuery,
	queryParameters,
	slugParam
} from './query';
import { ref, type PathItemObject, type SchemaObject } from './openapi-types';

export interface ApiAct {
	id: string;
	organization: ApiOrganizationRef;
	kind: DocumentKind;
	kindLabel: string;
	documentClass: DocumentClass;
	title: string;
	number: string | null;
	documentDate: string | null;
	status: PublicStatus;
	statusLabel: string;
	inForce: boolean;
	effectiveDate: string | null;
	approval: { orderNumber: string | null; orderDate: string | null };
	repeal: { orderNumber: string | null; orderDate: string | null } | null;
	publishedAt: string;
	version: number | null;
	sha256: string | null;
	files: ApiFile[];
	links: { self: string; page: string; editions: string; files: string };
}

const actColumns = {
	id: documents.id,
	organizationId: documents.organizationId,
	editionOf: documents.editionOf,
	kind: documents.kind,
	documentClass: documents.documentClass,
	title: documents.title,
	number: documents.number,
	documentDate: documents.documentDate,
	status: documents.status,
	effectiveDate: documents.effectiveDate,
	approvalOrderNumber: documents.approvalOrderNumber,
	approvalOrderDate: documents.approvalOrderDate,
	repealOrderNumber: documents.repealOrderNumber,
	repealOrderDate: documents.repealOrderDate,
	publishedAt: documents.publishedAt,
	approvedVersion: documents.approvedVersion,
	approvedSha256: documents.approvedSha256,
	// The exact timestamp for the cursor: microseconds, which a Date would round away.
	publishedKey: sql<string>`to_char(${documents.publishedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
	orgSlug: organizations.slug,
	orgShortName: organizations.shortName
};

/** Published rows with their organisation's slug and name; each caller adds its conditions. */
const selectActs = (ctx: ApiContext) =>
	ctx.db
		.select(actColumns)
		.from(documents)
		.innerJoin(organizations, eq(organizations.id, documents.organizationId));

type ActRow = Awaited<ReturnType<typeof selectActs>>[number];

/** Which of the acts' approved versions have a text (a DOCX can be made), by act id. */
async function withText(ctx: ApiContext, rows: ActRow[]): Promise<Set<string>> {
	if (!rows.length) return new Set();
	const versions = await ctx.db
		.select({
			documentId: documentVersions.documentId,
			version: documentVersions.version,
			hasText: sql<boolean>`${documentVersions.source} is not null`
		})
		.from(documentVersions)
		.where(
			inArray(
				documentVersions.documentId,
				rows.map((r) => r.id)
			)
		);
	const approved = new Map(rows.map((r) => [r.id, r.approvedVersion]));
	return new Set(
		versions
			.filter((v) => v.hasText && approved.get(v.documentId) === v.version)
			.map((v) => v.documentId)
	);
}

function toApi(ctx: ApiContext, r: ActRow, hasText: boolean): ApiAct {
	const status = publicStatus(r.status);
	const self = absolute(ctx, `${API_BASE}/acts/${r.id}`);
	return {
		id: r.id,
		organization: organizationRef(ctx, { slug: r.orgSlug, shortName: r.orgShortName }),
		kind: r.kind,
		kindLabel: documentKindLabels[r.kind],
		documentClass: r.documentClass,
		title: r.title,
		number: r.number,
		documentDate: r.documentDate,
		status,
		statusLabel: documentStatusLabels[status],
		inForce: status === 'published',
		effectiveDate: r.effectiveDate,
		approval: { orderNumber: r.approvalOrderNumber, orderDate: r.approvalOrderDate },
		repeal:
			status === 'repealed' || r.repealOrderNumber || r.repealOrderDate
				? { orderNumber: r.repealOrderNumber, orderDate: r.repealOrderDate }
				: null,
		publishedAt: r.publishedAt!.toISOString(),
		version: r.approvedVersion,
		sha256: r.approvedSha256,
		files: filesOf(ctx.url.origin, {
			slug: r.orgSlug,
			id: r.id,
			hasText,
			approvedVersion: r.approvedVersion
		}),
		links: {
			self,
			page: absolute(ctx, `/o/${r.orgSlug}/d/${r.id}`),
			editions: `${self}/editions`,
			files: `${self}/files`
		}
	};
}

const listQuery = {
	organization: slugParam(
		'Адрес (slug) организации, чьи документы нужны. Обязателен: список всегда в пределах одной организации или, с `descendants=true`, всего, что под ней.',
		true
	),
	descendants: booleanParam(
		'true — документы организации и всех организаций под ней (муниципалитета или региона целиком); по умолчанию false — только её собственные.'
	),
	kind: enumParam('Только документы этого вида.', documentKind.enumValues),
	in_force: booleanParam(
		'true — только действующие; false — только утратившие силу и отменённые; без параметра — все опубликованные.'
	),
	cursor: cursorParam,
	limit: limitParam
};

const isPublishedKey = (k: unknown[]): k is [string, string] =>
	k.length === 2 &&
	typeof k[0] === 'string' &&
	ISO_MICROS.test(k[0]) &&
	typeof k[1] === 'string' &&
	UUID.test(k[1]);

/**
 * Published acts of an organisation (or of everything under it), newest publication first, in the
 * order of `documents_published_at_idx` (published_at desc, id): a page reads its rows and stops.
 */
export async function listActs(ctx: ApiContext): Promise<Page<ApiAct>> {
	const q = parseQuery(ctx.url.searchParams, listQuery);
	const org = await organizationOr404(ctx.db, q.organization!);
	const list = `acts|${org.id}|${q.descendants ? 1 : 0}|${q.kind ?? ''}|${q.in_force ?? ''}`;
	const after = q.cursor ? decodeCursor(q.cursor, list, isPublishedKey) : null;
	const limit = q.limit ?? LIMIT_DEFAULT;
	const rows = await selectActs(ctx)
		.where(
			and(
				isPublished,
				// The organisation's path is a prefix of every descendant's (organizations_path_idx).
				q.descendants
					? like(organizations.path, `${org.path}%`)
					: eq(documents.organizationId, org.id),
				q.kind ? eq(documents.kind, q.kind) : undefined,
				q.in_force === undefined ? undefined : q.in_force ? isInForce : not(isInForce),
				after
					? and(
							sql`${documents.publishedAt} <= ${after[0]}::timestamptz`,
							or(
								sql`${documents.publishedAt} < ${after[0]}::timestamptz`,
								sql`${documents.id} > ${after[1]}::uuid`
							)
						)
					: undefined
			)
		)
		.orderBy(sql`${documents.publishedAt} desc nulls last`, asc(documents.id))
		.limit(limit + 1);
	const text = await withText(ctx, rows.slice(0, limit));
	return pageOf(
		ctx,
		rows,
		limit,
		list,
		(r) => [r.publishedKey, r.id],
		(r) => toApi(ctx, r, text.has(r.id))
	);
}

/** The published act by id, or a 404 (a draft, another state, no such id all look the same). */
async function publishedActOr404(ctx: ApiContext): Promise<ActRow> {
	const id = ctx.params.id ?? '';
	const [row] = isUuid(id)
		? await selectActs(ctx).where(and(eq(documents.id, id), isPublished))
		: [];
	if (!row) throw new ApiProblem(404, problemDetails.actNotFound);
	return row;
}

export async function getAct(ctx: ApiContext): Promise<ApiAct> {
	parseQuery(ctx.url.searchParams, {});
	const row = await publishedActOr404(ctx);
	return toApi(ctx, row, (await withText(ctx, [row])).has(row.id));
}

/**
 * Every published edition of the act, oldest approval first: the first edition and those made from
 * it (`edition_of`), read through the organisation's index (an act has a handful; no paging).
 */
export async function listEditions(ctx: ApiContext): Promise<{ items: ApiAct[] }> {
	parseQuery(ctx.url.searchParams, {});
	const act = await publishedActOr404(ctx);
	const root = act.editionOf ?? act.id;
	const rows = await selectActs(ctx)
		.where(
			and(
				eq(documents.organizationId, act.organizationId),
				or(eq(documents.id, root), eq(documents.editionOf, root)),
				isPublished
			)
		)
		.orderBy(
			sql`${documents.approvalOrderDate} asc nulls last`,
			asc(documents.publishedAt),
			asc(documents.id)
		);
	const text = await withText(ctx, rows);
	return { items: rows.map((r) => toApi(ctx, r, text.has(r.id))) };
}

export async function listFiles(ctx: ApiContext): Promise<{ items: ApiFile[] }> {
	return { items: (await getAct(ctx)).files };
}

// The description of these endpoints, beside them.

const dateOrNull = (description: string) => ({
	type: ['string', 'null'],
	format: 'date',
	description
});

export const actSchemas: Record<string, SchemaObject> = {
	Act: {
		type: 'object',
		description:
			'Опубликованный документ организации (локальный акт, приказ, план…) в утверждённой редакции. Черновики и документы, не опубликованные на портале, в API не попадают.',
		required: [
			'id',
			'organization',
			'kind',
			'kindLabel',
			'documentClass',
			'title',
			'number',
			'documentDate',
			'status',
			'statusLabel',
			'inForce',
			'effectiveDate',
			'approval',
			'repeal',
			'publishedAt',
			'version',
			'sha256',
			'files',
			'links'
		],
		additionalProperties: false,
		properties: {
			id: { type: 'string', format: 'uuid', description: 'Идентификатор документа.' },
			organization: ref('schemas', 'OrganizationRef'),
			kind: {
				type: 'string',
				enum: [...documentKind.enumValues],
				description: 'Вид документа.'
			},
			kindLabel: { type: 'string', description: 'Вид документа по-русски: «Положение», «Приказ»…' },
			documentClass: {
				type: 'string',
				enum: ['order', 'act', 'appendix', 'record'],
				description:
					'Класс: order — приказ, act — локальный нормативный акт, appendix — приложение к приказу (план, список), record — иной документ.'
			},
			title: { type: 'string', description: 'Наименование.' },
			number: { type: ['string', 'null'], description: 'Номер документа, если есть.' },
			documentDate: dateOrNull('Дата документа.'),
			status: {
				type: 'string',
				enum: ['published', 'superseded', 'repealed'],
				description:
					'published — действует; superseded — утратил силу, заменён новой редакцией; repealed — отменён.'
			},
			statusLabel: { type: 'string', description: 'Состояние по-русски.' },
			inForce: { type: 'boolean', description: 'Действует ли документ (status = published).' },
			effectiveDate: dateOrNull('Дата вступления в силу.'),
			approval: {
				type: 'object',
				description: 'Приказ, которым документ утверждён.',
				required: ['orderNumber', 'orderDate'],
				additionalProperties: false,
				properties: {
					orderNumber: { type: ['string', 'null'], description: 'Номер приказа.' },
					orderDate: dateOrNull('Дата приказа.')
				}
			},
			repeal: {
				description: 'Приказ об отмене; null, если документ не отменялся.',
				oneOf: [
					{
						type: 'object',
						required: ['orderNumber', 'orderDate'],
						additionalProperties: false,
						properties: {
							orderNumber: { type: ['string', 'null'], description: 'Номер приказа.' },
							orderDate: dateOrNull('Дата приказа.')
						}
					},
					{ type: 'null' }
				]
			},
			publishedAt: {
				type: 'string',
				format: 'date-time',
				description: 'Когда документ опубликован на портале.'
			},
			version: {
				type: ['integer', 'null'],
				minimum: 1,
				description: 'Номер утверждённой версии текста.'
			},
			sha256: {
				type: ['string', 'null'],
				pattern: '^[0-9a-f]{64}$',
				description:
					'SHA-256 утверждённой версии (текста, как он хранится на портале, или загруженного файла): по нему проверяют, что версия не менялась.'
			},
			files: { type: 'array', items: ref('schemas', 'File'), description: 'Файлы для скачивания.' },
			links: {
				type: 'object',
				required: ['self', 'page', 'editions', 'files'],
				additionalProperties: false,
				properties: {
					self: { type: 'string', format: 'uri', description: 'Этот документ в API.' },
					page: { type: 'string', format: 'uri', description: 'Его страница на портале.' },
					editions: { type: 'string', format: 'uri', description: 'Все его редакции.' },
					files: { type: 'string', format: 'uri', description: 'Его файлы.' }
				}
			}
		}
	},
	ActPage: {
		type: 'object',
		required: ['items', 'next'],
		additionalProperties: false,
		properties: {
			items: { type: 'array', items: ref('schemas', 'Act') },
			next: ref('schemas', 'NextLink')
		}
	},
	EditionList: {
		type: 'object',
		description:
			'Все опубликованные редакции документа, от первой к последней (список полный, без страниц).',
		required: ['items'],
		additionalProperties: false,
		properties: { items: { type: 'array', items: ref('schemas', 'Act') } }
	},
	FileList: {
		type: 'object',
		description: 'Файлы утверждённой редакции документа (список полный, без страниц).',
		required: ['items'],
		additionalProperties: false,
		properties: { items: { type: 'array', items: ref('schemas', 'File') } }
	}
};

const ok = (description: string, schema: string) => ({
	description,
	headers: { ETag: ref('headers', 'ETag'), 'Cache-Control': ref('headers', 'CacheControl') },
	content: { 'application/json': { schema: ref('schemas', schema) } }
});

const errors = {
	'304': ref('responses', 'NotModified'),
	'400': ref('responses', 'BadRequest'),
	'404': ref('responses', 'NotFound'),
	'429': ref('responses', 'TooManyRequests')
};

export const actPaths: Record<string, PathItemObject> = {
	'/acts': {
		get: {
			operationId: 'listActs',
			tags: ['Документы'],
			summary: 'Опубликованные документы',
			description:
				'Опубликованные документы организации (с `descendants=true` — и всех под ней), сначала опубликованные последними, постранично.',
			parameters: queryParameters(listQuery),
			responses: { '200': ok('Страница списка.', 'ActPage'), ...errors }
		}
	},
	'/acts/{id}': {
		get: {
			operationId: 'getAct',
			tags: ['Документы'],
			summary: 'Документ',
			description: 'Один опубликованный документ.',
			parameters: [ref('parameters', 'ActId')],
			responses: { '200': ok('Документ.', 'Act'), ...errors }
		}
	},
	'/acts/{id}/editions': {
		get: {
			operationId: 'listEditions',
			tags: ['Документы'],
			summary: 'Редакции документа',
			description:
				'Все опубликованные редакции документа — действующая и утратившие силу — с приказами об утверждении, датами и SHA-256.',
			parameters: [ref('parameters', 'ActId')],
			responses: { '200': ok('Редакции.', 'EditionList'), ...errors }
		}
	},
	'/acts/{id}/files': {
		get: {
			operationId: 'listFiles',
			tags: ['Документы'],
			summary: 'Файлы документа',
			description: 'Файлы утверждённой редакции со ссылками на публичные адреса для скачивания.',
			parameters: [ref('parameters', 'ActId')],
			responses: { '200': ok('Файлы.', 'FileList'), ...errors }
		}
	}
};
