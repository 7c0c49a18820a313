import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { RoomAwareness, encodeEntries } from './awareness'

/** An awareness update with one entry, as a peer process publishes it. */
const entry = (clientId: number, clock: number, state: unknown): Uint8Array => encodeEntries([[clientId, clock, JSON.stringify(state)]])

/** A server-side RoomAwareness whose broadcasts reach a real y-protocols Awareness (a browser's view). */
function setup() {
  const viewer = new Awareness(new Y.Doc())
  viewer.setLocalState(null)
  const published: Uint8Array[] = []
  const room = new RoomAwareness(
    60_000, // batches are flushed by hand below
    (message) => {
      const decoder = decoding.createDecoder(message)
      decoding.readVarUint(decoder) // message type: awareness
      applyAwarenessUpdate(viewer, decoding.readVarUint8Array(decoder), 'server')
    },
    (update) => published.push(update),
  )
  const names = () => [...viewer.getStates().values()].map((s) => (s.user as { name: string }).name).sort()
  return { room, viewer, published, names }
}

describe('presence from peer processes', () => {
  it('removes the clients of a peer process that is gone, and only those, without publishing them back', () => {
    const { room, published, names } = setup()
    room.receiveRemote(entry(11, 3, { user: { name: 'Kenya on A' } }), 'peer-a')
    room.receiveRemote(entry(12, 1, { user: { name: 'Japan on B' } }), 'peer-b')
    room.flush()
    expect(names()).toEqual(['Japan on B', 'Kenya on A'])

    room.dropPeer('peer-a')
    room.flush()
    expect(names()).toEqual(['Japan on B'])
    expect(room.encodeOwn()).toBeNull()
    expect(published).toEqual([])
  })

  it('takes a client back at once when it announces itself again with the same clock (it moved to another process)', () => {
    const { room, names } = setup()
    room.receiveRemote(entry(11, 3, { user: { name: 'Kenya on A' } }), 'peer-a')
    room.flush()
    room.dropPeer('peer-a')
    room.flush()
    expect(names()).toEqual([])
    room.receiveRemote(entry(11, 3, { user: { name: 'Kenya on A' } }), 'peer-c')
    room.flush()
    expect(names()).toEqual(['Kenya on A'])
  })

  it('counts a client as the last announcing process’s: the old process going does not remove it', () => {
    const { room, names } = setup()
    room.receiveRemote(entry(11, 3, { user: { name: 'Kenya' } }), 'peer-a')
    room.flush()
    // The client reconnected to process C, which repeats the state it had (same clock).
    room.receiveRemote(entry(11, 3, { user: { name: 'Kenya' } }), 'peer-c')
    room.dropPeer('peer-a')
    room.flush()
    expect(names()).toEqual(['Kenya'])
    room.dropPeer('peer-c')
    room.flush()
    expect(names()).toEqual([])
  })
})
