import type { ClauseSnapshot } from '../../../shared/diff/types'
import type { AppContext } from '../../context'
import type { Draft, User } from '../../storage/Storage'
import { currentClauses, saveRevision } from '../revisions'

/** The number of the draft's latest saved revision (0: none). */
export async function latestRevision(ctx: AppContext, draftId: string): Promise<number> {
  return (await ctx.storage.revisions.listRevisions(draftId)).reduce((n, r) => Math.max(n, r.number), 0)
}

/** What a revision keeps of each clause's text: equal when nothing of the text changed. */
const textOf = (clauses: readonly ClauseSnapshot[]): string => JSON.stringify(clauses.map((c) => [c.id, c.heading, c.status, c.text]))

/**
 * The revision that holds the text as it is now: the latest one when nothing changed since it was
 * saved (a meeting opened right after a round closed adds no copy), else a new one labelled `label`.
 */
export async function revisionOfNow(ctx: AppContext, draft: Draft, user: User, label: string): Promise<number> {
  const latest = await latestRevision(ctx, draft.id)
  if (latest > 0) {
    const [stored, live] = await Promise.all([ctx.storage.revisions.revisionClauses(draft.id, latest), currentClauses(ctx, draft)])
    if (stored && textOf(stored) === textOf(live)) return latest
  }
  return (await saveRevision(ctx, draft, user, label)).number
}
