import type { z } from 'zod'
import { validationFailed } from '../errors'

/** The path of the first string holding a NUL character (PostgreSQL cannot store one), or null. */
function nulPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, [...path, String(i)])
      if (found) return found
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(item, [...path, key])
      if (found) return found
    }
  }
  return null
}

/** Parses a request part with its zod schema; a failure is a 400 naming the first bad field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) {
    const nul = nulPath(result.data)
    if (nul) throw validationFailed(`${nul.join('.')}: must not contain a NUL character`, { issues: [{ path: nul.join('.'), message: 'NUL character' }] })
    return result.data
  }
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
  const first = issues[0]
  const where = first?.path ? `${first.path}: ` : ''
  throw validationFailed(`${where}${first?.message ?? 'invalid request'}`, { issues })
}
