import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { newServer } from '../testing/newServer'
import { waitFor } from '../testing/waitFor'

interface SlowClient {
  readonly closed: () => boolean
  readonly received: () => string
  readonly stop: () => void
}

/** A raw client that sends `head` at once, then one more byte every 50 ms, never finishing. */
function slowClient(port: number, head: string, drip: string): SlowClient {
  const socket = net.connect(port, '127.0.0.1')
  let closed = false
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()))
  socket.on('close', () => (closed = true))
  socket.on('error', () => (closed = true))
  socket.write(head)
  const timer = setInterval(() => {
    if (!closed) socket.write(drip)
  }, 50)
  return {
    closed: () => closed,
    received: () => received,
    stop: () => {
      clearInterval(timer)
      socket.destroy()
    },
  }
}

describe('HTTP timeouts (slow clients)', () => {
  it('cuts off a client sending its headers or its body slowly, while others are served', async () => {
    const t = await newServer({ httpHeadersTimeoutMs: 400, httpRequestTimeoutMs: 1200 })
    const port = Number(new URL(t.url).port)
    const started = Date.now()
    const headers = slowClient(port, 'GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X')
    const body = slowClient(port, 'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{', ' ')
    try {
      // Others are served meanwhile.
      for (let i = 0; i < 3; i++) expect((await fetch(`${t.url}/api/session`)).status).toBeLessThan(500)
      await waitFor(() => headers.closed(), { timeout: 5000, message: 'the slow-headers client cut off' })
      expect(Date.now() - started).toBeGreaterThanOrEqual(350)
      expect(headers.received()).toMatch(/^HTTP\/1\.1 408/)
      expect(body.closed()).toBe(false)
      await waitFor(() => body.closed(), { timeout: 6000, message: 'the slow-body client cut off' })
      expect(Date.now() - started).toBeGreaterThanOrEqual(1100)
      expect((await fetch(`${t.url}/api/session`)).status).toBeLessThan(500)
    } finally {
      headers.stop()
      body.stop()
    }
  })
})
