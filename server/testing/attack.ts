import WebSocket from 'ws'
import * as Y from 'yjs'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap, readClauses } from '../../shared/draft/ydoc'
import { updateMessage } from '../collaboration/protocol'
import type { Storage } from '../storage/Storage'
import { request } from './http'
import { once, waitFor } from './waitFor'

/** A copy of the draft as stored, to write hostile updates against (Yjs only needs the right state). */
export async function storedCopy(storage: Storage, draftId: string): Promise<Y.Doc> {
  const stored = await storage.docs.load(draftId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

export function firstHeading(doc: Y.Doc): Y.Text {
  const id = readClauses(doc)[0]?.id ?? ''
  const text = clausesMap(doc).get(id)?.get(ClauseKey.heading)
  if (!(text instanceof Y.Text)) throw new Error('no heading')
  return text
}

/** The update an edit of `doc` makes (the edit stays in `doc`). */
export function updateOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.transact(edit)
  return Y.encodeStateAsUpdate(doc, before)
}

/** Deletes every other character of a text, in one transaction: one delete range per character. */
export function shred(text: Y.Text, from = 0): void {
  for (let i = text.length - 1; i >= from; i -= 2) text.delete(i, 1)
}

/** Sends raw sync updates on a plain websocket (no reconnection); resolves with the close code. */
export async function sendRaw(url: string, updates: readonly Uint8Array[]): Promise<number> {
  const ws = new WebSocket(url)
  ws.on('error', () => undefined)
  const closed = once<[number]>(ws, 'close')
  await once(ws, 'open')
  for (const update of updates) ws.send(updateMessage(update))
  const [code] = await closed
  return code
}

/**
 * Another user's `GET /api/me` asked over and over until `stop`; resolves with the slowest answer
 * (ms). What the issue promises is behaviour: others are answered within a second throughout.
 */
export function probeLatency(url: string, token: string): { stop(): Promise<number> } {
  let running = true as boolean // set false by stop(), which TypeScript does not follow into the loop
  let worst = 0
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      const response = await request(`${url}/api/me`, { token })
      if (response.status !== 200) throw new Error(`GET /api/me answered ${response.status}`)
      worst = Math.max(worst, performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return worst
    },
  }
}

/** Polls storage until the draft's log holds `count` updates (or fails at the deadline). */
export function waitForLog(storage: Storage, draftId: string, count: number): Promise<unknown> {
  return waitFor(async () => (await storage.docs.stats(draftId)).updates === count, { message: `${count} stored updates` })
}
