import { z } from 'zod'
import { EMAIL_MODES, NOTIFICATION_KINDS } from '../../../storage/notifications'

export const InboxQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.coerce.number().int().positive().optional(),
  })
  .strict()

export const ReadSchema = z.object({ ids: z.array(z.number().int().positive()).min(1).max(500).optional() }).strict()

export const SettingsSchema = z.object({ muted: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length), email: z.enum(EMAIL_MODES) }).strict()
