/**
 * The `user` field of a presence (awareness) state. The server writes it from the session of the
 * connection that announced the state; a client chooses only where it is (clause, caret).
 */
export interface PresenceUser {
  readonly id: string
  readonly name: string
  readonly color: string
  readonly state: string | null
  readonly role: string
}

/** Caret colours: each carries its label's white text at 4.5:1 or better (WCAG AA); not told apart by hue alone, as carets also carry a name. */
export const PRESENCE_COLORS = ['#1a5f96', '#b51f20', '#1d7a1d', '#7a4ca8', '#8c564b', '#ad2f7c', '#0b7480', '#6b6b10', '#b04e00', '#393b79'] as const

export function colorFor(userId: string): string {
  let hash = 0
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0]
}

/** What carets and the presence list show: the person and their State (or role). */
export function presenceFor(user: { readonly id: string; readonly displayName: string; readonly role: string; readonly stateCode: string | null }): PresenceUser {
  const label = user.stateCode ? `${user.displayName} (${user.stateCode})` : `${user.displayName} (${user.role})`
  return { id: user.id, name: label, color: colorFor(user.id), state: user.stateCode, role: user.role }
}
