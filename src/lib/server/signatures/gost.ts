// GOST R 34.10-2012 signature verification and GOST R 34.11-2012 (Streebog) digests.
// The curve arithmetic is @noble/curves (audited); the verification equation is the one of
// GOST R 34.10-2012 § 6.2 / RFC 7091 § 6.2, written here because no maintained package
// that runs in Node offers it. Streebog comes from @wavesenterprise/crypto-gost-js.
import gostBundle from '@wavesenterprise/crypto-gost-js';
import { weierstrass, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { invert, mod } from '@noble/curves/abstract/modular.js';
import { bytesToNumberBE, bytesToNumberLE } from '@noble/curves/utils.js';

export type StreebogLength = 256 | 512;

const digesters = {
	256: gostBundle.GostEngine.getGostDigest({ name: 'GOST R 34.11', length: 256, version: 2012 }),
	512: gostBundle.GostEngine.getGostDigest({ name: 'GOST R 34.11', length: 512, version: 2012 })
};

export function streebog(length: StreebogLength, data: Uint8Array): Uint8Array {
	// The bundle reads a whole ArrayBuffer, so a view into a larger buffer is copied first.
	const own =
		data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
			? (data.buffer as ArrayBuffer)
			: data.slice().buffer;
	return new Uint8Array(digesters[length].digest(own));
}

/** Digest algorithm OIDs (RFC 7836) and the lengths they stand for. */
export const DIGEST_OIDS: Record<string, StreebogLength> = {
	'1.2.643.7.1.1.2.2': 256,
	'1.2.643.7.1.1.2.3': 512
};

/** Public key algorithm OIDs of GOST R 34.10-2012 (RFC 9215). */
export const PUBLIC_KEY_OIDS: Record<string, StreebogLength> = {
	'1.2.643.7.1.1.1.1': 256,
	'1.2.643.7.1.1.1.2': 512
};

/** Signature algorithm OIDs: «signwithdigest» ones and, as CryptoPro writes in SignerInfo, the key OIDs. */
export const SIGNATURE_OIDS: Record<string, StreebogLength> = {
	'1.2.643.7.1.1.3.2': 256,
	'1.2.643.7.1.1.3.3': 512,
	...PUBLIC_KEY_OIDS
};

type CurveParams = { p: string; a: string; b: string; q: string; x: string; y: string; h: bigint };

// Parameter sets of RFC 4357 § 11.4 (CryptoPro) and RFC 7836 Appendix A (TC 26), in hex.
const CRYPTOPRO_A: CurveParams = {
	p: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97',
	a: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD94',
	b: 'A6',
	q: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF6C611070995AD10045841B09B761B893',
	x: '1',
	y: '8D91E471E0989CDA27DF505A453F2B7635294F2DDF23E3B122ACC99C9E9F1E14',
	h: 1n
};
const CRYPTOPRO_B: CurveParams = {
	p: '8000000000000000000000000000000000000000000000000000000000000C99',
	a: '8000000000000000000000000000000000000000000000000000000000000C96',
	b: '3E1AF419A269A5F866A7D3C25C3DF80AE979259373FF2B182F49D4CE7E1BBC8B',
	q: '800000000000000000000000000000015F700CFFF1A624E5E497161BCC8A198F',
	x: '1',
	y: '3FA8124359F96680B83D1C3EB2C070E5C545C9858D03ECFB744BF8D717717EFC',
	h: 1n
};
const CRYPTOPRO_C: CurveParams = {
	p: '9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D759B',
	a: '9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D7598',
	b: '805A',
	q: '9B9F605F5A858107AB1EC85E6B41C8AA582CA3511EDDFB74F02F3A6598980BB9',
	x: '0',
	y: '41ECE55743711A8C3CBF3783CD08C0EE4D4DC440D4641A8F366E550DFDB3BB67',
	h: 1n
};
const TC26_256_A: CurveParams = {
	p: 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFD97',
	a: 'C2173F1513981673AF4892C23035A27CE25E2013BF95AA33B22C656F277E7335',
	b: '295F9BAE7428ED9CCC20E7C359A9D41A22FCCD9108E17BF7BA9337A6F8AE9513',
	q: '400000000000000000000000000000000FD8CDDFC87B6635C115AF556C360C67',
	x: '91E38443A5E82C0D880923425712B2BB658B9196932E02C78B2582FE742DAA28',
	y: '32879423AB1A0375895786C4BB46E9565FDE0B5344766740AF268ADB32322E5C',
	h: 4n
};
const P512 =
	'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF' +
	'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7';
const TC26_512_A: CurveParams = {
	p: P512,
	a:
		'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF' +
		'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4',
	b:
		'E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265' +
		'EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760',
	q:
		'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF' +
		'27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275',
	x: '3',
	y:
		'7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921' +
		'DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4',
	h: 1n
};
const TC26_512_B: CurveParams = {
	p:
		'8000000000000000000000000000000000000000000000000000000000000000' +
		'000000000000000000000000000000000000000000000000000000000000006F',
	a:
		'8000000000000000000000000000000000000000000000000000000000000000' +
		'000000000000000000000000000000000000000000000000000000000000006C',
	b:
		'687D1B459DC841457E3E06CF6F5E2517B97C7D614AF138BCBF85DC806C4B289F' +
		'3E965D2DB1416D217F8B276FAD1AB69C50F78BEE1FA3106EFB8CCBC7C5140116',
	q:
		'8000000000000000000000000000000000000000000000000000000000000001' +
		'49A1EC142565A545ACFDB77BD9D40CFA8B996712101BEA0EC6346C54374F25BD',
	x: '2',
	y:
		'1A8F7EDA389B094C2C071E3647A8940F3C123B697578C213BE6DD9E6C8EC7335' +
		'DCB228FD1EDF4A39152CBCAAF8C0398828041055F94CEEEC7E21340780FE41BD',
	h: 1n
};
const TC26_512_C: CurveParams = {
	p: P512,
	a:
		'DC9203E514A721875485A529D2C722FB187BC8980EB866644DE41C68E1430645' +
		'46E861C0E2C9EDD92ADE71F46FCF50FF2AD97F951FDA9F2A2EB6546F39689BD3',
	b:
		'B4C4EE28CEBC6C2C8AC12952CF37F16AC7EFB6A9F69F4B57FFDA2E4F0DE5ADE0' +
		'38CBC2FFF719D2C18DE0284B8BFEF3B52B8CC7A5F5BF0A3C8D2319A5312557E1',
	q:
		'3FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF' +
		'C98CDBA46506AB004C33A9FF5147502CC8EDA9E7A769A12694623CEF47F023ED',
	x:
		'E2E31EDFC23DE7BDEBE241CE593EF5DE2295B7A9CBAEF021D385F7074CEA043A' +
		'A27272A7AE602BF2A7B9033DB9ED3610C6FB85487EAE97AAC5BC7928C1950148',
	y:
		'F5CE40D95B5EB899ABBCCFF5911CB8577939804D6527378B8C108C3D2090FF9B' +
		'E18E2D33E3021ED2EF32D85822423B6304F726AA854BAE07D0396E9A9ADDC40F',
	h: 4n
};

/** Parameter set OIDs a key names, with the key length each belongs to. */
const PARAMSETS: Record<string, { bits: StreebogLength; params: CurveParams }> = {
	'1.2.643.2.2.35.1': { bits: 256, params: CRYPTOPRO_A },
	'1.2.643.2.2.35.2': { bits: 256, params: CRYPTOPRO_B },
	'1.2.643.2.2.35.3': { bits: 256, params: CRYPTOPRO_C },
	'1.2.643.2.2.36.0': { bits: 256, params: CRYPTOPRO_A },
	'1.2.643.2.2.36.1': { bits: 256, params: CRYPTOPRO_C },
	'1.2.643.7.1.2.1.1.1': { bits: 256, params: TC26_256_A },
	'1.2.643.7.1.2.1.1.2': { bits: 256, params: CRYPTOPRO_A },
	'1.2.643.7.1.2.1.1.3': { bits: 256, params: CRYPTOPRO_B },
	'1.2.643.7.1.2.1.1.4': { bits: 256, params: CRYPTOPRO_C },
	'1.2.643.7.1.2.1.2.1': { bits: 512, params: TC26_512_A },
	'1.2.643.7.1.2.1.2.2': { bits: 512, params: TC26_512_B },
	'1.2.643.7.1.2.1.2.3': { bits: 512, params: TC26_512_C }
};

const curves = new Map<CurveParams, WeierstrassPointCons<bigint>>();

function curveFor(params: CurveParams): WeierstrassPointCons<bigint> {
	let point = curves.get(params);
	if (!point) {
		const big = (hex: string) => BigInt('0x' + hex);
		point = weierstrass({
			p: big(params.p),
			n: big(params.q),
			h: params.h,
			a: big(params.a),
			b: big(params.b),
			Gx: big(params.x),
			Gy: big(params.y)
		});
		curves.set(params, point);
	}
	return point;
}

export type GostPublicKey = { bits: StreebogLength; paramSet: string; x: bigint; y: bigint };

/** Whether a parameter set OID is one this module knows, and for which key length. */
export function paramSetBits(oid: string): StreebogLength | undefined {
	return PARAMSETS[oid]?.bits;
}

/**
 * Verifies a GOST R 34.10-2012 signature given the digest of the signed bytes.
 * `signature` is s ‖ r big-endian, as CMS and X.509 carry it (RFC 4491 § 2.2.2);
 * the digest is read as a little-endian number (RFC 7091 § 6.2 with RFC 4491's byte order).
 */
export function verifyGost(key: GostPublicKey, digest: Uint8Array, signature: Uint8Array): boolean {
	const set = PARAMSETS[key.paramSet];
	if (!set || set.bits !== key.bits) return false;
	const size = key.bits / 8;
	if (signature.length !== 2 * size) return false;
	const Point = curveFor(set.params);
	const q = Point.Fn.ORDER;
	const s = bytesToNumberBE(signature.subarray(0, size));
	const r = bytesToNumberBE(signature.subarray(size));
	if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
	let Q;
	try {
		Q = Point.fromAffine({ x: key.x, y: key.y });
		Q.assertValidity();
	} catch {
		return false;
	}
	let e = mod(bytesToNumberLE(digest), q);
	if (e === 0n) e = 1n;
	const v = invert(e, q);
	const z1 = mod(s * v, q);
	const z2 = mod(-r * v, q);
	const C = Point.BASE.multiplyUnsafe(z1).add(Q.multiplyUnsafe(z2));
	if (C.is0()) return false;
	return mod(C.toAffine().x, q) === r;
}
