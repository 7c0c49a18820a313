/** The annex: every event of the included threads, and the positions included, in time order; comments named by number. */
import type { AnnexEntry } from '../../../shared/report/types'
import { ANNEX_EVENT_TYPES } from '../../../shared/report/types'
import { STANCES, type Stance } from '../../../shared/threadsApi'
import type { DraftEvent } from '../../storage/threads'
import { stanceLabel } from '../writers/common/format'
import type { PeopleBook } from './people'
import type { Included, Scope } from './sources'

export interface AnnexContext {
  readonly included: Included
  readonly inScope: Scope
  readonly baseIds: ReadonlySet<string>
  /** Each clause's label: as of the base revision, else as last known. */
  readonly clauseLabel: (clauseId: string) => string | null
  readonly commentNumbers: ReadonlyMap<string, number>
  readonly people: PeopleBook
}

function detailOf(e: DraftEvent, included: Included, deletedComments: ReadonlySet<string>): string | null {
  if (e.type === 'comment.edited' && e.commentId && !deletedComments.has(e.commentId)) {
    return included.versions.find((v) => v.commentId === e.commentId && v.replacedAt === e.at)?.body ?? null
  }
  if (e.type === 'proposal.declined') return typeof e.data.reason === 'string' ? e.data.reason : null
  if (e.type.startsWith('silence.')) return silenceDetail(e)
  if (e.type === 'position.recorded') {
    const stance = typeof e.data.stance === 'string' && (STANCES as readonly string[]).includes(e.data.stance) ? (e.data.stance as Stance) : 'none'
    const statement = typeof e.data.statement === 'string' && e.data.statement ? ` — ${e.data.statement}` : ''
    return `${stanceLabel(stance)}${statement}`
  }
  return null
}

/** What a silence event adds: the revision and deadline, a State's reason, the breaking States, what was adopted. */
function silenceDetail(e: DraftEvent): string | null {
  const d = e.data
  if (e.type === 'silence.started') return `Revision ${String(d.revision)} under silence until ${String(d.deadline)}`
  if (e.type === 'silence.broken') return typeof d.reason === 'string' ? d.reason : null
  if (e.type === 'silence.adopted') return `${Array.isArray(d.clauseIds) ? d.clauseIds.length : 0} provisions of revision ${String(d.revision)} adopted`
  const breaks = Array.isArray(d.breaks) ? (d.breaks as { stateCode?: unknown; reason?: unknown }[]) : []
  return breaks.length ? `Broken by ${breaks.map((b) => `${String(b.stateCode)}: ${String(b.reason)}`).join('; ')}` : null
}

export async function annexEntries(events: readonly DraftEvent[], ctx: AnnexContext): Promise<AnnexEntry[]> {
  const { included } = ctx
  const includedIds = new Set(included.threads.map((t) => t.id))
  const annexTypes: readonly string[] = ANNEX_EVENT_TYPES
  // A deleted comment's earlier wordings stay out: a tombstone never shows its words.
  const deletedComments = new Set(included.threads.flatMap((t) => (included.comments.get(t.id) ?? []).filter((c) => c.deletedAt).map((c) => c.id)))
  const inAnnex = (e: DraftEvent) => {
    if (!annexTypes.includes(e.type)) return false
    if (e.type === 'position.recorded') return ctx.inScope(e.roundId, e.at) && e.clauseId !== null && ctx.baseIds.has(e.clauseId)
    // The silence procedure is the draft's own record: in every report, whatever its rounds.
    if (e.type.startsWith('silence.')) return true
    return e.threadId !== null && includedIds.has(e.threadId)
  }
  const annex: AnnexEntry[] = []
  for (const e of events.filter(inAnnex)) {
    annex.push({
      at: e.at,
      type: e.type as AnnexEntry['type'],
      actor: await ctx.people.person(e.actorId, e.actorState),
      clauseLabel: e.clauseId ? ctx.clauseLabel(e.clauseId) : null,
      commentNumber: e.commentId ? (ctx.commentNumbers.get(e.commentId) ?? null) : null,
      detail: detailOf(e, included, deletedComments),
    })
  }
  return annex
}
