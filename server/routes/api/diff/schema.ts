import { z } from 'zod'

const revisionOr = (word: 'seen' | 'current') =>
  z
    .string()
    .regex(new RegExp(`^(?:${word}|[1-9][0-9]{0,8})$`), `expected a revision number or "${word}"`)
    .transform((value) => (value === word ? word : Number(value)))

/** `?from=N|seen&to=M|current[&changesOnly=true]` */
export const DiffQuerySchema = z.object({
  from: revisionOr('seen'),
  to: revisionOr('current').default('current'),
  changesOnly: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
})
export type DiffQuery = z.infer<typeof DiffQuerySchema>
