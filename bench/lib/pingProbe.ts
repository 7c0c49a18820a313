import WebSocket from 'ws'

/**
 * Another client's view of a server's event loop: websocket pings every `periodMs` on a
 * connection of its own; a pong is answered by the server's event loop, so the slowest round trip
 * is the longest the server left a client waiting while it worked.
 */
export async function startPingProbe(url: string, periodMs = 10): Promise<{ stop(): number }> {
  const ws = new WebSocket(url)
  ws.on('error', () => undefined)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  let worst = 0
  let sentAt: number | null = null
  ws.on('pong', () => {
    if (sentAt !== null) worst = Math.max(worst, performance.now() - sentAt)
    sentAt = null
  })
  const timer = setInterval(() => {
    // One ping in flight: a ping still unanswered counts for as long as it waits.
    if (sentAt !== null) {
      worst = Math.max(worst, performance.now() - sentAt)
      return
    }
    sentAt = performance.now()
    ws.ping()
  }, periodMs)
  return {
    stop: () => {
      clearInterval(timer)
      ws.terminate()
      return worst
    },
  }
}
