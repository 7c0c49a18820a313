/**
 * The opt-in measuring channel of a benchmark server process: the parent (bench/run.ts) asks over
 * IPC and the child answers with its own CPU time and memory, so nothing in the load generator
 * is counted as server work.
 */
export interface ChildStats {
  /** process.cpuUsage() of the server process, µs. */
  readonly cpu: { readonly user: number; readonly system: number }
  /** Current resident set size, bytes. */
  readonly rss: number
  /** Peak resident set size over the process's life, bytes. */
  readonly maxRss: number
}

/** `gc`: collect garbage first (the child runs with --expose-gc), so that RSS is read after it (memory scenario). */
export type ToChild = { readonly type: 'stats'; readonly id: number; readonly gc?: boolean } | { readonly type: 'stop' }
export type FromChild = { readonly type: 'ready'; readonly port: number } | ({ readonly type: 'stats'; readonly id: number } & ChildStats)

export function ownStats(): ChildStats {
  return { cpu: process.cpuUsage(), rss: process.memoryUsage.rss(), maxRss: process.resourceUsage().maxRSS * 1024 }
}

/** Announces the port to the parent and answers its stats and stop requests; exits with the parent. */
export function serveParent(port: number, stop: () => Promise<void>): void {
  const send = process.send?.bind(process)
  if (!send) throw new Error('a benchmark server must be started by bench/run.ts (it needs an IPC channel)')
  let stopping = false
  const exit = () => {
    if (stopping) return
    stopping = true
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('message', (message: ToChild) => {
    if (message.type === 'stats') {
      const gc = (globalThis as { gc?: () => void }).gc
      if (message.gc && gc) gc()
      send({ type: 'stats', id: message.id, ...ownStats() } satisfies FromChild)
    }
    else exit() // 'stop'
  })
  process.on('disconnect', exit) // the parent died: do not outlive it
  send({ type: 'ready', port } satisfies FromChild)
}
