import { z } from 'zod'
import { STANCES } from '../../../../shared/threadsApi'

export const PositionPutSchema = z
  .object({
    stance: z.enum(STANCES),
    statement: z.string().trim().max(5_000).optional(),
  })
  .strict()
export type PositionPutReq = z.infer<typeof PositionPutSchema>
