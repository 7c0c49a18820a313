import type { BracketPoint, DashboardClause, DashboardResponseBody, DashboardRound } from '../../shared/dashboardApi'
import { isLockedStatus } from '../../shared/draft/format'
import { readClauses } from '../../shared/draft/ydoc'
import type { AppContext } from '../context'
import type { CommentRound } from '../storage/threads'
import type { Draft } from '../storage/Storage'

const BRACKETS = /\[[^[\]]*\]/g

/** Bracketed passages in a clause's text form (brackets written as "[…]"). */
export const bracketCount = (text: string): number => text.match(BRACKETS)?.length ?? 0

const today = (now: Date): string => now.toISOString().slice(0, 10)

/** What each Member State sent in one round: threads and replies, suggestions, positions, between its opening and its close (or now). */
async function roundResponses(ctx: AppContext, draft: Draft, round: CommentRound, states: readonly { code: string; name: string }[]): Promise<DashboardRound> {
  const until = round.closedAt ?? ctx.now().toISOString()
  const within = (at: string) => at >= round.openedAt && at <= until
  const threads = await ctx.storage.threads.listThreads(draft.id)
  const comments = (await ctx.storage.threads.listComments(threads.map((t) => t.id))).filter((c) => c.authorState && within(c.createdAt) && c.deletedAt === null)
  const suggestions = (await ctx.storage.suggestions.list(draft.id)).filter((s) => s.stateCode && within(s.suggestedAt))
  const positions = (await ctx.storage.threads.positionHistory(draft.id)).filter((p) => p.roundId === round.id || within(p.createdAt))
  const rows = states.map(({ code, name }) => {
    const counts = { comments: comments.filter((c) => c.authorState === code).length, suggestions: suggestions.filter((s) => s.stateCode === code).length, positions: positions.filter((p) => p.stateCode === code).length }
    return { stateCode: code, name, ...counts, responded: counts.comments + counts.suggestions + counts.positions > 0 }
  })
  const responded = rows.filter((r) => r.responded).length
  return { id: round.id, name: round.name, status: round.status, openedAt: round.openedAt, closedAt: round.closedAt, deadline: round.deadline, states: rows, responded, silent: rows.length - responded }
}

/**
 * The negotiation dashboard: per clause its status, brackets, open suggestions and ad referendum
 * holds (overdue marked); per comment round which Member States responded and which did not; and the
 * brackets remaining in each revision, then now.
 */
export async function draftDashboard(ctx: AppContext, draft: Draft): Promise<DashboardResponseBody> {
  const live = await ctx.collab.readDoc(draft.id, (doc) => readClauses(doc))
  const holds = await ctx.storage.clauseStatus.openHolds(draft.id)
  const day = today(ctx.now())
  const clauses: DashboardClause[] = live.map((c) => ({
    clauseId: c.id,
    label: c.label,
    heading: c.heading,
    status: c.status,
    locked: isLockedStatus(c.status),
    brackets: bracketCount(c.text),
    openSuggestions: c.suggestions.length,
    holds: holds.filter((h) => h.clauseId === c.id).map((h) => ({ stateCode: h.stateCode, expectedBy: h.expectedBy, overdue: h.expectedBy !== null && h.expectedBy < day })),
  }))
  const states = await ctx.storage.listMemberStates()
  const rounds = await Promise.all((await ctx.storage.threads.listRounds(draft.id)).map((r) => roundResponses(ctx, draft, r, states)))
  const brackets: BracketPoint[] = []
  for (const revision of await ctx.storage.revisions.listRevisions(draft.id)) {
    const kept = (await ctx.storage.revisions.revisionClauses(draft.id, revision.number)) ?? []
    brackets.push({ revision: revision.number, label: revision.label, at: revision.createdAt, brackets: kept.reduce((n, c) => n + bracketCount(c.text), 0) })
  }
  const total = (pick: (c: DashboardClause) => number) => clauses.reduce((n, c) => n + pick(c), 0)
  brackets.push({ revision: null, label: 'Now', at: ctx.now().toISOString(), brackets: total((c) => c.brackets) })
  return {
    clauses,
    rounds,
    brackets,
    totals: {
      brackets: total((c) => c.brackets),
      openSuggestions: total((c) => c.openSuggestions),
      holds: total((c) => c.holds.length),
      overdueHolds: total((c) => c.holds.filter((h) => h.overdue).length),
      agreed: clauses.filter((c) => c.locked).length,
      clauses: clauses.length,
    },
  }
}
