import { z } from 'zod'
import { DECISION_KINDS } from '../../../../shared/meetingApi'
import { ID_PATTERN } from '../../../../shared/ids'

const STATE = z.string().regex(/^[A-Z]{3}$/, 'a State is its ISO 3166 alpha-3 code, e.g. JPN')
const DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'not a date')

export const MeetingCreateSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    place: z.string().trim().max(200).nullable().optional(),
    date: DATE.nullable().optional(),
  })
  .strict()

export const ScreenSchema = z.object({ clauseId: z.string().regex(ID_PATTERN).nullable() }).strict()

export const SpeakerSchema = z.object({ state: STATE.nullable() }).strict()

export const DecisionCreateSchema = z
  .object({
    clauseId: z.string().regex(ID_PATTERN),
    kind: z.enum(DECISION_KINDS),
    state: STATE.nullable().optional(),
    note: z.string().trim().max(2_000).nullable().optional(),
  })
  .strict()

export const AttendanceSchema = z.object({ state: STATE, present: z.boolean() }).strict()

export const MinutesQuerySchema = z.object({ format: z.enum(['json', 'html', 'docx']).default('json') }).strict()
