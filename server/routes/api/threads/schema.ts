import { z } from 'zod'
import { IdSchema as Id } from '../../../middlewares/params'

const Base64 = z.string().min(1).max(2000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64')
export const CommentBody = z.string().trim().min(1, 'must not be empty').max(20_000)

export const ThreadsCreateSchema = z
  .object({
    clauseId: Id,
    body: CommentBody,
    anchor: z.object({ start: Base64, end: Base64 }).strict().optional(),
    quote: z.string().max(10_000).optional(),
    proposal: z.object({ text: z.string().trim().min(1).max(50_000) }).strict().optional(),
  })
  .strict()
export type ThreadsCreateReq = z.infer<typeof ThreadsCreateSchema>

export const ThreadsQuerySchema = z
  .object({
    clause: Id.optional(),
    state: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code').optional(),
    status: z.enum(['open', 'resolved']).optional(),
    round: Id.optional(),
  })
  .strict()

export const CommentCreateSchema = z.object({ body: CommentBody }).strict()
/** `expected`: the current wording the rapporteur saw and confirms applying over (after a 409 proposal_stale); for suggest, the wording the diff was shown against. */
export const ProposalApplySchema = z.object({ expected: z.string().max(200_000).optional() }).strict()
export const ProposalDeclineSchema = z.object({ reason: z.string().trim().min(1, 'give a reason').max(5_000) }).strict()

/** Comment-bearing requests: 64 KiB at most (413 beyond), far above the 20,000 characters allowed. */
export const COMMENT_BODY_LIMIT = 64 * 1024
