/**
 * Requests per address for the open API: a token bucket in memory per process. Unlike sign-in
 * (auth/rate-limit.ts) and proposals (public/submit-comment.ts), which count failures or writes in the
 * database, a read API must not write a row per GET; a limit per process is enough to keep one client
 * from crowding out the rest.
 */
export const API_RATE_PER_MINUTE = Math.max(1, Number(process.env.API_RATE_PER_MINUTE) || 120);

// Bounded memory: past this many addresses the full buckets (nobody waiting) are forgotten.
const MAX_TRACKED = 50_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
	private readonly buckets = new Map<string, { tokens: number; at: number }>();
	private readonly perMs: number;

	/** `capacity` requests at once, refilled at `perMinute` a minute. */
	constructor(
		readonly perMinute: number,
		readonly capacity = perMinute
	) {
		this.perMs = perMinute / 60_000;
	}

	take(address: string, now = Date.now()): RateDecision {
		const bucket = this.buckets.get(address);
		const tokens = bucket
			? Math.min(this.capacity, bucket.tokens + (now - bucket.at) * this.perMs)
			: this.capacity;
		if (tokens < 1) {
			this.buckets.set(address, { tokens, at: now });
			return {
				allowed: false,
				retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000))
			};
		}
		if (!bucket && this.buckets.size >= MAX_TRACKED) this.forgetFull(now);
		this.buckets.set(address, { tokens: tokens - 1, at: now });
		return { allowed: true };
	}

	private forgetFull(now: number): void {
		for (const [address, b] of this.buckets)
			if (b.tokens + (now - b.at) * this.perMs >= this.capacity) this.buckets.delete(address);
		// Many addresses all waiting: forget the longest-tracked half rather than grow without end.
		if (this.buckets.size >= MAX_TRACKED)
			for (const address of [...this.buckets.keys()].slice(0, MAX_TRACKED / 2))
				this.buckets.delete(address);
	}
}

export const apiRateLimiter = new RateLimiter(API_RATE_PER_MINUTE);
