import { INSERTION, DELETION, type SuggestionAttrs, parseSuggestionAttrs } from '../../../shared/draft/suggestions'
import type { TextAccess } from '../../../shared/permissions'
import type { ClauseDelta, DraftDelta } from './changes'
import { type ClauseLocks, NOTHING_LOCKED } from './locks'
import { type Marks, sameValue } from './textRuns'

/** Who sends an update, as the guard needs to know them. */
export interface Actor {
  readonly userId: string
  readonly stateCode: string | null
  /** What the user may do to the text now (role, phase, the draft's text mode). */
  readonly access: TextAccess
  /** May accept and reject others' suggestions. */
  readonly mayDecide: boolean
  /** May change the draft's title. */
  readonly mayRename: boolean
  /** May add and delete clauses (clause.addRemove: rapporteur, chair, secretariat). */
  readonly mayAddRemove: boolean
}

const SUGGESTION_KEYS = [INSERTION, DELETION] as const

/** The suggestion a mark value names, or 'malformed' (any writer can write anything). */
function suggestionIn(marks: Marks, key: string): SuggestionAttrs | 'malformed' | null {
  if (!(key in marks)) return null
  return parseSuggestionAttrs(marks[key]) ?? 'malformed'
}

const own = (actor: Actor, s: SuggestionAttrs): boolean => s.user === actor.userId && s.state === actor.stateCode

/** Marks other than the suggestion marks, alike before and after. */
function sameOtherMarks(before: Marks, after: Marks): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) if (key !== INSERTION && key !== DELETION && !sameValue(before[key], after[key])) return false
  return true
}

/** Why the actor may not make this clause's changes, or null. */
function judgeClause(c: ClauseDelta, actor: Actor): string | null {
  const suggesting = actor.access === 'suggest'
  // Attribution, for everyone: a suggestion mark written now must be well formed and the sender's own.
  const written = (marks: Marks, before: Marks | null): string | null => {
    for (const key of SUGGESTION_KEYS) {
      const s = suggestionIn(marks, key)
      if (s === null || (before && sameValue(before[key], marks[key]))) continue
      if (s === 'malformed') return 'a malformed suggestion'
      if (!own(actor, s)) return "a suggestion in another's name"
    }
    return null
  }
  // A suggestion removed (its text or its mark): the author withdraws it, a decider decides it.
  const removed = (marks: Marks, after: Marks | null): string | null => {
    for (const key of SUGGESTION_KEYS) {
      const s = suggestionIn(marks, key)
      if (s === null || (after && sameValue(after[key], marks[key]))) continue
      if (s !== 'malformed' && !own(actor, s) && !actor.mayDecide) return "a decision on another's suggestion"
    }
    return null
  }
  if (suggesting) {
    if (c.created || c.removed) return c.created ? 'a clause added while suggesting' : 'a clause deleted while suggesting'
    if (c.fields.size > 0) return `the clause's ${[...c.fields].join(', ')} changed while suggesting`
    if (c.heading) return 'the heading edited while suggesting'
    if (c.structure) return 'paragraphs changed while suggesting'
  }
  for (const run of c.inserted) {
    const why = written(run.marks, null)
    if (why) return why
    if (suggesting) {
      const insertion = suggestionIn(run.marks, INSERTION)
      if (insertion === null || insertion === 'malformed' || DELETION in run.marks) return 'text added without a suggestion mark'
    }
  }
  for (const run of c.deleted) {
    const why = removed(run.marks, null)
    if (why) return why
    // Suggesting, text goes only as a withdrawal of one's insertion or a decision.
    if (suggesting && !(INSERTION in run.marks) && !(DELETION in run.marks && actor.mayDecide)) return 'text deleted instead of marked for deletion'
  }
  for (const run of c.reformatted) {
    const why = written(run.after, run.before) ?? removed(run.before, run.after)
    if (why) return why
    if (suggesting) {
      if (!sameOtherMarks(run.before, run.after)) return 'formatting changed while suggesting'
      // A deletion mark goes on plain text only: not on a suggested insertion (withdraw or decide it instead).
      if (DELETION in run.after && !sameValue(run.before[DELETION], run.after[DELETION]) && INSERTION in run.after) return 'a deletion suggested on a suggested insertion'
      if (INSERTION in run.after && !sameValue(run.before[INSERTION], run.after[INSERTION])) return 'existing text marked as an insertion'
      // Unmarking an insertion keeps its text: that is accepting it, even one's own.
      if (INSERTION in run.before && !(INSERTION in run.after) && !actor.mayDecide) return 'a suggested insertion accepted while suggesting'
    }
  }
  return null
}

/**
 * The draft guard's rules: why the actor may not make the changes of `delta`, or null when it may.
 * Everyone: suggestion marks only in one's own name, others' suggestions decided only by deciders,
 * the title only by who may rename. Suggesting (a delegate held to suggestions, or any writer during
 * a comment round but the rapporteur): text added only as one's insertion, removed only as one's
 * deletion mark (or withdrawing one's insertion), nothing else of the draft.
 */
/**
 * Reaching agreement, for everyone: agreed language (locked before this change) is not touched at
 * all, not even by a suggestion; a status is set over HTTP only (with who and why), so no client
 * writes one, nor adds a clause as agreed; clauses are added and deleted only by who may.
 */
function judgeAgreement(c: ClauseDelta, actor: Actor, locks: ClauseLocks): string | null {
  if (locks.before.has(c.clauseId)) return 'changes agreed language (the clause is locked until the chair or the secretariat reopens it)'
  if ((c.created || c.removed) && !actor.mayAddRemove) return c.created ? 'a clause added by someone who may only suggest one' : 'a clause deleted by someone who may not delete clauses'
  if (c.created && locks.after.has(c.clauseId)) return 'a clause added as agreed language'
  if (!c.created && !c.removed && c.fields.has('status')) return "a clause's status changed over the websocket (statuses are set over HTTP)"
  return null
}

export function judge(delta: DraftDelta, actor: Actor, locks: ClauseLocks = NOTHING_LOCKED): string | null {
  if (actor.access === 'read') return 'the text is read-only for this connection'
  for (const key of delta.draftKeys) {
    if (key === 'title' && !actor.mayRename) return "changes the draft's title"
    if (actor.access === 'suggest') return `changes the draft's ${key.slice(0, 40)} while suggesting`
  }
  if (delta.elsewhere && actor.access === 'suggest') return 'changes outside the clauses while suggesting'
  for (const c of delta.clauses.values()) {
    const why = judgeClause(c, actor) ?? judgeAgreement(c, actor, locks)
    if (why) return why
  }
  return null
}
