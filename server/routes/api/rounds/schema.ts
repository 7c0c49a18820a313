import { z } from 'zod'

const Deadline = z.string().trim().min(1).max(40)

export const RoundCreateSchema = z.object({ name: z.string().trim().min(1).max(200), deadline: Deadline }).strict()
export const RoundReopenSchema = z.object({ deadline: Deadline }).strict()
export type RoundCreateReq = z.infer<typeof RoundCreateSchema>
