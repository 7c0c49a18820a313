/** An error the HTTP layer turns into `{error: {code, message}}` with its status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details)
export const validationFailed = (message: string, details?: unknown) =>
  new AppError(400, 'validation_failed', message, details)
export const unauthorized = (message = 'Sign in first.') => new AppError(401, 'unauthorized', message)
export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong username or password.')
export const forbidden = (message = 'Your role does not allow this.') => new AppError(403, 'forbidden', message)
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found.`)
export const conflict = (message: string) => new AppError(409, 'conflict', message)
export const payloadTooLarge = (message = 'Request body too large.') => new AppError(413, 'payload_too_large', message)
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', `Too many attempts; try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  })
