import { z } from 'zod'

/** A file name as the browser gives it: one line, ends in .docx (any case). */
const FileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((name) => !/[\p{Cc}/\\]/u.test(name), { message: 'must be a plain file name' })

/**
 * `POST /api/drafts/import?filename=…&preview=1&group=…`: the body is a multipart/form-data upload
 * of one file, or the .docx itself (Content-Type
 * application/vnd.openxmlformats-officedocument.wordprocessingml.document or application/octet-stream).
 */
export const DraftImportQuerySchema = z
  .object({
    filename: FileNameSchema.optional(),
    preview: z.enum(['1', 'true', '0', 'false']).optional().transform((v) => v === '1' || v === 'true'),
    /** Slug of the working group; by default the user's first. */
    group: z.string().trim().min(1).max(100).optional(),
    /** The title to create the draft with, when the officer corrected the one read from the file. */
    title: z.string().trim().min(1).max(300).optional(),
  })
  .strict()

export type DraftImportQuery = z.infer<typeof DraftImportQuerySchema>

/** `POST /api/drafts/:id/import-markup?filename=…&preview=1&state=KEN`: `state` is for the secretariat (a delegate's is their own). */
export const MarkupImportQuerySchema = z
  .object({
    filename: FileNameSchema.optional(),
    preview: z.enum(['1', 'true', '0', 'false']).optional().transform((v) => v === '1' || v === 'true'),
    state: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code').optional(),
  })
  .strict()

/** The name the file is known by: the query's, else the form part's (checked like the query's), else "document.docx". */
export function uploadName(queried: string | undefined, upload: { readonly filename: string | null }): string {
  if (queried) return queried
  const fromForm = FileNameSchema.safeParse(upload.filename?.split(/[/\\]/).at(-1) ?? '')
  return fromForm.success ? fromForm.data : 'document.docx'
}
