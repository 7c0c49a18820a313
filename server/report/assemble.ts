/**
 * Assembles the rapporteur's report from the database: the base revision's provisions, the changes
 * since the compared revision (each change attributed to the State whose applied proposal made it,
 * where that can be told), the included threads grouped by State, proposals and their fate, the
 * States' positions and the comment history. The result is plain JSON in a fixed order: the same
 * stored data always gives the same report.
 */
import { diffClauses } from '../../shared/diff/clauses'
import type { ClauseSnapshot } from '../../shared/diff/types'
import { roleLabel, stanceLabel, stateLabel } from './writers/common/format'
import type {
  AnnexEntry,
  AssembledChange,
  AssembledClause,
  AssembledComment,
  AssembledReport,
  AssembledThread,
  AttributedOp,
  ClausePositions,
  CommentGroup,
  OtherClauseComments,
  ReportCounts,
  ReportInput,
  ReportPerson,
  RevisionRef,
} from '../../shared/report/types'
import { ANNEX_EVENT_TYPES } from '../../shared/report/types'
import { STANCES, type Stance, consensusSummary } from '../../shared/threadsApi'
import type { RevisionMeta } from '../storage/revisions'
import type { Draft, Storage } from '../storage/Storage'
import type { CommentRecord, CommentVersion, DraftEvent, PositionRecord, ThreadRecord } from '../storage/threads'

export interface AssembleMeta {
  /** Null for an unsaved preview. */
  readonly reportId: string | null
  readonly version: number | null
  readonly versionAt: string
  readonly authorId: string
  /** The symbol this version bears, already resolved (typed or automatic); absent: none. */
  readonly symbol?: string | null
}

/** Plain code-point order: the same on every machine, whatever its locale. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
// By time; ties keep the storage's order (creation order), which a random id would not.
const byTime = (a: { createdAt: string }, b: { createdAt: string }) => byText(a.createdAt, b.createdAt)

const ROLE_ORDER = ['secretariat', 'chair', 'rapporteur', 'delegate', 'observer']

/** A missing revision, named by its field: the service turns it into a 400. */
export class MissingRevisionError extends Error {
  constructor(
    readonly field: 'baseRevision' | 'compareTo',
    readonly number: number,
  ) {
    super(`${field}: this draft has no revision ${number}.`)
    this.name = 'MissingRevisionError'
  }
}

/** Looks people up once: reports name the same few delegates many times. */
class PeopleBook {
  private readonly users = new Map<string, Promise<{ name: string; role: string }>>()

  constructor(
    private readonly storage: Storage,
    private readonly stateNames: ReadonlyMap<string, string>,
  ) {}

  stateName(code: string): string {
    return this.stateNames.get(code) ?? code
  }

  /** A person as they were when they acted: `state` is the State recorded with the act. */
  async person(userId: string, state: string | null): Promise<ReportPerson> {
    let user = this.users.get(userId)
    if (!user) {
      user = this.storage.getUser(userId).then((u) => (u ? { name: u.displayName, role: u.role } : { name: 'Former user', role: 'observer' }))
      this.users.set(userId, user)
    }
    const { name, role } = await user
    return { name, role, state, stateName: state ? this.stateName(state) : null }
  }
}

async function revision(storage: Storage, draftId: string, number: number, field: 'baseRevision' | 'compareTo'): Promise<{ meta: RevisionMeta; clauses: ClauseSnapshot[] }> {
  const [meta, clauses] = await Promise.all([storage.revisions.getRevision(draftId, number), storage.revisions.revisionClauses(draftId, number)])
  if (!meta || !clauses) throw new MissingRevisionError(field, number)
  return { meta, clauses }
}

const revisionRef = (meta: RevisionMeta): RevisionRef => ({ number: meta.number, label: meta.label, createdAt: meta.createdAt })

interface Included {
  readonly threads: ThreadRecord[]
  readonly comments: Map<string, CommentRecord[]>
  readonly versions: CommentVersion[]
}

/** The threads of the chosen rounds (or, without rounds, every thread opened up to the base revision), with all their comments. */
async function includedThreads(storage: Storage, all: readonly ThreadRecord[], input: ReportInput, baseAt: string): Promise<Included> {
  const rounds = input.rounds ? new Set(input.rounds) : null
  const threads = all.filter((t) => (rounds ? t.roundId !== null && rounds.has(t.roundId) : t.createdAt <= baseAt)).sort(byTime)
  const records = await storage.threads.listComments(threads.map((t) => t.id))
  const comments = new Map<string, CommentRecord[]>()
  for (const c of [...records].sort(byTime)) comments.set(c.threadId, [...(comments.get(c.threadId) ?? []), c])
  const versions = await storage.threads.listCommentVersions(records.filter((c) => c.editedAt && !c.deletedAt).map((c) => c.id))
  return { threads, comments, versions }
}

/** Word-diff ops with their author: the State whose applied proposal brought the words in, where that can be told. */
function attribute(ops: readonly { op: AttributedOp['op']; text: string }[], applied: readonly { state: string | null; text: string; at: string }[], baseAt: string): AttributedOp[] {
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

function positionsOf(records: readonly PositionRecord[], clauseId: string, people: PeopleBook): ClausePositions {
  const states: Record<Stance, string[]> = { support: [], reservation: [], objection: [], none: [] }
  const current = records.filter((p) => p.clauseId === clauseId).sort((a, b) => byText(a.stateCode, b.stateCode))
  for (const p of current) states[p.stance].push(p.stateCode)
  const counts = Object.fromEntries(STANCES.map((s) => [s, states[s].length])) as Record<Stance, number>
  const statements = current
    .map((p) => ({ state: p.stateCode, stateName: people.stateName(p.stateCode), stance: p.stance, statement: p.statement }))
    .sort((a, b) => byText(a.stateName, b.stateName) || byText(a.state, b.state))
  return { summary: consensusSummary(states), counts, statements }
}

/** Assembles the report; revisions and rounds must exist (the service checks and answers 400 otherwise). */
export async function assembleReport(storage: Storage, draft: Draft, input: ReportInput, meta: AssembleMeta): Promise<AssembledReport> {
  const base = await revision(storage, draft.id, input.baseRevision, 'baseRevision')
  const compare = input.compareTo === null ? null : await revision(storage, draft.id, input.compareTo, 'compareTo')
  const [memberStates, allRounds, allThreads, positionHistory, events] = await Promise.all([
    storage.listMemberStates(),
    storage.threads.listRounds(draft.id),
    storage.threads.listThreads(draft.id),
    storage.threads.positionHistory(draft.id),
    storage.threads.listEvents(draft.id),
  ])
  const people = new PeopleBook(storage, new Map(memberStates.map((s) => [s.code, s.name])))
  const baseAt = base.meta.createdAt
  const included = await includedThreads(storage, allThreads, input, baseAt)
  const roundIds = input.rounds ? new Set(input.rounds) : null
  const roundName = new Map(allRounds.map((r) => [r.id, r.name]))
  const baseIds = new Set(base.clauses.map((c) => c.id))

  // Threads per clause, then per State (or role) of the thread's author.
  let commentNumber = 0
  const commentNumbers = new Map<string, number>()
  const threadView = async (t: ThreadRecord): Promise<AssembledThread> => {
    const author = await people.person(t.authorId, t.authorState)
    const comments: AssembledComment[] = []
    for (const c of included.comments.get(t.id) ?? []) {
      commentNumber += 1
      commentNumbers.set(c.id, commentNumber)
      comments.push({ id: c.id, number: commentNumber, author: await people.person(c.authorId, c.authorState), body: c.deletedAt ? '' : c.body, createdAt: c.createdAt, editedAt: c.editedAt, deleted: c.deletedAt !== null })
    }
    const p = t.proposal
    const proposal = p && {
      text: p.text,
      status: p.status,
      by: author,
      decidedBy: p.decidedBy ? await people.person(p.decidedBy, null) : null,
      decidedAt: p.decidedAt,
      reason: p.reason,
    }
    return { id: t.id, author, createdAt: t.createdAt, quote: t.quote, status: t.status, round: t.roundId ? (roundName.get(t.roundId) ?? null) : null, proposal, comments }
  }
  const groupsOf = async (threads: readonly ThreadRecord[]): Promise<CommentGroup[]> => {
    const byKey = new Map<string, { sort: string; label: string; threads: ThreadRecord[] }>()
    for (const t of threads) {
      const author = await people.person(t.authorId, t.authorState)
      const key = t.authorState ?? `role:${author.role}`
      const sort = t.authorState ? `0 ${people.stateName(t.authorState)} ${t.authorState}` : `1 ${ROLE_ORDER.indexOf(author.role)} ${author.role}`
      const label = t.authorState ? stateLabel(t.authorState, people.stateName(t.authorState)) : roleLabel(author.role)
      const group = byKey.get(key) ?? { sort, label, threads: [] }
      group.threads.push(t)
      byKey.set(key, group)
    }
    const groups: CommentGroup[] = []
    for (const [key, g] of [...byKey.entries()].sort((a, b) => byText(a[1].sort, b[1].sort))) {
      const views: AssembledThread[] = []
      for (const t of g.threads) views.push(await threadView(t))
      groups.push({ key, label: g.label, threads: views })
    }
    return groups
  }
  const threadsByClause = new Map<string, ThreadRecord[]>()
  for (const t of included.threads) threadsByClause.set(t.clauseId, [...(threadsByClause.get(t.clauseId) ?? []), t])

  // Positions: the latest of each State on each clause, among those the report includes.
  const latest = new Map<string, PositionRecord>()
  for (const p of positionHistory) {
    const inScope = roundIds ? p.roundId !== null && roundIds.has(p.roundId) : p.createdAt <= baseAt
    if (inScope && baseIds.has(p.clauseId)) latest.set(`${p.clauseId}\u0000${p.stateCode}`, p)
  }
  const currentPositions = [...latest.values()]

  const clauses: AssembledClause[] = []
  for (const c of base.clauses) {
    clauses.push({
      id: c.id,
      kind: c.kind,
      number: c.number,
      label: c.label,
      heading: c.heading,
      status: c.status,
      text: c.text,
      groups: await groupsOf(threadsByClause.get(c.id) ?? []),
      positions: positionsOf(currentPositions, c.id, people),
    })
  }

  // Threads on clauses the base revision does not hold: named after the last revision that did.
  const otherIds = [...threadsByClause.keys()].filter((id) => !baseIds.has(id))
  otherIds.sort((a, b) => byTime(threadsByClause.get(a)?.[0] ?? { createdAt: '' }, threadsByClause.get(b)?.[0] ?? { createdAt: '' }) || byText(a, b))
  const otherComments: OtherClauseComments[] = []
  const otherLabels = new Map<string, string>()
  for (const clauseId of otherIds) {
    const known = (await storage.revisions.clauseVersions(draft.id, clauseId)).at(-1)
    const label = known ? `${known.clause.label} of revision ${known.revision}` : 'Provision not in any revision'
    otherLabels.set(clauseId, label)
    otherComments.push({ clauseId, label, heading: known?.clause.heading ?? '', groups: await groupsOf(threadsByClause.get(clauseId) ?? []) })
  }

  // Changes since the compared revision, attributed where an applied proposal explains them.
  let changes: AssembledReport['changes'] = null
  if (compare) {
    const threadById = new Map(allThreads.map((t) => [t.id, t]))
    const applied = new Map<string, { state: string | null; text: string; at: string }[]>()
    for (const e of events) {
      if (e.type !== 'proposal.applied' || !e.clauseId || !e.threadId) continue
      if (e.at <= compare.meta.createdAt || e.at > baseAt) continue
      const thread = threadById.get(e.threadId)
      if (!thread?.proposal) continue
      const list = applied.get(e.clauseId) ?? []
      list.push({ state: thread.authorState ? people.stateName(thread.authorState) : null, text: thread.proposal.text, at: e.at })
      applied.set(e.clauseId, list)
    }
    const diff = diffClauses(compare.clauses, base.clauses)
    const changed: AssembledChange[] = []
    let lastKept: string | null = null
    for (const d of diff.clauses) {
      const removed = d.changes.includes('removed')
      if (d.changes.length > 0) {
        const sources = applied.get(d.id) ?? []
        changed.push({ ...d, follows: removed ? lastKept : null, heading: attribute(d.heading, sources, baseAt), body: attribute(d.body, sources, baseAt) })
      }
      if (!removed) lastKept = d.id
    }
    changes = { summary: diff.summary, clauses: changed }
  }

  // The annex: every event of the included threads, and the positions included, in time order.
  const includedIds = new Set(included.threads.map((t) => t.id))
  const labels = new Map(base.clauses.map((c) => [c.id, c.label]))
  const annexTypes: readonly string[] = ANNEX_EVENT_TYPES
  const deletedComments = new Set(included.threads.flatMap((t) => (included.comments.get(t.id) ?? []).filter((c) => c.deletedAt).map((c) => c.id)))
  const inAnnex = (e: DraftEvent) => {
    if (!annexTypes.includes(e.type)) return false
    if (e.type === 'position.recorded') return (roundIds ? e.roundId !== null && roundIds.has(e.roundId) : e.at <= baseAt) && e.clauseId !== null && baseIds.has(e.clauseId)
    return e.threadId !== null && includedIds.has(e.threadId)
  }
  const annex: AnnexEntry[] = []
  for (const e of events.filter(inAnnex)) {
    let detail: string | null = null
    if (e.type === 'comment.edited' && e.commentId && !deletedComments.has(e.commentId)) {
      detail = included.versions.find((v) => v.commentId === e.commentId && v.replacedAt === e.at)?.body ?? null
    } else if (e.type === 'proposal.declined') {
      detail = typeof e.data.reason === 'string' ? e.data.reason : null
    } else if (e.type === 'position.recorded') {
      const stance = typeof e.data.stance === 'string' && (STANCES as readonly string[]).includes(e.data.stance) ? (e.data.stance as Stance) : 'none'
      const statement = typeof e.data.statement === 'string' && e.data.statement ? ` — ${e.data.statement}` : ''
      detail = `${stanceLabel(stance)}${statement}`
    }
    annex.push({
      at: e.at,
      type: e.type as AnnexEntry['type'],
      actor: await people.person(e.actorId, e.actorState),
      clauseLabel: e.clauseId ? (labels.get(e.clauseId) ?? otherLabels.get(e.clauseId) ?? null) : null,
      commentNumber: e.commentId ? (commentNumbers.get(e.commentId) ?? null) : null,
      detail,
    })
  }

  const allGroups = [...clauses.flatMap((c) => c.groups), ...otherComments.flatMap((o) => o.groups)]
  const allIncluded = allGroups.flatMap((g) => g.threads)
  const allComments = allIncluded.flatMap((t) => t.comments)
  const proposals = allIncluded.flatMap((t) => (t.proposal ? [t.proposal] : []))
  const commentingStates = new Set(allComments.flatMap((c) => (c.author.state ? [c.author.state] : [])))
  const counts: ReportCounts = {
    clauses: clauses.length,
    articles: clauses.filter((c) => c.kind === 'article').length,
    threads: allIncluded.length,
    comments: allComments.length,
    deletedComments: allComments.filter((c) => c.deleted).length,
    states: commentingStates.size,
    proposals: {
      total: proposals.length,
      applied: proposals.filter((p) => p.status === 'applied').length,
      declined: proposals.filter((p) => p.status === 'declined').length,
      pending: proposals.filter((p) => p.status === 'pending').length,
    },
    positions: currentPositions.length,
    changed: changes ? changes.clauses.length : null,
  }

  const rounds = roundIds
    ? allRounds.filter((r) => roundIds.has(r.id)).map((r) => ({ id: r.id, name: r.name, deadline: r.deadline, openedAt: r.openedAt, closedAt: r.closedAt }))
    : null

  return {
    formatVersion: 2,
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
    rounds,
    clauses,
    changes,
    otherComments,
    annex,
    counts,
  }
}
