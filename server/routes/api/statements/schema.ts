import { z } from 'zod'
import { STATEMENT_KINDS } from '../../../../shared/agreementApi'
import { ID_PATTERN } from '../../../../shared/ids'

export const StatementCreateSchema = z
  .object({
    kind: z.enum(STATEMENT_KINDS),
    /** null: on the whole draft. */
    clauseId: z.string().regex(ID_PATTERN).nullable(),
    text: z.string().trim().min(1).max(10_000),
  })
  .strict()
export type StatementCreateReq = z.infer<typeof StatementCreateSchema>

export const StatementQuerySchema = z
  .object({
    clauseId: z.string().regex(ID_PATTERN).optional(),
    state: z.string().regex(/^[A-Z]{3}$/).optional(),
    kind: z.enum(STATEMENT_KINDS).optional(),
  })
  .strict()
