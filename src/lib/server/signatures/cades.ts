// Verification of a detached CAdES-BES / CMS SignedData signature (RFC 5652, ETSI EN 319 122-1)
// made with GOST R 34.10-2012 over exactly the given bytes, and of its certificate chain up to
// a configured root. Pure: no database, no network; revocation (CRL, OCSP) is not checked.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as asn1js from 'asn1js';
import {
	BasicConstraints,
	Certificate,
	ContentInfo,
	IssuerAndSerialNumber,
	RelativeDistinguishedNames,
	SignedData,
	type SignerInfo
} from 'pkijs';
import { CADES_FAILURE_MESSAGES, type CadesFailure } from '$lib/signatures/cades-labels';
import {
	DIGEST_OIDS,
	PUBLIC_KEY_OIDS,
	SIGNATURE_OIDS,
	paramSetBits,
	streebog,
	verifyGost,
	type GostPublicKey,
	type StreebogLength
} from './gost';

export type { CadesFailure };

/** Subject fields of a qualified certificate (приказ ФСБ России от 27.12.2011 № 795). */
export type CertificateSubject = {
	commonName: string | null;
	surname: string | null;
	givenNames: string | null;
	title: string | null;
	organization: string | null;
	inn: string | null;
	innLe: string | null;
	ogrn: string | null;
	snils: string | null;
	/** The whole name as one line, «CN=…, O=…», for the record. */
	text: string;
};

export type CertificateSummary = {
	/** Serial number in upper-case hex, as CryptoPro shows it. */
	serial: string;
	subject: CertificateSubject;
	issuer: CertificateSubject;
	notBefore: Date;
	notAfter: Date;
	/** Streebog-256 of the certificate's DER, hex: the certificate's identity for the record. */
	fingerprint: string;
};

export type CadesVerified = {
	ok: true;
	signer: CertificateSubject;
	certificate: CertificateSummary;
	/** The signingTime attribute the signer's tool wrote; null when absent. */
	signedAt: Date | null;
	keyBits: StreebogLength;
	/** The root the chain ends in, and whether it is the demo CA (no legal force). */
	trustAnchor: { name: string; demo: boolean };
};

export type CadesRefused = { ok: false; reason: CadesFailure; message: string };

export type CadesVerification = CadesVerified | CadesRefused;

export type TrustAnchor = { certificate: Certificate; der: Uint8Array; demo: boolean };

const OID = {
	signedData: '1.2.840.113549.1.7.2',
	messageDigest: '1.2.840.113549.1.9.4',
	signingTime: '1.2.840.113549.1.9.5',
	signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
	basicConstraints: '2.5.29.19',
	keyUsage: '2.5.29.15',
	subjectKeyIdentifier: '2.5.29.14',
	sha256: '2.16.840.1.101.3.4.2.1'
};

const SUBJECT_OIDS: Record<string, keyof Omit<CertificateSubject, 'text'>> = {
	'2.5.4.3': 'commonName',
	'2.5.4.4': 'surname',
	'2.5.4.42': 'givenNames',
	'2.5.4.12': 'title',
	'2.5.4.10': 'organization',
	'1.2.643.3.131.1.1': 'inn',
	'1.2.643.100.4': 'innLe',
	'1.2.643.100.1': 'ogrn',
	'1.2.643.100.3': 'snils'
};

const SHORT_NAMES: Record<string, string> = {
	'2.5.4.3': 'CN',
	'2.5.4.4': 'SN',
	'2.5.4.42': 'G',
	'2.5.4.12': 'T',
	'2.5.4.10': 'O',
	'2.5.4.11': 'OU',
	'2.5.4.6': 'C',
	'2.5.4.7': 'L',
	'2.5.4.8': 'S',
	'2.5.4.9': 'STREET',
	'1.2.840.113549.1.9.1': 'E',
	'1.2.643.3.131.1.1': 'ИНН',
	'1.2.643.100.4': 'ИНН ЮЛ',
	'1.2.643.100.1': 'ОГРН',
	'1.2.643.100.5': 'ОГРНИП',
	'1.2.643.100.3': 'СНИЛС'
};

const MAX_CHAIN = 6;

class Refusal extends Error {
	constructor(
		readonly reason: CadesFailure,
		message?: string
	) {
		super(message ?? CADES_FAILURE_MESSAGES[reason]);
	}
}

/**
 * Checks a detached signature over `content`. Never throws: every failure is a refusal with a
 * reason and a Russian sentence for the person who uploaded the file.
 */
export function verifyDetachedCades(
	signatureFile: Uint8Array,
	content: Uint8Array,
	options: { trustAnchors: readonly TrustAnchor[]; now?: Date }
): CadesVerification {
	try {
		return verify(signatureFile, content, options.trustAnchors, options.now ?? new Date());
	} catch (error) {
		if (error instanceof Refusal)
			return { ok: false, reason: error.reason, message: error.message };
		// A structure pkijs could parse but that holds something unexpected is still not our CMS.
		return { ok: false, reason: 'not_cms', message: CADES_FAILURE_MESSAGES.not_cms };
	}
}

function verify(
	signatureFile: Uint8Array,
	content: Uint8Array,
	anchors: readonly TrustAnchor[],
	now: Date
): CadesVerified {
	const signedData = parseSignedData(signatureFile);
	const [signerInfo, ...others] = signedData.signerInfos;
	if (!signerInfo) throw new Refusal('not_cms', 'В файле подписи нет ни одной подписи.');
	const certificates = (signedData.certificates ?? []).filter(
		(item): item is Certificate => item instanceof Certificate
	);
	let result: CadesVerified | undefined;
	// A co-signed file is accepted only when every signature in it holds.
	for (const info of [signerInfo, ...others]) {
		const checked = verifySigner(info, certificates, content, anchors, now);
		result ??= checked;
	}
	return result as CadesVerified;
}

function verifySigner(
	info: SignerInfo,
	certificates: Certificate[],
	content: Uint8Array,
	anchors: readonly TrustAnchor[],
	now: Date
): CadesVerified {
	const digestBits = DIGEST_OIDS[info.digestAlgorithm.algorithmId];
	const signatureBits = SIGNATURE_OIDS[info.signatureAlgorithm.algorithmId];
	if (!digestBits || !signatureBits || digestBits !== signatureBits)
		throw new Refusal('unsupported_algorithm');

	const signer = findSignerCertificate(info, certificates);
	const key = publicKeyOf(signer);
	if (key.bits !== digestBits) throw new Refusal('unsupported_algorithm');

	const contentDigest = streebog(digestBits, content);
	const signed = info.signedAttrs;
	let signedBytes: Uint8Array;
	let signedAt: Date | null = null;
	if (signed) {
		const messageDigest = attributeValue(signed.attributes, OID.messageDigest);
		if (!(messageDigest instanceof asn1js.OctetString))
			throw new Refusal('not_cms', 'В подписи нет атрибута messageDigest.');
		if (!equalBytes(messageDigest.valueBlock.valueHexView, contentDigest))
			throw new Refusal('other_bytes');
		const time = attributeValue(signed.attributes, OID.signingTime);
		if (time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime)
			signedAt = time.toDate();
		checkSigningCertificate(signed.attributes, signer);
		signedBytes = new Uint8Array(signed.encodedValue);
	} else {
		// Plain CMS without attributes: the signature is over the content itself (RFC 5652 § 5.4).
		signedBytes = content;
	}
	const signedDigest = signed ? streebog(digestBits, signedBytes) : contentDigest;
	if (!verifyGost(key, signedDigest, info.signature.valueBlock.valueHexView))
		throw new Refusal('bad_signature');

	if (!allowsSigning(signer))
		throw new Refusal('untrusted', 'Сертификат не предназначен для электронной подписи.');
	const chain = buildChain(signer, certificates, anchors);
	for (const moment of signedAt ? [signedAt, now] : [now]) {
		for (const link of chain.certificates) {
			if (moment < link.notBefore.value || moment > link.notAfter.value)
				throw new Refusal('expired', expiryMessage(link, moment, moment === now));
		}
	}

	return {
		ok: true,
		signer: nameFields(signer.subject),
		certificate: summarize(signer),
		signedAt,
		keyBits: key.bits,
		trustAnchor: {
			name: nameFields(chain.anchor.certificate.subject).commonName ?? 'без имени',
			demo: chain.anchor.demo
		}
	};
}

/** DER, PEM («-----BEGIN CMS-----», «PKCS7», «SIGNED MESSAGE») or bare Base64, as Russian tools save it. */
function decodeSignatureFile(file: Uint8Array): Uint8Array {
	if (file[0] === 0x30) return file;
	const text = new TextDecoder('latin1').decode(file);
	const body = text.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
	if (body.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new Refusal('not_cms');
	const der = new Uint8Array(Buffer.from(body, 'base64'));
	if (der[0] !== 0x30) throw new Refusal('not_cms');
	return der;
}

function parseSignedData(file: Uint8Array): SignedData {
	const der = decodeSignatureFile(file);
	const parsed = asn1js.fromBER(der);
	if (parsed.offset === -1) throw new Refusal('not_cms');
	let info: ContentInfo;
	try {
		info = new ContentInfo({ schema: parsed.result });
	} catch {
		throw new Refusal('not_cms');
	}
	if (info.contentType !== OID.signedData) throw new Refusal('not_cms');
	try {
		return new SignedData({ schema: info.content });
	} catch {
		throw new Refusal('not_cms');
	}
}

function findSignerCertificate(info: SignerInfo, certificates: Certificate[]): Certificate {
	const sid = info.sid as unknown;
	let found: Certificate | undefined;
	if (sid instanceof IssuerAndSerialNumber) {
		found = certificates.find(
			(cert) => cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber)
		);
	} else if (sid instanceof asn1js.BaseBlock) {
		const keyId = subjectKeyIdOfSid(sid);
		found = certificates.find((cert) => {
			const ski = extensionValue(cert, OID.subjectKeyIdentifier);
			return ski instanceof asn1js.OctetString && equalBytes(ski.valueBlock.valueHexView, keyId);
		});
	}
	if (!found)
		throw new Refusal(
			'untrusted',
			'В файле подписи нет сертификата подписанта: сохраните подпись вместе с сертификатом.'
		);
	return found;
}

function subjectKeyIdOfSid(sid: asn1js.BaseBlock): Uint8Array {
	// [0] IMPLICIT SubjectKeyIdentifier, primitive or (in BER) constructed around an OCTET STRING.
	const block = sid as unknown as {
		idBlock: { isConstructed: boolean };
		valueBlock: {
			value?: { valueBlock: { valueHexView: Uint8Array } }[];
			valueHexView?: Uint8Array;
		};
	};
	if (block.idBlock.isConstructed)
		return block.valueBlock.value?.[0]?.valueBlock.valueHexView ?? new Uint8Array();
	return block.valueBlock.valueHexView ?? new Uint8Array();
}

function publicKeyOf(cert: Certificate): GostPublicKey {
	const spki = cert.subjectPublicKeyInfo;
	const bits = PUBLIC_KEY_OIDS[spki.algorithm.algorithmId];
	if (!bits) throw new Refusal('unsupported_algorithm');
	const params = spki.algorithm.algorithmParams as unknown;
	const first = params instanceof asn1js.Sequence ? params.valueBlock.value[0] : undefined;
	const paramSet = first instanceof asn1js.ObjectIdentifier ? first.getValue() : '';
	if (paramSetBits(paramSet) !== bits) throw new Refusal('unsupported_algorithm');
	const inner = asn1js.fromBER(spki.subjectPublicKey.valueBlock.valueHexView);
	if (!(inner.result instanceof asn1js.OctetString)) throw new Refusal('unsupported_algorithm');
	const raw = inner.result.valueBlock.valueHexView;
	const size = bits / 8;
	if (raw.length !== 2 * size) throw new Refusal('unsupported_algorithm');
	// The key is x ‖ y, each little-endian (RFC 4491 § 2.3.2).
	return {
		bits,
		paramSet,
		x: littleEndian(raw.subarray(0, size)),
		y: littleEndian(raw.subarray(size))
	};
}

function littleEndian(bytes: Uint8Array): bigint {
	let value = 0n;
	for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] as number);
	return value;
}

/** Whether `issuer`'s key made `cert`'s signature. */
function issuedBy(cert: Certificate, issuer: Certificate): boolean {
	if (!cert.issuer.isEqual(issuer.subject)) return false;
	const bits = SIGNATURE_OIDS[cert.signatureAlgorithm.algorithmId];
	if (!bits) return false;
	let key: GostPublicKey;
	try {
		key = publicKeyOf(issuer);
	} catch {
		return false;
	}
	if (key.bits !== bits) return false;
	return verifyGost(key, streebog(bits, cert.tbsView), cert.signatureValue.valueBlock.valueHexView);
}

function buildChain(
	signer: Certificate,
	certificates: Certificate[],
	anchors: readonly TrustAnchor[]
): { certificates: Certificate[]; anchor: TrustAnchor } {
	const chain: Certificate[] = [signer];
	let current = signer;
	for (let depth = 0; depth < MAX_CHAIN; depth++) {
		const currentDer = derOf(current);
		const anchor =
			anchors.find((a) => equalBytes(a.der, currentDer)) ??
			anchors.find(
				(a) => isCertificateAuthority(a.certificate) && issuedBy(current, a.certificate)
			);
		if (anchor) {
			if (!equalBytes(anchor.der, currentDer)) chain.push(anchor.certificate);
			return { certificates: chain, anchor };
		}
		const next = certificates.find(
			(candidate) =>
				candidate !== current &&
				!chain.includes(candidate) &&
				isCertificateAuthority(candidate) &&
				issuedBy(current, candidate)
		);
		if (!next) break;
		chain.push(next);
		current = next;
	}
	throw new Refusal('untrusted');
}

function isCertificateAuthority(cert: Certificate): boolean {
	const constraints = cert.extensions?.find((e) => e.extnID === OID.basicConstraints)?.parsedValue;
	if (!(constraints instanceof BasicConstraints) || !constraints.cA) return false;
	const usage = keyUsageBits(cert);
	return usage === null || usage.keyCertSign;
}

function allowsSigning(cert: Certificate): boolean {
	const usage = keyUsageBits(cert);
	return usage === null || usage.digitalSignature || usage.nonRepudiation;
}

function keyUsageBits(
	cert: Certificate
): { digitalSignature: boolean; nonRepudiation: boolean; keyCertSign: boolean } | null {
	const usage = extensionValue(cert, OID.keyUsage);
	if (!(usage instanceof asn1js.BitString)) return null;
	const first = usage.valueBlock.valueHexView[0] ?? 0;
	return {
		digitalSignature: (first & 0x80) !== 0,
		nonRepudiation: (first & 0x40) !== 0,
		keyCertSign: (first & 0x04) !== 0
	};
}

function extensionValue(cert: Certificate, oid: string): asn1js.AsnType | null {
	const extension = cert.extensions?.find((e) => e.extnID === oid);
	if (!extension) return null;
	const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
	return parsed.offset === -1 ? null : parsed.result;
}

/**
 * The ESS signing-certificate-v2 attribute of CAdES-BES binds the signature to one certificate;
 * when present its hash must be that of the signer's certificate.
 */
function checkSigningCertificate(
	attributes: { type: string; values: unknown[] }[],
	signer: Certificate
) {
	const value = attributeValue(attributes, OID.signingCertificateV2);
	if (!(value instanceof asn1js.Sequence)) return;
	const certs = value.valueBlock.value[0];
	const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
	if (!(first instanceof asn1js.Sequence)) return;
	// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING, … }
	const [head, next] = first.valueBlock.value;
	const algorithm = head instanceof asn1js.Sequence ? head.valueBlock.value[0] : undefined;
	const hash = head instanceof asn1js.Sequence ? next : head;
	const hashOid = algorithm instanceof asn1js.ObjectIdentifier ? algorithm.getValue() : OID.sha256;
	if (!(hash instanceof asn1js.OctetString)) return;
	const der = derOf(signer);
	const bits = DIGEST_OIDS[hashOid];
	const expected = bits
		? streebog(bits, der)
		: hashOid === OID.sha256
			? new Uint8Array(createHash('sha256').update(der).digest())
			: null;
	if (expected && !equalBytes(expected, hash.valueBlock.valueHexView))
		throw new Refusal(
			'bad_signature',
			'Подпись ссылается на другой сертификат, чем приложенный к ней.'
		);
}

function attributeValue(attributes: { type: string; values: unknown[] }[], oid: string): unknown {
	return attributes.find((a) => a.type === oid)?.values[0];
}

function derOf(cert: Certificate): Uint8Array {
	return new Uint8Array(cert.toSchema().toBER(false));
}

function stringOf(value: unknown): string | null {
	const block = (value as { valueBlock?: { value?: unknown } } | null)?.valueBlock;
	return typeof block?.value === 'string' ? block.value.trim() : null;
}

function nameFields(name: RelativeDistinguishedNames): CertificateSubject {
	const fields: CertificateSubject = {
		commonName: null,
		surname: null,
		givenNames: null,
		title: null,
		organization: null,
		inn: null,
		innLe: null,
		ogrn: null,
		snils: null,
		text: ''
	};
	const parts: string[] = [];
	for (const item of name.typesAndValues) {
		const value = stringOf(item.value);
		if (value === null) continue;
		const key = SUBJECT_OIDS[item.type];
		if (key && fields[key] === null) fields[key] = value;
		parts.push(`${SHORT_NAMES[item.type] ?? item.type}=${value}`);
	}
	fields.text = parts.join(', ');
	return fields;
}

function summarize(cert: Certificate): CertificateSummary {
	return {
		serial: Buffer.from(cert.serialNumber.valueBlock.valueHexView)
			.toString('hex')
			.replace(/^(00)+(?=.)/, '')
			.toUpperCase(),
		subject: nameFields(cert.subject),
		issuer: nameFields(cert.issuer),
		notBefore: cert.notBefore.value,
		notAfter: cert.notAfter.value,
		fingerprint: Buffer.from(streebog(256, derOf(cert))).toString('hex')
	};
}

function expiryMessage(cert: Certificate, moment: Date, isNow: boolean): string {
	const who = nameFields(cert.subject).commonName ?? 'без имени';
	const day = (d: Date) => d.toLocaleDateString('ru-RU', { timeZone: 'Europe/Moscow' });
	const when = isNow ? 'на сегодня' : `на дату подписания ${day(moment)}`;
	return `Сертификат «${who}» недействителен ${when}: срок его действия с ${day(cert.notBefore.value)} по ${day(cert.notAfter.value)}.`;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Parses one certificate from PEM or DER; null when the bytes are not one. */
export function parseCertificate(bytes: Uint8Array): Certificate | null {
	try {
		const text = new TextDecoder('latin1').decode(bytes);
		const pem = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
		const der = pem ? new Uint8Array(Buffer.from(pem[1] ?? '', 'base64')) : bytes;
		const parsed = asn1js.fromBER(der);
		if (parsed.offset === -1) return null;
		return new Certificate({ schema: parsed.result });
	} catch {
		return null;
	}
}

/** Every certificate in a PEM bundle (or the one DER certificate the bytes are). */
function certificatesIn(bytes: Uint8Array): Certificate[] {
	const text = new TextDecoder('latin1').decode(bytes);
	const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
	const parsed = blocks
		? blocks.map((block) => parseCertificate(new TextEncoder().encode(block)))
		: [parseCertificate(bytes)];
	return parsed.filter((cert): cert is Certificate => cert !== null);
}

export function trustAnchor(certificate: Certificate, demo = false): TrustAnchor {
	return { certificate, der: derOf(certificate), demo };
}

/** The demo CA certificate the demo ships (its key is in the repository: no legal force). */
export const demoCaPath = () =>
	join(process.env.SIGNATURE_DEMO_DIR ?? resolve('demo-signature'), 'demo-ca.pem');

/**
 * Roots from `SIGNATURE_TRUST_DIR` (every .pem, .crt, .cer in it; PEM bundles allowed), plus the
 * demo CA when `demo` is set (the demo server sets SIGNATURE_TRUST_DEMO=1). Unreadable files are skipped.
 */
export function loadTrustAnchors(
	options: { dir?: string | undefined; demo?: boolean; demoPath?: string } = {}
): TrustAnchor[] {
	const dir = options.dir ?? process.env.SIGNATURE_TRUST_DIR;
	const demo = options.demo ?? process.env.SIGNATURE_TRUST_DEMO === '1';
	const anchors: TrustAnchor[] = [];
	if (dir) {
		let names: string[];
		try {
			names = readdirSync(dir)
				.filter((n) => /\.(pem|crt|cer)$/i.test(n))
				.sort();
		} catch {
			names = [];
		}
		for (const name of names) {
			try {
				for (const cert of certificatesIn(readFileSync(join(dir, name))))
					anchors.push(trustAnchor(cert));
			} catch {
				continue;
			}
		}
	}
	if (demo) {
		try {
			for (const cert of certificatesIn(readFileSync(options.demoPath ?? demoCaPath())))
				anchors.push(trustAnchor(cert, true));
		} catch {
			// The demo CA is missing until scripts/gost-demo-ca.mjs has made it.
		}
	}
	return anchors;
}
