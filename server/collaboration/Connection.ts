import type { TextAccess } from '../../shared/permissions'
import type { WebSocket } from 'ws'
import type { User } from '../storage/Storage'

/** One websocket on one draft, with what the server decided about it at the upgrade. */
export interface Connection {
  readonly ws: WebSocket
  /** Checked again whenever the user's rights may have changed (AccessService): the role in effect now. */
  user: User
  /** Hash of the session or token that opened the connection: signing out closes it. */
  readonly credentialHash: string
  /** Read-only connections get the document but their sync step 2 and updates are dropped. */
  readOnly: boolean
  /** What the user may do to the text now (the draft guard's rules): read, suggest only, or write. */
  text: TextAccess
  /** May accept and reject others' suggestions (role and phase). */
  decide: boolean
  /** The awareness client id this connection speaks for, once it has announced it. */
  clientId: number | null
  isAlive: boolean
}
