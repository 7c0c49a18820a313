/**
 * Counts failed sign-ins per key (username and client address separately) in a sliding window;
 * past the limit further attempts are refused until the oldest failure leaves the window.
 * An attempt is reserved (counted as a failure) before the password is checked, so concurrent
 * guesses cannot all pass the check that ran before any of them was recorded.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before another attempt is allowed for any of the keys, or 0. */
  retryAfter(keys: readonly string[]): number {
    const now = this.now()
    let wait = 0
    for (const key of keys) {
      const recent = this.recent(key, now)
      if (recent.length >= this.limit) {
        const oldest = recent[recent.length - this.limit] ?? now
        wait = Math.max(wait, Math.ceil((oldest + this.windowMs - now) / 1000))
      }
    }
    return wait
  }

  /**
   * Checks and records one attempt in the same synchronous step: the wait in seconds when refused,
   * else the moment recorded, to hand to release() if the attempt turns out to be good.
   */
  reserve(keys: readonly string[]): { readonly wait: number } | { readonly at: number } {
    const wait = this.retryAfter(keys)
    if (wait > 0) return { wait }
    const at = this.now()
    for (const key of keys) this.failures.set(key, [...this.recent(key, at), at])
    return { at }
  }

  /** Takes back one reserved attempt (a good sign-in) without forgetting the others. */
  release(keys: readonly string[], at: number): void {
    for (const key of keys) {
      const list = this.failures.get(key)
      const index = list?.indexOf(at) ?? -1
      if (list && index >= 0) list.splice(index, 1)
      if (list?.length === 0) this.failures.delete(key)
    }
  }

  fail(keys: readonly string[]): void {
    const now = this.now()
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now])
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key)
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs)
    if (list.length === 0) this.failures.delete(key)
    return list
  }
}
