import { z } from 'zod'
import { IdSchema as Id } from '../../../middlewares/params'
import { SEARCH_KINDS } from '../../../storage/search'

export const SearchQuerySchema = z
  .object({
    q: z.string().trim().min(1, 'type what to search for').max(200, 'at most 200 characters'),
    draft: Id.optional(),
    kind: z.enum(SEARCH_KINDS).optional(),
    state: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code').optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict()
export type SearchQuery = z.infer<typeof SearchQuerySchema>
