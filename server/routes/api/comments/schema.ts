import { z } from 'zod'
import { CommentBody } from '../threads/schema'

export const CommentEditSchema = z.object({ body: CommentBody }).strict()
export type CommentEditReq = z.infer<typeof CommentEditSchema>
