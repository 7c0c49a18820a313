import { z } from 'zod'
import { IdSchema } from '../../../middlewares/params'
import { CLAUSE_KINDS, CLAUSE_STATUSES } from '../../../../shared/draft/format'
import { TEXT_MODES } from '../../../../shared/permissions'

export const ClauseCreateSchema = z
  .object({
    heading: z.string().trim().max(500),
    text: z.string().max(200_000),
    kind: z.enum(CLAUSE_KINDS).default('article'),
    status: z.enum(CLAUSE_STATUSES).default('proposed'),
  })
  .strict()

/** NUL, C0 and C1 control characters (tabs and line breaks included): a title is one line of text. */
const CONTROL_CHARACTERS = /\p{Cc}/u

/** A draft's title, wherever one comes from (the API, `import-draft`): 1–300 characters, no control characters. */
export const DraftTitleSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine((title) => !CONTROL_CHARACTERS.test(title), { message: 'must not contain control characters' })

export const DraftsCreateSchema = z
  .object({
    title: DraftTitleSchema,
    clauses: z.array(ClauseCreateSchema).max(2000),
    /** Slug of the working group; by default the user's first. */
    group: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
/**
 * `PATCH /api/drafts/:id`: the secretariat closes a draft or reopens it for drafting (consultation
 * is a comment round's), and sets its text mode (delegates edit directly, or only suggest).
 */
export const DraftPatchSchema = z
  .object({ phase: z.enum(['closed', 'drafting']).optional(), textMode: z.enum(TEXT_MODES).optional() })
  .strict()
  .refine((patch) => patch.phase !== undefined || patch.textMode !== undefined, { message: 'give phase or textMode' })

export type DraftsCreateReq = z.infer<typeof DraftsCreateSchema>

/** Route parameter `:id`; anything else is simply not found. */
export const DraftIdSchema = IdSchema
