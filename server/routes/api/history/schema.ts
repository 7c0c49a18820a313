import { z } from 'zod'
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
  })
  .strict()
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>
