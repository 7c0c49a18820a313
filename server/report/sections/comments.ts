/**
 * The comments a report presents, in three explicit steps: lay the threads out (per clause, then per
 * State or role of their author), number every comment C1, C2 … in that order, then build the views.
 */
import type { AssembledComment, AssembledThread, CommentGroup } from '../../../shared/report/types'
import type { CommentRecord, ThreadRecord } from '../../storage/threads'
import { roleLabel, stateLabel } from '../writers/common/format'
import { type PeopleBook, ROLE_ORDER, byText } from './people'

/** A clause's threads grouped by the State (or role) of the thread's author, groups in report order. */
export interface GroupLayout {
  readonly key: string
  readonly label: string
  readonly threads: readonly ThreadRecord[]
}

/** Groups a clause's threads: States by name first, then people without a State by role. */
export async function layoutGroups(threads: readonly ThreadRecord[], people: PeopleBook): Promise<GroupLayout[]> {
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
  return [...byKey.entries()].sort((a, b) => byText(a[1].sort, b[1].sort)).map(([key, g]) => ({ key, label: g.label, threads: g.threads }))
}

/** C1, C2 … for every comment, in the order the report prints them; the annex refers to these numbers. */
export function numberComments(layouts: readonly (readonly GroupLayout[])[], comments: ReadonlyMap<string, readonly CommentRecord[]>): Map<string, number> {
  const numbers = new Map<string, number>()
  for (const groups of layouts) {
    for (const group of groups) {
      for (const thread of group.threads) for (const c of comments.get(thread.id) ?? []) numbers.set(c.id, numbers.size + 1)
    }
  }
  return numbers
}

export interface ViewContext {
  readonly people: PeopleBook
  readonly comments: ReadonlyMap<string, readonly CommentRecord[]>
  readonly numbers: ReadonlyMap<string, number>
  readonly roundName: ReadonlyMap<string, string>
}

async function commentView(c: CommentRecord, ctx: ViewContext): Promise<AssembledComment> {
  const number = ctx.numbers.get(c.id) ?? 0
  return { id: c.id, number, author: await ctx.people.person(c.authorId, c.authorState), body: c.deletedAt ? '' : c.body, createdAt: c.createdAt, editedAt: c.editedAt, deleted: c.deletedAt !== null }
}

async function threadView(t: ThreadRecord, ctx: ViewContext): Promise<AssembledThread> {
  const author = await ctx.people.person(t.authorId, t.authorState)
  const comments: AssembledComment[] = []
  for (const c of ctx.comments.get(t.id) ?? []) comments.push(await commentView(c, ctx))
  const p = t.proposal
  const proposal = p && {
    text: p.text,
    status: p.status,
    by: author,
    decidedBy: p.decidedBy ? await ctx.people.person(p.decidedBy, null) : null,
    decidedAt: p.decidedAt,
    reason: p.reason,
  }
  return { id: t.id, author, createdAt: t.createdAt, quote: t.quote, status: t.status, round: t.roundId ? (ctx.roundName.get(t.roundId) ?? null) : null, proposal, comments }
}

/** The groups as the report holds them, every comment with its number. */
export async function groupViews(groups: readonly GroupLayout[], ctx: ViewContext): Promise<CommentGroup[]> {
  const out: CommentGroup[] = []
  for (const g of groups) {
    const threads: AssembledThread[] = []
    for (const t of g.threads) threads.push(await threadView(t, ctx))
    out.push({ key: g.key, label: g.label, threads })
  }
  return out
}
