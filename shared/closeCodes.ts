/**
 * Websocket close codes used by the collaboration server (`/collab/:draftId`) and understood by
 * the client. 1000–1015 are the RFC 6455 codes; 4000–4999 are ours. Documented in the README.
 */
export const CloseCode = {
  /** The server is shutting down; reconnect to another process or later. */
  GOING_AWAY: 1001,
  /** A frame larger than the server's `maxPayload` (default 8 MiB); closed by `ws` itself. */
  MESSAGE_TOO_BIG: 1009,
  /** The server could not load or persist the draft; nothing the client sent was lost. */
  INTERNAL_ERROR: 1011,
  /** A frame that could not be decoded: truncated varints, bad lengths, an update Yjs refuses. */
  MALFORMED_MESSAGE: 4400,
  /** The session or token the connection was opened with ended (signed out) while connected. */
  SESSION_ENDED: 4401,
  /** The user may no longer read this draft (removed from its working group) while connected; a reconnect is refused. */
  ACCESS_REVOKED: 4403,
  /** The user already has the most sockets the server allows (per user), or the draft has (per draft); try again later. */
  TOO_MANY_CONNECTIONS: 4409,
  /** A message type (or sync sub-type) the y-websocket protocol does not define. */
  UNKNOWN_MESSAGE_TYPE: 4405,
  /** An update beyond the per-update limits (structs, delete ranges, characters, items split): nothing applied or stored. */
  UPDATE_TOO_COSTLY: 4413,
  /** An update that would take the draft past its maximum size (encoded bytes or items): nothing applied or stored. */
  DRAFT_TOO_LARGE: 4414,
  /** An update that would break the draft format (a clause that is not a map, an invalid position, kind, status or field): nothing applied or stored. */
  DRAFT_FORMAT_INVALID: 4415,
  /** A presence (awareness) state larger than one connection may announce. */
  PRESENCE_TOO_LARGE: 4417,
  /** More updates, or more costly ones, in a minute than the connection's budget: nothing applied or stored. */
  UPDATE_RATE_EXCEEDED: 4420,
  /** An update that changes what the sender's role may not change (the draft's title): nothing applied or stored. */
  CHANGE_FORBIDDEN: 4422,
  /** The client stopped reading: its send buffer passed the server's limit. */
  SLOW_CONSUMER: 4429,
} as const

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

/** A human sentence for each code, shown by the client and written in logs. */
export const closeReason: Record<CloseCodeValue, string> = {
  [CloseCode.GOING_AWAY]: 'server shutting down',
  [CloseCode.MESSAGE_TOO_BIG]: 'message too big',
  [CloseCode.INTERNAL_ERROR]: 'internal error',
  [CloseCode.MALFORMED_MESSAGE]: 'malformed message',
  [CloseCode.SESSION_ENDED]: 'session ended',
  [CloseCode.ACCESS_REVOKED]: 'access revoked',
  [CloseCode.TOO_MANY_CONNECTIONS]: 'too many connections',
  [CloseCode.UNKNOWN_MESSAGE_TYPE]: 'unknown message type',
  [CloseCode.UPDATE_TOO_COSTLY]: 'update too costly',
  [CloseCode.DRAFT_TOO_LARGE]: 'draft too large',
  [CloseCode.DRAFT_FORMAT_INVALID]: 'invalid draft content',
  [CloseCode.PRESENCE_TOO_LARGE]: 'presence too large',
  [CloseCode.UPDATE_RATE_EXCEEDED]: 'too many updates',
  [CloseCode.CHANGE_FORBIDDEN]: 'change not permitted',
  [CloseCode.SLOW_CONSUMER]: 'client too slow',
}
