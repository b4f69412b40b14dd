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
