import type * as Y from 'yjs'
import { CloseCode, type CloseCodeValue } from '../../shared/closeCodes'
import type { Config } from '../config'
import { type UpdateCost, type UpdateLimits, exceededLimit, measureUpdate } from './updateCost'

/** The limits a room enforces: those of Config (see the README's configuration table). */
export type CostLimits = Pick<
  Config,
  'updateMaxStructs' | 'updateMaxDeleteRanges' | 'updateMaxChars' | 'updateMaxItemChars' | 'updateMaxSplits' | 'updateBudgetMinutes' | 'updatesPerMinute' | 'draftMaxBytes' | 'draftMaxItems'
>

export type Inspection = { readonly ok: true; readonly cost: UpdateCost } | { readonly ok: false; readonly code: CloseCodeValue; readonly reason: string }

const MINUTE_MS = 60_000
type Dimension = 'updates' | 'structs' | 'deleteRanges' | 'chars' | 'splits'
const DIMENSIONS: readonly Dimension[] = ['updates', 'structs', 'deleteRanges', 'chars', 'splits']

/** A token bucket per dimension: a minute's worth refills continuously, so bursts are allowed and sustained load is not. */
class MinuteBudget {
  private readonly tokens: Record<Dimension, number>
  private at: number

  constructor(
    private readonly capacity: Readonly<Record<Dimension, number>>,
    now: number,
  ) {
    this.tokens = { ...capacity }
    this.at = now
  }

  /** Takes the cost if every dimension can pay it; else takes nothing and names the one that cannot. */
  take(cost: Readonly<Record<Dimension, number>>, now: number): Dimension | null {
    const elapsed = Math.max(0, now - this.at)
    this.at = now
    for (const d of DIMENSIONS) this.tokens[d] = Math.min(this.capacity[d], this.tokens[d] + (this.capacity[d] * elapsed) / MINUTE_MS)
    const short = DIMENSIONS.find((d) => cost[d] > this.tokens[d])
    if (short) return short
    for (const d of DIMENSIONS) this.tokens[d] -= cost[d]
    return null
  }
}

/**
 * The inspection point of a room: every client update is measured here before it is applied, and
 * refused (nothing applied, stored or broadcast) when it is too costly in itself, would make the
 * draft too large, or passes its sender's budget for the minute. The draft guard's permission
 * check belongs beside it.
 */
export class UpdateGuard {
  readonly updateLimits: UpdateLimits
  private bytes = 0
  private items = 0
  private readonly budgets = new WeakMap<object, MinuteBudget>()
  private readonly capacity: Readonly<Record<Dimension, number>>

  constructor(
    readonly limits: CostLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.updateLimits = {
      maxStructs: limits.updateMaxStructs,
      maxDeleteRanges: limits.updateMaxDeleteRanges,
      maxChars: limits.updateMaxChars,
      maxItemLength: limits.updateMaxItemChars,
      maxSplits: limits.updateMaxSplits,
    }
    const m = limits.updateBudgetMinutes
    this.capacity = {
      updates: limits.updatesPerMinute,
      structs: limits.updateMaxStructs * m,
      deleteRanges: limits.updateMaxDeleteRanges * m,
      chars: limits.updateMaxChars * m,
      splits: limits.updateMaxSplits * m,
    }
  }

  /** The draft's size as last measured (bytes: an upper bound between compactions). */
  get size(): { readonly bytes: number; readonly items: number } {
    return { bytes: this.bytes, items: this.items }
  }

  /** Sets the draft's size after a load or a compaction measured it. */
  measured(bytes: number, items: number): void {
    this.bytes = bytes
    this.items = items
  }

  /** Inspects a client's update (`from`: its connection, whose minute budget pays for it). Throws on a malformed update. */
  inspect(from: object, update: Uint8Array, doc: Y.Doc): Inspection {
    const verdict = this.inspectStored(update, doc)
    if (!verdict.ok) return verdict
    const { cost } = verdict
    let budget = this.budgets.get(from)
    if (!budget) {
      budget = new MinuteBudget(this.capacity, this.now())
      this.budgets.set(from, budget)
    }
    const short = budget.take({ updates: 1, structs: cost.structs, deleteRanges: cost.deleteRanges, chars: cost.chars, splits: cost.splits }, this.now())
    if (short) return { ok: false, code: CloseCode.UPDATE_RATE_EXCEEDED, reason: `the connection's budget of ${short} per minute is spent` }
    return verdict
  }

  /** The per-update and per-draft checks alone (also for a stored log being loaded). */
  inspectStored(update: Uint8Array, doc: Y.Doc): Inspection {
    const cost = measureUpdate(update, doc)
    const over = exceededLimit(cost, this.updateLimits)
    if (over) return { ok: false, code: CloseCode.UPDATE_TOO_COSTLY, reason: `an update of ${over}` }
    // A pure deletion may still pass a full draft's byte limit: it is how the draft gets smaller.
    if (cost.structs > 0 && this.bytes + cost.bytes > this.limits.draftMaxBytes) {
      return { ok: false, code: CloseCode.DRAFT_TOO_LARGE, reason: `the draft would pass ${this.limits.draftMaxBytes} bytes` }
    }
    if (this.items + cost.newItems > this.limits.draftMaxItems) {
      return { ok: false, code: CloseCode.DRAFT_TOO_LARGE, reason: `the draft would pass ${this.limits.draftMaxItems} items` }
    }
    return { ok: true, cost }
  }

  /** Counts an applied update into the draft's size. */
  admit(cost: UpdateCost): void {
    this.bytes += cost.bytes
    this.items += cost.newItems
  }
}
