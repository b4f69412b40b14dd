import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	documentVersions,
	documents,
	organizations,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { classOfKind } from '../../src/lib/documents/classes';
import { documentKinds, type DocumentKind } from '../../src/lib/documents/labels';
import { orgTag, profileTag, publicChangeTags } from '../../src/lib/server/public/changes';
import { signSimple } from '../../src/lib/server/signatures/sign';
import { svedenDocuments } from '../../src/lib/server/sveden/documents';
import { embedSnippets, frameAncestorsOf, sitePlacement } from '../../src/lib/server/sveden/embed';
import {
	DOCUMENT_ITEMPROPS,
	MICRODATA_RULES,
	microdataRuleOf
} from '../../src/lib/server/sveden/microdata';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import {
	CACHE_TAGS_HEADER,
	FRAME_ANCESTORS_HEADER,
	securityHeadersFor,
	servePublicPage,
	withFrameAncestors
} from '../../src/lib/server/web/public-pages';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Table 3.4.1 of the methodical recommendations 9.0.0, rows 2–12, copied here by hand from the
 * recommendations' text (docs/legal/site-publication.md): the code's list must not drift from it.
 */
const RECOMMENDED = [
	'ustavDocLink',
	'localActStud',
	'localActOrder',
	'localActCollec',
	'reportEduDocLink',
	'prescriptionDocLink',
	'priemDocLink',
	'modeDocLink',
	'tekKontrolDocLink',
	'perevodDocLink',
	'vozDocLink'
];

/** A document as the route leaves it: published ones carry the approval columns and their text. */
async function makeAct(
	org: Organization,
	title: string,
	status: DocumentRow['status'],
	extra: Partial<typeof documents.$inferInsert> & { kind?: DocumentKind } = {}
): Promise<DocumentRow> {
	const { kind = 'regulation', ...columns } = extra;
	const published = ['published', 'superseded', 'repealed'].includes(status);
	const text = `# ${title}\n\n1. Текст акта.`;
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
			approvalOrderNumber: published ? '12-о' : null,
			approvalOrderDate: published ? '2025-08-28' : null,
			approvedAt: published ? new Date('2025-08-28T07:00:00Z') : null,
			effectiveDate: published ? '2025-09-01' : null,
			publishedAt: published ? new Date('2025-08-29T07:00:00Z') : null,
			...columns
		})
		.returning();
	await db()
		.insert(documentVersions)
		.values({ documentId: doc!.id, version: 1, source: text, sha256: sha256(text) });
	return doc!;
}

let signedA: DocumentRow;
let signedOrderA: DocumentRow;
let unsignedA: DocumentRow;
let draftA: DocumentRow;
let approvedUnpublishedA: DocumentRow;
let supersededA: DocumentRow;
let repealedA: DocumentRow;
let signedB: DocumentRow;
let hostileA: DocumentRow;

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(db(), 'sved');
	const director = f.actors.directorA;
	signedA = await makeAct(f.schoolA, 'Положение об электронном журнале', 'published');
	signedOrderA = await makeAct(f.schoolA, 'О переходе на электронный журнал', 'published', {
		kind: 'order',
		number: '7-о',
		documentDate: '2025-08-20',
		approvalOrderNumber: null,
		approvalOrderDate: null
	});
	hostileA = await makeAct(
		f.schoolA,
		'Регламент <script>alert(1)</script> & «кавычки»',
		'published',
		{
			kind: 'rules'
		}
	);
	unsignedA = await makeAct(f.schoolA, 'Порядок хранения журнала (без подписи)', 'published', {
		kind: 'procedure'
	});
	draftA = await makeAct(f.schoolA, 'Черновик положения', 'draft');
	approvedUnpublishedA = await makeAct(f.schoolA, 'Утверждён, не опубликован', 'published', {
		publishedAt: null
	});
	supersededA = await makeAct(f.schoolA, 'Положение о рабочей группе (ред. 2024)', 'superseded');
	repealedA = await makeAct(f.schoolA, 'Регламент технической помощи', 'repealed', {
		kind: 'rules',
		repealOrderNumber: '30-о',
		repealOrderDate: '2025-12-01'
	});
	signedB = await makeAct(f.schoolB, 'Положение школы Б', 'published');
	for (const doc of [signedA, signedOrderA, hostileA])
		await signSimple(db(), director, f.schoolA, doc.id, new Date('2025-08-30T06:15:00Z'));
	await signSimple(db(), f.actors.directorB, f.schoolB, signedB.id);
	// A signature does not bring an edition no longer in force back: it stays in the archive.
	await db()
		.update(documents)
		.set({ signedAt: new Date('2025-01-10T06:00:00Z') })
		.where(eq(documents.id, supersededA.id));
}, 120_000);

afterAll(async () => {
	await handle?.close();
});

describe('the microdata table', () => {
	it('names only attributes of table 3.4.1 of the recommendations, each with its basis', () => {
		expect(DOCUMENT_ITEMPROPS.map((p) => p.itemprop)).toEqual(RECOMMENDED);
		for (const rule of MICRODATA_RULES) {
			if (rule.itemprop !== null) expect(RECOMMENDED).toContain(rule.itemprop);
			expect(rule.basis.length, JSON.stringify(rule)).toBeGreaterThan(40);
		}
	});

	it('decides every kind the portal has and every template it ships, mapped or unmapped on purpose', () => {
		const cases = [
			...documentKinds.map((kind) => ({
				documentClass: classOfKind[kind],
				kind,
				templateId: null
			})),
			...readTemplateLibrary().templates.map((t) => ({
				documentClass: t.documentClass,
				kind: t.kind as DocumentKind,
				templateId: t.id
			}))
		];
		expect(cases.length).toBeGreaterThan(documentKinds.length);
		for (const c of cases) expect(microdataRuleOf(c), JSON.stringify(c)).toBeDefined();
	});

	it('has no row that an earlier row hides', () => {
		MICRODATA_RULES.forEach((rule, i) => {
			const earlier = MICRODATA_RULES.slice(0, i).find(
				(r) =>
					r.documentClass === rule.documentClass &&
					(r.kind === null || r.kind === rule.kind) &&
					(r.templateId === undefined || r.templateId === rule.templateId)
			);
			expect(earlier, JSON.stringify(rule)).toBeUndefined();
		});
	});
});

describe('the «Документы» subsection', () => {
	it('shows the signed acts in force, grouped by class, each with its signature mark', async () => {
		const page = (await svedenDocuments(db(), f.schoolA.slug))!;
		expect(page.current.map((a) => a.id).sort()).toEqual(
			[signedA.id, signedOrderA.id, hostileA.id].sort()
		);
		expect(page.groups.map((g) => g.documentClass)).toEqual(['act', 'order']);
		const act = page.current.find((a) => a.id === signedA.id)!;
		expect(act.hasPdf).toBe(true);
		expect(act.signatures).toHaveLength(1);
		expect(act.signatures[0]).toMatchObject({
			kind: 'simple',
			signerName: f.users.directorA.fullName,
			signedAt: new Date('2025-08-30T06:15:00Z')
		});
		expect(act.signatures[0]!.key).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
		// The portal's acts are none of the documents table 3.4.1 names: no attribute is made up for them.
		expect(page.current.every((a) => a.itemprop === null)).toBe(true);
	});

	it('keeps superseded and repealed editions in the archive, without attributes', async () => {
		const page = (await svedenDocuments(db(), f.schoolA.slug))!;
		expect(page.archive.map((a) => a.id).sort()).toEqual([supersededA.id, repealedA.id].sort());
		expect(page.archive.find((a) => a.id === repealedA.id)).toMatchObject({
			status: 'repealed',
			repealOrderNumber: '30-о',
			itemprop: null,
			signatures: []
		});
	});

	it('never shows unsigned, unpublished or draft acts, nor another school’s', async () => {
		const page = (await svedenDocuments(db(), f.schoolA.slug))!;
		const ids = [...page.current, ...page.archive].map((a) => a.id);
		for (const hidden of [unsignedA, draftA, approvedUnpublishedA, signedB])
			expect(ids).not.toContain(hidden.id);
		const b = (await svedenDocuments(db(), f.schoolB.slug))!;
		expect(b.current.map((a) => a.id)).toEqual([signedB.id]);
		expect(b.archive).toEqual([]);
		expect(await svedenDocuments(db(), 'no-such-school')).toBeNull();
		expect(await svedenDocuments(db(), '../etc')).toBeNull();
	});

	it('is cached under the tags that a signature, a publication, a repeal and a profile edit drop', async () => {
		const page = (await svedenDocuments(db(), f.schoolA.slug))!;
		expect(page.cacheTags).toEqual(
			expect.arrayContaining([orgTag(f.schoolA.id), profileTag(f.schoolA.id)])
		);
		for (const action of [
			'document.signed_simple',
			'document.published',
			'document.repealed',
			'document.superseded'
		] as const)
			expect(publicChangeTags({ action, organizationId: f.schoolA.id })).toContain(
				orgTag(f.schoolA.id)
			);
		expect(
			publicChangeTags({ action: 'organization.updated', organizationId: f.schoolA.id })
		).toContain(profileTag(f.schoolA.id));
	});
});

describe('the embeddable block and its snippets', () => {
	it('may be framed only by the origin of the website in the profile', () => {
		expect(frameAncestorsOf('https://school7.ru/sveden/')).toBe('https://school7.ru');
		expect(frameAncestorsOf('school7.ru')).toBe('https://school7.ru');
		// A Cyrillic domain goes in its ASCII form, as browsers compare origins.
		expect(frameAncestorsOf('http://школа7.рф:8080/')).toMatch(
			/^http:\/\/xn--[a-z0-9-]+\.xn--p1ai:8080$/
		);
		expect(frameAncestorsOf(null)).toBe("'none'");
		expect(frameAncestorsOf('   ')).toBe("'none'");
		expect(frameAncestorsOf('javascript:alert(1)')).toBe("'none'");
		expect(frameAncestorsOf('https://a.ru; script-src *')).toBe("'none'");
	});

	it('rewrites SvelteKit’s CSP instead of adding a second one, and drops X-Frame-Options only then', async () => {
		const kit = "default-src 'self'; script-src 'self' 'sha256-abc'; frame-ancestors 'none'";
		expect(withFrameAncestors(kit, 'https://school7.ru')).toBe(
			"default-src 'self'; script-src 'self' 'sha256-abc'; frame-ancestors https://school7.ru"
		);
		expect(securityHeadersFor(kit).map(([k]) => k)).toContain('x-frame-options');
		expect(
			securityHeadersFor(withFrameAncestors(kit, 'https://school7.ru')).map(([k]) => k)
		).not.toContain('x-frame-options');
		expect(securityHeadersFor(withFrameAncestors(kit, "'none'")).map(([k]) => k)).toContain(
			'x-frame-options'
		);

		// Rendered once, then served from memory: both answers carry the one rewritten policy.
		const key = `/o/${f.schoolA.slug}/embed`;
		const render = () =>
			new Response('<!doctype html><p>блок</p>', {
				headers: {
					'content-type': 'text/html',
					'content-security-policy': kit,
					[FRAME_ANCESTORS_HEADER]: 'https://school7.ru',
					[CACHE_TAGS_HEADER]: orgTag(f.schoolA.id)
				}
			});
		for (const state of ['miss', 'hit']) {
			const answer = await servePublicPage(key, new Request(`http://portal.test${key}`), render);
			expect(answer.headers.get('x-reglament-cache')).toBe(state);
			expect(answer.headers.get('content-security-policy')).toBe(
				"default-src 'self'; script-src 'self' 'sha256-abc'; frame-ancestors https://school7.ru"
			);
			expect(answer.headers.has(FRAME_ANCESTORS_HEADER)).toBe(false);
			expect(answer.headers.has('x-frame-options')).toBe(false);
		}
	});

	it('gives a list of links to the acts in force, their PDFs and signature checks, with no script', async () => {
		const page = (await svedenDocuments(db(), f.schoolA.slug))!;
		const { list, iframe, link } = embedSnippets('https://portal.test', page);
		const base = `https://portal.test/o/${f.schoolA.slug}`;
		for (const act of page.current) {
			expect(list).toContain(`href="${base}/d/${act.id}"`);
			expect(list).toContain(`href="${base}/d/${act.id}/pdf"`);
			expect(list).toContain(`https://portal.test/check?key=${act.signatures[0]!.key}`);
		}
		for (const hidden of [unsignedA, supersededA, repealedA, signedB])
			expect(list).not.toContain(hidden.id);
		expect(list).toContain('Регламент &lt;script&gt;alert(1)&lt;/script&gt; &amp; «кавычки»');
		expect(list).not.toMatch(/<script/i);
		expect(list).toMatch(
			/^<ul>\n( {2}<li>.*<\/li>\n){3}<\/ul>\n<p><a href="[^"]+\/sveden\/document">/
		);
		expect(iframe).toBe(
			`<iframe src="${base}/embed" title="Локальные акты: ${f.schoolA.shortName}" width="100%" height="480" style="border:0" loading="lazy"></iframe>`
		);
		expect(iframe).not.toMatch(/<script/i);
		expect(link).toBe(`${base}/sveden/document`);
	});

	it('tells the cabinet which site may frame the block and which acts wait for a signature', async () => {
		const placement = await sitePlacement(db(), f.schoolA, 'https://portal.test');
		expect(placement.frameOrigin).toBeNull();
		expect(placement.acts).toBe(3);
		expect(placement.unsigned.map((a) => a.id)).toEqual([unsignedA.id]);
		const [withSite] = await db()
			.update(organizations)
			.set({ website: 'https://school-a.example/' })
			.where(eq(organizations.id, f.schoolA.id))
			.returning();
		expect((await sitePlacement(db(), withSite!, 'https://portal.test')).frameOrigin).toBe(
			'https://school-a.example'
		);
	});
});
