/** Polls until `check` returns a truthy value or throws no more, up to a deadline; no fixed sleeps. */
export async function waitFor<T>(check: () => T | Promise<T>, { timeout = 10_000, interval = 10, message = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeout
  let lastError: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value
      lastError = null
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : ''
      throw new Error(`Timed out waiting for ${message}${reason}`)
    }
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}

/** Resolves with the first emission of an event (e.g. a websocket's 'close'). */
export function once<T extends unknown[]>(
  emitter: { once(event: string, listener: (...args: T) => void): unknown },
  event: string,
): Promise<T> {
  return new Promise((resolve) => emitter.once(event, (...args: T) => resolve(args)))
}
