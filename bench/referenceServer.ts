import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { getYDoc, setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { serveParent } from './lib/childIpc'

/**
 * y-websocket's reference server (@y/websocket-server 0.1.1, the last release on Yjs 13) as its
 * own `server.js` wires it, minus persistence: no authentication, nothing stored. It uses the
 * project's ws 8 (as ours does). Documents named in BENCH_SEED_DIR (`<name>.bin`, a Yjs update)
 * are loaded into memory before listening, like a draft that is already open.
 */
const seedDir = process.env.BENCH_SEED_DIR
if (seedDir) {
  for (const file of fs.readdirSync(seedDir).filter((f) => f.endsWith('.bin'))) {
    Y.applyUpdate(getYDoc(file.slice(0, -4)), fs.readFileSync(path.join(seedDir, file)))
  }
}

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
wss.on('connection', setupWSConnection)
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  serveParent(port, async () => {
    for (const ws of wss.clients) ws.terminate()
    server.close()
  })
})
