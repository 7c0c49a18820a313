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

// Distinct, readable on white, and not told apart by hue alone: carets also carry a name label.
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e', '#393b79']

export function colorFor(userId: string): string {
  let hash = 0
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return COLORS[hash % COLORS.length] ?? '#1f77b4'
}

/** What carets and the presence list show: the person and their State (or role). */
export function presenceFor(user: { readonly id: string; readonly displayName: string; readonly role: string; readonly stateCode: string | null }): PresenceUser {
  const label = user.stateCode ? `${user.displayName} (${user.stateCode})` : `${user.displayName} (${user.role})`
  return { id: user.id, name: label, color: colorFor(user.id), state: user.stateCode, role: user.role }
}
