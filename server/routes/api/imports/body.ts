/**
 * The raw .docx body for the import routes (no multipart parser is installed): any body but JSON
 * (the Word media type, application/octet-stream, a wrong or missing type) is read as the file, up
 * to the limit with our own 413 message, so a wrong file gets "not a Word document", not a 415.
 */
import type { FastifyInstance } from 'fastify'
import { DOCX_MEDIA_TYPE } from '../../../../shared/wordImport'
import { WORD_MAX_UPLOAD_BYTES, wordError } from '../../../word/limits'

/** What the screen sends; the catch-all covers every other type. */
export const WORD_BODY_TYPES = [DOCX_MEDIA_TYPE, 'application/octet-stream', 'text/plain', '*']

/** Registers the parser on an encapsulated scope: the rest of the API stays JSON-only. */
export function acceptWordBodies(scope: FastifyInstance): void {
  // Fastify reads text/plain as a string by default; here it is a file sent with the wrong type.
  scope.removeContentTypeParser('text/plain')
  scope.addContentTypeParser(WORD_BODY_TYPES, (request, payload, done) => {
    const declared = Number(request.headers['content-length'] ?? 0)
    if (declared > WORD_MAX_UPLOAD_BYTES) {
      payload.resume()
      done(wordError.tooLarge(), undefined)
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    payload.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > WORD_MAX_UPLOAD_BYTES) {
        failed = true
        done(wordError.tooLarge(), undefined)
        return
      }
      chunks.push(chunk)
    })
    payload.on('end', () => {
      if (!failed) done(null, Buffer.concat(chunks))
    })
    payload.on('error', (error) => {
      if (!failed) done(error, undefined)
      failed = true
    })
  })
}

/** The body the parser read, or the "no file" refusal (no body, or a JSON one). */
export function wordBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) throw wordError.empty()
  return body
}
