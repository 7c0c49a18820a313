/** The changes since the compared revision, each attributed to the State whose applied proposal made it, where that can be told. */
import { diffClauses } from '../../../shared/diff/clauses'
import type { AssembledChange, AssembledReport, AttributedOp } from '../../../shared/report/types'
import type { DraftEvent, ThreadRecord } from '../../storage/threads'
import type { PeopleBook } from './people'
import type { Revision } from './sources'

interface Applied {
  readonly state: string | null
  readonly text: string
  readonly at: string
}

/** Word-diff ops with their author: the State whose applied proposal brought the words in, where that can be told. */
function attribute(ops: readonly { op: AttributedOp['op']; text: string }[], applied: readonly Applied[], baseAt: string): AttributedOp[] {
  const states = new Set(applied.map((a) => a.state))
  const only = states.size === 1 ? applied[0] : undefined
  const byText = (text: string) => {
    const needle = text.trim()
    return needle ? applied.find((a) => a.text.includes(needle)) : undefined
  }
  const out: AttributedOp[] = []
  for (const [i, op] of ops.entries()) {
    if (op.op === 'equal') {
      out.push({ op: op.op, text: op.text, author: null, at: null })
      continue
    }
    // A deletion goes with the insertion that replaces it.
    const next = op.op === 'delete' && ops[i + 1]?.op === 'insert' ? ops[i + 1] : undefined
    const source = (op.op === 'insert' ? byText(op.text) : next ? byText(next.text) : undefined) ?? only
    out.push({ op: op.op, text: op.text, author: source?.state ?? null, at: source?.at ?? baseAt })
  }
  return out
}

/** Per clause, the proposals applied between the two revisions. */
function appliedProposals(events: readonly DraftEvent[], threads: readonly ThreadRecord[], compareAt: string, baseAt: string, people: PeopleBook): Map<string, Applied[]> {
  const threadById = new Map(threads.map((t) => [t.id, t]))
  const applied = new Map<string, Applied[]>()
  for (const e of events) {
    if (e.type !== 'proposal.applied' || !e.clauseId || !e.threadId) continue
    if (e.at <= compareAt || e.at > baseAt) continue
    const thread = threadById.get(e.threadId)
    if (!thread?.proposal) continue
    const list = applied.get(e.clauseId) ?? []
    list.push({ state: thread.authorState ? people.stateName(thread.authorState) : null, text: thread.proposal.text, at: e.at })
    applied.set(e.clauseId, list)
  }
  return applied
}

export function changesSince(compare: Revision, base: Revision, events: readonly DraftEvent[], threads: readonly ThreadRecord[], people: PeopleBook): NonNullable<AssembledReport['changes']> {
  const baseAt = base.meta.createdAt
  const applied = appliedProposals(events, threads, compare.meta.createdAt, baseAt, people)
  const diff = diffClauses(compare.clauses, base.clauses)
  const changed: AssembledChange[] = []
  // A removed clause remembers the clause it followed, so the provisions can show it in its place.
  let lastKept: string | null = null
  // The open suggestions are the suggestions section's and the provisions' (stored revisions' clauses hold none).
  for (const { suggestionsBefore: _before, suggestionsAfter: _after, ...d } of diff.clauses) {
    const removed = d.changes.includes('removed')
    if (d.changes.length > 0) {
      const sources = applied.get(d.id) ?? []
      changed.push({ ...d, follows: removed ? lastKept : null, heading: attribute(d.heading, sources, baseAt), body: attribute(d.body, sources, baseAt) })
    }
    if (!removed) lastKept = d.id
  }
  return { summary: diff.summary, clauses: changed }
}
