import * as Y from 'yjs'
import type { SilenceView } from '../../shared/agreementApi'
import { ClauseKey } from '../../shared/draft/format'
import { clausesMap } from '../../shared/draft/ydoc'
import { newId } from '../../shared/ids'
import type { EventType } from '../../shared/threadsApi'
import type { AppContext } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import type { SilenceRecord } from '../storage/agreement'
import type { Draft, User } from '../storage/Storage'
import { audit } from './audit'
import { publish } from './threadViews'

const HOUR_MS = 60 * 60 * 1000

/** 409s of the silence procedure, each with its own stable code (README "Silence procedure"). */
export const silenceConflict = (code: 'silence_open' | 'no_silence' | 'silence_over' | 'silence_already_broken' | 'not_drafting' | 'no_revision', message: string) =>
  new AppError(409, code, message)

/** Refuses an HTTP path that writes the text (proposal apply, restore, suggestion accept…) while the draft is under silence. */
export async function refuseUnderSilence(ctx: AppContext, draftId: string): Promise<void> {
  const open = await ctx.storage.agreement.openSilence(draftId)
  if (open) throw silenceConflict('silence_open', `The text is under silence until ${open.deadline}: it is frozen for everyone.`)
}

/** Audited (by the server when `byServer`) and an event of the draft's history, live in every browser. */
async function record(ctx: AppContext, draft: Draft, type: EventType, actor: User, data: Record<string, unknown>, byServer = false): Promise<void> {
  await audit(ctx.storage, ctx.now(), { action: type, groupId: draft.groupId, actor: byServer ? null : actor, actorName: 'server', target: draft.id, data })
  const event = await ctx.storage.threads.recordClauseEvent(
    { draftId: draft.id, type, at: ctx.now().toISOString(), actorId: actor.id, actorState: actor.stateCode, clauseId: null, threadId: null, commentId: null, roundId: null, data },
    0,
  )
  if (event) await publish(ctx, event)
}

/** The secretariat circulates a revision (default: the newest) under silence until `hours` from now. */
export async function startSilence(ctx: AppContext, draft: Draft, user: User, hours: number, revision?: number): Promise<SilenceView> {
  if (user.role !== 'secretariat') throw forbidden('Only the secretariat runs the silence procedure.')
  if (draft.phase !== 'drafting') throw silenceConflict('not_drafting', 'A text goes under silence from the drafting phase.')
  const number = revision ?? (await ctx.storage.revisions.listRevisions(draft.id)).at(-1)?.number
  if (number === undefined) throw silenceConflict('no_revision', 'Save a revision first: silence circulates a revision.')
  const clauseIds = await ctx.storage.revisions.revisionOrder(draft.id, number)
  if (!clauseIds) throw notFound('Revision')
  const now = ctx.now()
  const id = newId()
  const started = await ctx.storage.agreement.startSilence({
    id,
    draftId: draft.id,
    revision: number,
    clauseIds,
    startedBy: user.id,
    startedAt: now.toISOString(),
    deadline: new Date(now.getTime() + hours * HOUR_MS).toISOString(),
  })
  if (!started) throw silenceConflict('silence_open', 'This draft is already under silence.')
  const silence = await ctx.storage.agreement.getSilence(id)
  if (!silence) throw notFound('Silence')
  await record(ctx, draft, 'silence.started', user, { silenceId: id, revision: number, deadline: silence.deadline, clauseIds })
  // Every open socket of the draft, in every process, becomes read-only.
  await ctx.access.draftChanged(draft.id)
  return silence
}

/** A delegate breaks silence for its State, once, before the deadline, with a reason. */
export async function breakSilence(ctx: AppContext, draft: Draft, user: User, reason: string): Promise<SilenceView> {
  if (user.role !== 'delegate' || !user.stateCode) throw forbidden('Only a delegate breaks silence, for its State.')
  const open = await ctx.storage.agreement.openSilence(draft.id)
  if (!open) throw silenceConflict('no_silence', 'This draft is not under silence.')
  const at = ctx.now().toISOString()
  const over = () => silenceConflict('silence_over', `The silence ended at ${open.deadline}.`)
  const already = () => silenceConflict('silence_already_broken', 'Your State has already broken this silence.')
  if (at >= open.deadline) throw over()
  if (open.breaks.some((b) => b.stateCode === user.stateCode)) throw already()
  if (!(await ctx.storage.agreement.breakSilence(open.id, { stateCode: user.stateCode, userId: user.id, reason, at }))) {
    // Lost a race: settled meanwhile, or a second break of this State.
    const now = await ctx.storage.agreement.getSilence(open.id)
    throw now?.breaks.some((b) => b.stateCode === user.stateCode) ? already() : over()
  }
  await record(ctx, draft, 'silence.broken', user, { silenceId: open.id, reason })
  const silence = await ctx.storage.agreement.getSilence(open.id)
  if (!silence) throw notFound('Silence')
  return silence
}

/**
 * Settles a silence past its deadline, once across processes (the database's claim): unbroken, the
 * clauses it covered become `adopted` (a server change); broken, the text returns to drafting with
 * the breaking States and reasons on record. Either way the text is unfrozen.
 */
export async function settleSilence(ctx: AppContext, silence: SilenceRecord): Promise<void> {
  const outcome = await ctx.storage.agreement.settleSilence(silence.id, ctx.now().toISOString())
  if (!outcome) return
  const draft = await ctx.storage.getDraft(silence.draftId)
  // The settling events stand in the name of who started the silence; the audit log says the server did it.
  const starter = await ctx.storage.getUser(silence.startedBy)
  if (!draft || !starter) return
  if (outcome === 'adopted') {
    const adopted = await ctx.collab.withDoc(draft.id, (doc) => {
      const clauses = clausesMap(doc)
      return silence.clauseIds.filter((id) => {
        const clause = clauses.get(id)
        if (!(clause instanceof Y.Map)) return false
        if (clause.get(ClauseKey.status) !== 'adopted') clause.set(ClauseKey.status, 'adopted')
        return true
      })
    })
    await record(ctx, draft, 'silence.adopted', starter, { silenceId: silence.id, revision: silence.revision, clauseIds: adopted }, true)
  } else {
    const settled = await ctx.storage.agreement.getSilence(silence.id)
    const breaks = (settled?.breaks ?? []).map((b) => ({ stateCode: b.stateCode, reason: b.reason }))
    await record(ctx, draft, 'silence.ended', starter, { silenceId: silence.id, revision: silence.revision, breaks }, true)
  }
  await ctx.access.draftChanged(draft.id)
}

/** The draft's silences, the open one first (newest first). */
export async function silences(ctx: AppContext, draft: Draft): Promise<{ current: SilenceView | null; silences: SilenceView[] }> {
  const all = await ctx.storage.agreement.listSilences(draft.id)
  return { current: all.find((s) => s.state === 'open') ?? null, silences: all }
}
