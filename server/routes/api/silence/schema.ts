import { z } from 'zod'
import { SILENCE_DEFAULT_HOURS, SILENCE_MIN_HOURS } from '../../../../shared/agreementApi'

export const SilenceStartSchema = z
  .object({
    /** The revision circulated; default: the newest. */
    revision: z.number().int().positive().optional(),
    hours: z.number().min(SILENCE_MIN_HOURS).max(24 * 60).default(SILENCE_DEFAULT_HOURS),
  })
  .strict()
export type SilenceStartReq = z.infer<typeof SilenceStartSchema>

export const SilenceBreakSchema = z.object({ reason: z.string().trim().min(1).max(5_000) }).strict()
export type SilenceBreakReq = z.infer<typeof SilenceBreakSchema>
