import { z } from 'zod'
import { EVENT_TYPES } from '../../../../shared/threadsApi'
import { IdSchema as Id } from '../../../middlewares/params'

export const HistoryQuerySchema = z
  .object({
    state: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code').optional(),
    clause: Id.optional(),
    /** The status of the thread an event belongs to. */
    status: z.enum(['open', 'resolved']).optional(),
    round: Id.optional(),
    /** A user id. */
    author: Id.optional(),
    /** One kind of event, e.g. `statement.recorded` (statements on record) or `silence.broken`. */
    type: z.enum(EVENT_TYPES).optional(),
  })
  .strict()
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>
