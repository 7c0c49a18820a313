import { z } from 'zod'

export const SessionCreateSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(500),
})
export type SessionCreateReq = z.infer<typeof SessionCreateSchema>
