import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { buildDraft, tokenFor } from '../testing/factories'
import { newServerWithGroup } from '../testing/newServer'
import { once, waitFor } from '../testing/waitFor'
import { connectClient } from '../testing/yclient'
import { encodeEntries } from './awareness'
import { awarenessMessage } from './protocol'

const forgedAwareness = (clientId: number, clock: number, state: unknown): Uint8Array =>
  awarenessMessage(encodeEntries([[clientId, clock, JSON.stringify(state)]]))

describe('presence (awareness)', () => {
  it('relays each client’s presence, refuses states for other client ids, and removes a client that leaves', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const kenya = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    const observer = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.observer))
    await Promise.all([kenya.synced(), observer.synced()])
    kenya.provider.awareness.setLocalStateField('clauseId', 'kenya-here')
    // Read-only connections may still announce their own presence.
    observer.provider.awareness.setLocalStateField('clauseId', 'observer-here')
    await waitFor(() => observer.provider.awareness.getStates().get(kenya.doc.clientID)?.clauseId === 'kenya-here', { message: 'Kenya at the observer' })
    await waitFor(() => kenya.provider.awareness.getStates().get(observer.doc.clientID)?.clauseId === 'observer-here', { message: 'observer at Kenya' })
    expect(observer.provider.awareness.getStates().get(kenya.doc.clientID)?.user?.id).toBe(t.users.kenya.id)

    // A raw connection claims its own id, then tries to speak for Kenya's client: ignored.
    const raw = new WebSocket(`${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.japan)}`)
    await once(raw, 'open')
    raw.send(forgedAwareness(999_001, 1, { clauseId: 'raw-1' }))
    raw.send(forgedAwareness(kenya.doc.clientID, 1_000, { clauseId: 'forged' }))
    await waitFor(() => kenya.provider.awareness.getStates().get(999_001)?.clauseId === 'raw-1', { message: 'raw client presence' })
    raw.send(forgedAwareness(999_001, 2, { clauseId: 'raw-2' }))
    await waitFor(() => kenya.provider.awareness.getStates().get(999_001)?.clauseId === 'raw-2', { message: 'raw client update' })
    expect(observer.provider.awareness.getStates().get(kenya.doc.clientID)?.clauseId).toBe('kenya-here')

    raw.close()
    await waitFor(() => !kenya.provider.awareness.getStates().has(999_001), { message: 'raw client removed' })
  })

  it('closes a connection that sends presence that is not JSON', async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const raw = new WebSocket(`${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.japan)}`)
    await once(raw, 'open')
    const closed = once<[number]>(raw, 'close')
    raw.send(awarenessMessage(encodeEntries([[5, 1, '{not json']])))
    expect((await closed)[0]).toBe(CloseCode.MALFORMED_MESSAGE)
  })
})
