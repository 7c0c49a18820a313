import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { loadConfig } from '../config'
import type { Connection } from './Connection'
import { type UpdateInspector, costInspector, inspectUpdate } from './inspection'
import { UpdateGuard } from './updateGuard'

// The inspectors read only what they are given; a connection is just the key of its budget here.
const conn = {} as Connection

function typed(text: string): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc()
  const writer = new Y.Doc()
  writer.getText('t').insert(0, text)
  return { doc, update: Y.encodeStateAsUpdate(writer) }
}

describe('the inspection point', () => {
  it('admits what every inspector accepts, counting it only once applied', () => {
    const guard = new UpdateGuard(loadConfig({}))
    const { doc, update } = typed('Scope.')
    const verdict = inspectUpdate([costInspector(guard)], conn, update, doc)
    expect(verdict.ok).toBe(true)
    expect(guard.size.items).toBe(0)
    if (verdict.ok) verdict.admit()
    expect(guard.size.items).toBe(1)
  })

  it('stops at the first refusal: later inspectors do not run and nothing is admitted', () => {
    const guard = new UpdateGuard({ ...loadConfig({}), updateMaxChars: 3 })
    const calls: string[] = []
    const draftGuard: UpdateInspector = { inspect: () => (calls.push('draft guard'), { ok: true }) }
    const { doc, update } = typed('Too long.')
    const verdict = inspectUpdate([costInspector(guard), draftGuard], conn, update, doc)
    expect(verdict).toMatchObject({ ok: false, code: CloseCode.UPDATE_TOO_COSTLY })
    expect(calls).toEqual([])
    expect(guard.size.items).toBe(0)
  })

  it('runs a later inspector after the cost check, and its refusal wins', () => {
    const guard = new UpdateGuard(loadConfig({}))
    const refuseAll: UpdateInspector = { inspect: () => ({ ok: false, code: CloseCode.MALFORMED_MESSAGE, reason: 'not yours to change' }) }
    const { doc, update } = typed('Scope.')
    expect(inspectUpdate([costInspector(guard), refuseAll], conn, update, doc)).toEqual({ ok: false, code: CloseCode.MALFORMED_MESSAGE, reason: 'not yours to change' })
  })
})
