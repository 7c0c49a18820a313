/**
 * Assembles the rapporteur's report from the database: the base revision's provisions, the changes
 * since the compared revision (each change attributed to the State whose applied proposal made it,
 * where that can be told), the included threads grouped by State, proposals and their fate, the
 * States' positions, the suggestions by State and their fate (the open ones also in the provisions'
 * text) and the comment history. The result is plain JSON in a fixed order: the same
 * stored data always gives the same report. Each section is built in sections/.
 */
import type { AssembledClause, AssembledReport, OtherClauseComments, ReportInput, RevisionRef } from '../../shared/report/types'
import type { RevisionMeta } from '../storage/revisions'
import type { Draft, Storage } from '../storage/Storage'
import type { ThreadRecord } from '../storage/threads'
import { annexEntries } from './sections/annex'
import { reportStatements } from './sections/statements'
import { changesSince } from './sections/changes'
import { type GroupLayout, type ViewContext, groupViews, layoutGroups, numberComments } from './sections/comments'
import { reportCounts } from './sections/counts'
import { PeopleBook, byText, byTime } from './sections/people'
import { currentPositions, positionsOf } from './sections/positions'
import { includedThreads, revision, scopeOf } from './sections/sources'
import { revisionSuggestions } from '../services/revisionSuggestions'
import { openInRevision, suggestionGroups } from './sections/suggestions'

export { MissingRevisionError } from './sections/sources'

export interface AssembleMeta {
  /** Null for an unsaved preview. */
  readonly reportId: string | null
  readonly version: number | null
  readonly versionAt: string
  readonly authorId: string
  /** The symbol this version bears, already resolved (typed or automatic); absent: none. */
  readonly symbol?: string | null
}

const revisionRef = (meta: RevisionMeta): RevisionRef => ({ number: meta.number, label: meta.label, createdAt: meta.createdAt })

/** Threads on clauses the base revision does not hold, oldest first; each named after the last revision that held it. */
async function otherClauses(storage: Storage, draftId: string, threadsByClause: ReadonlyMap<string, ThreadRecord[]>, baseIds: ReadonlySet<string>) {
  const ids = [...threadsByClause.keys()].filter((id) => !baseIds.has(id))
  ids.sort((a, b) => byTime(threadsByClause.get(a)?.[0] ?? { createdAt: '' }, threadsByClause.get(b)?.[0] ?? { createdAt: '' }) || byText(a, b))
  const out: { clauseId: string; label: string; heading: string }[] = []
  for (const clauseId of ids) {
    const known = (await storage.revisions.clauseVersions(draftId, clauseId)).at(-1)
    out.push({ clauseId, label: known ? `${known.clause.label} of revision ${known.revision}` : 'Provision not in any revision', heading: known?.clause.heading ?? '' })
  }
  return out
}

/** Assembles the report; revisions and rounds must exist (the service checks and answers 400 otherwise). */
export async function assembleReport(storage: Storage, draft: Draft, input: ReportInput, meta: AssembleMeta): Promise<AssembledReport> {
  const base = await revision(storage, draft.id, input.baseRevision, 'baseRevision')
  const compare = input.compareTo === null ? null : await revision(storage, draft.id, input.compareTo, 'compareTo')
  const [memberStates, allRounds, allThreads, positionHistory, events, suggestionRecords, baseSuggestions] = await Promise.all([
    storage.listMemberStates(),
    storage.threads.listRounds(draft.id),
    storage.threads.listThreads(draft.id),
    storage.threads.positionHistory(draft.id),
    storage.threads.listEvents(draft.id),
    storage.suggestions.list(draft.id, {}),
    revisionSuggestions(storage.revisions, draft.id, input.baseRevision),
  ])
  const people = new PeopleBook(storage, new Map(memberStates.map((s) => [s.code, s.name])))
  const inScope = scopeOf(input, base.meta.createdAt)
  const included = await includedThreads(storage, allThreads, inScope)
  const baseIds = new Set(base.clauses.map((c) => c.id))
  const threadsByClause = new Map<string, ThreadRecord[]>()
  for (const t of included.threads) threadsByClause.set(t.clauseId, [...(threadsByClause.get(t.clauseId) ?? []), t])

  // The comments: laid out clause by clause (the base revision's, then the others), numbered in that order, then viewed.
  const others = await otherClauses(storage, draft.id, threadsByClause, baseIds)
  const layouts = new Map<string, GroupLayout[]>()
  for (const id of [...base.clauses.map((c) => c.id), ...others.map((o) => o.clauseId)]) layouts.set(id, await layoutGroups(threadsByClause.get(id) ?? [], people))
  const commentNumbers = numberComments([...layouts.values()], included.comments)
  const views: ViewContext = { people, comments: included.comments, numbers: commentNumbers, roundName: new Map(allRounds.map((r) => [r.id, r.name])) }
  const groupsOf = (clauseId: string) => groupViews(layouts.get(clauseId) ?? [], views)

  const positions = currentPositions(positionHistory, inScope, baseIds)
  const open = openInRevision(baseSuggestions, people)
  const clauses: AssembledClause[] = []
  for (const c of base.clauses) {
    const { id, kind, number, label, heading, status, text, refText } = c
    const suggested = open.runs.get(id)
    clauses.push({ id, kind, number, label, heading, status, text, ...(suggested ? { suggested } : {}), ...(refText ? { refText } : {}), groups: await groupsOf(id), positions: positionsOf(positions, id, people) })
  }
  const otherComments: OtherClauseComments[] = []
  for (const o of others) otherComments.push({ ...o, groups: await groupsOf(o.clauseId) })

  const changes = compare ? changesSince(compare, base, events, allThreads, people) : null
  const baseLabels = new Map(base.clauses.map((c) => [c.id, c.label]))
  const otherLabels = new Map(others.map((o) => [o.clauseId, o.label]))
  const annex = await annexEntries(events, { included, inScope, baseIds, clauseLabel: (id) => baseLabels.get(id) ?? otherLabels.get(id) ?? null, commentNumbers, people })
  const roundIds = input.rounds ? new Set(input.rounds) : null
  const suggestions = await suggestionGroups(open.open, suggestionRecords, {
    after: compare?.meta.createdAt ?? null,
    upTo: base.meta.createdAt,
    order: base.clauses.map((c) => c.id),
    label: (id) => baseLabels.get(id) ?? otherLabels.get(id) ?? `Provision not in revision ${base.meta.number}`,
  }, people)

  return {
    formatVersion: 3,
    reportId: meta.reportId,
    version: meta.version,
    versionAt: meta.versionAt,
    author: await people.person(meta.authorId, null),
    title: input.title,
    session: input.session,
    place: input.place,
    date: input.date,
    symbol: meta.symbol ?? null,
    sections: input.sections.map((s) => ({ heading: s.heading, body: s.body })),
    draft: { id: draft.id, title: base.meta.title || draft.title },
    base: revisionRef(base.meta),
    compare: compare ? revisionRef(compare.meta) : null,
    rounds: roundIds ? allRounds.filter((r) => roundIds.has(r.id)).map((r) => ({ id: r.id, name: r.name, deadline: r.deadline, openedAt: r.openedAt, closedAt: r.closedAt })) : null,
    clauses,
    changes,
    otherComments,
    suggestions,
    annex,
    // On record as of this version (a statement may follow the revision the report is built from).
    statements: await reportStatements(storage, draft.id, meta.versionAt, (id) => baseLabels.get(id) ?? otherLabels.get(id) ?? null, people),
    counts: reportCounts(clauses, otherComments, positions.length, changes, suggestions),
  }
}
