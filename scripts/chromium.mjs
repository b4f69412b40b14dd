import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable'
];

/** The Chromium the browser tests drive: CHROMIUM_PATH, or a system install. */
export function findChromium() {
	if (process.env.CHROMIUM_PATH)
		return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
	return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Finds Chromium, installing Debian's package when running as root on Debian; otherwise explains. */
export function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot && existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version')) {
		console.log('Chromium не найден: устанавливаю пакет chromium из репозитория Debian…');
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
		execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
		const installed = findChromium();
		if (installed) return installed;
	}
	console.error(
		'Для браузерных тестов нужен Chromium. Установите его (Debian/Ubuntu: sudo apt-get install chromium) ' +
			'или укажите путь в переменной CHROMIUM_PATH.'
	);
	process.exit(1);
}

/**
 * The GOST engine for openssl, with which the signature tests make their keys, CA and signatures:
 * installed from Debian's packages when the tests run as root and it is missing; otherwise those
 * tests skip with a message.
 */
export function ensureGostEngine() {
	const engine = [
		'/usr/lib/x86_64-linux-gnu/engines-3/gost.so',
		'/usr/lib/aarch64-linux-gnu/engines-3/gost.so'
	];
	if (engine.some((path) => existsSync(path))) return;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) return;
	console.log('GOST-движок openssl не найден: устанавливаю libengine-gost-openssl…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		execFileSync('apt-get', ['install', '-y', '-qq', 'libengine-gost-openssl'], {
			stdio: 'inherit',
			env
		});
	} catch {
		console.log(
			'Не удалось установить libengine-gost-openssl: тесты подписей ГОСТ будут пропущены.'
		);
	}
}

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--headless',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
