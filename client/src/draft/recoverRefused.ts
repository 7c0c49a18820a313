import type * as Y from 'yjs'
import { can, isRole } from '../../../shared/permissions'
import type { ThreadView } from '../../../shared/threadsApi'
import { draftsApi } from '../api/drafts'
import { ApiError } from '../api/http'
import { type NewThread, threadsApi } from '../api/threads'
import { type RecoveryOutcome, type RefusedChange, keepingThreads, refusedChangesOf } from './offlineRecovery'

export interface RecoveryInput {
  readonly draftId: string
  /** The refused local copy (the server's state it synced plus what the user typed here). */
  readonly local: Y.Doc
  readonly userId: string
  readonly role: string
  /** The refused change was made while the socket was down (typed offline). */
  readonly offline: boolean
  /** The server's current state in a fresh document (serverCopy.ts in the browser). */
  readonly serverCopy: () => Promise<Y.Doc>
}

/**
 * Keeps what the server refused: compares the local copy with the server's, clause by clause, and
 * opens a thread by the user for each difference it can keep. Throws when the server's copy or the
 * draft cannot be had (the caller keeps the local copy then); a thread that fails is reported lost.
 */
export async function recoverRefused(input: RecoveryInput): Promise<RecoveryOutcome> {
  const [server, draft] = await Promise.all([input.serverCopy(), draftsApi.get(input.draftId)])
  try {
    const changes = refusedChangesOf(input.local, server)
    const canPropose = isRole(input.role) && can(input.role, 'proposal.create', draft.phase)
    const kept: RefusedChange[] = []
    if (canPropose) {
      const existing = changes.length > 0 ? await threadsApi.list(input.draftId) : []
      // One after the other: the threads appear in the order of the clauses.
      for (const { change, thread } of keepingThreads(changes, input.offline)) {
        if (existing.some((t) => sameThread(t, thread, input.userId))) {
          kept.push(change) // kept by an earlier attempt that could not finish
          continue
        }
        try {
          await threadsApi.create(input.draftId, thread)
          kept.push(change)
        } catch (e) {
          // Unreachable server: give up whole, so the local copy stays for the next attempt.
          if (!(e instanceof ApiError)) throw e
          // Refused (e.g. 403 after a phase change): reported as not kept; the others still are.
        }
      }
    }
    return { changes, kept, canPropose, offline: input.offline, draft }
  } finally {
    server.destroy()
  }
}

/** An open thread that already keeps this wording: the same author and clause, and the same proposal (or, without one, the same comment). */
function sameThread(existing: ThreadView, wanted: NewThread, userId: string): boolean {
  if (existing.status !== 'open' || existing.author.id !== userId || existing.clauseId !== wanted.clauseId) return false
  if (wanted.proposal) return existing.proposal?.status === 'pending' && existing.proposal.text === wanted.proposal.text.trim()
  return existing.proposal === null && existing.comments[0]?.body === wanted.body.trim()
}
