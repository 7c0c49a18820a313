import type { PublicUser } from '../../../shared/api'

// Distinct, readable on white, and not told apart by hue alone: carets also carry a name label.
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e', '#393b79']

export function colorFor(userId: string): string {
  let hash = 0
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return COLORS[hash % COLORS.length] ?? '#1f77b4'
}

/** The `user` field every client puts in its awareness state; carets show `name`. */
export interface PresenceUser {
  readonly id: string
  readonly name: string
  readonly color: string
  readonly state: string | null
  readonly role: string
}

export function presenceUser(user: PublicUser): PresenceUser {
  const label = user.state ? `${user.displayName} (${user.state.code})` : `${user.displayName} (${user.role})`
  return { id: user.id, name: label, color: colorFor(user.id), state: user.state?.code ?? null, role: user.role }
}

/** One person present in the draft, as the presence list shows them. */
export interface Peer {
  readonly clientId: number
  readonly user: PresenceUser
  readonly clauseId: string | null
}

function isPresenceUser(value: unknown): value is PresenceUser {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.name === 'string' && typeof v.color === 'string' && typeof v.id === 'string'
}

/** Reads peers out of awareness states, ignoring malformed ones. */
export function peersFrom(states: Map<number, Record<string, unknown>>, selfClientId: number): Peer[] {
  const peers: Peer[] = []
  for (const [clientId, state] of states) {
    if (clientId === selfClientId || !isPresenceUser(state.user)) continue
    peers.push({ clientId, user: state.user, clauseId: typeof state.clauseId === 'string' ? state.clauseId : null })
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name))
}

const samePeer = (a: Peer, b: Peer) =>
  a.clientId === b.clientId && a.clauseId === b.clauseId && a.user.id === b.user.id && a.user.name === b.user.name && a.user.color === b.user.color && a.user.state === b.user.state && a.user.role === b.user.role

/** `previous` when `next` says the same (who is present, and in which clause), else `next`. */
export function stablePeers(previous: readonly Peer[], next: Peer[]): readonly Peer[] {
  return previous.length === next.length && previous.every((p, i) => samePeer(p, next[i] as Peer)) ? previous : next
}
