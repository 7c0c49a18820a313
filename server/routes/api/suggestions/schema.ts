import { z } from 'zod'
import { IdSchema as Id } from '../../../middlewares/params'
import { SUGGESTION_STATUSES } from '../../../storage/suggestions'

export const SuggestionsQuerySchema = z
  .object({
    state: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code').optional(),
    clause: Id.optional(),
    status: z.enum(SUGGESTION_STATUSES).optional(),
  })
  .strict()

export const AcceptSchema = z.object({}).strict()
/** A rejection may say why (it goes into the history and the report). */
export const RejectSchema = z.object({ reason: z.string().trim().max(2000).optional() }).strict()

/** Deciding all open suggestions of a clause, or of one State there. */
export const ClauseDecisionSchema = z
  .object({ state: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code').optional(), reason: z.string().trim().max(2000).optional() })
  .strict()
