import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	discussions,
	documentVersions,
	documents,
	publicComments,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { classOfKind } from '../../src/lib/documents/classes';
import type { DocumentKind } from '../../src/lib/documents/labels';
import { getAct, listActs, listEditions, listFiles } from '../../src/lib/server/api/acts';
import type { ApiContext, Page } from '../../src/lib/server/api/context';
import { encodeCursor } from '../../src/lib/server/api/cursor';
import { listDiscussions } from '../../src/lib/server/api/discussions';
import { answerApi, type Endpoint } from '../../src/lib/server/api/http';
import { getOpenApiDocument, openApiDocument } from '../../src/lib/server/api/openapi';
import { getOrganization, listOrganizations } from '../../src/lib/server/api/organizations';
import { RateLimiter } from '../../src/lib/server/api/rate-limit';
import { insertOrg } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
const db = () => handle.db;
const ORIGIN = 'http://portal.test';
/** 10 March 2026, 23:00 in Moscow and already 05:00 on the 11th in Yakutsk. */
const NOW = new Date('2026-03-10T20:00:00Z');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Tree {
	region: Organization;
	municipality: Organization;
	schoolA: Organization;
	schoolB: Organization;
	otherMunicipality: Organization;
	otherSchool: Organization;
}
let t: Tree;
/** Another region with a school of its own: its acts are never in the first region's lists. */
let far: { region: Organization; school: Organization };

let seq = 0;
/** A document as the route leaves it; published ones carry the approval columns and a text (or only a file). */
async function makeDocument(
	org: Organization,
	title: string,
	status: DocumentRow['status'],
	extra: Partial<typeof documents.$inferInsert> & { kind?: DocumentKind; fileOnly?: boolean } = {}
): Promise<DocumentRow> {
	const { kind = 'regulation', fileOnly = false, ...columns } = extra;
	const published = ['published', 'superseded', 'repealed'].includes(status);
	const text = `# ${title}\n\nТекст.`;
	seq += 1;
	const [doc] = await db()
		.insert(documents)
		.values({
			organizationId: org.id,
			kind,
			documentClass: classOfKind[kind],
			title,
			status,
			needsApproval: true,
			approvedVersion: published ? 1 : null,
			approvedSha256: published ? sha256(text) : null,
			approvalOrderNumber: published ? `${seq}-о` : null,
			approvalOrderDate: published ? '2025-08-28' : null,
			approvedAt: published ? new Date('2025-08-28T07:00:00Z') : null,
			effectiveDate: published ? '2025-09-01' : null,
			// Distinct moments a microsecond apart: the cursor must not round them together.
			publishedAt: published
				? sql`'2025-08-29T07:00:00Z'::timestamptz + ${seq} * interval '1 microsecond'`
				: null,
			...columns
		} as typeof documents.$inferInsert)
		.returning();
	await db()
		.insert(documentVersions)
		.values({
			documentId: doc!.id,
			version: 1,
			source: fileOnly ? null : text,
			sha256: sha256(text)
		});
	return doc!;
}

async function discuss(
	doc: DocumentRow,
	startsOn: string,
	endsOn: string,
	closedAt: Date | null = null
) {
	const [d] = await db()
		.insert(discussions)
		.values({
			documentId: doc.id,
			organizationId: doc.organizationId,
			version: 1,
			startsOn,
			endsOn,
			closedAt
		})
		.returning();
	return d!;
}

const ctx = (path: string, params: Record<string, string> = {}): ApiContext => ({
	db: db(),
	url: new URL(path, ORIGIN),
	params,
	now: NOW
});

/** Every page of a list, following `next` from the first. */
async function allPages<T>(endpoint: (c: ApiContext) => Promise<Page<T>>, path: string) {
	const pages: Page<T>[] = [];
	let next: string | null = path;
	while (next && pages.length < 50) {
		const page: Page<T> = await endpoint(ctx(next));
		pages.push(page);
		next = page.next;
	}
	return pages;
}

/** The problem an endpoint throws, as a client receives it. */
async function problemOf(endpoint: Endpoint, path: string, params: Record<string, string> = {}) {
	const response = await answerApi(endpoint, {
		db: db(),
		request: new Request(new URL(path, ORIGIN)),
		url: new URL(path, ORIGIN),
		params,
		address: `test-${Math.random()}`,
		now: NOW
	});
	expect(response.headers.get('content-type')).toBe('application/problem+json');
	return { status: response.status, body: await response.json() };
}

// Responses are validated against the schemas of the document the API serves.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'api', components: openApiDocument.components } as object);
function expectSchema(name: string, data: unknown) {
	const validate = ajv.getSchema(`api#/components/schemas/${name}`)!;
	const valid = validate(JSON.parse(JSON.stringify(data)));
	expect(validate.errors ?? [], `${name}: ${JSON.stringify(validate.errors)}`).toEqual([]);
	expect(valid).toBe(true);
}

const docs: Record<string, DocumentRow> = {};

beforeAll(async () => {
	handle = await openTestDatabase();
	const region = await insertOrg(db(), null, 'region', {
		shortName: 'Регион А',
		slug: 'api-region',
		timeZone: 'Asia/Yakutsk',
		website: 'region.example.ru'
	});
	const municipality = await insertOrg(db(), region, 'municipality', {
		shortName: 'Муниципалитет А',
		slug: 'api-mun'
	});
	const otherMunicipality = await insertOrg(db(), region, 'municipality', {
		shortName: 'Муниципалитет Б',
		slug: 'api-mun-2'
	});
	const schoolA = await insertOrg(db(), municipality, 'school', {
		shortName: 'Школа А',
		slug: 'api-school-a'
	});
	const schoolB = await insertOrg(db(), municipality, 'school', {
		shortName: 'Школа Б',
		slug: 'api-school-b'
	});
	const otherSchool = await insertOrg(db(), otherMunicipality, 'school', {
		shortName: 'Школа В',
		slug: 'api-school-c'
	});
	t = { region, municipality, schoolA, schoolB, otherMunicipality, otherSchool };
	const farRegion = await insertOrg(db(), null, 'region', {
		shortName: 'Регион Я',
		slug: 'api-far'
	});
	far = {
		region: farRegion,
		school: await insertOrg(db(), farRegion, 'school', {
			shortName: 'Школа Я',
			slug: 'api-far-school'
		})
	};

	// School A: seven acts in force, an old edition and its new one, a repealed order, a scan, and what is private.
	for (let i = 1; i <= 7; i++)
		docs[`a${i}`] = await makeDocument(schoolA, `Положение ${i}`, 'published');
	docs.oldEdition = await makeDocument(schoolA, 'Положение о журнале', 'superseded', {
		approvalOrderDate: '2024-08-28'
	});
	docs.newEdition = await makeDocument(schoolA, 'Положение о журнале', 'published', {
		editionOf: docs.oldEdition.id
	});
	docs.repealed = await makeDocument(schoolA, 'Приказ о переходе', 'repealed', {
		kind: 'order',
		repealOrderNumber: '15-о',
		repealOrderDate: '2026-01-15'
	});
	docs.scan = await makeDocument(schoolA, 'Договор с оператором', 'published', {
		kind: 'contract',
		fileOnly: true
	});
	docs.draft = await makeDocument(schoolA, 'Черновик положения', 'draft');
	docs.approval = await makeDocument(schoolA, 'На утверждении', 'approval');
	docs.draftEdition = await makeDocument(schoolA, 'Положение о журнале', 'draft', {
		editionOf: docs.oldEdition.id
	});
	docs.b1 = await makeDocument(schoolB, 'Положение школы Б', 'published');
	docs.c1 = await makeDocument(otherSchool, 'Положение школы В', 'published');
	docs.r1 = await makeDocument(region, 'Приказ региона', 'published', { kind: 'order' });
	docs.far1 = await makeDocument(far.school, 'Положение дальней школы', 'published');

	// Discussions, judged on 10 March in Moscow (the schools) and 11 March in Yakutsk (the region).
	docs.discussed = await makeDocument(schoolA, 'Проект в обсуждении', 'discussion');
	const open = await discuss(docs.discussed, '2026-03-01', '2026-03-10');
	docs.future = await makeDocument(schoolA, 'Проект на потом', 'discussion');
	await discuss(docs.future, '2026-03-20', '2026-03-30');
	docs.gone = await makeDocument(schoolA, 'Проект без продолжения', 'draft');
	await discuss(docs.gone, '2026-02-01', '2026-02-10', new Date('2026-02-11T00:00:00Z'));
	const closed = await discuss(
		docs.a1!,
		'2025-08-01',
		'2025-08-10',
		new Date('2025-08-11T00:00:00Z')
	);
	docs.regionDraft = await makeDocument(region, 'Проект региона', 'discussion');
	await discuss(docs.regionDraft, '2026-03-01', '2026-03-10');
	docs.farDraft = await makeDocument(far.school, 'Проект дальней школы', 'discussion');
	await discuss(docs.farDraft, '2026-03-01', '2026-03-31');
	const comment = (discussionId: string, status: 'pending' | 'published' | 'rejected') => ({
		discussionId,
		organizationId: t.schoolA.id,
		authorName: 'Иванова',
		authorRole: 'parent',
		body: 'Предложение.',
		addressHash: 'x',
		status
	});
	await db()
		.insert(publicComments)
		.values([
			comment(open.id, 'published'),
			comment(open.id, 'published'),
			comment(open.id, 'pending'),
			comment(open.id, 'rejected'),
			comment(closed.id, 'published')
		]);
}, 60_000);

afterAll(async () => {
	await handle?.close();
});

describe('OpenAPI document', () => {
	it('is a valid OpenAPI 3.1 document by the official schema', async () => {
		const validator = new Validator({ strict: false });
		const result = await validator.validate(
			JSON.parse(JSON.stringify(await getOpenApiDocument(ctx('/api/v1/openapi.json'))))
		);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(validator.version).toBe('3.1');
	});

	it('resolves every $ref and describes every schema the tests validate against', () => {
		for (const name of Object.keys(openApiDocument.components.schemas))
			expect(ajv.getSchema(`api#/components/schemas/${name}`), name).toBeTypeOf('function');
		const refs = JSON.stringify(openApiDocument).match(/"#\/components\/[^"]+"/g) ?? [];
		for (const r of refs) {
			const [, kind, name] = r.slice(1, -1).split('/').slice(1);
			expect(
				(openApiDocument.components as Record<string, Record<string, unknown>>)[kind!]?.[name!],
				r
			).toBeDefined();
		}
	});

	it('lists for each list endpoint exactly the query parameters the code accepts', async () => {
		const acts = openApiDocument.paths['/acts']!.get.parameters as { name: string }[];
		expect(acts.map((p) => p.name).sort()).toEqual(
			['cursor', 'descendants', 'in_force', 'kind', 'limit', 'organization'].sort()
		);
		for (const p of acts) {
			const problem = await problemOf(
				listActs,
				`/api/v1/acts?organization=api-school-a&${p.name}=%00`
			);
			// Each described parameter is known: a bad value is refused by name, never as unknown.
			if (p.name !== 'organization') expect(problem.body.detail).not.toMatch(/не поддерживается/);
		}
	});
});

describe('organisations', () => {
	it('lists the top level (regions) and the children of a parent with their counts', async () => {
		const top = await listOrganizations(ctx('/api/v1/organizations'));
		expectSchema('OrganizationPage', top);
		expect(top.items.map((o) => o.slug)).toEqual(['api-region', 'api-far']);
		expect(top.items[0]).toMatchObject({
			kind: 'region',
			parent: null,
			website: 'https://region.example.ru/',
			counts: { children: 2, actsInForce: 1, actsNotInForce: 0 }
		});
		const under = await listOrganizations(ctx('/api/v1/organizations?parent=api-mun'));
		expect(under.items.map((o) => o.slug)).toEqual(['api-school-a', 'api-school-b']);
		// Nine in force (seven, the new edition, the scan); the old edition and the repealed order not.
		expect(under.items[0]!.counts).toEqual({ children: 0, actsInForce: 9, actsNotInForce: 2 });
		expect(under.items[0]!.parent).toEqual({
			slug: 'api-mun',
			shortName: 'Муниципалитет А',
			self: `${ORIGIN}/api/v1/organizations/api-mun`
		});
	});

	it('pages children by name with a cursor bound to the parent and the kind', async () => {
		const pages = await allPages(
			listOrganizations,
			'/api/v1/organizations?parent=api-region&limit=1'
		);
		expect(pages.flatMap((p) => p.items.map((o) => o.slug))).toEqual(['api-mun', 'api-mun-2']);
		const next = new URL(pages[0]!.next!).searchParams.get('cursor')!;
		const foreign = await problemOf(
			listOrganizations,
			`/api/v1/organizations?parent=api-mun&limit=1&cursor=${next}`
		);
		expect(foreign.status).toBe(400);
		expect(foreign.body.invalidParams).toEqual([
			{ name: 'cursor', reason: expect.stringMatching(/другого списка/) }
		]);
	});

	it('shows one organisation by slug, and 404 for an unknown one', async () => {
		const org = await getOrganization(
			ctx('/api/v1/organizations/api-school-a', { slug: 'api-school-a' })
		);
		expectSchema('Organization', org);
		expect(org).toMatchObject({
			slug: 'api-school-a',
			kind: 'school',
			kindLabel: 'Общеобразовательная организация',
			fullName: 'Школа А (полное наименование)',
			parent: { slug: 'api-mun' },
			links: {
				page: `${ORIGIN}/o/api-school-a`,
				acts: `${ORIGIN}/api/v1/acts?organization=api-school-a`
			}
		});
		for (const slug of ['no-such-school', '../etc', 'Школа', 'a'.repeat(300)]) {
			const problem = await problemOf(getOrganization, `/api/v1/organizations/x`, { slug });
			expect(problem.status).toBe(404);
			expectSchema('Problem', problem.body);
		}
	});
});

describe('acts', () => {
	const idsOf = (page: Page<{ id: string }>) => page.items.map((a) => a.id);

	it("lists only an organisation's published acts, newest publication first", async () => {
		const page = await listActs(ctx('/api/v1/acts?organization=api-school-a'));
		expectSchema('ActPage', page);
		const expected = [
			'a1',
			'a2',
			'a3',
			'a4',
			'a5',
			'a6',
			'a7',
			'oldEdition',
			'newEdition',
			'repealed',
			'scan'
		]
			.map((k) => docs[k]!.id)
			.reverse();
		expect(idsOf(page)).toEqual(expected);
		expect(page.next).toBeNull();
		const titles = page.items.map((a) => a.title);
		for (const hidden of ['Черновик положения', 'На утверждении', 'Проект в обсуждении'])
			expect(titles).not.toContain(hidden);
		expect(page.items.find((a) => a.id === docs.repealed!.id)).toMatchObject({
			status: 'repealed',
			statusLabel: 'Отменён',
			inForce: false,
			repeal: { orderNumber: '15-о', orderDate: '2026-01-15' },
			kind: 'order'
		});
	});

	it('filters by kind and by being in force', async () => {
		const inForce = await listActs(ctx('/api/v1/acts?organization=api-school-a&in_force=true'));
		expect(inForce.items).toHaveLength(9);
		expect(inForce.items.every((a) => a.inForce && a.status === 'published')).toBe(true);
		const ended = await listActs(ctx('/api/v1/acts?organization=api-school-a&in_force=false'));
		expect(idsOf(ended).sort()).toEqual([docs.oldEdition!.id, docs.repealed!.id].sort());
		const orders = await listActs(ctx('/api/v1/acts?organization=api-school-a&kind=order'));
		expect(idsOf(orders)).toEqual([docs.repealed!.id]);
	});

	it("includes what is under a municipality or region only when asked, and never another region's", async () => {
		const own = await listActs(ctx('/api/v1/acts?organization=api-mun'));
		expect(own.items).toEqual([]);
		const mun = await allPages(listActs, '/api/v1/acts?organization=api-mun&descendants=true');
		const munIds = mun.flatMap(idsOf);
		expect(munIds).toContain(docs.b1!.id);
		expect(munIds).toContain(docs.a1!.id);
		expect(munIds).not.toContain(docs.c1!.id);
		const region = (
			await allPages(listActs, '/api/v1/acts?organization=api-region&descendants=true')
		).flatMap(idsOf);
		expect(region).toEqual(expect.arrayContaining([docs.c1!.id, docs.r1!.id, docs.b1!.id]));
		expect(region).toHaveLength(14);
		expect(region).not.toContain(docs.far1!.id);
		const farActs = await listActs(ctx('/api/v1/acts?organization=api-far&descendants=true'));
		expect(idsOf(farActs)).toEqual([docs.far1!.id]);
	});

	it('pages forward through every act exactly once, whatever the page size', async () => {
		const all = idsOf(
			await listActs(ctx('/api/v1/acts?organization=api-region&descendants=true&limit=100'))
		);
		for (const limit of [1, 2, 3, 5]) {
			const pages = await allPages(
				listActs,
				`/api/v1/acts?organization=api-region&descendants=true&limit=${limit}`
			);
			for (const page of pages) expectSchema('ActPage', page);
			expect(pages.flatMap(idsOf)).toEqual(all);
			expect(pages.at(-1)!.next).toBeNull();
			expect(pages.slice(0, -1).every((p) => p.items.length === limit)).toBe(true);
		}
	});

	it('refuses a forged, damaged or foreign cursor, an unknown parameter and a bad value with 400', async () => {
		const first = await listActs(ctx('/api/v1/acts?organization=api-school-a&limit=2'));
		const cursor = new URL(first.next!).searchParams.get('cursor')!;
		const [payload, signature] = cursor.split('.');
		const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString());
		const edited = Buffer.from(
			JSON.stringify({ ...decoded, k: ['2030-01-01T00:00:00.000000Z', decoded.k[1]] })
		).toString('base64url');
		const cases: [string, string][] = [
			[`organization=api-school-a&cursor=${edited}.${signature}`, 'cursor'],
			[`organization=api-school-a&cursor=${payload}`, 'cursor'],
			[`organization=api-school-a&cursor=${payload}.${signature}x`, 'cursor'],
			[`organization=api-school-a&cursor=${encodeURIComponent('{"k":[1]}')}`, 'cursor'],
			[`organization=api-school-a&cursor=${'a'.repeat(5000)}`, 'cursor'],
			// A cursor of the same organisation but another filter, or another organisation's.
			[`organization=api-school-a&kind=order&cursor=${cursor}`, 'cursor'],
			[`organization=api-school-b&cursor=${cursor}`, 'cursor'],
			// A signed cursor of another list with the same shape of key.
			[
				`organization=api-school-a&cursor=${encodeCursor('discussions|x|0|', ['2025-01-01T00:00:00.000000Z', docs.a1!.id])}`,
				'cursor'
			],
			['organization=api-school-a&page=2', 'page'],
			['organization=api-school-a&Limit=2', 'Limit'],
			['organization=api-school-a&limit=2&limit=3', 'limit'],
			['organization=api-school-a&limit=0', 'limit'],
			['organization=api-school-a&limit=101', 'limit'],
			['organization=api-school-a&limit=1e1', 'limit'],
			['organization=api-school-a&in_force=yes', 'in_force'],
			['organization=api-school-a&kind=Положение', 'kind'],
			['organization=api-school-a&descendants=1', 'descendants'],
			['organization=%00', 'organization'],
			['kind=order', 'organization']
		];
		for (const [query, name] of cases) {
			const problem = await problemOf(listActs, `/api/v1/acts?${query}`);
			expect(problem.status, query).toBe(400);
			expectSchema('Problem', problem.body);
			expect(problem.body.invalidParams[0].name, query).toBe(name);
			expect(problem.body.title).toBe('Неверный запрос');
		}
		const unknown = await problemOf(listActs, '/api/v1/acts?organization=api-school-a&page=2');
		expect(unknown.body.detail).toMatch(/«page»/);
		expect((await problemOf(listActs, '/api/v1/acts?organization=nobody')).status).toBe(404);
	});

	it('shows one published act with its files; a private one is a 404 like a missing one', async () => {
		const act = await getAct(ctx('/x', { id: docs.newEdition!.id }));
		expectSchema('Act', act);
		expect(act).toMatchObject({
			organization: { slug: 'api-school-a' },
			version: 1,
			sha256: docs.newEdition!.approvedSha256,
			approval: { orderDate: '2025-08-28' },
			links: { page: `${ORIGIN}/o/api-school-a/d/${docs.newEdition!.id}` }
		});
		expect(act.files).toEqual([
			{
				format: 'docx',
				mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				label: expect.any(String),
				version: 1,
				url: `${ORIGIN}/o/api-school-a/d/${docs.newEdition!.id}/docx`
			}
		]);
		const files = await listFiles(ctx('/x', { id: docs.newEdition!.id }));
		expectSchema('FileList', files);
		expect(files.items).toEqual(act.files);
		// A version that is only a scan has no DOCX made from its text.
		expect((await listFiles(ctx('/x', { id: docs.scan!.id }))).items).toEqual([]);
		for (const id of [
			docs.draft!.id,
			docs.approval!.id,
			docs.discussed!.id,
			'not-a-uuid',
			crypto.randomUUID()
		]) {
			for (const endpoint of [getAct, listEditions, listFiles]) {
				const problem = await problemOf(endpoint, '/api/v1/acts/x', { id });
				expect(problem.status).toBe(404);
				expectSchema('Problem', problem.body);
			}
		}
	});

	it("lists an act's published editions, oldest first, from any of them, without the draft of the next", async () => {
		for (const id of [docs.oldEdition!.id, docs.newEdition!.id]) {
			const editions = await listEditions(ctx('/x', { id }));
			expectSchema('EditionList', editions);
			expect(editions.items.map((e) => [e.id, e.status, e.approval.orderDate])).toEqual([
				[docs.oldEdition!.id, 'superseded', '2024-08-28'],
				[docs.newEdition!.id, 'published', '2025-08-28']
			]);
		}
		expect((await listEditions(ctx('/x', { id: docs.a1!.id }))).items.map((e) => e.id)).toEqual([
			docs.a1!.id
		]);
	});
});

describe('discussions', () => {
	it("shows open ones on each organisation's own date and closed ones only once their act is published", async () => {
		const page = await listDiscussions(ctx('/api/v1/discussions?organization=api-school-a'));
		expectSchema('DiscussionPage', page);
		// The latest opened first; the future one, and the one whose draft was never published, are not shown.
		expect(page.items.map((d) => [d.document.title, d.state, d.publishedProposals])).toEqual([
			['Положение 1', 'closed', 1],
			['Проект в обсуждении', 'open', 2]
		]);
		const open = page.items.find((d) => d.state === 'open')!;
		expect(open).toMatchObject({
			startsOn: '2026-03-01',
			endsOn: '2026-03-10',
			document: { published: false },
			links: { act: null, page: `${ORIGIN}/o/api-school-a/d/${docs.discussed!.id}` }
		});
		const closed = page.items.find((d) => d.state === 'closed')!;
		expect(closed.links.act).toBe(`${ORIGIN}/api/v1/acts/${docs.a1!.id}`);
		// Ended on 10 March: still open in Moscow at 23:00, over in Yakutsk, where it is the 11th.
		const region = await listDiscussions(ctx('/api/v1/discussions?organization=api-region'));
		expect(region.items).toEqual([]);
		const regionWide = await listDiscussions(
			ctx('/api/v1/discussions?organization=api-region&descendants=true&state=open')
		);
		expect(regionWide.items.map((d) => d.document.title)).toEqual(['Проект в обсуждении']);
		const closedOnly = await listDiscussions(
			ctx('/api/v1/discussions?organization=api-school-a&state=closed')
		);
		expect(closedOnly.items.map((d) => d.document.title)).toEqual(['Положение 1']);
		const farOnes = await listDiscussions(
			ctx('/api/v1/discussions?organization=api-far&descendants=true')
		);
		expect(farOnes.items.map((d) => d.document.title)).toEqual(['Проект дальней школы']);
	});

	it('pages through discussions and refuses a cursor of the acts list', async () => {
		const pages = await allPages(
			listDiscussions,
			'/api/v1/discussions?organization=api-school-a&limit=1'
		);
		expect(pages.flatMap((p) => p.items)).toHaveLength(2);
		const acts = await listActs(ctx('/api/v1/acts?organization=api-school-a&limit=1'));
		const cursor = new URL(acts.next!).searchParams.get('cursor')!;
		const problem = await problemOf(
			listDiscussions,
			`/api/v1/discussions?organization=api-school-a&cursor=${cursor}`
		);
		expect(problem.status).toBe(400);
		expect(
			(await problemOf(listDiscussions, '/api/v1/discussions?organization=api-school-a&state=all'))
				.status
		).toBe(400);
	});
});

describe('HTTP layer', () => {
	const request = (
		path: string,
		headers: Record<string, string> = {},
		limiter = new RateLimiter(100)
	) =>
		answerApi(listActs, {
			db: db(),
			request: new Request(new URL(path, ORIGIN), { headers }),
			url: new URL(path, ORIGIN),
			params: {},
			address: '203.0.113.7',
			now: NOW,
			limiter
		});

	it('answers JSON with a weak ETag, a Link to the next page, caching and CORS headers, and 304 for a current tag', async () => {
		const response = await request('/api/v1/acts?organization=api-school-a&limit=2');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(response.headers.get('cache-control')).toBe('public, max-age=60');
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
		const etag = response.headers.get('etag')!;
		expect(etag).toMatch(/^W\/"[\w-]+"$/);
		const body = await response.json();
		expect(response.headers.get('link')).toBe(`<${body.next}>; rel="next"`);
		const again = await request('/api/v1/acts?organization=api-school-a&limit=2', {
			'If-None-Match': `"other", ${etag.slice(2)}`
		});
		expect(again.status).toBe(304);
		expect(again.headers.get('etag')).toBe(etag);
		expect(await again.text()).toBe('');
		const other = await request('/api/v1/acts?organization=api-school-a&limit=3', {
			'If-None-Match': etag
		});
		expect(other.status).toBe(200);
	});

	it('refuses past the limit with 429 and Retry-After, then lets the address in again', async () => {
		const limiter = new RateLimiter(60, 2);
		const path = '/api/v1/acts?organization=api-school-a&limit=1';
		expect((await request(path, {}, limiter)).status).toBe(200);
		expect((await request(path, {}, limiter)).status).toBe(200);
		const refused = await request(path, {}, limiter);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(refused.headers.get('content-type')).toBe('application/problem+json');
		expectSchema('Problem', await refused.json());
		expect(limiter.take('203.0.113.7', Date.now() + 1000).allowed).toBe(true);
		expect(limiter.take('198.51.100.1').allowed).toBe(true);
	});

	it('answers an unforeseen failure as a 500 problem without its details', async () => {
		const response = await answerApi(
			async () => {
				throw new Error('secret internals');
			},
			{
				db: db(),
				request: new Request(`${ORIGIN}/api/v1/acts`),
				url: new URL(`${ORIGIN}/api/v1/acts`),
				params: {},
				address: 'x',
				limiter: new RateLimiter(10)
			}
		);
		expect(response.status).toBe(500);
		const body = await response.json();
		expectSchema('Problem', body);
		expect(JSON.stringify(body)).not.toMatch(/secret/);
	});
});
