// GOST R 34.10-2012 keys, certificates and CAdES signatures made with openssl and Debian's
// libengine-gost-openssl. Run as a script it writes the demo CA and the demo director's
// certificate to demo-signature/ (or the folder given as the first argument):
//   node scripts/gost-demo-ca.mjs [folder]
// The tests import the same functions to make their keys at test time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE_CONFIG = `openssl_conf = conf_sect
oid_section = russian_oids
[russian_oids]
INNLE = 1.2.643.100.4
[conf_sect]
engines = engine_sect
[engine_sect]
gost = gost_sect
[gost_sect]
engine_id = gost
default_algorithms = ALL
[req]
distinguished_name = dn
[dn]
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_signer]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ca]
default_ca = demo_ca
[demo_ca]
database = index.txt
new_certs_dir = .
serial = serial.txt
policy = any
unique_subject = no
copy_extensions = copy
[any]
commonName = supplied
`;

/** @type {string | null} */
let workDir = null;

/** A scratch folder with the engine configuration, shared by every call in this process. */
function work() {
	if (!workDir) {
		workDir = mkdtempSync(join(tmpdir(), 'gost-pki-'));
		writeFileSync(join(workDir, 'openssl.cnf'), ENGINE_CONFIG);
	}
	return workDir;
}

/**
 * Runs openssl with the GOST engine loaded; throws with its message on failure.
 * @param {string[]} args
 * @param {string | Uint8Array} [input] standard input
 * @returns {Buffer}
 */
export function openssl(args, input) {
	const dir = work();
	const result = spawnSync('openssl', args, {
		cwd: dir,
		input,
		env: { ...process.env, OPENSSL_CONF: join(dir, 'openssl.cnf') },
		maxBuffer: 64 * 1024 * 1024
	});
	if (result.error) throw result.error;
	if (result.status !== 0)
		throw new Error(`openssl ${args.join(' ')}: ${result.stderr.toString().trim()}`);
	return result.stdout;
}

/** Why GOST keys cannot be made here, or null when they can. */
export function gostUnavailable() {
	try {
		openssl(['genpkey', '-algorithm', 'gost2012_256', '-pkeyopt', 'paramset:A']);
		return null;
	} catch (error) {
		return `openssl с GOST-движком недоступен (apt-get install libengine-gost-openssl): ${error instanceof Error ? error.message : error}`;
	}
}

let counter = 0;
/** A fresh serial number as an even-length hex string. */
const serialHex = () => {
	const hex = (Date.now() * 1000 + ++counter).toString(16);
	return hex.length % 2 ? '0' + hex : hex;
};
/** A scratch file, written when `content` is given. @type {(name: string, content?: string | Uint8Array) => string} */
const file = (name, content) => {
	const path = join(work(), `${++counter}-${name}`);
	if (content !== undefined) writeFileSync(path, content);
	return path;
};

/**
 * A GOST key: bits 256 (paramset A = CryptoPro-A, TCA = TC26 twisted Edwards) or 512 (A, B, C).
 * @param {256 | 512} bits
 * @param {string} [paramset]
 * @returns {string} PEM private key
 */
export function makeKey(bits, paramset = 'A') {
	return openssl([
		'genpkey',
		'-algorithm',
		`gost2012_${bits}`,
		'-pkeyopt',
		`paramset:${paramset}`
	]).toString();
}

/** Subject of a director's qualified certificate with the Russian attributes (приказ ФСБ № 795). */
export const DIRECTOR_SUBJECT = {
	CN: 'Иванова Мария Петровна',
	SN: 'Иванова',
	GN: 'Мария Петровна',
	title: 'Директор',
	O: 'МБОУ «Средняя общеобразовательная школа № 1»',
	C: 'RU',
	L: 'Демоград',
	INN: '771234567859',
	INNLE: '7701234560',
	OGRN: '1027700000008',
	SNILS: '11223344595'
};

/** The demo school's director (src/lib/server/demo/demo-data.ts), for the certificate the demo ships. */
export const DEMO_DIRECTOR_SUBJECT = {
	CN: 'Ковальчук Елена Викторовна',
	SN: 'Ковальчук',
	GN: 'Елена Викторовна',
	title: 'Директор',
	O: 'МБОУ «Новофедоровская школа-лицей»',
	C: 'RU',
	ST: 'Республика Крым',
	L: 'пгт Новофедоровка',
	INN: '771234567859',
	INNLE: '7701234560',
	OGRN: '1027700000008',
	SNILS: '11223344595'
};

/** @type {(subject: Record<string, string>) => string} */
const subjectArg = (subject) =>
	'/' +
	Object.entries(subject)
		.map(([k, v]) => `${k}=${String(v).replace(/[/=]/g, (c) => '\\' + c)}`)
		.join('/');

/**
 * A self-signed root CA.
 * @param {{ key?: string, bits?: 256 | 512, subject?: Record<string, string>, days?: number }} [options]
 * @returns {{ key: string, cert: string, bits: 256 | 512 }}
 */
export function makeCa(options = {}) {
	const bits = options.bits ?? 256;
	const key = options.key ?? makeKey(bits);
	const subject = options.subject ?? {
		CN: 'Демонстрационный УЦ «Регламент»',
		O: 'Регламент (демо)',
		C: 'RU'
	};
	const cert = openssl([
		'req',
		'-new',
		'-x509',
		'-utf8',
		'-key',
		file('ca.key', key),
		`-md_gost12_${bits}`,
		'-days',
		String(options.days ?? 3650),
		'-subj',
		subjectArg(subject),
		'-extensions',
		'v3_ca'
	]).toString();
	return { key, cert, bits };
}

/**
 * A signer's certificate issued by `ca`. With `startDate`/`endDate` (YYYYMMDDHHMMSSZ) it is made
 * through `openssl ca`, which accepts dates in the past.
 * @param {{ key: string, cert: string, bits?: 256 | 512 }} ca
 * @param {{ bits?: 256 | 512, paramset?: string, subject?: Record<string, string>, days?: number,
 *   startDate?: string, endDate?: string, ca?: boolean }} [options] `ca`: an intermediate CA's certificate
 * @returns {{ key: string, cert: string, bits: 256 | 512 }}
 */
export function makeSignerCertificate(ca, options = {}) {
	const bits = options.bits ?? 256;
	const key = makeKey(bits, options.paramset);
	const caBits = ca.bits ?? 256;
	const csr = openssl([
		'req',
		'-new',
		'-utf8',
		'-key',
		file('signer.key', key),
		`-md_gost12_${bits}`,
		'-subj',
		subjectArg(options.subject ?? DIRECTOR_SUBJECT)
	]);
	const csrPath = file('signer.csr', csr);
	const caKey = file('ca.key', ca.key);
	const caCert = file('ca.pem', ca.cert);
	const config = join(work(), 'openssl.cnf');
	if (options.startDate || options.endDate) {
		writeFileSync(join(work(), 'index.txt'), '');
		writeFileSync(join(work(), 'serial.txt'), `${serialHex()}\n`);
		const out = file('signer.pem');
		openssl([
			'ca',
			'-batch',
			'-utf8',
			'-config',
			config,
			'-in',
			csrPath,
			'-keyfile',
			caKey,
			'-cert',
			caCert,
			'-md',
			`md_gost12_${caBits}`,
			'-extensions',
			options.ca ? 'v3_ca' : 'v3_signer',
			'-startdate',
			options.startDate ?? '20200101000000Z',
			'-enddate',
			options.endDate ?? '20210101000000Z',
			'-notext',
			'-preserveDN',
			'-out',
			out
		]);
		return { key, cert: readFileSync(out, 'utf8'), bits };
	}
	const cert = openssl([
		'x509',
		'-req',
		'-in',
		csrPath,
		'-CA',
		caCert,
		'-CAkey',
		caKey,
		'-set_serial',
		'0x' + serialHex(),
		`-md_gost12_${caBits}`,
		'-days',
		String(options.days ?? 365),
		'-extfile',
		config,
		'-extensions',
		options.ca ? 'v3_ca' : 'v3_signer'
	]).toString();
	return { key, cert, bits };
}

/**
 * A detached CAdES-BES signature (DER) over `content`, as `openssl cms -sign -cades` makes it:
 * contentType, signingTime, messageDigest and signingCertificateV2 signed attributes.
 * @param {Uint8Array} content
 * @param {{ key: string, cert: string }} signer
 * @param {{ bits?: 256 | 512, pem?: boolean, extraCerts?: string }} [options] `extraCerts`: PEM
 *   certificates to include, such as an intermediate CA's
 * @returns {Buffer}
 */
export function signDetached(content, signer, options = {}) {
	const extra = options.extraCerts ? ['-certfile', file('extra.pem', options.extraCerts)] : [];
	return openssl([
		'cms',
		'-sign',
		...extra,
		'-binary',
		'-cades',
		'-in',
		file('content.bin', content),
		'-signer',
		file('signer.pem', signer.cert),
		'-inkey',
		file('signer.key', signer.key),
		'-md',
		`md_gost12_${options.bits ?? 256}`,
		'-outform',
		options.pem ? 'PEM' : 'DER'
	]);
}

function main() {
	const problem = gostUnavailable();
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
	const out = resolve(process.argv[2] ?? 'demo-signature');
	mkdirSync(out, { recursive: true });
	const ca = makeCa();
	const director = makeSignerCertificate(ca, { days: 3650, subject: DEMO_DIRECTOR_SUBJECT });
	writeFileSync(join(out, 'demo-ca.pem'), ca.cert);
	writeFileSync(join(out, 'demo-ca.key'), ca.key);
	writeFileSync(join(out, 'director.pem'), director.cert);
	writeFileSync(join(out, 'director.key'), director.key);
	console.log(`Демонстрационный УЦ и сертификат директора записаны в ${out}.`);
	console.log(
		'Ключи опубликованы вместе с кодом: подписи этого УЦ не имеют юридической силы. ' +
			'Портал доверяет ему только при SIGNATURE_TRUST_DEMO=1.'
	);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
