/** The summary's counts, from the report as assembled (so they count exactly what it prints). */
import { type AssembledClause, type AssembledReport, type OtherClauseComments, type ReportCounts, SUGGESTION_FATES } from '../../../shared/report/types'

export function reportCounts(clauses: readonly AssembledClause[], otherComments: readonly OtherClauseComments[], positions: number, changes: AssembledReport['changes'], suggestionGroups: AssembledReport['suggestions']): ReportCounts {
  const allGroups = [...clauses.flatMap((c) => c.groups), ...otherComments.flatMap((o) => o.groups)]
  const allIncluded = allGroups.flatMap((g) => g.threads)
  const allComments = allIncluded.flatMap((t) => t.comments)
  const proposals = allIncluded.flatMap((t) => (t.proposal ? [t.proposal] : []))
  const commentingStates = new Set(allComments.flatMap((c) => (c.author.state ? [c.author.state] : [])))
  return {
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
      // A proposal turned into suggestions is stored pending with its decision: it is not waiting any more.
      pending: proposals.filter((p) => p.status === 'pending' && p.decidedAt === null).length,
      suggested: proposals.filter((p) => p.status === 'pending' && p.decidedAt !== null).length,
    },
    positions,
    changed: changes ? changes.clauses.length : null,
    suggestions: Object.fromEntries(SUGGESTION_FATES.map((fate) => [fate, suggestionGroups.reduce((n, g) => n + g.suggestions.filter((s) => s.status === fate).length, 0)])) as Record<(typeof SUGGESTION_FATES)[number], number>,
  }
}
