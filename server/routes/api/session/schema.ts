import { z } from 'zod'

export const SessionCreateSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(500),
  /** The second factor (a TOTP code or a recovery code), for accounts that have one. */
  code: z.string().trim().min(1).max(20).optional(),
})
export type SessionCreateReq = z.infer<typeof SessionCreateSchema>
