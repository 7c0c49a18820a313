import { z } from 'zod'

export const AuditQuerySchema = z
  .object({
    action: z.string().regex(/^[a-z.-]{1,64}$/, 'an action name').optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    before: z.coerce.number().int().positive().optional(),
  })
  .strict()
