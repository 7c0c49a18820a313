import { z } from 'zod'
import { TOKEN_MAX_DAYS } from '../../../auth/credentials'

export const TokensCreateSchema = z
  .object({
    label: z.string().trim().min(1).max(100).optional(),
    /** Lifetime in days; 30 unless given, at most 90. */
    expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).optional(),
  })
  .strict()
  .default({})
export type TokensCreateReq = z.infer<typeof TokensCreateSchema>
