import type * as Y from 'yjs'
import type { CloseCodeValue } from '../../shared/closeCodes'
import type { Connection } from './Connection'
import type { UpdateGuard } from './updateGuard'
import type { DraftDelta } from './guard/changes'

export type Refusal = { readonly ok: false; readonly code: CloseCodeValue; readonly reason: string }
/** `admit` runs once the update is applied (e.g. counts it into the draft's size). */
export type Verdict = { readonly ok: true; readonly admit?: () => void; readonly delta?: DraftDelta } | Refusal

/**
 * One check of a client's update before it is applied: it reads the update (and the document it
 * would change) and may refuse it, in which case nothing of it is applied, stored or broadcast.
 * Throws on a malformed update (the connection closes with 4400).
 */
export interface UpdateInspector {
  inspect(from: Connection, update: Uint8Array, doc: Y.Doc): Verdict
}

/** The cost check (UpdateGuard): sizes, the draft's limits and the connection's minute budget. */
export function costInspector(guard: UpdateGuard): UpdateInspector {
  return {
    inspect(from, update, doc) {
      const verdict = guard.inspect(from, update, doc)
      if (!verdict.ok) return verdict
      return { ok: true, admit: () => guard.admit(verdict.cost) }
    },
  }
}

/**
 * Runs the inspectors in order (the cost check first: it also validates the whole update, so later
 * inspectors read a well-formed one); the first refusal wins. The draft guard (what the update
 * changes, checked against the sender's permissions) is the next inspector of this list.
 */
export function inspectUpdate(inspectors: readonly UpdateInspector[], from: Connection, update: Uint8Array, doc: Y.Doc): { readonly ok: true; readonly admit: () => void; readonly delta: DraftDelta | null } | Refusal {
  const admits: (() => void)[] = []
  let delta: DraftDelta | null = null
  for (const inspector of inspectors) {
    const verdict = inspector.inspect(from, update, doc)
    if (!verdict.ok) return verdict
    if (verdict.admit) admits.push(verdict.admit)
    delta = verdict.delta ?? delta
  }
  return { ok: true, admit: () => admits.forEach((admit) => admit()), delta }
}
