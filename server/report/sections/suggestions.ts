/**
 * The States' suggestions in a report: those open in the base revision (from its Y.Doc: the marks
 * are there, its stored rows keep only text; read once per revision), each clause's text with them as tracked runs, and,
 * from the record, those decided up to the base revision (after the compared one, if any), grouped
 * by State with their fate.
 */
import type { OpenSuggestion } from '../../../shared/draft/suggestions'
import type { AssembledSuggestion, SuggestedOp, SuggestionGroup } from '../../../shared/report/types'
import type { Found } from '../../services/revisionSuggestions'
import type { SuggestionRecord } from '../../storage/suggestions'
import { roleLabel, stateLabel } from '../writers/common/format'
import { type PeopleBook, ROLE_ORDER, byText } from './people'

export interface OpenInRevision {
  /** Per clause with open suggestions: its text as tracked runs. */
  readonly runs: ReadonlyMap<string, readonly SuggestedOp[]>
  readonly open: readonly (OpenSuggestion & { readonly clauseId: string })[]
}

/** The open suggestions a revision holds (read once per revision, see revisionSuggestions.ts), authors named. */
export function openInRevision(found: Found, people: PeopleBook): OpenInRevision {
  const runs = new Map<string, SuggestedOp[]>()
  const open: (OpenSuggestion & { clauseId: string })[] = []
  for (const [id, clause] of found) {
    runs.set(
      id,
      clause.runs.map((r) => ({
        op: r.op,
        text: r.text,
        author: r.suggestion ? (r.suggestion.state ? people.stateName(r.suggestion.state) : r.suggestion.name) : null,
        at: r.suggestion?.at ?? null,
        suggestion: r.suggestion?.id ?? null,
        state: r.suggestion?.state ?? null,
      })),
    )
    for (const s of clause.suggestions) open.push({ ...s, clauseId: id })
  }
  return { runs, open }
}

export interface SuggestionScope {
  /** The compared revision's time: decisions at or before it were reported then. */
  readonly after: string | null
  /** The base revision's time. */
  readonly upTo: string
  /** Clause ids in the base revision's order. */
  readonly order: readonly string[]
  readonly label: (clauseId: string) => string
}

/** Open and decided suggestions grouped by State (by name), then by role for people without one; each group in clause order, then by time. */
export async function suggestionGroups(open: OpenInRevision['open'], records: readonly SuggestionRecord[], scope: SuggestionScope, people: PeopleBook): Promise<SuggestionGroup[]> {
  const decided = records.filter((r) => r.status !== 'open' && r.decidedAt !== null && r.decidedAt <= scope.upTo && (scope.after === null || r.decidedAt > scope.after))
  // A decision recorded wins over marks a revision may still hold.
  const decidedIds = new Set(decided.map((r) => r.id))
  const all: AssembledSuggestion[] = []
  for (const s of open) {
    if (decidedIds.has(s.id)) continue
    const { id, clauseId, kind, inserted, deleted, at } = s
    all.push({ id, clauseId, clauseLabel: scope.label(clauseId), kind, inserted, deleted, by: await people.person(s.user, s.state), at, status: 'open', decidedBy: null, decidedAt: null, reason: null })
  }
  for (const r of decided) {
    const { id, clauseId, kind, inserted, deleted } = r
    const decidedBy = r.decidedBy ? await people.person(r.decidedBy, null) : null
    all.push({ id, clauseId, clauseLabel: scope.label(clauseId), kind, inserted, deleted, by: await people.person(r.userId, r.stateCode), at: r.suggestedAt, status: r.status, decidedBy, decidedAt: r.decidedAt, reason: r.reason })
  }
  const index = new Map(scope.order.map((id, i) => [id, i]))
  const place = (s: AssembledSuggestion) => index.get(s.clauseId) ?? scope.order.length
  all.sort((a, b) => place(a) - place(b) || byText(a.at, b.at) || byText(a.id, b.id))
  const groups = new Map<string, { sort: string; label: string; suggestions: AssembledSuggestion[] }>()
  for (const s of all) {
    const state = s.by.state
    const key = state ?? `role:${s.by.role}`
    const sort = state ? `0 ${people.stateName(state)} ${state}` : `1 ${ROLE_ORDER.indexOf(s.by.role)} ${s.by.role}`
    const group = groups.get(key) ?? { sort, label: state ? stateLabel(state, people.stateName(state)) : roleLabel(s.by.role), suggestions: [] }
    group.suggestions.push(s)
    groups.set(key, group)
  }
  return [...groups.entries()].sort((a, b) => byText(a[1].sort, b[1].sort)).map(([key, g]) => ({ key, label: g.label, suggestions: g.suggestions }))
}
