import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { Logger } from 'pino'
import { AppError } from '../errors'

interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

function fromFastify(error: FastifyError): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload_too_large', 'Request body too large.')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'bad_request', 'The JSON body is empty.')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'bad_request', 'The body is not valid JSON.')
  }
  if (error instanceof SyntaxError || error.statusCode === 400) return new AppError(400, 'bad_request', 'The body is not valid JSON.')
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(error.statusCode, 'bad_request', error.message)
  }
  return null
}

/** Every error leaves as `{error: {code, message}}`; unexpected ones are logged and hidden. */
export function errorHandler(log: Logger) {
  return (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply): void => {
    const known = error instanceof AppError ? error : fromFastify(error)
    if (!known) {
      log.error({ err: error, url: request.url, method: request.method }, 'request failed')
      void reply.status(500).send({ error: { code: 'internal_error', message: 'Something went wrong on the server.' } })
      return
    }
    const body: ErrorBody = { error: { code: known.code, message: known.message } }
    if (known.details !== undefined) body.error.details = known.details
    if (known.status === 429 && typeof known.details === 'object' && known.details && 'retryAfterSeconds' in known.details) {
      void reply.header('Retry-After', String(known.details.retryAfterSeconds))
    }
    void reply.status(known.status).send(body)
  }
}
