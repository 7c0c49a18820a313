import { z } from 'zod'

export const TokensCreateSchema = z
  .object({ label: z.string().trim().min(1).max(100).optional() })
  .strict()
  .default({})
export type TokensCreateReq = z.infer<typeof TokensCreateSchema>
