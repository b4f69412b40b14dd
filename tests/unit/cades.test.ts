// Qualified signatures: keys, CAs and CAdES signatures are made at test time with openssl and
// Debian's libengine-gost-openssl, then checked by the pure verifier.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	loadTrustAnchors,
	parseCertificate,
	trustAnchor,
	verifyDetachedCades,
	type CadesVerification,
	type TrustAnchor
} from '../../src/lib/server/signatures/cades';
import { streebog } from '../../src/lib/server/signatures/gost';
import {
	DIRECTOR_SUBJECT,
	gostUnavailable,
	makeCa,
	makeSignerCertificate,
	openssl,
	signDetached
} from '../../scripts/gost-demo-ca.mjs';

const missing = gostUnavailable();
if (missing) console.warn(`Проверка квалифицированной подписи пропущена: ${missing}`);

type Pair = { key: string; cert: string; bits?: 256 | 512 };

const pdf = new TextEncoder().encode(
	'%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% Положение об электронном журнале\n%%EOF\n'
);

function anchorsOf(...roots: Pair[]): TrustAnchor[] {
	return roots.map((root) => trustAnchor(parseCertificate(new TextEncoder().encode(root.cert))!));
}

function refused(result: CadesVerification) {
	if (result.ok) throw new Error('подпись принята, а не должна');
	return result;
}

describe.skipIf(missing)('detached CAdES verification (GOST R 34.10-2012)', () => {
	let ca: Pair;
	let director: Pair;
	let anchors: TrustAnchor[];

	beforeAll(() => {
		ca = makeCa();
		director = makeSignerCertificate(ca);
		anchors = anchorsOf(ca);
	});

	it('accepts a 256-bit signature over the exact bytes and reads the Russian subject', () => {
		const result = verifyDetachedCades(signDetached(pdf, director), pdf, { trustAnchors: anchors });
		if (!result.ok) throw new Error(result.message);
		expect(result.keyBits).toBe(256);
		expect(result.signer).toMatchObject({
			commonName: DIRECTOR_SUBJECT.CN,
			surname: 'Иванова',
			givenNames: 'Мария Петровна',
			title: 'Директор',
			organization: DIRECTOR_SUBJECT.O,
			inn: '771234567859',
			innLe: '7701234560',
			ogrn: '1027700000008',
			snils: '11223344595'
		});
		expect(result.certificate.issuer.commonName).toBe('Демонстрационный УЦ «Регламент»');
		expect(result.certificate.serial).toMatch(/^[0-9A-F]+$/);
		expect(result.certificate.notAfter.getTime()).toBeGreaterThan(Date.now());
		expect(result.signedAt).toBeInstanceOf(Date);
		expect(Math.abs(result.signedAt!.getTime() - Date.now())).toBeLessThan(3600_000);
		expect(result.trustAnchor).toEqual({ name: 'Демонстрационный УЦ «Регламент»', demo: false });
	});

	it('accepts a 512-bit key with a Streebog-512 digest', () => {
		const signer = makeSignerCertificate(ca, { bits: 512 });
		const result = verifyDetachedCades(signDetached(pdf, signer, { bits: 512 }), pdf, {
			trustAnchors: anchors
		});
		if (!result.ok) throw new Error(result.message);
		expect(result.keyBits).toBe(512);
		expect(result.signer.inn).toBe('771234567859');
	});

	it('accepts the TC 26 parameter sets (twisted Edwards 256-bit A, 512-bit C) and a 512-bit root', () => {
		const root512 = makeCa({ bits: 512 });
		const edwards = makeSignerCertificate(root512, { paramset: 'TCA' });
		const c512 = makeSignerCertificate(root512, { bits: 512, paramset: 'C' });
		const trust = anchorsOf(root512);
		expect(verifyDetachedCades(signDetached(pdf, edwards), pdf, { trustAnchors: trust }).ok).toBe(
			true
		);
		expect(
			verifyDetachedCades(signDetached(pdf, c512, { bits: 512 }), pdf, { trustAnchors: trust }).ok
		).toBe(true);
	});

	it('reads PEM and bare Base64 as CryptoPro and КриптоАРМ save them', () => {
		const pem = signDetached(pdf, director, { pem: true });
		expect(verifyDetachedCades(pem, pdf, { trustAnchors: anchors }).ok).toBe(true);
		const bare = Buffer.from(
			pem
				.toString()
				.replace(/-----[A-Z ]+-----/g, '')
				.replace(/\n/g, '\r\n')
		);
		expect(verifyDetachedCades(bare, pdf, { trustAnchors: anchors }).ok).toBe(true);
	});

	it('follows an intermediate CA carried in the signature', () => {
		const intermediate = makeSignerCertificate(ca, {
			ca: true,
			subject: { CN: 'Промежуточный УЦ', O: 'Регламент (демо)', C: 'RU' }
		});
		const signer = makeSignerCertificate(intermediate);
		const withChain = signDetached(pdf, signer, { extraCerts: intermediate.cert });
		expect(verifyDetachedCades(withChain, pdf, { trustAnchors: anchors }).ok).toBe(true);
		const withoutChain = signDetached(pdf, signer);
		expect(refused(verifyDetachedCades(withoutChain, pdf, { trustAnchors: anchors })).reason).toBe(
			'untrusted'
		);
	});

	it('refuses a signature made over other bytes', () => {
		const other = new Uint8Array([...pdf, 0x0a]);
		const result = refused(
			verifyDetachedCades(signDetached(other, director), pdf, { trustAnchors: anchors })
		);
		expect(result.reason).toBe('other_bytes');
		expect(result.message).toMatch(/не для этого файла/);
	});

	it('refuses bytes that are not CMS, whatever they are', () => {
		const random = new Uint8Array(512).map((_, i) => (i * 7919 + 13) % 256);
		for (const junk of [
			random,
			new Uint8Array(),
			new TextEncoder().encode('-----BEGIN CMS-----\nне подпись\n-----END CMS-----'),
			new Uint8Array([0x30, 0x82, 0xff, 0xff, 0x01]),
			new TextEncoder().encode(director.cert)
		]) {
			const result = refused(verifyDetachedCades(junk, pdf, { trustAnchors: anchors }));
			expect(result.reason).toBe('not_cms');
			expect(result.message).toMatch(/[а-я]/);
		}
	});

	it('refuses a certificate from a CA the portal does not trust', () => {
		const stranger = makeCa({ subject: { CN: 'Демонстрационный УЦ «Регламент»', C: 'RU' } });
		const impostor = makeSignerCertificate(stranger);
		const result = refused(
			verifyDetachedCades(signDetached(pdf, impostor), pdf, { trustAnchors: anchors })
		);
		expect(result.reason).toBe('untrusted');
		expect(
			refused(verifyDetachedCades(signDetached(pdf, director), pdf, { trustAnchors: [] })).reason
		).toBe('untrusted');
	});

	it('refuses an expired certificate, at signing time and today', () => {
		const expired = makeSignerCertificate(ca, {
			startDate: '20200101000000Z',
			endDate: '20210101000000Z'
		});
		const result = refused(
			verifyDetachedCades(signDetached(pdf, expired), pdf, { trustAnchors: anchors })
		);
		expect(result.reason).toBe('expired');
		expect(result.message).toMatch(/по 01\.01\.2021/);
		// A valid certificate checked as if it were ten years from now.
		const later = new Date(Date.now() + 10 * 365 * 86400_000);
		expect(
			refused(
				verifyDetachedCades(signDetached(pdf, director), pdf, { trustAnchors: anchors, now: later })
			).reason
		).toBe('expired');
	});

	it('refuses a tampered signature value or tampered signed attributes', () => {
		const sig = signDetached(pdf, director);
		const flipped = Uint8Array.from(sig);
		flipped[flipped.length - 1]! ^= 0x01;
		expect(refused(verifyDetachedCades(flipped, pdf, { trustAnchors: anchors })).reason).toBe(
			'bad_signature'
		);
		// Move the signing time by changing one of its digits inside the signed attributes.
		const text = Buffer.from(sig).toString('latin1');
		const signingTimeOid = Buffer.from('06092a864886f70d010905', 'hex').toString('latin1');
		const at = text.indexOf(signingTimeOid) + signingTimeOid.length + 4;
		expect(text.slice(at, at + 12)).toMatch(/^\d{12}$/);
		const moved = Uint8Array.from(sig);
		moved[at + 11] = moved[at + 11] === 0x30 ? 0x31 : 0x30;
		const result = refused(verifyDetachedCades(moved, pdf, { trustAnchors: anchors }));
		expect(result.reason).toBe('bad_signature');
		expect(result.message).toMatch(/не сходится с сертификатом/);
	});

	it('refuses a signature whose enclosed certificate was altered (signing-certificate-v2)', () => {
		const sig = signDetached(pdf, director);
		const text = Buffer.from(sig).toString('latin1');
		// The certificate's notBefore is the first time in the file, before the signer info.
		const at = text.search(/\d{12}Z/);
		const altered = Uint8Array.from(sig);
		altered[at + 11] = altered[at + 11] === 0x30 ? 0x31 : 0x30;
		const result = refused(verifyDetachedCades(altered, pdf, { trustAnchors: anchors }));
		expect(result.reason).toBe('bad_signature');
		expect(result.message).toMatch(/другой сертификат/);
	});

	it('checks the digest against openssl and rejects RSA signatures as unsupported', () => {
		const hex = openssl(['dgst', '-md_gost12_512', '-r'], Buffer.from(pdf))
			.toString()
			.split(' ')[0];
		expect(Buffer.from(streebog(512, pdf)).toString('hex')).toBe(hex);
		const rsaKey = openssl([
			'genpkey',
			'-algorithm',
			'RSA',
			'-pkeyopt',
			'rsa_keygen_bits:2048'
		]).toString();
		const dir = mkdtempSync(join(tmpdir(), 'cades-rsa-'));
		writeFileSync(join(dir, 'k.pem'), rsaKey);
		writeFileSync(join(dir, 'doc.pdf'), pdf);
		const rsaCert = openssl([
			'req',
			'-new',
			'-x509',
			'-key',
			join(dir, 'k.pem'),
			'-subj',
			'/CN=RSA',
			'-days',
			'30'
		]).toString();
		writeFileSync(join(dir, 'c.pem'), rsaCert);
		const rsaSig = openssl([
			'cms',
			'-sign',
			'-binary',
			'-in',
			join(dir, 'doc.pdf'),
			'-signer',
			join(dir, 'c.pem'),
			'-inkey',
			join(dir, 'k.pem'),
			'-md',
			'sha256',
			'-outform',
			'DER'
		]);
		expect(refused(verifyDetachedCades(rsaSig, pdf, { trustAnchors: anchors })).reason).toBe(
			'unsupported_algorithm'
		);
	});

	it('loads roots from SIGNATURE_TRUST_DIR and the demo CA only when asked', () => {
		const dir = mkdtempSync(join(tmpdir(), 'cades-trust-'));
		writeFileSync(join(dir, 'roots.pem'), ca.cert + makeCa().cert);
		writeFileSync(join(dir, 'notes.txt'), 'не сертификат');
		writeFileSync(join(dir, 'broken.cer'), 'не сертификат');
		const demoDir = mkdtempSync(join(tmpdir(), 'cades-demo-'));
		const demoCa = makeCa();
		writeFileSync(join(demoDir, 'demo-ca.pem'), demoCa.cert);
		const demoPath = join(demoDir, 'demo-ca.pem');

		expect(loadTrustAnchors({ dir, demo: false })).toHaveLength(2);
		const withDemo = loadTrustAnchors({ dir, demo: true, demoPath });
		expect(withDemo.map((a) => a.demo)).toEqual([false, false, true]);
		expect(loadTrustAnchors({ dir: join(dir, 'нет такой'), demo: false })).toEqual([]);

		const demoSigner = makeSignerCertificate(demoCa);
		const result = verifyDetachedCades(signDetached(pdf, demoSigner), pdf, {
			trustAnchors: withDemo
		});
		expect(result.ok && result.trustAnchor.demo).toBe(true);
		expect(
			refused(
				verifyDetachedCades(signDetached(pdf, demoSigner), pdf, {
					trustAnchors: loadTrustAnchors({ dir, demo: false })
				})
			).reason
		).toBe('untrusted');
	});
});
