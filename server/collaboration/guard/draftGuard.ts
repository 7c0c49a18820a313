import * as Y from 'yjs'
import { CloseCode } from '../../../shared/closeCodes'
import { can } from '../../../shared/permissions'
import type { Connection } from '../Connection'
import type { UpdateInspector, Verdict } from '../inspection'
import { type DraftDelta, analyzeTransaction } from './changes'
import { type ClauseLocks, NOTHING_LOCKED, clauseLocks } from './locks'
import { type Actor, judge } from './rules'

const GUARD_ORIGIN = Symbol('draft guard')
const MIRROR_ORIGIN = Symbol('draft guard mirror')

/** The sender as the rules see it: its user, State and what it may do to the text now. */
export function actorOf(conn: Connection): Actor {
  return {
    userId: conn.user.id,
    stateCode: conn.user.stateCode,
    access: conn.text,
    mayDecide: conn.decide,
    mayRename: can(conn.user.role, 'draft.rename'),
    mayAddRemove: conn.text === 'write' && can(conn.user.role, 'clause.addRemove', 'drafting'),
  }
}

/**
 * The draft guard: before an update from a connection is applied, it is applied to a shadow copy
 * of the document, and what that transaction changed (clause by clause, field by field, character
 * by character with its marks) is judged against the sender's rights (rules.ts). A refused update
 * never reaches the live document; the shadow, which it did reach, is rebuilt from the live one.
 * An update that depends on something the server has not seen cannot be judged: refused too.
 */
export class DraftGuard implements UpdateInspector {
  private shadow: Y.Doc | null = null
  private mirrored: Y.Doc | null = null
  /** While an admitted update is applied to the live document: the shadow has it already. */
  private admitting = false
  /**
   * The live document's other updates (server changes, peers' updates), not yet in the shadow: applied
   * on a later turn, or before the next inspection, so a large server change (a restore) does not
   * cost its own turn twice.
   */
  private behind: Uint8Array[] = []
  private catchUp: NodeJS.Immediate | null = null
  private readonly mirror = (update: Uint8Array) => {
    if (this.admitting || !this.shadow) return
    this.behind.push(update)
    // Two hops: the first lets the event loop poll (answer others) before the shadow catches up.
    this.catchUp ??= setImmediate(() => {
      this.catchUp = setImmediate(() => {
        this.catchUp = null
        this.applyBehind()
      })
    })
  }

  private applyBehind(): void {
    const shadow = this.shadow
    const updates = this.behind
    this.behind = []
    if (shadow) for (const update of updates) Y.applyUpdate(shadow, update, MIRROR_ORIGIN)
  }

  /** Counts the shadows made: an update admitted into an earlier one is not in the present one. */
  private made = 0

  /** The present shadow's number (taken when an update is admitted, for applyAdmitted). */
  get generation(): number {
    return this.made
  }

  /** Applies to the live document an update this guard admitted into shadow `generation` (still there: not mirrored again). */
  applyAdmitted(generation: number, apply: () => void): void {
    // The shadow must hold what the live document held before this update: only then is it "already there".
    if (generation !== this.made || !this.shadow || this.behind.length > 0) return apply()
    this.admitting = true
    try {
      apply()
    } finally {
      this.admitting = false
    }
  }

  inspect(from: Connection, update: Uint8Array, doc: Y.Doc): Verdict {
    const shadow = this.shadowOf(doc)
    this.applyBehind()
    const seen: { delta: DraftDelta | null; locks: ClauseLocks } = { delta: null, locks: NOTHING_LOCKED }
    const observe = (tr: Y.Transaction) => {
      if (tr.origin !== GUARD_ORIGIN) return
      seen.delta = analyzeTransaction(shadow, tr)
      seen.locks = clauseLocks(shadow, tr, seen.delta)
    }
    shadow.on('afterTransaction', observe)
    try {
      Y.applyUpdate(shadow, update, GUARD_ORIGIN)
    } catch (error) {
      this.reset()
      throw error
    } finally {
      shadow.off('afterTransaction', observe)
    }
    if (shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null) {
      this.reset()
      return { ok: false, code: CloseCode.CHANGE_FORBIDDEN, reason: 'an update that depends on changes the server has not seen' }
    }
    const found: DraftDelta = seen.delta ?? { draftKeys: new Set(), clauses: new Map(), elsewhere: false }
    const why = judge(found, actorOf(from), seen.locks)
    if (why) {
      this.reset()
      return { ok: false, code: CloseCode.CHANGE_FORBIDDEN, reason: why }
    }
    return { ok: true, delta: found }
  }

  /** Forgets the shadow (after a refusal it holds what the live document does not): rebuilt when next needed. */
  reset(): void {
    this.mirrored?.off('update', this.mirror)
    this.mirrored = null
    this.behind = []
    if (this.catchUp) clearImmediate(this.catchUp)
    this.catchUp = null
    this.shadow?.destroy()
    this.shadow = null
  }

  /** The shadow of the live document, kept equal to it by applying each of its updates. */
  private shadowOf(doc: Y.Doc): Y.Doc {
    if (this.shadow && this.mirrored === doc) return this.shadow
    this.reset()
    const shadow = new Y.Doc()
    this.made++
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(doc), MIRROR_ORIGIN)
    doc.on('update', this.mirror)
    this.shadow = shadow
    this.mirrored = doc
    return shadow
  }
}
