import * as Y from 'yjs'
import { diffClause, diffClauses, movedIds } from '../../shared/diff/clauses'
import { clauseSnapshots } from '../../shared/diff/snapshot'
import type { ClauseSnapshot } from '../../shared/diff/types'
import { clausesMap, readTitle } from '../../shared/draft/ydoc'
import { roundRevisionLabel } from '../../shared/report/defaults'
import type {
  ClauseHistory,
  ClauseHistoryEntry,
  DiffEndpoint,
  DraftDiff,
  RestoreResult,
  RevisionDetail,
  RevisionSummary,
} from '../../shared/revisions'
import type { AppContext } from '../context'
import { notFound } from '../errors'
import type { RevisionMeta } from '../storage/revisions'
import type { Draft, User } from '../storage/Storage'
import { loadStoredDoc } from './drafts'
import { revisionRefTexts, withRefText } from './revisionReferences'
import { revisionSuggestions, withFound } from './revisionSuggestions'
import { restoreClause, restoreDraft } from './restore'
import { refuseUnderSilence } from './silence'
import { keepStatuses, refuseLockedRewrite, statusesOf } from './clauseLocks'

export function revisionSummary(meta: RevisionMeta): RevisionSummary {
  return {
    number: meta.number,
    label: meta.label,
    title: meta.title,
    createdAt: meta.createdAt,
    createdBy: { id: meta.createdBy, displayName: meta.createdByName },
    clauseCount: meta.clauseCount,
  }
}

/** Reads the draft's document: the live one when it is open, else a copy loaded from storage. */
async function readDoc<T>(ctx: AppContext, draftId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const live = ctx.collab.loadedDoc(draftId)
  const doc = live ?? (await loadStoredDoc(ctx.storage, draftId))
  try {
    return read(doc)
  } finally {
    if (!live) doc.destroy()
  }
}

/** The live draft's clauses as a revision would keep them. */
export function currentClauses(ctx: AppContext, draft: Draft): Promise<ClauseSnapshot[]> {
  return readDoc(ctx, draft.id, clauseSnapshots)
}

/**
 * Saves the draft as it is now (the live document when open) as the next numbered revision: the
 * Yjs state, to restore from, and the rendered clauses, to list and compare. Callers check
 * permissions (`revision.create`); comment rounds call this when they open and close.
 */
export async function saveRevision(ctx: AppContext, draft: Draft, user: User, label: string): Promise<RevisionSummary> {
  const snapshot = await readDoc(ctx, draft.id, (doc) => ({
    state: Y.encodeStateAsUpdate(doc),
    clauses: clauseSnapshots(doc),
    title: readTitle(doc) || draft.title,
  }))
  const meta = await ctx.storage.revisions.createRevision({ draftId: draft.id, label, createdBy: user.id, ...snapshot })
  ctx.log.info({ draftId: draft.id, revision: meta.number, user: user.username }, 'revision saved')
  ctx.search.revisionSaved(draft.id, meta.number)
  return revisionSummary(meta)
}

export async function listRevisions(ctx: AppContext, draft: Draft): Promise<RevisionSummary[]> {
  return (await ctx.storage.revisions.listRevisions(draft.id)).map(revisionSummary)
}

/** A revision's clauses with their open suggestions (the stored rows keep only text), or null. */
async function revisionClauses(ctx: AppContext, draftId: string, number: number): Promise<ClauseSnapshot[] | null> {
  const [clauses, found, refTexts] = await Promise.all([ctx.storage.revisions.revisionClauses(draftId, number), revisionSuggestions(ctx.storage.revisions, draftId, number), revisionRefTexts(ctx.storage.revisions, draftId, number)])
  return clauses && clauses.map((c) => withRefText(withFound(c, found), refTexts))
}

async function revisionMeta(ctx: AppContext, draft: Draft, number: number): Promise<RevisionMeta> {
  const meta = await ctx.storage.revisions.getRevision(draft.id, number)
  if (!meta) throw notFound('Revision')
  return meta
}

export async function revisionDetail(ctx: AppContext, draft: Draft, number: number): Promise<RevisionDetail> {
  const meta = await revisionMeta(ctx, draft, number)
  const clauses = await revisionClauses(ctx, draft.id, number)
  if (!clauses) throw notFound('Revision')
  return { ...revisionSummary(meta), clauses }
}

const revisionEndpoint = (meta: RevisionMeta): DiffEndpoint => ({ kind: 'revision', number: meta.number, label: meta.label, createdAt: meta.createdAt })

/** One side of a comparison: a revision number, the live draft, or what the user last saw. */
export type DiffSide = number | 'current' | 'seen'

async function side(ctx: AppContext, draft: Draft, user: User, which: DiffSide): Promise<{ endpoint: DiffEndpoint; clauses: readonly ClauseSnapshot[] }> {
  if (which === 'current') return { endpoint: { kind: 'current', at: new Date().toISOString() }, clauses: await currentClauses(ctx, draft) }
  if (which === 'seen') {
    const seen = await ctx.storage.revisions.getSeen(user.id, draft.id)
    if (!seen) throw notFound('Earlier visit')
    return { endpoint: { kind: 'seen', at: seen.seenAt }, clauses: seen.clauses }
  }
  const meta = await revisionMeta(ctx, draft, which)
  const clauses = await revisionClauses(ctx, draft.id, which)
  if (!clauses) throw notFound('Revision')
  return { endpoint: revisionEndpoint(meta), clauses }
}

/** Compares two states of the draft clause by clause; `changesOnly` drops the unchanged clauses (the summary still counts them). */
export async function diffDraft(ctx: AppContext, draft: Draft, user: User, from: DiffSide, to: DiffSide, changesOnly = false): Promise<DraftDiff> {
  const [a, b] = await Promise.all([side(ctx, draft, user, from), side(ctx, draft, user, to)])
  const diff = diffClauses(a.clauses, b.clauses)
  return {
    draftId: draft.id,
    from: a.endpoint,
    to: b.endpoint,
    summary: diff.summary,
    clauses: changesOnly ? diff.clauses.filter((c) => c.changes.length > 0) : diff.clauses,
  }
}

/** Remembers the draft as it is now as what the user last saw ("since your last visit"). */
export async function markSeen(ctx: AppContext, draft: Draft, user: User): Promise<{ seenAt: string }> {
  const seenAt = new Date().toISOString()
  await ctx.storage.revisions.setSeen(user.id, draft.id, { seenAt, clauses: await currentClauses(ctx, draft) })
  return { seenAt }
}

/**
 * Restores one clause, or the whole draft, from a revision into the live document as a new change
 * (persisted, then broadcast to everyone editing). Callers check `revision.restore`.
 */
export async function restoreRevision(ctx: AppContext, draft: Draft, user: User, number: number, clauseId?: string): Promise<RestoreResult> {
  await refuseUnderSilence(ctx, draft.id)
  const state = await ctx.storage.revisions.revisionState(draft.id, number)
  if (!state) throw notFound('Revision')
  const source = new Y.Doc()
  try {
    Y.applyUpdate(source, state)
    // Checked before loading the live draft: a missing clause changes nothing.
    if (clauseId !== undefined && !(clausesMap(source).get(clauseId) instanceof Y.Map)) throw notFound('Clause')
    const changed = await ctx.collab.withDoc(draft.id, (doc) => {
      const restore = (into: Y.Doc) => (clauseId !== undefined ? void restoreClause(into, source, clauseId) : restoreDraft(into, source))
      // Agreed language is not restored over (409 clause_locked), and statuses have owners: they stay.
      refuseLockedRewrite(doc, restore)
      const statuses = statusesOf(doc)
      const before = clauseSnapshots(doc)
      restore(doc)
      keepStatuses(doc, statuses)
      return diffClauses(before, clauseSnapshots(doc))
        .clauses.filter((c) => c.changes.length > 0)
        .map((c) => c.id)
    }, user)
    ctx.log.info({ draftId: draft.id, revision: number, clauseId: clauseId ?? null, user: user.username, changed: changed.length }, 'revision restored')
    return { revision: number, clauseId: clauseId ?? null, changed }
  } finally {
    source.destroy()
  }
}

/**
 * The revisions in which a clause changed, each with its diff against the revision before, then
 * the live draft against the last revision. Oldest first.
 */
export async function clauseHistory(ctx: AppContext, draft: Draft, clauseId: string): Promise<ClauseHistory> {
  const store = ctx.storage.revisions
  const [metas, versions, current] = await Promise.all([store.listRevisions(draft.id), store.clauseVersions(draft.id, clauseId), currentClauses(ctx, draft)])
  const inCurrent = current.find((c) => c.id === clauseId) ?? null
  if (versions.length === 0 && !inCurrent) throw notFound('Clause')
  const byRevision = new Map(versions.map((v) => [v.revision, v.clause]))
  const points: { endpoint: DiffEndpoint; clause: ClauseSnapshot | null; order: () => Promise<string[]> }[] = []
  for (const meta of metas) {
    const stored = byRevision.get(meta.number)
    // One revision's state at a time: each can be large.
    const clause = stored ? withRefText(withFound(stored, await revisionSuggestions(store, draft.id, meta.number)), await revisionRefTexts(store, draft.id, meta.number)) : null
    points.push({ endpoint: revisionEndpoint(meta), clause, order: async () => (await store.revisionOrder(draft.id, meta.number)) ?? [] })
  }
  points.push({ endpoint: { kind: 'current', at: new Date().toISOString() }, clause: inCurrent, order: async () => current.map((c) => c.id) })
  const entries: ClauseHistoryEntry[] = []
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1]
    const after = points[i]
    if (!before || !after || (!before.clause && !after.clause)) continue
    // Order matters only when the clause is on both sides (was it moved?).
    const moved = before.clause && after.clause ? movedIds(await before.order(), await after.order()).has(clauseId) : false
    const diff = diffClause(before.clause, after.clause, moved)
    if (diff.changes.length > 0) entries.push({ from: before.endpoint, to: after.endpoint, diff })
  }
  return { clauseId, entries }
}

/**
 * The hook comment rounds run when a round opens or closes: saves a revision labelled after the
 * round, e.g. `Comment round "Second reading" opened`.
 */
export async function revisionOnRound(ctx: AppContext, draft: Draft, user: User, round: { readonly name: string }, what: 'opened' | 'closed'): Promise<void> {
  // The report builder finds the round's revision by this label (shared/report/defaults.ts).
  await saveRevision(ctx, draft, user, roundRevisionLabel(round.name, what))
}
