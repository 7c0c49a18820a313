import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ID_PATTERN } from '../../shared/ids'
import { notFound } from '../errors'

/** The one schema of an id in a route parameter, query or body; `message` names what was expected. */
export const idSchema = (message = 'not an id') => z.string().regex(ID_PATTERN, message)

export const IdSchema = idSchema()

/** A route parameter that must look like one of our ids; anything else is simply not found. */
export function idParam(request: FastifyRequest, name: string, what: string): string {
  const parsed = IdSchema.safeParse((request.params as Record<string, unknown>)[name])
  if (!parsed.success) throw notFound(what)
  return parsed.data
}
