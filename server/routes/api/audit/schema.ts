import { z } from 'zod'

const Instant = z
  .string()
  .max(40)
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: 'not a date' })
  .transform((value) => new Date(value).toISOString())

export const AuditQuerySchema = z
  .object({
    action: z.string().regex(/^[a-z.-]{1,64}$/, 'an action name').optional(),
    /** Who: the actor's username (as recorded, any case). */
    actor: z.string().trim().min(1).max(100).optional(),
    /** When: entries at or after `from` and before `to`. */
    from: Instant.optional(),
    to: Instant.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    before: z.coerce.number().int().positive().optional(),
  })
  .strict()
export type AuditQuery = z.infer<typeof AuditQuerySchema>
