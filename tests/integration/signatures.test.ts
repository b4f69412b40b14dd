import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	documentVersions,
	documents,
	files,
	loginFailures,
	organizations,
	signatureFiles,
	signatures,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { ForbiddenError, loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import { signSimple, signWithPassword } from '../../src/lib/server/signatures/sign';
import { checkSignature, signaturesOf } from '../../src/lib/server/signatures/queries';
import { publishedActFile } from '../../src/lib/server/public/act-page';
import { storeFile } from '../../src/lib/server/documents/store-file';
import { MAX_FAILURES_PER_ACCOUNT_ADDRESS } from '../../src/lib/server/auth/rate-limit';
import { signatureMessages as m } from '../../src/lib/signatures/labels';
import { buildFixture, PASSWORD, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf, samplePdf } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');
const IP = '198.51.100.7';
let directorA: Actor;
let directorB: Actor;
let staffA: Actor;

let acts = 0;
/** An act as publication leaves it: version 1 approved by order № 7-о and published, not yet signed. */
async function publishedAct(
	org: Organization,
	fields: Partial<typeof documents.$inferInsert> = {},
	file?: Uint8Array
): Promise<DocumentRow> {
	acts += 1;
	const source = `## 1. Общие положения\n\n1. Положение № ${acts} определяет порядок ведения электронного журнала.\n`;
	const stored = file
		? await storeFile(db(), org.id, directorA.id, { name: 'положение.pdf', bytes: file })
		: null;
	const [doc] = await db()
		.insert(documents)
		.values({
			organizationId: org.id,
			kind: 'regulation',
			documentClass: 'act',
			title: `Положение об электронном журнале ${acts}`,
			status: 'published',
			needsApproval: true,
			currentVersion: 1,
			approvedVersion: 1,
			approvedSha256: stored ? stored.sha256 : sha256(source),
			approvalOrderNumber: '7-о',
			approvalOrderDate: '2026-11-02',
			approvedAt: new Date('2026-11-02T09:00:00Z'),
			publishedAt: new Date('2026-11-03T09:00:00Z'),
			...fields
		})
		.returning();
	await db()
		.insert(documentVersions)
		.values(
			stored
				? { documentId: doc!.id, version: 1, fileId: stored.id, sha256: stored.sha256 }
				: { documentId: doc!.id, version: 1, source, sha256: sha256(source) }
		);
	return doc!;
}

const rowsOf = async () => ({
	signatures: (await db().select({ n: count() }).from(signatures))[0]!.n,
	signatureFiles: (await db().select({ n: count() }).from(signatureFiles))[0]!.n,
	files: (await db().select({ n: count() }).from(files))[0]!.n,
	signed: (
		await db()
			.select({ n: count() })
			.from(auditEvents)
			.where(eq(auditEvents.action, 'document.signed_simple'))
	)[0]!.n
});

const reload = async (id: string) =>
	(await db().select().from(documents).where(eq(documents.id, id)))[0]!;

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(db(), 'sig');
	directorA = await loadActor(db(), f.users.directorA);
	directorB = await loadActor(db(), f.users.directorB);
	staffA = await loadActor(db(), f.users.staffA);
});
afterAll(async () => {
	await handle?.close();
});

describe('the simple electronic signature (ст. 9 63-ФЗ)', () => {
	it('binds the signer, the moment, the text and the exact bytes served, and is audited', async () => {
		const act = await publishedAct(f.schoolA);
		const signedAt = new Date('2026-11-04T07:30:00Z');
		const signature = await signWithPassword(
			db(),
			directorA,
			f.schoolA,
			act.id,
			{ password: PASSWORD },
			{ ipAddress: IP, now: signedAt }
		);
		expect(signature).toMatchObject({
			kind: 'simple',
			signerId: directorA.id,
			signerName: directorA.fullName,
			version: 1,
			textSha256: act.approvedSha256
		});
		expect(signature.key).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
		expect((await reload(act.id)).signedAt).toEqual(signedAt);

		const [view] = await signaturesOf(db(), act.id, 1);
		expect(view!.files.map((x) => x.format)).toEqual(['docx', 'odt', 'pdf']);
		for (const format of ['docx', 'pdf', 'odt'] as const) {
			const served = await publishedActFile(db(), f.schoolA.slug, act.id, format);
			expect(sha256(served!.bytes)).toBe(view!.files.find((x) => x.format === format)!.sha256);
		}

		const [event] = await db()
			.select()
			.from(auditEvents)
			.where(
				and(eq(auditEvents.action, 'document.signed_simple'), eq(auditEvents.entityId, act.id))
			);
		expect(event).toMatchObject({ actorId: directorA.id, organizationId: f.schoolA.id });
		expect(event!.after).toMatchObject({ key: signature.key, textSha256: act.approvedSha256 });
		expect((await verifyChain(db(), event!.chain)).ok).toBe(true);
	});

	it('serves the signed bytes after the school is renamed: a signed version is never re-rendered', async () => {
		const act = await publishedAct(f.schoolA);
		await signSimple(db(), directorA, f.schoolA, act.id);
		const before = await publishedActFile(db(), f.schoolA.slug, act.id, 'pdf');
		await db()
			.update(organizations)
			.set({ fullName: 'Совсем другое название школы' })
			.where(eq(organizations.id, f.schoolA.id));
		try {
			const after = await publishedActFile(db(), f.schoolA.slug, act.id, 'pdf');
			expect(sha256(after!.bytes)).toBe(sha256(before!.bytes));
		} finally {
			await db()
				.update(organizations)
				.set({ fullName: f.schoolA.fullName })
				.where(eq(organizations.id, f.schoolA.id));
		}
	});

	it('checks a file by the key: the signed one matches, a changed one does not', async () => {
		const act = await publishedAct(f.schoolA);
		const signature = await signSimple(db(), directorA, f.schoolA, act.id);
		const pdf = (await publishedActFile(db(), f.schoolA.slug, act.id, 'pdf'))!.bytes;

		// Typed by a person: lower case, no dashes, O for 0 and I for 1 read as the digits.
		const typed = signature.key.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
		const same = await checkSignature(db(), typed, { name: 'акт.pdf', bytes: pdf });
		expect(same).toMatchObject({
			found: true,
			file: { matches: 'pdf' },
			document: { title: act.title, href: `/o/${f.schoolA.slug}/d/${act.id}` }
		});
		if (!same.found) throw new Error('unreachable');
		expect(same.signature.signerName).toBe(directorA.fullName);

		const tampered = Uint8Array.from(pdf);
		const at = tampered.length - 20;
		tampered[at] = tampered[at]! ^ 1;
		const changed = await checkSignature(db(), signature.key, { name: 'акт.pdf', bytes: tampered });
		expect(changed).toMatchObject({ found: true, file: { matches: null } });
	});

	it('says plainly that a forged or malformed key signs nothing', async () => {
		const forged = await checkSignature(db(), 'ZZZZ-ZZZZ-ZZZZ-ZZZZ');
		expect(forged).toEqual({ found: false, key: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' });
		for (const [raw, message] of [
			['', m.keyMissing],
			['K7QM-3XPA', m.keyMalformed],
			["'; drop table signatures; --", m.keyMalformed]
		] as const) {
			const e = await checkSignature(db(), raw).catch((x: unknown) => x);
			expect(fieldErrorsOf(e)).toEqual({ key: message });
		}
	});

	it('refuses a wrong password with a message, counts it as a sign-in failure and stores nothing else', async () => {
		const act = await publishedAct(f.schoolA);
		const before = await rowsOf();
		const attempt = (password: string) =>
			signWithPassword(
				db(),
				directorA,
				f.schoolA,
				act.id,
				{ password },
				{ ipAddress: '203.0.113.9' }
			).catch((e: unknown) => e);
		expect(fieldErrorsOf(await attempt(''))).toEqual({ password: m.passwordMissing });
		expect(fieldErrorsOf(await attempt('неверный пароль'))).toEqual({
			password: m.passwordWrong
		});
		expect(await rowsOf()).toEqual(before);
		expect((await reload(act.id)).signedAt).toBeNull();
		const failures = await db()
			.select()
			.from(loginFailures)
			.where(eq(loginFailures.email, directorA.email));
		expect(failures.length).toBe(1);

		// A stolen session guesses no more than the sign-in form allows, even with the right password next.
		for (let i = 1; i < MAX_FAILURES_PER_ACCOUNT_ADDRESS; i++) await attempt('снова не тот');
		expect(fieldErrorsOf(await attempt(PASSWORD)).password).toMatch(/Слишком много неверных/);
		expect(await rowsOf()).toEqual(before);
	});

	it('lets only the head of the act’s own school sign, once per version, and only an act in force', async () => {
		const act = await publishedAct(f.schoolA);
		const before = await rowsOf();
		await expect(signSimple(db(), staffA, f.schoolA, act.id)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(signSimple(db(), directorB, f.schoolA, act.id)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		// Through her own school the other head does not reach this school's act at all.
		await expect(signSimple(db(), directorB, f.schoolB, act.id)).rejects.toThrow();
		const draft = await publishedAct(f.schoolA, {
			status: 'draft',
			approvedVersion: null,
			approvedAt: null,
			publishedAt: null
		});
		expect(
			fieldErrorsOf(await signSimple(db(), directorA, f.schoolA, draft.id).catch((e) => e))
		).toEqual({ form: m.notSignable });
		expect(await rowsOf()).toEqual(before);

		await signSimple(db(), directorA, f.schoolA, act.id);
		expect(
			fieldErrorsOf(await signSimple(db(), directorA, f.schoolA, act.id).catch((e) => e))
		).toEqual({ form: m.alreadySigned });
		expect((await rowsOf()).signatures).toBe(before.signatures + 1);
	});

	it('signs an act published as a file by that stored file, which is what the public downloads', async () => {
		const pdf = samplePdf('Положение, утверждённое приказом № 7-о');
		const act = await publishedAct(f.schoolA, {}, pdf);
		const filesBefore = (await rowsOf()).files;
		const signature = await signSimple(db(), directorA, f.schoolA, act.id);
		expect(signature.textSha256).toBe(sha256(pdf));
		const [view] = await signaturesOf(db(), act.id, 1);
		expect(view!.files.map((x) => [x.format, x.sha256])).toEqual([['pdf', sha256(pdf)]]);
		// Nothing rendered: the stored upload is what was signed.
		expect((await rowsOf()).files).toBe(filesBefore);
		const check = await checkSignature(db(), signature.key, { name: 'скан.pdf', bytes: pdf });
		expect(check).toMatchObject({ found: true, file: { matches: 'pdf' } });
	});
});
