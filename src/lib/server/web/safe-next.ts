const BASE = 'http://reglament.invalid';
// eslint-disable-next-line no-control-regex -- the control characters are exactly what is refused
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;

/**
 * Where to go after signing in: only a path of this site. The value is parsed as a URL against a
 * placeholder origin, so what browsers read as another host («//evil», «/\evil», «/%09/evil»,
 * control characters) is refused rather than pattern-matched.
 */
export function safeNext(value: string | null | undefined): string {
	const fallback = '/app';
	if (!value || !value.startsWith('/') || CONTROL_OR_BACKSLASH.test(value)) return fallback;
	let decoded: string;
	try {
		decoded = decodeURIComponent(value);
	} catch {
		return fallback;
	}
	// A path that decodes to control characters or a second slash is one a browser may turn into a host.
	if (CONTROL_OR_BACKSLASH.test(decoded) || /^\/[\s/]/.test(decoded)) return fallback;
	const url = new URL(value, BASE);
	if (url.origin !== BASE) return fallback;
	return `${url.pathname}${url.search}${url.hash}`;
}
