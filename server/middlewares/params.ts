import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import { notFound } from '../errors'

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

/** A route parameter that must look like one of our ids; anything else is simply not found. */
export function idParam(request: FastifyRequest, name: string, what: string): string {
  const parsed = Id.safeParse((request.params as Record<string, unknown>)[name])
  if (!parsed.success) throw notFound(what)
  return parsed.data
}
