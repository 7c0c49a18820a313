import type { z } from 'zod'
import { validationFailed } from '../errors'

/** Parses a request part with its zod schema; a failure is a 400 naming the first bad field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
  const first = issues[0]
  const where = first?.path ? `${first.path}: ` : ''
  throw validationFailed(`${where}${first?.message ?? 'invalid request'}`, { issues })
}
