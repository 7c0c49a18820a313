import { z } from 'zod'
import { IdSchema } from '../../../middlewares/params'
import { CLAUSE_KINDS, CLAUSE_STATUSES } from '../../../../shared/draft/format'

export const ClauseCreateSchema = z
  .object({
    heading: z.string().trim().max(500),
    text: z.string().max(200_000),
    kind: z.enum(CLAUSE_KINDS).default('article'),
    status: z.enum(CLAUSE_STATUSES).default('proposed'),
  })
  .strict()

export const DraftsCreateSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    clauses: z.array(ClauseCreateSchema).max(2000),
    /** Slug of the working group; by default the user's first. */
    group: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
export type DraftsCreateReq = z.infer<typeof DraftsCreateSchema>

/** Route parameter `:id`; anything else is simply not found. */
export const DraftIdSchema = IdSchema
