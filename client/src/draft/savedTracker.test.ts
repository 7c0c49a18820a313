import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { ObservableV2 } from 'lib0/observable'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { SavedTracker, type SyncChannel } from './savedTracker'

const MESSAGE_SYNC = 0
const OPEN = 1 as const
// The fake's sync handler never reads the provider argument y-websocket passes.
const NO_PROVIDER = null as unknown as WebsocketProvider

/**
 * A stand-in for y-websocket's provider with only what SavedTracker uses: its events, its sync
 * handler (the real y-protocols sync, as y-websocket's does) and a socket that collects what is
 * sent. The messages are real: the test plays the server with a second Y.Doc.
 */
class FakeChannel extends ObservableV2<{ sync: (synced: boolean) => void; status: (event: { status: string }) => void }> implements SyncChannel {
  synced = true
  readonly sent: Uint8Array[] = []
  readonly ws = {
    readyState: OPEN as number,
    OPEN,
    send: (data: Uint8Array) => void this.sent.push(data),
  }
  readonly messageHandlers: WebsocketProvider['messageHandlers'] = []

  constructor(readonly doc: Y.Doc) {
    super()
    this.messageHandlers[MESSAGE_SYNC] = (encoder, decoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC)
      syncProtocol.readSyncMessage(decoder, encoder, doc, this)
    }
  }

  /** A message from the server, handled as y-websocket would. */
  receive(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    this.messageHandlers[type]?.(encoding.createEncoder(), decoder, NO_PROVIDER, true, type)
  }
}

/** The server's side: applies what the client sends and answers each sync step 1 with a step 2. */
function serve(channel: FakeChannel, server: Y.Doc): number {
  let answered = 0
  for (const message of channel.sent.splice(0)) {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, MESSAGE_SYNC)
    syncProtocol.readSyncMessage(decoder, reply, server, 'client')
    if (encoding.length(reply) > 1) {
      channel.receive(encoding.toUint8Array(reply))
      answered += 1
    }
  }
  return answered
}

describe('the saved state (SavedTracker)', () => {
  let doc: Y.Doc
  let server: Y.Doc
  let channel: FakeChannel
  let tracker: SavedTracker

  beforeEach(() => {
    vi.useFakeTimers()
    doc = new Y.Doc()
    server = new Y.Doc()
    channel = new FakeChannel(doc)
    // Our edits reach the server as updates, as y-websocket sends them.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== channel) Y.applyUpdate(server, update, 'client')
    })
    tracker = new SavedTracker(doc, channel, 300)
  })
  afterEach(() => {
    tracker.destroy()
    vi.useRealTimers()
  })

  const edit = (text: string) => doc.getText('t').insert(0, text)

  it('is saving after an edit, and saved once the server answers the step 1 sent after it', () => {
    expect(tracker.current).toBe('saved')
    edit('Article 1')
    expect(tracker.current).toBe('saving')
    expect(channel.sent).toHaveLength(0) // debounced: typing sends no probe per keystroke
    vi.advanceTimersByTime(300)
    expect(channel.sent).toHaveLength(1)
    expect(serve(channel, server)).toBe(1)
    expect(tracker.current).toBe('saved')
    expect(server.getText('t').toString()).toBe('Article 1')
  })

  it('stays saving when the answer acknowledges a probe older than the last edit', () => {
    edit('a')
    vi.advanceTimersByTime(300)
    edit('b') // after the probe left: the answer to it does not cover this edit
    serve(channel, server)
    expect(tracker.current).toBe('saving')
    vi.advanceTimersByTime(300)
    serve(channel, server)
    expect(tracker.current).toBe('saved')
  })

  it('ignores changes that came from the server', () => {
    const remote = new Y.Doc()
    remote.getText('t').insert(0, 'from another delegate')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), channel)
    expect(tracker.current).toBe('saved')
    vi.advanceTimersByTime(300)
    expect(channel.sent).toHaveLength(0)
  })

  it('says not saved when the connection drops, and saved again after the next sync', () => {
    const changes: string[] = []
    tracker.subscribe(() => changes.push(tracker.current))
    edit('x')
    channel.emit('status', [{ status: 'disconnected' }])
    expect(tracker.current).toBe('unsaved')
    channel.emit('status', [{ status: 'connected' }])
    channel.emit('sync', [true])
    vi.advanceTimersByTime(300)
    serve(channel, server)
    expect(tracker.current).toBe('saved')
    expect(changes).toEqual(['saving', 'unsaved', 'saved'])
  })

  it('says not saved when the probe finds no open socket', () => {
    channel.ws.readyState = 3
    edit('offline edit')
    vi.advanceTimersByTime(300)
    expect(channel.sent).toHaveLength(0)
    expect(tracker.current).toBe('unsaved')
  })
})
