import type { ApiErrorBody } from '../../../shared/api'
import { DOCX_MEDIA_TYPE, type ImportCreated, type ImportPreview, type MarkupImported, type MarkupPreview } from '../../../shared/wordImport'
import { ApiError, draftUrl } from './http'

/** POSTs the file itself as the body (the server takes no multipart), with the session cookie. */
async function upload<T>(path: string, file: Blob): Promise<T> {
  const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': DOCX_MEDIA_TYPE }, body: file })
  const data: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const error = (data as ApiErrorBody | null)?.error
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `Request failed (${response.status}).`, error?.details)
  }
  return data as T
}

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString()

export const importsApi = {
  /** The split the file would become; nothing is created. */
  preview: (file: File) => upload<ImportPreview>(`/api/drafts/import?${query({ preview: '1', filename: file.name })}`, file),
  /** Creates the draft (revision 1 "Imported from <file name>"). */
  create: (file: File, title?: string) => upload<ImportCreated>(`/api/drafts/import?${query({ filename: file.name, title })}`, file),
}

export const markupApi = {
  /** Every change and comment of a marked-up export, and where it will land; nothing is written. */
  preview: (draftId: string, file: File, state?: string) =>
    upload<MarkupPreview>(`${draftUrl(draftId)}/import-markup?${query({ preview: '1', filename: file.name, state })}`, file),
  /** Writes them: suggestions and threads as the State. */
  apply: (draftId: string, file: File, state?: string) => upload<MarkupImported>(`${draftUrl(draftId)}/import-markup?${query({ filename: file.name, state })}`, file),
}
