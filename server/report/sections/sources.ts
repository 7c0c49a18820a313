/** What a report is assembled from: its two revisions, the scope of its comments, the threads in that scope. */
import type { ClauseSnapshot } from '../../../shared/diff/types'
import type { ReportInput } from '../../../shared/report/types'
import type { RevisionMeta } from '../../storage/revisions'
import type { Storage } from '../../storage/Storage'
import type { CommentRecord, CommentVersion, ThreadRecord } from '../../storage/threads'
import { byTime } from './people'
import { revisionRefTexts, withRefText } from '../../services/revisionReferences'

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

export interface Revision {
  readonly meta: RevisionMeta
  readonly clauses: ClauseSnapshot[]
}

export async function revision(storage: Storage, draftId: string, number: number, field: 'baseRevision' | 'compareTo'): Promise<Revision> {
  const [meta, clauses] = await Promise.all([storage.revisions.getRevision(draftId, number), storage.revisions.revisionClauses(draftId, number)])
  if (!meta || !clauses) throw new MissingRevisionError(field, number)
  const refTexts = await revisionRefTexts(storage.revisions, draftId, number)
  return { meta, clauses: clauses.map((c) => withRefText(c, refTexts)) }
}

/** Whether a thread, position or event is the report's: of the chosen rounds, or without rounds, up to the base revision. */
export type Scope = (roundId: string | null, at: string) => boolean

export function scopeOf(input: ReportInput, baseAt: string): Scope {
  const rounds = input.rounds ? new Set(input.rounds) : null
  return (roundId, at) => (rounds ? roundId !== null && rounds.has(roundId) : at <= baseAt)
}

export interface Included {
  readonly threads: ThreadRecord[]
  /** Each included thread's comments, oldest first. */
  readonly comments: Map<string, CommentRecord[]>
  /** Earlier wordings of the edited comments that are not deleted. */
  readonly versions: CommentVersion[]
}

/** The threads in scope, with all their comments. */
export async function includedThreads(storage: Storage, all: readonly ThreadRecord[], inScope: Scope): Promise<Included> {
  const threads = all.filter((t) => inScope(t.roundId, t.createdAt)).sort(byTime)
  const records = await storage.threads.listComments(threads.map((t) => t.id))
  const comments = new Map<string, CommentRecord[]>()
  for (const c of [...records].sort(byTime)) comments.set(c.threadId, [...(comments.get(c.threadId) ?? []), c])
  const versions = await storage.threads.listCommentVersions(records.filter((c) => c.editedAt && !c.deletedAt).map((c) => c.id))
  return { threads, comments, versions }
}
