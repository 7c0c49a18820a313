import { z } from 'zod'
import { CLAUSE_STATUSES } from '../../../../shared/draft/format'

const Reason = z.string().trim().min(1).max(2000)
const State = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code')

/** A status to set or propose: `states` and `expected` only for agreed-ad-referendum (checked by the service). */
export const StatusChangeSchema = z
  .object({
    status: z.enum(CLAUSE_STATUSES),
    states: z.array(State).max(100).optional(),
    expected: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD').nullable().optional(),
    reason: Reason.optional(),
  })
  .strict()
export type StatusChangeReq = z.infer<typeof StatusChangeSchema>

/** Reopening agreed language: the reason is on record. */
export const ReopenSchema = z.object({ reason: Reason }).strict()

/** Confirming, declining, answering ad referendum: a reason is optional (the service requires one to withdraw). */
export const ReasonSchema = z.object({ reason: Reason.optional() }).strict()
