import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { marker } from './marker'
import type { RawClient } from './rawClient'
import type { BenchDraft } from './servers'
import { clauseText } from './writer'

/**
 * The durable-throughput load (durable.ts, scaleout.ts): pre-made typing updates that raw clients
 * send as fast as the server takes them, each client keeping at most WINDOW_BYTES unsent.
 */
export const WINDOW_BYTES = 16 * 1024

/** `count` one-word updates of writer number `writer` (in its own clause), as y-websocket frames. */
export function updateFrames(draft: BenchDraft, writer: number, count: number): Uint8Array[] {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, draft.state)
  const frames: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0) // messageSync
    encoding.writeVarUint(e, 2) // update
    encoding.writeVarUint8Array(e, update)
    frames.push(encoding.toUint8Array(e))
  })
  const text = clauseText(doc, writer)
  // Each update carries a marker, so an observer counts updates even when the server merges a batch.
  for (let i = 0; i < count; i++) text.insert(text.length, marker(writer * count + i))
  doc.destroy()
  return frames
}

/** Sends every frame, keeping at most WINDOW_BYTES in the socket's buffer. */
export async function pump(client: RawClient, frames: readonly Uint8Array[]): Promise<void> {
  for (let i = 0; i < frames.length; ) {
    if (client.closed) throw new Error('a writer was disconnected')
    while (i < frames.length && client.ws.bufferedAmount < WINDOW_BYTES) client.send(frames[i++] as Uint8Array)
    await new Promise((resolve) => setImmediate(resolve))
  }
}
