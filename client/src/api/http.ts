import type { ApiErrorBody } from '../../../shared/api'

/** An API error with the server's stable code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the server sent beside the message (e.g. the three texts of a stale proposal). */
    readonly details?: unknown,
  ) {
    super(message)
  }
}

/** The API path of one draft, under which its threads, revisions and reports live. */
export const draftUrl = (draftId: string) => `/api/drafts/${encodeURIComponent(draftId)}`

/** The server's message for a refused request; `fallback` when the server was not reached. */
export const errorMessage = (e: unknown, fallback: string) => (e instanceof ApiError ? e.message : fallback)

interface Request {
  readonly method?: string
  readonly body?: unknown
  readonly signal?: AbortSignal
}

/** The request with the session cookie, the body as JSON. */
function send(path: string, init: Request): Promise<Response> {
  return fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? null : JSON.stringify(init.body),
    signal: init.signal ?? null,
  })
}

/** A non-2xx answer as an ApiError carrying the server's code and message. */
function failure(response: Response, data: unknown): ApiError {
  const error = (data as ApiErrorBody | null)?.error
  return new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `Request failed (${response.status}).`, error?.details)
}

/** JSON over fetch with the session cookie; non-2xx answers become ApiError. */
export async function api<T>(path: string, init: Request = {}): Promise<T> {
  const response = await send(path, init)
  if (response.status === 204) return undefined as T
  const data: unknown = await response.json().catch(() => null)
  if (!response.ok) throw failure(response, data)
  return data as T
}

/** Like api(), for the endpoints that answer HTML (report previews and exports). */
export async function apiHtml(path: string, init: Request = {}): Promise<string> {
  const response = await send(path, init)
  if (response.ok) return response.text()
  throw failure(response, await response.json().catch(() => null))
}
