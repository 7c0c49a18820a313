import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import WebSocket, { WebSocketServer } from 'ws'
import { type Summary, summarize } from './stats'

/**
 * The floors under a fan-out figure, measured on this machine in the same run: a single-row SQLite
 * commit in WAL mode with synchronous=FULL (the fsync ours does before each broadcast) in the
 * bench's data folder, and a loopback websocket round trip (40 bytes out, echoed back).
 */
export function fsyncFloor(dir: string, commits = 300): Summary {
  const db = new Database(path.join(dir, 'floor.sqlite'))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)')
    const insert = db.prepare('INSERT INTO t (data) VALUES (?)')
    const row = Buffer.alloc(40, 1)
    const times: number[] = []
    for (let i = 0; i < commits; i++) {
      const t0 = performance.now()
      insert.run(row)
      times.push(performance.now() - t0)
    }
    return summarize(times)
  } finally {
    db.close()
  }
}

export async function wsRoundTripFloor(trips = 500): Promise<Summary> {
  const server = http.createServer()
  const wss = new WebSocketServer({ server, perMessageDeflate: false })
  wss.on('connection', (ws) => ws.on('message', (data: Buffer) => ws.send(data)))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false })
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    const frame = Buffer.alloc(40, 2)
    const times: number[] = []
    for (let i = 0; i < trips; i++) {
      const t0 = performance.now()
      await new Promise<void>((resolve) => {
        ws.once('message', () => resolve())
        ws.send(frame)
      })
      times.push(performance.now() - t0)
    }
    return summarize(times)
  } finally {
    ws.terminate()
    wss.close()
    server.close()
  }
}

/** What one `ws.send` of a 40-byte frame to each of `sockets` connected sockets costs this process (µs per socket). */
export async function sendToManyFloor(sockets = 500, rounds = 50): Promise<number> {
  const server = http.createServer()
  const wss = new WebSocketServer({ server, perMessageDeflate: false })
  const accepted: WebSocket[] = []
  wss.on('connection', (ws) => accepted.push(ws))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const clients = Array.from({ length: sockets }, () => new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false }))
  try {
    await Promise.all(clients.map((c) => new Promise<void>((resolve, reject) => (c.once('open', () => resolve()), c.once('error', reject)))))
    while (accepted.length < sockets) await new Promise((resolve) => setTimeout(resolve, 5))
    const frame = Buffer.alloc(40, 3)
    const before = process.cpuUsage()
    for (let r = 0; r < rounds; r++) for (const ws of accepted) ws.send(frame)
    const used = process.cpuUsage(before)
    return (used.user + used.system) / (rounds * sockets)
  } finally {
    for (const c of clients) c.terminate()
    wss.close()
    server.close()
  }
}
