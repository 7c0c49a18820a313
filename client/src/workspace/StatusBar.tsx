import type { ClauseSummary } from '../draft/hooks'
import type { Peer } from '../draft/presence'
import type { SaveState } from '../draft/savedTracker'
import type { ConnectionStatus } from '../draft/session'

const CONNECTION_TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline — changes kept on this device',
  paused: 'Paused — too many changes in a minute; resuming shortly',
  refused: 'Change refused — larger than the server accepts; reload the page to continue from the saved text',
  forbidden: 'Change refused — your role may not make it; reload the page to continue from the saved text',
  revoked: 'You are no longer a member of this draft’s working group; it is closed here',
}

const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  unsaved: 'Not yet saved to the server',
}

export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`connection connection-${status}`} role="status" aria-label="Connection">
      <span className="connection-dot" aria-hidden="true" />
      {CONNECTION_TEXT[status]}
    </span>
  )
}

export function SaveIndicator({ state, readOnly }: { state: SaveState; readOnly: boolean }) {
  if (readOnly) return null
  return (
    <span className={`save save-${state}`} role="status" aria-label="Saved">
      {SAVE_TEXT[state]}
    </span>
  )
}

/** Who else is in the draft now, with their State and the clause they are in. */
export function PresenceList({ peers, clauses }: { peers: readonly Peer[]; clauses: readonly ClauseSummary[] }) {
  const labelOf = (id: string | null) => clauses.find((c) => c.id === id)?.label
  return (
    <ul className="presence" aria-label="People in this draft">
      {peers.length === 0 && <li className="muted">Nobody else is here</li>}
      {peers.map((peer) => {
        const where = labelOf(peer.clauseId)
        return (
          <li key={peer.clientId} className="presence-item">
            <span className="peer-dot" style={{ background: peer.user.color }} aria-hidden="true" />
            <span>{peer.user.name}</span>
            {where && <span className="muted"> · {where}</span>}
          </li>
        )
      })}
    </ul>
  )
}
