import { and, asc, count, eq, inArray, like, or, sql } from 'drizzle-orm';
import { discussions, documentKind, documents, organizations, publicComments } from '../db/schema';
import { discussionEndedOn, discussionOpenOn } from '../public/visibility';
import { documentKindLabels, type DocumentKind } from '../../documents/labels';
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
import { organizationOr404, organizationRef, type ApiOrganizationRef } from './organizations';
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

export const DISCUSSION_STATES = ['open', 'closed'] as const;
export type DiscussionState = (typeof DISCUSSION_STATES)[number];

export interface ApiDiscussion {
	id: string;
	organization: ApiOrganizationRef;
	state: DiscussionState;
	startsOn: string;
	endsOn: string;
	document: {
		id: string;
		kind: DocumentKind;
		kindLabel: string;
		title: string;
		published: boolean;
	};
	publishedProposals: number;
	links: { page: string; act: string | null };
}

const listQuery = {
	organization: slugParam(
		'Адрес (slug) организации, чьи обсуждения нужны. Обязателен, как у документов.',
		true
	),
	descendants: booleanParam(
		'true — обсуждения организации и всех организаций под ней; по умолчанию false — только её собственные.'
	),
	state: enumParam(
		'open — идущие сейчас; closed — завершённые, чей документ уже опубликован. Без параметра — и те и другие.',
		DISCUSSION_STATES
	),
	cursor: cursorParam,
	limit: limitParam
};

const isOpenedKey = (k: unknown[]): k is [string, string] =>
	k.length === 2 &&
	typeof k[0] === 'string' &&
	ISO_MICROS.test(k[0]) &&
	typeof k[1] === 'string' &&
	UUID.test(k[1]);

/**
 * Public discussions of an organisation (or of everything under it), the latest opened first: those
 * open today and those ended whose act is now published — what the portal's pages show, judged on
 * each organisation's own local date in the query itself, so a page needs no filtering after it.
 */
export async function listDiscussions(ctx: ApiContext): Promise<Page<ApiDiscussion>> {
	const q = parseQuery(ctx.url.searchParams, listQuery);
	const org = await organizationOr404(ctx.db, q.organization!);
	const list = `discussions|${org.id}|${q.descendants ? 1 : 0}|${q.state ?? ''}`;
	const after = q.cursor ? decodeCursor(q.cursor, list, isOpenedKey) : null;
	const limit = q.limit ?? LIMIT_DEFAULT;
	const today = sql`(${ctx.now.toISOString()}::timestamptz at time zone ${organizations.timeZone})::date`;
	const open = discussionOpenOn(today)!;
	const ended = and(discussionEndedOn(today), sql`not (${open})`)!;
	const rows = await ctx.db
		.select({
			id: discussions.id,
			open: sql<boolean>`${open}`,
			startsOn: discussions.startsOn,
			endsOn: discussions.endsOn,
			openedKey: sql<string>`to_char(${discussions.openedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
			documentId: documents.id,
			kind: documents.kind,
			title: documents.title,
			publishedAt: documents.publishedAt,
			orgSlug: organizations.slug,
			orgShortName: organizations.shortName
		})
		.from(discussions)
		.innerJoin(documents, eq(documents.id, discussions.documentId))
		.innerJoin(organizations, eq(organizations.id, discussions.organizationId))
		.where(
			and(
				q.descendants
					? like(organizations.path, `${org.path}%`)
					: eq(discussions.organizationId, org.id),
				eq(documents.organizationId, discussions.organizationId),
				q.state === 'open' ? open : q.state === 'closed' ? ended : or(open, ended),
				after
					? and(
							sql`${discussions.openedAt} <= ${after[0]}::timestamptz`,
							or(
								sql`${discussions.openedAt} < ${after[0]}::timestamptz`,
								sql`${discussions.id} > ${after[1]}::uuid`
							)
						)
					: undefined
			)
		)
		.orderBy(sql`${discussions.openedAt} desc`, asc(discussions.id))
		.limit(limit + 1);
	const shown = rows.slice(0, limit);
	const proposals = shown.length
		? await ctx.db
				.select({ id: publicComments.discussionId, n: count() })
				.from(publicComments)
				.where(
					and(
						inArray(
							publicComments.discussionId,
							shown.map((r) => r.id)
						),
						eq(publicComments.status, 'published')
					)
				)
				.groupBy(publicComments.discussionId)
		: [];
	const published = new Map(proposals.map((p) => [p.id, p.n]));
	return pageOf(
		ctx,
		rows,
		limit,
		list,
		(r) => [r.openedKey, r.id],
		(r) => ({
			id: r.id,
			organization: organizationRef(ctx, { slug: r.orgSlug, shortName: r.orgShortName }),
			state: r.open ? 'open' : 'closed',
			startsOn: r.startsOn,
			endsOn: r.endsOn,
			document: {
				id: r.documentId,
				kind: r.kind,
				kindLabel: documentKindLabels[r.kind],
				title: r.title,
				published: r.publishedAt !== null
			},
			publishedProposals: published.get(r.id) ?? 0,
			links: {
				page: absolute(ctx, `/o/${r.orgSlug}/d/${r.documentId}`),
				act: r.publishedAt ? absolute(ctx, `${API_BASE}/acts/${r.documentId}`) : null
			}
		})
	);
}

// The description of this endpoint, beside it.

export const discussionSchemas: Record<string, SchemaObject> = {
	Discussion: {
		type: 'object',
		description:
			'Общественное обсуждение проекта документа: идущее сейчас или завершённое, если документ затем опубликован.',
		required: [
			'id',
			'organization',
			'state',
			'startsOn',
			'endsOn',
			'document',
			'publishedProposals',
			'links'
		],
		additionalProperties: false,
		properties: {
			id: { type: 'string', format: 'uuid', description: 'Идентификатор обсуждения.' },
			organization: ref('schemas', 'OrganizationRef'),
			state: {
				type: 'string',
				enum: [...DISCUSSION_STATES],
				description:
					'open — предложения принимаются сегодня (по местной дате организации); closed — обсуждение завершено.'
			},
			startsOn: { type: 'string', format: 'date', description: 'Первый день приёма предложений.' },
			endsOn: { type: 'string', format: 'date', description: 'Последний день приёма предложений.' },
			document: {
				type: 'object',
				description: 'Обсуждаемый проект документа.',
				required: ['id', 'kind', 'kindLabel', 'title', 'published'],
				additionalProperties: false,
				properties: {
					id: { type: 'string', format: 'uuid' },
					kind: { type: 'string', enum: [...documentKind.enumValues] },
					kindLabel: { type: 'string', description: 'Вид документа по-русски.' },
					title: { type: 'string', description: 'Наименование.' },
					published: { type: 'boolean', description: 'Опубликован ли документ после обсуждения.' }
				}
			},
			publishedProposals: {
				type: 'integer',
				minimum: 0,
				description: 'Сколько предложений опубликовано (после модерации).'
			},
			links: {
				type: 'object',
				required: ['page', 'act'],
				additionalProperties: false,
				properties: {
					page: {
						type: 'string',
						format: 'uri',
						description:
							'Страница на портале: проект с формой предложений, пока обсуждение идёт, затем опубликованный документ.'
					},
					act: {
						type: ['string', 'null'],
						format: 'uri',
						description: 'Опубликованный документ в API; null, пока не опубликован.'
					}
				}
			}
		}
	},
	DiscussionPage: {
		type: 'object',
		required: ['items', 'next'],
		additionalProperties: false,
		properties: {
			items: { type: 'array', items: ref('schemas', 'Discussion') },
			next: ref('schemas', 'NextLink')
		}
	}
};

export const discussionPaths: Record<string, PathItemObject> = {
	'/discussions': {
		get: {
			operationId: 'listDiscussions',
			tags: ['Обсуждения'],
			summary: 'Общественные обсуждения',
			description:
				'Обсуждения проектов документов организации (с `descendants=true` — и всех под ней), сначала открытые последними, постранично.',
			parameters: queryParameters(listQuery),
			responses: {
				'200': {
					description: 'Страница списка.',
					headers: {
						ETag: ref('headers', 'ETag'),
						'Cache-Control': ref('headers', 'CacheControl')
					},
					content: { 'application/json': { schema: ref('schemas', 'DiscussionPage') } }
				},
				'304': ref('responses', 'NotModified'),
				'400': ref('responses', 'BadRequest'),
				'404': ref('responses', 'NotFound'),
				'429': ref('responses', 'TooManyRequests')
			}
		}
	}
};
