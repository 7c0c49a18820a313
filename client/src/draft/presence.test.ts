import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { colorFor, peersFrom, presenceUser, stablePeers } from './presence'

const amina = presenceUser({ id: 'u-ken', username: 'delegate-ken', displayName: 'Amina Wanjiru', role: 'delegate', state: { code: 'KEN', name: 'Kenya' } })

/** Two browsers' awareness, and a way to carry one's changes to the other as y-websocket would. */
function twoClients() {
  const mine = new Awareness(new Y.Doc())
  const theirs = new Awareness(new Y.Doc())
  const deliver = () => applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'server')
  return { mine, theirs, deliver }
}

describe('presence', () => {
  it('labels a delegate with their State and gives each user one colour', () => {
    expect(amina.name).toBe('Amina Wanjiru (KEN)')
    expect(amina.state).toBe('KEN')
    expect(colorFor('u-ken')).toBe(amina.color)
    expect(colorFor('u-ken')).toBe(colorFor('u-ken'))
  })

  it('lists the others present (not oneself), with the clause they are in, ignoring malformed states', () => {
    const { mine, theirs, deliver } = twoClients()
    mine.setLocalStateField('user', presenceUser({ id: 'u-chair', username: 'chair', displayName: 'The Chair', role: 'chair', state: null }))
    theirs.setLocalStateField('user', amina)
    theirs.setLocalStateField('clauseId', 'c1')
    deliver()
    const stranger = new Awareness(new Y.Doc())
    stranger.setLocalStateField('user', { name: 42 })
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(stranger, [stranger.clientID]), 'server')

    const peers = peersFrom(mine.getStates(), mine.clientID)
    expect(peers).toEqual([{ clientId: theirs.clientID, user: amina, clauseId: 'c1' }])
  })

  it('keeps the same list while only carets move, and a new one when someone changes clause', () => {
    const { mine, theirs, deliver } = twoClients()
    theirs.setLocalStateField('user', amina)
    theirs.setLocalStateField('clauseId', 'c1')
    deliver()
    const first = peersFrom(mine.getStates(), mine.clientID)

    theirs.setLocalStateField('cursor', { anchor: 3, head: 7 })
    deliver()
    expect(stablePeers(first, peersFrom(mine.getStates(), mine.clientID))).toBe(first)

    theirs.setLocalStateField('clauseId', 'c2')
    deliver()
    const moved = stablePeers(first, peersFrom(mine.getStates(), mine.clientID))
    expect(moved).not.toBe(first)
    expect(moved[0]?.clauseId).toBe('c2')
  })

  it('drops someone who leaves', () => {
    const { mine, theirs, deliver } = twoClients()
    theirs.setLocalStateField('user', amina)
    deliver()
    expect(peersFrom(mine.getStates(), mine.clientID)).toHaveLength(1)
    theirs.setLocalState(null)
    deliver()
    expect(peersFrom(mine.getStates(), mine.clientID)).toEqual([])
  })
})
