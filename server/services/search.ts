import { type SearchClauseGroup, type SearchDraftGroup, type SearchHitView, type SearchResponse, searchLink } from '../../shared/search/api'
import type { AppContext } from '../context'
import { badRequest } from '../errors'
import { parseQuery } from '../search/query'
import { snippet } from '../search/snippet'
import { KIND_OF, type SearchHit, type SearchKind } from '../storage/search'
import type { Draft, User } from '../storage/Storage'
import { draftForUser } from './drafts'

export interface SearchInput {
  readonly q: string
  readonly draft?: string | undefined
  readonly kind?: SearchKind | undefined
  readonly state?: string | undefined
  readonly limit: number
}

function view(hit: SearchHit, query: NonNullable<ReturnType<typeof parseQuery>>): SearchHitView {
  // The snippet from the body when it matched there, else from the heading or who.
  // Built in turn, stopping at the first with a mark: most hits are in the body (texts are long to fold).
  const body = snippet(hit.body, query)
  let pieces = body
  if (!body.some((x) => x.hit)) {
    pieces = [hit.heading, hit.who].map((t) => snippet(t, query)).find((p) => p.some((x) => x.hit)) ?? body
  }
  return {
    kind: KIND_OF[hit.source],
    source: hit.source,
    snippet: pieces,
    heading: hit.heading,
    who: hit.who,
    stateCode: hit.stateCode,
    at: hit.at,
    exact: hit.exact,
    threadId: hit.threadId,
    eventId: hit.eventId,
    revisions: hit.revision === null ? [] : [hit.revision],
    link: searchLink(hit),
  }
}

/**
 * Searches the drafts of the user's working groups (or one of them): hits best first, grouped by
 * draft and clause in the order of their best hit; revisions holding the same wording of a clause
 * are one hit. A draft never indexed whole is indexed first.
 */
export async function searchDrafts(ctx: AppContext, user: User, input: SearchInput): Promise<SearchResponse> {
  const query = parseQuery(input.q)
  if (!query) throw badRequest('q: type at least one word (letters or digits).')
  if (input.state && !(await ctx.storage.getMemberState(input.state))) throw badRequest('state: not a Member State code.')
  const groups = await ctx.storage.listUserGroups(user.id)
  let drafts: Draft[]
  if (input.draft) drafts = [await draftForUser(ctx.storage, user, input.draft)]
  else drafts = (await Promise.all(groups.map((g) => ctx.storage.listDrafts(g.id)))).flat()
  await ctx.search.ensure(drafts.map((d) => d.id))
  const hits = await ctx.search.index.search({
    query,
    groupIds: groups.map((g) => g.id),
    draftId: input.draft,
    kinds: input.kind ? [input.kind] : undefined,
    stateCode: input.state,
    // Revisions of one wording fold into one hit: ask for more than are shown.
    limit: input.limit * 3,
  })
  const titles = new Map(drafts.map((d) => [d.id, d.title]))
  const byDraft = new Map<string, { draft: SearchDraftGroup['draft']; clauses: Map<string, { clauseId: string | null; label: string; hits: SearchHitView[]; bodies: Map<string, SearchHitView> }> }>()
  let total = 0
  for (const hit of hits) {
    if (total >= input.limit) break
    let draft = byDraft.get(hit.draftId)
    if (!draft) {
      draft = { draft: { id: hit.draftId, title: titles.get(hit.draftId) ?? '' }, clauses: new Map() }
      byDraft.set(hit.draftId, draft)
    }
    const clauseKey = hit.clauseId ?? ''
    let clause = draft.clauses.get(clauseKey)
    if (!clause) {
      clause = { clauseId: hit.clauseId, label: hit.label, hits: [], bodies: new Map() }
      draft.clauses.set(clauseKey, clause)
    }
    if (hit.source === 'clause' && hit.label) clause.label = hit.label
    const sameWording = hit.source === 'revision' ? clause.bodies.get(`${hit.heading}\u0000${hit.body}`) : undefined
    if (sameWording && hit.revision !== null) {
      const revisions = [...sameWording.revisions, hit.revision].sort((a, b) => a - b)
      const merged = { ...sameWording, revisions, link: searchLink({ ...hit, revision: revisions[0] ?? hit.revision }) }
      clause.hits[clause.hits.indexOf(sameWording)] = merged
      clause.bodies.set(`${hit.heading}\u0000${hit.body}`, merged)
      continue
    }
    const shown = view(hit, query)
    clause.hits.push(shown)
    if (hit.source === 'revision') clause.bodies.set(`${hit.heading}\u0000${hit.body}`, shown)
    total += 1
  }
  return {
    query: input.q,
    total,
    drafts: [...byDraft.values()].map(({ draft, clauses }) => ({
      draft,
      clauses: [...clauses.values()].map(({ clauseId, label, hits: shown }): SearchClauseGroup => ({ clauseId, label, hits: shown })),
    })),
  }
}
