import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClauseKey } from '../../shared/draft/format'
import { textToBlocks } from '../../shared/draft/blocks'
import { blocksToXml, clausesMap, readClauses } from '../../shared/draft/ydoc'
import { probeLatency } from '../testing/attack'
import { buildDraft, buildLargeClauses, tokenFor } from '../testing/factories'
import { request } from '../testing/http'
import { newServerWithGroup } from '../testing/newServer'
import { connectClient } from '../testing/yclient'
import { waitFor } from '../testing/waitFor'

const WORDS = ['requesting', 'State', 'shall', 'provide', 'mutual', 'assistance', 'without', 'undue', 'delay', 'stored', 'computer', 'data', 'the']

/** About 150,000 words of treaty-like prose in paragraphs of 60 words. */
function longTreatyText(words = 150_000, perParagraph = 60): string {
  const paragraphs: string[] = []
  for (let p = 0; p < words / perParagraph; p++) {
    paragraphs.push(Array.from({ length: perParagraph }, (_, w) => WORDS[(p * 7 + w) % WORDS.length]).join(' '))
  }
  return paragraphs.join('\n')
}

describe('honest big work passes the limits', () => {
  it('pasting a 150,000-word draft into one clause: accepted, stored and received by others', { timeout: 120_000 }, async () => {
    const t = await newServerWithGroup()
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const writer = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    const reader = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.japan))
    await Promise.all([writer.synced(), reader.synced()])
    const probe = probeLatency(t.url, await tokenFor(t.storage, t.users.secretariat))
    const id = readClauses(writer.doc)[1]?.id ?? ''
    const body = clausesMap(writer.doc).get(id)?.get(ClauseKey.body) as Y.XmlFragment
    const text = longTreatyText()
    writer.doc.transact(() => body.insert(body.length, blocksToXml(textToBlocks(text))))
    const bodyText = (doc: Y.Doc) => (clausesMap(doc).get(id)?.get(ClauseKey.body) as Y.XmlFragment).toString()
    const pasted = bodyText(writer.doc)
    expect(pasted.split(' ').length).toBeGreaterThan(147_000)
    await waitFor(() => bodyText(reader.doc) === pasted, { timeout: 60_000, message: 'the paste to reach the other client' })
    await waitFor(async () => (await t.storage.docs.stats(draft.id)).updates >= 1, { message: 'the paste stored' })
    expect(writer.provider.wsconnected).toBe(true)
    expect(await probe.stop()).toBeLessThan(1_000)
  })

  it('a 300-clause restore and a join storm on the large draft: served, others answered within a second', { timeout: 180_000 }, async () => {
    const t = await newServerWithGroup({ maxSocketsPerUser: 100 }) // one token stands for 60 readers
    const draft = await buildDraft(t.storage, t.users.rapporteur, { clauses: buildLargeClauses(300) })
    const rapporteur = await tokenFor(t.storage, t.users.rapporteur)
    const saved = await request(`${t.url}/api/drafts/${draft.id}/revisions`, { method: 'POST', token: rapporteur, body: { label: 'Before the rewrite' } })
    expect(saved.status).toBe(201)
    const writer = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await writer.synced()
    // Every clause rewritten in one transaction (an honest bulk edit), then the whole draft restored.
    writer.doc.transact(() => {
      for (const clause of clausesMap(writer.doc).values()) {
        const heading = clause.get(ClauseKey.heading) as Y.Text
        heading.delete(0, heading.length)
        heading.insert(0, 'Rewritten')
        const body = clause.get(ClauseKey.body) as Y.XmlFragment
        body.delete(0, body.length)
      }
    })
    await waitFor(async () => (await t.storage.docs.stats(draft.id)).updates >= 1, { message: 'the rewrite stored' })
    const probe = probeLatency(t.url, await tokenFor(t.storage, t.users.secretariat))
    const restored = await request<{ changed: string[] }>(`${t.url}/api/drafts/${draft.id}/revisions/1/restore`, { method: 'POST', token: rapporteur, body: {} })
    expect(restored.status).toBe(200)
    expect(restored.body.changed.length).toBe(300)
    await waitFor(() => readClauses(writer.doc).every((c) => c.heading !== 'Rewritten'), { message: 'the restore to reach the writer' })

    const token = await tokenFor(t.storage, t.users.japan)
    const storm = Array.from({ length: 60 }, () => connectClient(t.wsUrl, draft.id, token))
    await Promise.all(storm.map((c) => c.synced()))
    // Stopped before the test's own reading of 60 copies of the draft, which runs in this process too.
    const worstMs = await probe.stop()
    expect(storm.every((c) => readClauses(c.doc).length === 300)).toBe(true)
    expect(worstMs).toBeLessThan(1_000)
    expect(writer.provider.wsconnected).toBe(true)
  })
})
