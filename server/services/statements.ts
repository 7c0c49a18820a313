import type { StatementKind, StatementView } from '../../shared/agreementApi'
import { clausesMap } from '../../shared/draft/ydoc'
import { newId } from '../../shared/ids'
import type { AppContext } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import type { StatementFilter } from '../storage/agreement'
import type { Draft, User } from '../storage/Storage'
import { audit } from './audit'
import { readDoc } from './drafts'
import { publish } from './threadViews'

/** A delegate puts its State's statement on record, on a clause (that exists now) or on the whole draft (null). */
export async function recordStatement(ctx: AppContext, draft: Draft, user: User, kind: StatementKind, clauseId: string | null, text: string): Promise<StatementView> {
  if (user.role !== 'delegate' || !user.stateCode) throw forbidden('Only a delegate puts a statement on record, for its State.')
  if (draft.phase === 'closed') throw new AppError(409, 'draft_closed', 'This draft is closed: nothing more goes on record.')
  if (clauseId !== null && !(await readDoc(ctx, draft.id, (doc) => clausesMap(doc).has(clauseId)))) throw notFound('Clause')
  const statement: StatementView = { id: newId(), draftId: draft.id, clauseId, kind, stateCode: user.stateCode, userId: user.id, text, at: ctx.now().toISOString() }
  await ctx.storage.agreement.addStatement(statement)
  await audit(ctx.storage, ctx.now(), { action: 'statement.recorded', groupId: draft.groupId, actor: user, target: draft.id, data: { statementId: statement.id, kind, clauseId } })
  const event = await ctx.storage.threads.recordClauseEvent(
    { draftId: draft.id, type: 'statement.recorded', at: statement.at, actorId: user.id, actorState: user.stateCode, clauseId, threadId: null, commentId: null, roundId: null, data: { statementId: statement.id, kind, text } },
    0,
  )
  if (event) await publish(ctx, event)
  return statement
}

export async function listStatements(ctx: AppContext, draft: Draft, filter: StatementFilter): Promise<{ statements: StatementView[] }> {
  return { statements: await ctx.storage.agreement.listStatements(draft.id, filter) }
}
