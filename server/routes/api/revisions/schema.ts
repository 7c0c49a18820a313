import { z } from 'zod'
import { idSchema } from '../../../middlewares/params'

/** Clause ids are generated ids; anything else names no clause. */
export const ClauseIdSchema = idSchema('not a clause id')

export const RevisionsCreateSchema = z
  .object({
    /** e.g. "Rapporteur's draft, 5 April 2018". */
    label: z.string().trim().min(1).max(200),
  })
  .strict()
export type RevisionsCreateReq = z.infer<typeof RevisionsCreateSchema>

export const RevisionsRestoreSchema = z
  .object({
    /** Restore only this clause; the whole draft when absent. */
    clauseId: ClauseIdSchema.optional(),
  })
  .strict()
export type RevisionsRestoreReq = z.infer<typeof RevisionsRestoreSchema>

/** Route parameter `:n`: a revision number; anything else is simply not found. */
export const RevisionNumberSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/)
  .transform(Number)
