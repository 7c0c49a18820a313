import { z } from 'zod'

/** Shape only: the passphrase rule (server/auth/passphrase.ts) is checked by the handler, as `weak_password`. */
export const PasswordChangeSchema = z
  .object({
    // Not trimmed: sign-in compares the password exactly as typed.
    current: z.string().min(1).max(500),
    next: z.string().min(1).max(500),
  })
  .strict()
export type PasswordChangeReq = z.infer<typeof PasswordChangeSchema>
