import { ID_PATTERN } from '../../shared/ids'
import { presenceFor } from '../../shared/presence'
import type { User } from '../storage/Storage'

const MAX_CURSOR_CHARS = 1024

/** Thrown for a presence state larger than a connection may announce (closed with 4417). */
export class PresenceTooLargeError extends RangeError {}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A caret as y-prosemirror writes it ({anchor, head} relative positions), kept only while small. */
function cursorOf(value: unknown): unknown {
  if (!isPlainObject(value) || !isPlainObject(value.anchor) || !isPlainObject(value.head)) return null
  const cursor = { anchor: value.anchor, head: value.head }
  return JSON.stringify(cursor).length <= MAX_CURSOR_CHARS ? cursor : null
}

/**
 * The state the room stores and relays for a connection's announcement: `user` written from the
 * session (name, State, role, colour), and only what a client may choose (its clause, its caret).
 * `parsed` is the client's JSON.parse'd state; null stays null (the client left).
 */
export function presenceState(parsed: unknown, user: User): string {
  if (parsed === null) return 'null'
  if (!isPlainObject(parsed)) throw new TypeError('awareness state must be an object or null')
  const clauseId = typeof parsed.clauseId === 'string' && ID_PATTERN.test(parsed.clauseId) ? parsed.clauseId : null
  const state: Record<string, unknown> = { user: presenceFor(user), clauseId }
  if ('cursor' in parsed) state.cursor = cursorOf(parsed.cursor)
  return JSON.stringify(state)
}

/** The user id inside a stored state (written by a server, ours or a peer's), or null. */
export function presenceUserId(json: string): string | null {
  if (json === 'null') return null
  try {
    const parsed: unknown = JSON.parse(json)
    if (!isPlainObject(parsed) || !isPlainObject(parsed.user)) return null
    return typeof parsed.user.id === 'string' ? parsed.user.id : null
  } catch {
    return null
  }
}
