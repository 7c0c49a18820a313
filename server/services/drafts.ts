import * as Y from 'yjs'
import type { DraftContent, DraftDetail, DraftSize, DraftSummary } from '../../shared/api'
import { type ClauseInput, buildDraftDoc, readClauses, readTitle } from '../../shared/draft/ydoc'
import { newId } from '../../shared/ids'
import { can, formatDeadline, readOnlyReason, textAccess } from '../../shared/permissions'
import { draftIfMember } from '../auth/draftAccess'
import type { AppContext } from '../context'
import { forbidden, notFound } from '../errors'
import { applyStoredDoc } from '../storage/docs'
import type { Draft, DraftHealth, Storage, User } from '../storage/Storage'

export function draftSummary(draft: Draft): DraftSummary {
  return {
    id: draft.id,
    groupId: draft.groupId,
    title: draft.title,
    phase: draft.phase,
    commentDeadline: draft.commentDeadline,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
  }
}

/** `health.damage`: the draft opened read-only from its last good state; that reason comes first. */
export function draftDetail(draft: Draft, user: User, health: DraftHealth | null = null, size?: DraftSize, silencedUntil: string | null = null): DraftDetail {
  const damaged = health?.damage ? `Read-only until the secretariat repairs it: its stored history is beyond the server's limits (${health.damage}).` : null
  // Under silence the text is frozen for everyone (the websocket says so too).
  const silenced = silencedUntil ? `Under silence until ${formatDeadline(silencedUntil)}: the text is frozen for everyone.` : null
  const text = damaged || silenced ? 'read' : textAccess(user.role, draft.phase, draft.textMode)
  return {
    ...draftSummary(draft),
    textMode: draft.textMode,
    access: {
      canEdit: text === 'write',
      canSuggest: text !== 'read',
      canDecide: !damaged && can(user.role, 'suggestion.decide', draft.phase),
      readOnlyReason: damaged ?? silenced ?? readOnlyReason(user.role, draft.phase, draft.commentDeadline, draft.textMode),
    },
    ...(size ? { size } : {}),
  }
}

/** The draft's stored size against the limits, and its damage mark, as the secretariat sees them. */
export async function draftSize(ctx: AppContext, draftId: string, health: DraftHealth | null): Promise<DraftSize> {
  const stats = await ctx.storage.docs.stats(draftId)
  return {
    bytes: stats.snapshotBytes + stats.updateBytes,
    items: health?.measuredAt ? health.items : null,
    measuredAt: health?.measuredAt ?? null,
    maxBytes: ctx.config.draftMaxBytes,
    maxItems: ctx.config.draftMaxItems,
    damage: health?.damage ?? null,
  }
}

/** The draft if the user may see it; the same 404 whether it does not exist or is another group's. */
export async function draftForUser(storage: Storage, user: User, draftId: string): Promise<Draft> {
  const draft = await draftIfMember(storage, user, draftId)
  if (!draft) throw notFound('Draft')
  return draft
}

/**
 * Creates a draft in one of the user's working groups (their first, unless a slug names another).
 * `shape`: a last touch to the built document before it is stored (the Word import's bold and italic).
 */
export async function createDraft(
  storage: Storage,
  user: User,
  input: { title: string; clauses: readonly ClauseInput[]; group?: string | undefined },
  shape?: (doc: Y.Doc) => void,
): Promise<Draft> {
  const groups = await storage.listUserGroups(user.id)
  const group = input.group ? groups.find((g) => g.slug === input.group) : groups[0]
  if (!group) throw forbidden(input.group ? 'You are not a member of that working group.' : 'You belong to no working group.')
  const doc = buildDraftDoc(input.title, input.clauses)
  shape?.(doc)
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return storage.createDraft({ id: newId(), groupId: group.id, title: input.title, createdBy: user.id }, state)
}

/** Loads a stored draft into a fresh Y.Doc (the caller destroys it). */
export async function loadStoredDoc(storage: Storage, draftId: string): Promise<Y.Doc> {
  const stored = await storage.docs.load(draftId)
  const doc = new Y.Doc()
  applyStoredDoc(doc, stored)
  return doc
}

/** Runs `read` on the draft's document, loaded once and shared with the editors' connections. */
export async function readDoc<T>(ctx: AppContext, draftId: string, read: (doc: Y.Doc) => T): Promise<T> {
  return ctx.collab.readDoc(draftId, read)
}

/** The clauses in order, from the live document when the draft is open, else from storage. */
export async function draftContent(ctx: AppContext, draft: Draft): Promise<DraftContent> {
  return readDoc(ctx, draft.id, (doc) => ({ id: draft.id, title: readTitle(doc) || draft.title, clauses: readClauses(doc) }))
}
