import { z } from 'zod'
import { IdSchema as Id } from '../../../middlewares/params'
import { EXPORT_FORMATS } from '../../../../shared/report/types'

const RevisionNumber = z.number().int().positive().max(999_999_999)

/** A calendar date, YYYY-MM-DD, that exists (no 31 April). */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
  }, 'not a calendar date')

const Optional = (max: number) => z.string().trim().max(max).nullable().optional()

export const ReportSectionSchema = z
  .object({
    heading: z.string().trim().min(1, 'must not be empty').max(300),
    /** Paragraphs split by blank lines; **bold** and *italic*; nothing else is interpreted. */
    body: z.string().max(50_000),
  })
  .strict()

/** `POST /api/drafts/:id/reports`, `…/reports/preview` and `PUT /api/reports/:id`. */
export const ReportBodySchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(300),
    session: Optional(200),
    place: Optional(200),
    date: IsoDate.nullable().optional(),
    /** The document symbol; absent or blank: the automatic one ("AALCO/OWG-CYBERSPACE/2026/R.1"). */
    symbol: z.string().trim().max(120).regex(/^[^\u0000-\u001f\u007f]*$/, 'must not hold control characters').nullable().optional(),
    sections: z.array(ReportSectionSchema).max(50).optional(),
    baseRevision: RevisionNumber,
    /** Absent: the revision saved when the comment round opened, else the one before the base; null: no comparison. */
    compareTo: RevisionNumber.nullable().optional(),
    /** Absent: every thread opened up to the base revision. */
    rounds: z.array(Id).max(100).optional(),
  })
  .strict()
export type ReportBodyReq = z.infer<typeof ReportBodySchema>

const VersionParam = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'expected a version number')
  .transform(Number)

export const ReportQuerySchema = z.object({ version: VersionParam.optional() }).strict()

/** `POST …/reports/preview?revising=<reportId>`: preview as that report's next version (its symbol /Rev.n). */
export const PreviewQuerySchema = z.object({ revising: Id.optional() }).strict()

export const ExportQuerySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    version: VersionParam.optional(),
  })
  .strict()

/** Sections may be long; the whole body stays well under this. */
export const REPORT_BODY_LIMIT = 4 * 1024 * 1024
