import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/closeCodes'
import { firstHeading, probeLatency, sendRaw, shred, storedCopy, updateOf } from '../testing/attack'
import { buildDraft, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { newServerWithGroup } from '../testing/newServer'
import { connectClient } from '../testing/yclient'
import { waitFor } from '../testing/waitFor'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

// The attack (3.6 million characters, then every other one deleted) scaled to seconds.
const HEADING_CHARS = 1_200_000

describe('a hostile writer', () => {
  it('cannot stall, grow or poison the server: the long heading and the shredding are refused, nothing stored, others answered', { timeout: 120_000 }, async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const url = `${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.kenya)}`
    const honest = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.japan))
    await honest.synced()
    const before = await request<{ clauses: { heading: string }[] }>(`${t.url}/api/drafts/${draft.id}/content`, { token: await tokenFor(t.storage, t.users.observer) })
    const stats = await t.storage.docs.stats(draft.id)
    gc()
    const baseline = process.memoryUsage().heapUsed
    const probe = probeLatency(t.url, await tokenFor(t.storage, t.users.secretariat))

    // 1. One item of 1.2 million characters: refused before it is applied.
    const copy = await storedCopy(t.storage, draft.id)
    const heading = firstHeading(copy)
    const long = updateOf(copy, () => heading.insert(0, 'x'.repeat(HEADING_CHARS)))
    expect(await sendRaw(url, [long])).toBe(CloseCode.UPDATE_TOO_COSTLY)

    // 2. Against a heading the server does hold (short enough to pass), the shredding: refused.
    const fair = await storedCopy(t.storage, draft.id)
    const fairHeading = firstHeading(fair)
    const accepted = updateOf(fair, () => fairHeading.insert(0, 'ab'.repeat(20_000)))
    const shredded = updateOf(fair, () => shred(fairHeading, 1))
    expect(await sendRaw(url, [accepted, shredded])).toBe(CloseCode.UPDATE_TOO_COSTLY)
    await waitFor(async () => (await t.storage.docs.stats(draft.id)).updates === stats.updates + 1, { message: 'the fair update stored' })

    // 3. The same shredding in slices under the per-update limit: the minute budget stops it.
    const sliced = await storedCopy(t.storage, draft.id)
    const slicedHeading = firstHeading(sliced)
    const slices: Uint8Array[] = []
    for (let end = 40_000; end > 0; end -= 4_000) {
      slices.push(updateOf(sliced, () => {
        for (let i = end - 1; i >= end - 4_000 + 1; i -= 2) slicedHeading.delete(i, 1)
      }))
    }
    expect(await sendRaw(url, slices)).toBe(CloseCode.UPDATE_RATE_EXCEEDED)

    const worst = await probe.stop()
    expect(worst).toBeLessThan(1_000)
    // Nothing of the refused updates stored or sent: the honest client and the store hold the fair one at most.
    const stored = await t.storage.docs.stats(draft.id)
    expect(stored.updates).toBeLessThanOrEqual(stats.updates + 4)
    const after = await request<{ clauses: { heading: string }[] }>(`${t.url}/api/drafts/${draft.id}/content`, { token: await tokenFor(t.storage, t.users.observer) })
    const served = after.body.clauses[0]?.heading ?? ''
    expect(served).not.toContain('xxxx')
    // The fair heading, less what the slices within the budget deleted: far from shredded.
    expect(served.length).toBeGreaterThan((before.body.clauses[0]?.heading.length ?? 0) + 30_000)
    await waitFor(() => firstHeading(honest.doc).toString() === served, { message: 'the honest client to hold what the server holds' })
    copy.destroy()
    fair.destroy()
    sliced.destroy()
    gc()
    expect(process.memoryUsage().heapUsed - baseline).toBeLessThan(64 * 1024 * 1024)
  })
})
