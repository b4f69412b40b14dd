import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { documents, organizationKind, organizations, type Organization } from '../db/schema';
import { publicProfile } from '../public/organization-page';
import { isPublished, organizationAt } from '../public/visibility';
import { problemDetails } from '../../api/labels';
import { organizationKindLabels } from '../../orgs/labels';
import { absolute, API_BASE, pageOf, UUID, type ApiContext, type Page } from './context';
import { decodeCursor } from './cursor';
import { ApiProblem } from './problem';
import {
	cursorParam,
	enumParam,
	LIMIT_DEFAULT,
	limitParam,
	parseQuery,
	queryParameters,
	slugParam
} from './query';
import { ref, type PathItemObject, type SchemaObject } from './openapi-types';

export interface ApiOrganizationRef {
	slug: string;
	shortName: string;
	self: string;
}

export interface ApiOrganization {
	slug: string;
	kind: Organization['kind'];
	kindLabel: string;
	shortName: string;
	fullName: string;
	parent: ApiOrganizationRef | null;
	website: string | null;
	timeZone: string;
	counts: { children: number; actsInForce: number; actsNotInForce: number };
	links: { self: string; page: string; children: string; acts: string; discussions: string };
}

export const organizationRef = (
	ctx: Pick<ApiContext, 'url'>,
	org: Pick<Organization, 'slug' | 'shortName'>
): ApiOrganizationRef => ({
	slug: org.slug,
	shortName: org.shortName,
	self: absolute(ctx, `${API_BASE}/organizations/${org.slug}`)
});

/** The organisation by the slug a client gave, or a 404 that names it. */
export async function organizationOr404(db: Database, slug: string): Promise<Organization> {
	const org = await organizationAt(db, slug);
	if (!org) throw new ApiProblem(404, problemDetails.organizationNotFound(slug.slice(0, 100)));
	return org;
}

/** Direct children and published acts of each organisation, counted per page: a few index range scans. */
async function countsOf(db: Database, ids: string[]) {
	if (!ids.length) return new Map<string, ApiOrganization['counts']>();
	const [children, acts] = await Promise.all([
		db
			.select({ id: organizations.parentId, n: count() })
			.from(organizations)
			.where(inArray(organizations.parentId, ids))
			.groupBy(organizations.parentId),
		db
			.select({
				id: documents.organizationId,
				inForce: sql<boolean>`${documents.status} = 'published'`,
				n: count()
			})
			.from(documents)
			.where(and(inArray(documents.organizationId, ids), isPublished))
			.groupBy(documents.organizationId, sql`2`)
	]);
	const counts = new Map(ids.map((id) => [id, { children: 0, actsInForce: 0, actsNotInForce: 0 }]));
	for (const c of children) counts.get(c.id!)!.children = c.n;
	for (const a of acts) counts.get(a.id)![a.inForce ? 'actsInForce' : 'actsNotInForce'] = a.n;
	return counts;
}

function toApi(
	ctx: ApiContext,
	org: Organization,
	parent: Pick<Organization, 'slug' | 'shortName'> | null,
	counts: ApiOrganization['counts']
): ApiOrganization {
	// What the public page shows of the profile, and nothing else.
	const profile = publicProfile(org);
	const api = (path: string) => absolute(ctx, `${API_BASE}${path}`);
	return {
		slug: profile.slug,
		kind: profile.kind,
		kindLabel: organizationKindLabels[profile.kind],
		shortName: profile.shortName,
		fullName: profile.fullName,
		parent: parent ? organizationRef(ctx, parent) : null,
		website: profile.websiteHref,
		timeZone: profile.timeZone,
		counts,
		links: {
			self: api(`/organizations/${profile.slug}`),
			page: absolute(ctx, `/o/${profile.slug}`),
			children: api(`/organizations?parent=${profile.slug}`),
			acts: api(`/acts?organization=${profile.slug}`),
			discussions: api(`/discussions?organization=${profile.slug}`)
		}
	};
}

const listQuery = {
	parent: slugParam(
		'Адрес (slug) вышестоящей организации: список её подведомственных. Без параметра — организации верхнего уровня (регионы).'
	),
	kind: enumParam('Только организации этого вида.', organizationKind.enumValues),
	cursor: cursorParam,
	limit: limitParam
};

const isNameKey = (k: unknown[]): k is [string, string] =>
	k.length === 2 &&
	typeof k[0] === 'string' &&
	k[0].length <= 1000 &&
	typeof k[1] === 'string' &&
	UUID.test(k[1]);

/** Organisations directly under a parent (or the top level), by short name: one parent's children, never the country. */
export async function listOrganizations(ctx: ApiContext): Promise<Page<ApiOrganization>> {
	const q = parseQuery(ctx.url.searchParams, listQuery);
	const parent = q.parent ? await organizationOr404(ctx.db, q.parent) : null;
	const list = `organizations|${parent?.id ?? ''}|${q.kind ?? ''}`;
	const after = q.cursor ? decodeCursor(q.cursor, list, isNameKey) : null;
	const limit = q.limit ?? LIMIT_DEFAULT;
	const rows = await ctx.db
		.select()
		.from(organizations)
		.where(
			and(
				parent ? eq(organizations.parentId, parent.id) : isNull(organizations.parentId),
				q.kind ? eq(organizations.kind, q.kind) : undefined,
				after
					? sql`(${organizations.shortName}, ${organizations.id}) > (${after[0]}, ${after[1]}::uuid)`
					: undefined
			)
		)
		.orderBy(asc(organizations.shortName), asc(organizations.id))
		.limit(limit + 1);
	const counts = await countsOf(
		ctx.db,
		rows.slice(0, limit).map((r) => r.id)
	);
	return pageOf(
		ctx,
		rows,
		limit,
		list,
		(r) => [r.shortName, r.id],
		(r) => toApi(ctx, r, parent, counts.get(r.id)!)
	);
}

/** One organisation by its slug. */
export async function getOrganization(ctx: ApiContext): Promise<ApiOrganization> {
	parseQuery(ctx.url.searchParams, {});
	const org = await organizationOr404(ctx.db, ctx.params.slug ?? '');
	const [parent, counts] = await Promise.all([
		org.parentId
			? ctx.db
					.select({ slug: organizations.slug, shortName: organizations.shortName })
					.from(organizations)
					.where(eq(organizations.id, org.parentId))
					.then((r) => r[0] ?? null)
			: null,
		countsOf(ctx.db, [org.id])
	]);
	return toApi(ctx, org, parent, counts.get(org.id)!);
}

// The description of these endpoints, beside them.

export const organizationSchemas: Record<string, SchemaObject> = {
	OrganizationRef: {
		type: 'object',
		description: 'Ссылка на организацию.',
		required: ['slug', 'shortName', 'self'],
		additionalProperties: false,
		properties: {
			slug: { type: 'string', description: 'Адрес организации на портале: /o/{slug}.' },
			shortName: { type: 'string', description: 'Краткое наименование.' },
			self: { type: 'string', format: 'uri', description: 'Организация в API.' }
		}
	},
	Organization: {
		type: 'object',
		description: 'Организация: школа или орган управления образованием.',
		required: [
			'slug',
			'kind',
			'kindLabel',
			'shortName',
			'fullName',
			'parent',
			'website',
			'timeZone',
			'counts',
			'links'
		],
		additionalProperties: false,
		properties: {
			slug: { type: 'string', description: 'Адрес организации на портале: /o/{slug}.' },
			kind: {
				type: 'string',
				enum: [...organizationKind.enumValues],
				description:
					'Вид: region — региональный орган управления образованием, municipality — муниципальный, school — образовательная организация.'
			},
			kindLabel: { type: 'string', description: 'Вид организации по-русски.' },
			shortName: { type: 'string', description: 'Краткое наименование.' },
			fullName: { type: 'string', description: 'Полное наименование.' },
			parent: {
				oneOf: [ref('schemas', 'OrganizationRef'), { type: 'null' }],
				description: 'Вышестоящая организация; null — у региона.'
			},
			website: {
				type: ['string', 'null'],
				format: 'uri',
				description: 'Официальный сайт (только http и https).'
			},
			timeZone: {
				type: 'string',
				description:
					'Часовой пояс IANA: по нему считаются даты обсуждений («сегодня» у организации).'
			},
			counts: {
				type: 'object',
				required: ['children', 'actsInForce', 'actsNotInForce'],
				additionalProperties: false,
				properties: {
					children: {
						type: 'integer',
						minimum: 0,
						description: 'Организаций непосредственно под ней.'
					},
					actsInForce: {
						type: 'integer',
						minimum: 0,
						description: 'Её опубликованных документов, действующих сейчас.'
					},
					actsNotInForce: {
						type: 'integer',
						minimum: 0,
						description: 'Её опубликованных документов, утративших силу или отменённых.'
					}
				}
			},
			links: {
				type: 'object',
				required: ['self', 'page', 'children', 'acts', 'discussions'],
				additionalProperties: false,
				properties: {
					self: { type: 'string', format: 'uri', description: 'Эта организация в API.' },
					page: { type: 'string', format: 'uri', description: 'Её страница на портале.' },
					children: { type: 'string', format: 'uri', description: 'Подведомственные.' },
					acts: { type: 'string', format: 'uri', description: 'Её документы.' },
					discussions: {
						type: 'string',
						format: 'uri',
						description: 'Её общественные обсуждения.'
					}
				}
			}
		}
	},
	OrganizationPage: {
		type: 'object',
		required: ['items', 'next'],
		additionalProperties: false,
		properties: {
			items: { type: 'array', items: ref('schemas', 'Organization') },
			next: ref('schemas', 'NextLink')
		}
	}
};

export const organizationPaths: Record<string, PathItemObject> = {
	'/organizations': {
		get: {
			operationId: 'listOrganizations',
			tags: ['Организации'],
			summary: 'Организации под вышестоящей',
			description:
				'Организации непосредственно под указанной (или регионы, если `parent` не указан) в порядке краткого наименования, постранично.',
			parameters: queryParameters(listQuery),
			responses: {
				'200': {
					description: 'Страница списка.',
					headers: {
						ETag: ref('headers', 'ETag'),
						'Cache-Control': ref('headers', 'CacheControl')
					},
					content: { 'application/json': { schema: ref('schemas', 'OrganizationPage') } }
				},
				'304': ref('responses', 'NotModified'),
				'400': ref('responses', 'BadRequest'),
				'404': ref('responses', 'NotFound'),
				'429': ref('responses', 'TooManyRequests')
			}
		}
	},
	'/organizations/{slug}': {
		get: {
			operationId: 'getOrganization',
			tags: ['Организации'],
			summary: 'Организация',
			description: 'Одна организация по её адресу на портале.',
			parameters: [ref('parameters', 'OrganizationSlug')],
			responses: {
				'200': {
					description: 'Организация.',
					headers: {
						ETag: ref('headers', 'ETag'),
						'Cache-Control': ref('headers', 'CacheControl')
					},
					content: { 'application/json': { schema: ref('schemas', 'Organization') } }
				},
				'304': ref('responses', 'NotModified'),
				'400': ref('responses', 'BadRequest'),
				'404': ref('responses', 'NotFound'),
				'429': ref('responses', 'TooManyRequests')
			}
		}
	}
};
