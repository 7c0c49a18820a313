/** Origin of changes the server makes to a document itself. */
export const SERVER_ORIGIN = Symbol('provisio-server')

/** Origin of changes another process has already persisted (pub/sub, repair): broadcast, never stored again. */
export const REMOTE_ORIGIN = Symbol('provisio-remote')
