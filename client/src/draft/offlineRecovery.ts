import * as Y from 'yjs'
import type { DraftDetail } from '../../../shared/api'
import { type ClauseView, readClauses } from '../../../shared/draft/ydoc'
import type { NewThread } from '../api/threads'

/**
 * After the server refused what this browser sent (4422), what of the local copy differs from the
 * server's text, clause by clause, and how it is kept: a proposal thread by the user on each
 * changed clause, a comment on the nearest clause for a clause added here. Pure: session.ts does
 * the fetching, recoverRefused.ts the requests.
 */

/** A clause the user changed here (text or heading) that the server still has. */
export interface ChangedClause {
  readonly kind: 'changed'
  readonly clauseId: string
  readonly label: string
  readonly heading: string | null
  readonly text: string | null
}

/** A clause the user added here; kept as a comment on `nearClauseId` (null when the server has no clause at all). */
export interface AddedClause {
  readonly kind: 'added'
  readonly nearClauseId: string | null
  readonly nearLabel: string | null
  readonly after: boolean
  readonly heading: string
  readonly text: string
}

/** A clause the user deleted here; nothing to keep, the notice says so. */
export interface DeletedClause {
  readonly kind: 'deleted'
  readonly clauseId: string
  readonly label: string
}

export type RefusedChange = ChangedClause | AddedClause | DeletedClause

type Comparable = Pick<ClauseView, 'id' | 'label' | 'heading' | 'text'>

/**
 * The differences of `local` (the refused copy, merged with the server's state) from `server`, in
 * the local order. `text` is the base text (open suggestions not applied): a suggestion is not a
 * direct change, and the proposal carries the wording without anyone's pending marks.
 */
export function refusedChanges(local: readonly Comparable[], server: readonly Comparable[]): RefusedChange[] {
  const onServer = new Map(server.map((c) => [c.id, c]))
  const here = new Set(local.map((c) => c.id))
  const changes: RefusedChange[] = []
  local.forEach((clause, index) => {
    const theirs = onServer.get(clause.id)
    if (theirs) {
      const heading = clause.heading !== theirs.heading ? clause.heading : null
      const text = clause.text !== theirs.text ? clause.text : null
      if (heading !== null || text !== null) changes.push({ kind: 'changed', clauseId: clause.id, label: theirs.label, heading, text })
      return
    }
    if (clause.heading.trim() === '' && clause.text.trim() === '') return // an empty clause added here: nothing to keep
    changes.push({ kind: 'added', ...nearest(local, index, onServer), heading: clause.heading, text: clause.text })
  })
  for (const clause of server) if (!here.has(clause.id)) changes.push({ kind: 'deleted', clauseId: clause.id, label: clause.label })
  return changes
}

/**
 * What the refused local copy changes on the server's current state: their union (the server's
 * state plus whatever the local copy has beyond it) compared with the server's, so that what others
 * changed meanwhile and this copy has not seen yet is not mistaken for the user's change.
 */
export function refusedChangesOf(local: Y.Doc, server: Y.Doc): RefusedChange[] {
  const merged = new Y.Doc()
  try {
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(server))
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(local))
    return refusedChanges(readClauses(merged), readClauses(server))
  } finally {
    merged.destroy()
  }
}

/** The closest clause before `index` that the server has, else the closest after it. */
function nearest(local: readonly Comparable[], index: number, onServer: ReadonlyMap<string, Comparable>): Pick<AddedClause, 'nearClauseId' | 'nearLabel' | 'after'> {
  const known = (clause: Comparable) => onServer.get(clause.id)
  const before = local.slice(0, index).reverse().map(known).find((c) => c !== undefined)
  if (before) return { nearClauseId: before.id, nearLabel: before.label, after: true }
  const after = local.slice(index + 1).map(known).find((c) => c !== undefined)
  if (after) return { nearClauseId: after.id, nearLabel: after.label, after: false }
  return { nearClauseId: null, nearLabel: null, after: true }
}

/** The comment's first words: "Typed offline" for a change made with the socket down, else (a race with a mode change) "Typed". */
const typed = (offline: boolean) => (offline ? 'Typed offline' : 'Typed')

export const keptNote = (offline: boolean) => `${typed(offline)} while the text could not be changed directly; kept as a proposal.`

/**
 * The threads that keep the refused wording: a proposal on each clause whose text changed (the
 * heading, which a proposal cannot carry, quoted in its comment); a plain comment when only the
 * heading changed or the text was emptied (a proposal needs wording) and for each added clause on
 * its nearest clause (a proposal there would replace that clause's text if applied).
 */
export function keepingThreads(changes: readonly RefusedChange[], offline: boolean): { readonly change: RefusedChange; readonly thread: NewThread }[] {
  const threads: { change: RefusedChange; thread: NewThread }[] = []
  for (const change of changes) {
    if (change.kind === 'changed') {
      const heading = change.heading === null ? '' : `\n\nHeading typed: “${change.heading}”`
      if (change.text !== null && change.text.trim() !== '') {
        threads.push({ change, thread: { clauseId: change.clauseId, body: keptNote(offline) + heading, proposal: { text: change.text } } })
      } else {
        const emptied = change.text !== null ? '\n\nThe text was deleted.' : ''
        threads.push({ change, thread: { clauseId: change.clauseId, body: `${typed(offline)} while the text could not be changed directly; kept as a comment.${heading}${emptied}` } })
      }
    } else if (change.kind === 'added' && change.nearClauseId) {
      const where = `${change.after ? 'after' : 'before'} ${change.nearLabel ?? 'this clause'}`
      const heading = change.heading.trim() ? `\n\nHeading: “${change.heading}”` : ''
      const text = change.text.trim() ? `\n\n${change.text}` : ''
      threads.push({ change, thread: { clauseId: change.nearClauseId, body: `A new clause ${where}, ${typed(offline).toLowerCase()} while the text could not be changed directly; kept as a comment.${heading}${text}` } })
    }
  }
  return threads
}

/** "Article 3", "Article 3 and Article 5", "Preamble, Article 3 and Article 5". */
export function listLabels(labels: readonly string[]): string {
  const unique = [...new Set(labels)]
  if (unique.length <= 1) return unique[0] ?? ''
  return `${unique.slice(0, -1).join(', ')} and ${unique.at(-1) ?? ''}`
}

/** Why a direct change is not allowed now, in the words of the notice. */
export function refusalReason(draft: Pick<DraftDetail, 'phase' | 'textMode' | 'access'> | null): string {
  if (!draft) return 'the server did not accept them'
  if (draft.phase === 'closed') return 'the draft is now closed'
  if (draft.phase === 'consultation' && !draft.access.canEdit) return 'the draft is now in a comment round'
  if (draft.textMode === 'suggest' && !draft.access.canEdit) return 'the draft is now in suggest mode'
  return 'your role may not make them'
}

export interface RecoveryOutcome {
  readonly changes: readonly RefusedChange[]
  /** The changes kept in a thread (the request succeeded). */
  readonly kept: readonly RefusedChange[]
  /** The user may open proposal threads now (no kept change otherwise). */
  readonly canPropose: boolean
  readonly offline: boolean
  readonly draft: Pick<DraftDetail, 'phase' | 'textMode' | 'access'> | null
}

const labelOf = (change: RefusedChange): string =>
  change.kind === 'added' ? `a new clause ${change.after ? 'after' : 'before'} ${change.nearLabel ?? 'the text'}` : change.label

/** The notice the user reads once the session resumed from the server's text. */
export function recoveryNotice(outcome: RecoveryOutcome): string {
  const yours = outcome.offline ? 'Your offline changes' : 'Your latest changes'
  const reason = refusalReason(outcome.draft)
  const changes = outcome.changes
  if (changes.length === 0) return `${yours} could not be applied: ${reason}. The draft now shows the saved text.`
  const head = `${yours} to ${listLabels(changes.map(labelOf))} could not be applied: ${reason}.`
  const kept = new Set(outcome.kept)
  const lost = changes.filter((c) => !kept.has(c))
  const keptSentence =
    outcome.kept.length === 0
      ? ''
      : outcome.kept.length === changes.length
        ? outcome.kept.every((c) => c.kind === 'changed' && c.text !== null && c.text.trim() !== '')
          ? ' They are kept as proposals in the comment threads.'
          : ' They are kept in the comment threads.'
        : ` ${listLabels(outcome.kept.map(labelOf))}: kept in the comment threads.`
  const lostWhy = !outcome.canPropose ? 'could not be kept, as you may not propose wording now' : lost.every((c) => c.kind === 'deleted') ? 'a deletion cannot be kept as a proposal' : 'could not be kept'
  const lostSentence = lost.length === 0 ? '' : ` ${listLabels(lost.map(labelOf))}: ${lostWhy}.`
  return `${head}${keptSentence}${lostSentence}`
}
