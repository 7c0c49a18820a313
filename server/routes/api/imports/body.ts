/**
 * The .docx of the import routes, sent either as a multipart/form-data upload (one file part, as a
 * browser form sends it) or as the raw body: any body but JSON (the Word media type,
 * application/octet-stream, a wrong or missing type) is read as the file, up to the limit with our
 * own 413 message, so a wrong file gets "not a Word document", not a 415.
 */
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { DOCX_MEDIA_TYPE } from '../../../../shared/wordImport'
import { WORD_MAX_UPLOAD_BYTES, wordError } from '../../../word/limits'

/** What the screen sends; the catch-all covers every other type. */
export const WORD_BODY_TYPES = [DOCX_MEDIA_TYPE, 'application/octet-stream', 'text/plain', '*']

/** Registers the parser on an encapsulated scope: the rest of the API stays JSON-only. */
export async function acceptWordBodies(scope: FastifyInstance): Promise<void> {
  // One file, no other fields worth keeping: anything more is refused by the parser's limits.
  await scope.register(multipart, { limits: { files: 1, fileSize: WORD_MAX_UPLOAD_BYTES, fields: 10, fieldSize: 1024, parts: 12 } })
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

export interface WordUpload {
  readonly bytes: Buffer
  /** The file name the form gave its part (a raw body has none: the query names it). */
  readonly filename: string | null
}

/** The uploaded file: the form's one file part, or the raw body. */
export async function wordUpload(request: FastifyRequest): Promise<WordUpload> {
  if (!request.isMultipart()) return { bytes: wordBody(request.body), filename: null }
  let part
  try {
    part = await request.file()
  } catch {
    throw wordError.empty()
  }
  if (!part) throw wordError.empty()
  let bytes: Buffer
  try {
    bytes = await part.toBuffer()
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE') throw wordError.tooLarge()
    throw wordError.empty()
  }
  if (bytes.length === 0) throw wordError.empty()
  return { bytes, filename: part.filename.trim() || null }
}
