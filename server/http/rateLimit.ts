import { tooManyRequests } from '../errors'

/**
 * A token bucket per key (user or address): `capacity` requests at once, refilled at `perMinute`.
 * Keys idle long enough to be full again are forgotten, so memory stays bounded by active keys.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`, or throws 429 with the seconds until one is available. */
  take(key: string): void {
    const now = this.now()
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now }
    const refill = ((now - bucket.at) / 60_000) * this.perMinute
    bucket.tokens = Math.min(this.capacity, bucket.tokens + refill)
    bucket.at = now
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket)
      throw tooManyRequests(Math.ceil(((1 - bucket.tokens) * 60) / this.perMinute))
    }
    bucket.tokens -= 1
    this.buckets.set(key, bucket)
    if (this.buckets.size > 10_000) this.sweep(now)
  }

  private sweep(now: number): void {
    const fullAfter = (this.capacity / this.perMinute) * 60_000
    for (const [key, bucket] of this.buckets) if (now - bucket.at > fullAfter) this.buckets.delete(key)
  }
}
