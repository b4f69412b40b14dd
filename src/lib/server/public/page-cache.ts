import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip' | 'identity';

/** One public page as it is sent: the same bytes for everyone until a change drops it. */
export interface CachedPage {
	headers: [string, string][];
	bodies: Record<Encoding, Buffer>;
	/** A strong validator of the content; each encoding gets its own suffix. */
	etag: string;
	lastModified: string;
	tags: string[];
	expiresAt: number;
	size: number;
}

// Smaller than this, compression costs more than it saves on the wire.
const COMPRESS_FROM = 512;
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript))/;

/**
 * Every Russian time zone is a whole number of hours from UTC: a page cached until the next full
 * UTC hour never shows a «days left» or a discussion window past the local midnight that ends it.
 */
export const nextFullHour = (now: number) => Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000;

export async function preparePage(
	body: Buffer,
	headers: [string, string][],
	tags: string[],
	now = Date.now()
): Promise<CachedPage> {
	const type = headers.find(([k]) => k === 'content-type')?.[1] ?? '';
	const compress = COMPRESSIBLE.test(type) && body.byteLength >= COMPRESS_FROM;
	const [br, gz] = compress
		? await Promise.all([
				brotli(body, {
					params: {
						[constants.BROTLI_PARAM_QUALITY]: 11,
						[constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
					}
				}),
				gzipAsync(body, { level: 9 })
			])
		: [body, body];
	const lastModified =
		headers.find(([k]) => k === 'last-modified')?.[1] ??
		new Date(Math.floor(now / 1000) * 1000).toUTCString();
	return {
		headers: headers.filter(
			([k]) => k !== 'last-modified' && k !== 'etag' && k !== 'content-length'
		),
		bodies: { identity: body, br: compress ? br : body, gzip: compress ? gz : body },
		etag: createHash('sha256').update(body).digest('base64url').slice(0, 27),
		lastModified,
		tags,
		expiresAt: nextFullHour(now),
		size: body.byteLength + (compress ? br.byteLength + gz.byteLength : 0)
	};
}

/**
 * Published pages kept in memory, least recently used out first once `maxBytes` is reached, and
 * dropped by tag when a change that they show commits. `epoch` counts drops, so a page rendered
 * while a change committed is not kept (it may show the state before it).
 */
export class PageCache {
	private readonly pages = new Map<string, CachedPage>();
	private readonly byTag = new Map<string, Set<string>>();
	private bytes = 0;
	epoch = 0;

	constructor(private readonly maxBytes: number) {}

	get(key: string, now = Date.now()): CachedPage | undefined {
		const page = this.pages.get(key);
		if (!page) return undefined;
		if (page.expiresAt <= now) {
			this.remove(key);
			return undefined;
		}
		// Map order is insertion order: moving the key to the end keeps the least recent first.
		this.pages.delete(key);
		this.pages.set(key, page);
		return page;
	}

	/** Keeps `page` unless a drop happened since `epoch` was read, or it alone exceeds the budget. */
	set(key: string, page: CachedPage, epoch: number): boolean {
		if (epoch !== this.epoch || page.size > this.maxBytes / 4) return false;
		this.remove(key);
		this.pages.set(key, page);
		this.bytes += page.size;
		for (const tag of page.tags) {
			let keys = this.byTag.get(tag);
			if (!keys) this.byTag.set(tag, (keys = new Set()));
			keys.add(key);
		}
		for (const oldest of this.pages.keys()) {
			if (this.bytes <= this.maxBytes) break;
			this.remove(oldest);
		}
		return true;
	}

	invalidate(tags: string[]): number {
		this.epoch++;
		let dropped = 0;
		for (const tag of tags)
			for (const key of [...(this.byTag.get(tag) ?? [])]) dropped += this.remove(key) ? 1 : 0;
		return dropped;
	}

	/** After a gap in the change notifications nothing kept can be trusted. */
	clear(): void {
		this.epoch++;
		for (const key of [...this.pages.keys()]) this.remove(key);
	}

	get size() {
		return { pages: this.pages.size, bytes: this.bytes };
	}

	private remove(key: string): boolean {
		const page = this.pages.get(key);
		if (!page) return false;
		this.pages.delete(key);
		this.bytes -= page.size;
		for (const tag of page.tags) {
			const keys = this.byTag.get(tag);
			keys?.delete(key);
			if (keys?.size === 0) this.byTag.delete(tag);
		}
		return true;
	}
}

/** The best encoding the client accepts: brotli, then gzip, else none. */
export function chooseEncoding(acceptEncoding: string | null): Encoding {
	const accepted = new Map<string, number>();
	for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		if (!name) continue;
		const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
		accepted.set(name.trim(), q === undefined ? 1 : Number(q));
	}
	const wants = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
	if (wants('br')) return 'br';
	if (wants('gzip')) return 'gzip';
	return 'identity';
}

const ETAG_SUFFIX: Record<Encoding, string> = { identity: '', br: '-br', gzip: '-gz' };
export const etagOf = (page: CachedPage, encoding: Encoding) =>
	`"${page.etag}${ETAG_SUFFIX[encoding]}"`;

/** Whether the client's copy is current (RFC 9110 §13.1): If-None-Match wins over If-Modified-Since. */
export function isNotModified(
	page: CachedPage,
	ifNoneMatch: string | null,
	ifModifiedSince: string | null
): boolean {
	if (ifNoneMatch !== null) {
		const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
		return (
			tags.includes('*') ||
			(Object.keys(ETAG_SUFFIX) as Encoding[]).some((e) => tags.includes(etagOf(page, e)))
		);
	}
	if (ifModifiedSince === null) return false;
	const since = Date.parse(ifModifiedSince);
	return !Number.isNaN(since) && Date.parse(page.lastModified) <= since;
}
