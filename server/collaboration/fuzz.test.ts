import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { ClauseKey } from '../../shared/draft/format'
import { buildDraftDoc, clausesMap, readClauses } from '../../shared/draft/ydoc'
import { loadStoredDoc } from '../services/drafts'
import { buildDraft, tokenFor } from '../testing/factories'
import { newServerWithGroup } from '../testing/newServer'
import { once, waitFor } from '../testing/waitFor'
import { connectClient } from '../testing/yclient'
import { awarenessMessage, syncStep1Message, updateMessage } from './protocol'
import { seededRandom as seeded } from '../../shared/random'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const FRAMES = 10_000
const CONNECTIONS = 4
// A state vector with no entries: the server answers with everything, after what came before is stored.
const PROBE = syncStep1Message(new Uint8Array([0]))

/** A raw connection that can tell whether the server accepted each frame (answered the probe after it). */
class Prober {
  private ws: WebSocket | null = null
  private replies = 0
  closes: number[] = []

  constructor(private readonly url: string) {}

  private async open(): Promise<WebSocket> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return this.ws
    const ws = new WebSocket(this.url)
    ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) this.replies += 1 // sync step 2
    })
    ws.on('close', (code) => this.closes.push(code))
    ws.on('error', () => undefined)
    await once(ws, 'open')
    this.ws = ws
    this.replies = 0
    return ws
  }

  /** Sends a frame then a probe; true when the probe was answered (frame accepted), false when closed. */
  async send(frame: Uint8Array): Promise<boolean> {
    const ws = await this.open()
    const expected = this.replies + 1
    const closed = once<[number]>(ws, 'close').then(() => false)
    ws.send(frame)
    ws.send(PROBE)
    const answered = waitFor(() => this.replies >= expected, { timeout: 10_000, interval: 1, message: 'probe answer' }).then(() => true)
    return Promise.race([answered, closed])
  }

  close(): void {
    this.ws?.close()
  }
}

function varUintFrame(parts: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) encoding.writeVarUint(encoder, part)
  return encoding.toUint8Array(encoder)
}

describe('websocket fuzzing', () => {
  it(`survives ${FRAMES} random and mutated frames: server up, the draft holds exactly the accepted updates, memory back near its baseline`, { timeout: 180_000 }, async () => {
    const t = await newServerWithGroup({ maxPayloadBytes: 64 * 1024, maxSocketsPerUser: 10_000 }) // probers reconnect after each refusal faster than closes complete
    const draft = await buildDraft(t.storage, t.users.rapporteur)
    const writer = connectClient(t.wsUrl, draft.id, await tokenFor(t.storage, t.users.kenya))
    await writer.synced()
    const url = `${t.wsUrl}/collab/${draft.id}?token=${await tokenFor(t.storage, t.users.japan)}`

    // Valid updates of our own draft (each from a fresh copy of it) and of another draft (which cannot apply here).
    const initial = Y.encodeStateAsUpdate(writer.doc)
    /** An update message inserting `prefix` into Article 1's heading, made on a fresh copy of the initial state. */
    const headingEdit = (prefix: string): Uint8Array => {
      const fresh = new Y.Doc()
      Y.applyUpdate(fresh, initial)
      const before = Y.encodeStateVector(fresh)
      const heading = clausesMap(fresh).get(readClauses(fresh)[1]?.id ?? '')?.get(ClauseKey.heading)
      if (heading instanceof Y.Text) heading.insert(0, prefix)
      const message = updateMessage(Y.encodeStateAsUpdate(fresh, before))
      fresh.destroy()
      return message
    }
    const foreign = buildDraftDoc('Another draft', [{ kind: 'article', heading: 'Elsewhere', text: 'Foreign text.' }])
    const foreignUpdates: Uint8Array[] = []
    foreign.on('update', (u: Uint8Array) => foreignUpdates.push(u))

    // The reference: the draft as the server had it, plus every update the server accepted.
    const reference = new Y.Doc()
    Y.applyUpdate(reference, Y.encodeStateAsUpdate(writer.doc))
    const applyAccepted = (frame: Uint8Array) => {
      try {
        const decoder = decoding.createDecoder(frame)
        if (decoding.readVarUint(decoder) !== 0) return
        const sub = decoding.readVarUint(decoder)
        if (sub === 1 || sub === 2) Y.applyUpdate(reference, decoding.readVarUint8Array(decoder))
      } catch {
        // Not an update the server could have applied.
      }
    }

    gc()
    const baseline = process.memoryUsage().heapUsed
    const random = seeded(20261129)
    const rand = (n: number) => Math.floor(random() * n)
    const probers = Array.from({ length: CONNECTIONS }, () => new Prober(url))
    const accepted = { valid: 0, refused: 0, random: 0 }
    const expectClose: { frame: string; accepted: boolean }[] = []

    const makeFrame = (): { frame: Uint8Array; kind: 'valid' | 'bad' | 'random' } => {
      const pick = rand(8)
      if (pick === 0) return { frame: Uint8Array.from({ length: rand(64) }, () => rand(256)), kind: 'random' }
      if (pick === 1) return { frame: Uint8Array.from({ length: 1 + rand(6) }, () => 0x80 | rand(128)), kind: 'bad' } // truncated varint
      if (pick === 2) return { frame: Uint8Array.of(4 + rand(120), ...Array.from({ length: rand(8) }, () => rand(256))), kind: 'bad' } // wrong type
      if (pick === 3) return { frame: Uint8Array.of(...varUintFrame([0, 2, 2 ** 31 + rand(1000)]), 1, 2, 3), kind: 'bad' } // huge declared length
      if (pick === 4) {
        // A valid update of ours; or one made on a throwaway copy and mutated by flipping bytes
        // (so the valid ones never depend on content the server may not have).
        if (random() < 0.5) {
          // Each valid update depends only on what the server holds: the probers send concurrently, and an
          // update depending on one the server has not seen yet cannot be checked by the draft guard (refused).
          return { frame: headingEdit(`f${rand(1000)} `), kind: 'valid' }
        }
        const mutated = Uint8Array.from(headingEdit(`m${rand(1000)} `))
        // Flipped bytes after the struct header (content, lengths, delete set): a flipped origin can make two accepted
        // updates integrate differently by arrival order, and the probers' order is not the server's.
        const from = Math.min(mutated.length - 1, 12)
        for (let i = 0; i < 1 + rand(3); i++) mutated[from + rand(mutated.length - from)] = rand(256)
        return { frame: mutated, kind: 'random' }
      }
      if (pick === 5) {
        foreign.getText('noise').insert(0, `n${rand(100)}`)
        // Depends on structs the server never saw: the draft guard cannot place it and refuses it (4422); the first, which depends on nothing, is accepted.
        return { frame: updateMessage(foreignUpdates.at(-1) ?? new Uint8Array()), kind: 'random' }
      }
      if (pick === 6) return { frame: awarenessMessage(varUintFrame([1, 7_000_000 + rand(10), 1]).slice(0, 2 + rand(3))), kind: 'bad' } // truncated awareness
      return { frame: syncStep1Message(Uint8Array.from({ length: rand(12) }, () => rand(256))), kind: 'random' }
    }

    const frames = Array.from({ length: FRAMES }, makeFrame)
    await Promise.all(
      probers.map(async (prober, p) => {
        for (let i = p; i < frames.length; i += CONNECTIONS) {
          const { frame, kind } = frames[i] as { frame: Uint8Array; kind: 'valid' | 'bad' | 'random' }
          const ok = await prober.send(frame)
          if (ok) applyAccepted(frame)
          if (kind === 'random') accepted.random += ok ? 1 : 0
          else if (kind === 'valid' && !ok) expectClose.push({ frame: 'valid', accepted: ok })
          else if (kind === 'bad' && ok) expectClose.push({ frame: Buffer.from(frame).toString('hex'), accepted: ok })
          if (kind === 'valid') accepted.valid += 1
          else if (!ok) accepted.refused += 1
        }
      }),
    )
    // Every bad frame closed its connection; every valid one was accepted.
    expect(expectClose).toEqual([])
    expect(accepted.refused).toBeGreaterThan(FRAMES / 4)
    const closeCodes = new Set(probers.flatMap((p) => p.closes))
    expect([...closeCodes].every((c) => c === 4400 || c === 4405 || c === 1009 || c === 4413 || c === 4415 || c === 4422)).toBe(true)

    // The server is up and the honest writer still edits; its copy matches every accepted update.
    const heading = clausesMap(writer.doc).get(readClauses(writer.doc)[2]?.id ?? '')?.get(ClauseKey.heading)
    if (!(heading instanceof Y.Text)) throw new Error('no heading')
    heading.insert(0, 'Still editing: ')
    for (const p of probers) p.close()
    await waitFor(() => readClauses(writer.doc)[2]?.heading.startsWith('Still editing: '), { message: "the writer's edit" })
    const referenceHeadings = readClauses(reference).map((c) => c.heading)
    expect(referenceHeadings[1]).toMatch(/f\d+ /) // the valid fuzz updates did land
    await waitFor(() => readClauses(writer.doc)[1]?.heading === referenceHeadings[1], { message: 'every accepted update at the writer' })
    writer.destroy()
    await waitFor(() => t.server.ctx.collab.stats().rooms === 0, { message: 'the draft to unload' })
    const stored = await loadStoredDoc(t.storage, draft.id)
    expect(readClauses(stored).map((c) => c.heading)).toEqual([referenceHeadings[0], referenceHeadings[1], `Still editing: ${referenceHeadings[2]}`])
    expect(readClauses(stored).map((c) => c.text)).toEqual(readClauses(reference).map((c) => c.text))
    expect(readClauses(stored).some((c) => c.heading === 'Elsewhere')).toBe(false)
    stored.destroy()

    gc()
    const growth = process.memoryUsage().heapUsed - baseline
    expect(growth).toBeLessThan(40 * 1024 * 1024)
  })
})
