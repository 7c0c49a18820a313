import * as Y from 'yjs'
import { ClauseKey } from '../../shared/draft/format'
import { clauseOfSuggestion, decideSuggestion } from '../../shared/draft/suggestionEdit'
import { type OpenSuggestion, readSuggestions } from '../../shared/draft/suggestions'
import { clausesMap } from '../../shared/draft/ydoc'
import { can, textAccess } from '../../shared/permissions'
import type { SuggestionView } from '../../shared/suggestionsApi'
import type { AppContext } from '../context'
import { conflict, forbidden, notFound } from '../errors'
import type { Draft, User } from '../storage/Storage'
import type { SuggestionFilter, SuggestionRecord } from '../storage/suggestions'
import { audit } from './audit'
import { People } from './people'
import { refuseUnderSilence } from './silence'
import { refuseLocked } from './clauseLocks'

export type SuggestionAction = 'accept' | 'reject' | 'withdraw'
const FATE = { accept: 'accepted', reject: 'rejected', withdraw: 'withdrawn' } as const

async function view(record: SuggestionRecord, people: People): Promise<SuggestionView> {
  return { ...record, decidedByName: record.decidedBy ? (await people.get(record.decidedBy)).name : null }
}

/** A suggestion open in the document that the record has not caught up with yet (it is written just after the update is stored). */
function fromDocument(draftId: string, clauseId: string, s: OpenSuggestion, name: string): SuggestionRecord {
  return { draftId, id: s.id, clauseId, kind: s.kind, userId: s.user, authorName: name, stateCode: s.state, inserted: s.inserted, deleted: s.deleted, suggestedAt: s.at, status: 'open', decidedBy: null, decidedAt: null, reason: null }
}

function openInDocument(doc: Y.Doc): { clauseId: string; suggestion: OpenSuggestion }[] {
  const found: { clauseId: string; suggestion: OpenSuggestion }[] = []
  for (const [clauseId, clause] of clausesMap(doc).entries()) {
    const body = clause instanceof Y.Map ? clause.get(ClauseKey.body) : null
    for (const suggestion of readSuggestions(body instanceof Y.XmlFragment ? body : null)) found.push({ clauseId, suggestion })
  }
  return found
}

/** The draft's suggestions, decided or open, in the order suggested (`GET /api/drafts/:id/suggestions`). */
export async function listSuggestions(ctx: AppContext, draft: Draft, filter: SuggestionFilter): Promise<SuggestionView[]> {
  const recorded = await ctx.storage.suggestions.list(draft.id, filter)
  const people = new People(ctx.storage)
  const known = new Set((await ctx.storage.suggestions.list(draft.id)).map((r) => r.id))
  const live = filter.status && filter.status !== 'open' ? [] : await ctx.collab.readDoc(draft.id, openInDocument)
  const pending: SuggestionRecord[] = []
  for (const { clauseId, suggestion } of live) {
    if (known.has(suggestion.id)) continue
    if ((filter.clauseId && filter.clauseId !== clauseId) || (filter.stateCode && filter.stateCode !== suggestion.state)) continue
    pending.push(fromDocument(draft.id, clauseId, suggestion, (await people.get(suggestion.user)).name))
  }
  const all = [...recorded, ...pending].sort((a, b) => a.suggestedAt.localeCompare(b.suggestedAt))
  return Promise.all(all.map((r) => view(r, people)))
}

/**
 * Accepts, rejects (with a reason) or withdraws one suggestion: the deciders (suggestion.decide)
 * accept and reject, its author withdraws it. Carried out as a server-side change of the live text
 * (persisted, then broadcast), recorded as the decision of `user` with its reason.
 */
export async function decideSuggestionFor(ctx: AppContext, draft: Draft, user: User, suggestionId: string, action: SuggestionAction, reason: string | null): Promise<SuggestionView> {
  if (action !== 'withdraw' && !can(user.role, 'suggestion.decide', draft.phase)) throw forbidden('Only the rapporteur, the chair and the secretariat take or leave suggestions, while the draft is open.')
  const record = await ctx.storage.suggestions.get(draft.id, suggestionId)
  const live = await ctx.collab.readDoc(draft.id, (doc) => {
    const clauseId = clauseOfSuggestion(doc, suggestionId)
    const body = clauseId ? clausesMap(doc).get(clauseId)?.get(ClauseKey.body) : null
    const open = readSuggestions(body instanceof Y.XmlFragment ? body : null).find((s) => s.id === suggestionId)
    return clauseId && open ? { clauseId, open } : null
  })
  if (!live) {
    if (record && record.status !== 'open') throw conflict(`This suggestion was already ${record.status}.`)
    if (record) throw conflict('The text of this suggestion is no longer in the draft.')
    throw notFound('Suggestion')
  }
  if (action === 'withdraw') {
    if (live.open.user !== user.id) throw forbidden('Only its author withdraws a suggestion.')
    if (textAccess(user.role, draft.phase, draft.textMode) === 'read') throw forbidden('The text is read-only.')
  }
  await refuseUnderSilence(ctx, draft.id)
  const fate = FATE[action]
  const done = await ctx.collab.withDoc(draft.id, (doc) => (refuseLocked(doc, [live.clauseId]), decideSuggestion(doc, live.clauseId, suggestionId, action === 'accept')), { id: user.id, stateCode: user.stateCode }, { suggestionIds: [suggestionId], fate, reason })
  if (!done) throw conflict('The text of this suggestion is no longer in the draft.')
  await ctx.clauseHistory.settled(draft.id)
  const decided = await ctx.storage.suggestions.get(draft.id, suggestionId)
  if (!decided) throw conflict('The suggestion could not be recorded.')
  await audit(ctx.storage, ctx.now(), { action: `suggestion.${fate}`, groupId: draft.groupId, actor: user, target: draft.id, data: { suggestionId, clauseId: live.clauseId, state: live.open.state, reason } })
  return view(decided, new People(ctx.storage))
}

/**
 * Accepts or rejects (with one reason) every open suggestion of a clause, or only those of one State
 * there, in one change of the text; each is recorded as decided by `user`. 404 for an unknown clause.
 */
export async function decideClauseSuggestions(ctx: AppContext, draft: Draft, user: User, clauseId: string, stateCode: string | null, accept: boolean, reason: string | null): Promise<SuggestionView[]> {
  if (!can(user.role, 'suggestion.decide', draft.phase)) throw forbidden('Only the rapporteur, the chair and the secretariat take or leave suggestions, while the draft is open.')
  const open = await ctx.collab.readDoc(draft.id, (doc) => {
    const body = clausesMap(doc).get(clauseId)?.get(ClauseKey.body)
    return body instanceof Y.XmlFragment ? readSuggestions(body).filter((s) => stateCode === null || s.state === stateCode) : null
  })
  if (open === null) throw notFound('Clause')
  if (open.length === 0) return []
  const ids = open.map((s) => s.id)
  await refuseUnderSilence(ctx, draft.id)
  const fate = accept ? 'accepted' : 'rejected'
  await ctx.collab.withDoc(draft.id, (doc) => {
      refuseLocked(doc, [clauseId])
      for (const id of ids) decideSuggestion(doc, clauseId, id, accept)
    }, { id: user.id, stateCode: user.stateCode }, { suggestionIds: ids, fate, reason })
  await ctx.clauseHistory.settled(draft.id)
  await audit(ctx.storage, ctx.now(), { action: `suggestion.${fate}`, groupId: draft.groupId, actor: user, target: draft.id, data: { suggestionIds: ids, clauseId, state: stateCode, reason } })
  const people = new People(ctx.storage)
  const decided = await Promise.all(ids.map((id) => ctx.storage.suggestions.get(draft.id, id)))
  return Promise.all(decided.filter((r): r is SuggestionRecord => r !== null).map((r) => view(r, people)))
}
