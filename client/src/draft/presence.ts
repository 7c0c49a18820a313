import type { PublicUser } from '../../../shared/api'
import { type PresenceUser, presenceFor } from '../../../shared/presence'

export { colorFor } from '../../../shared/presence'
export type { PresenceUser } from '../../../shared/presence'

/** The client's own guess of its presence; the server rewrites it from the session anyway. */
export function presenceUser(user: PublicUser): PresenceUser {
  return presenceFor({ id: user.id, displayName: user.displayName, role: user.role, stateCode: user.state?.code ?? null })
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
