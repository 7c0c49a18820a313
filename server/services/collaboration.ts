import type { Server } from 'node:http'
import type { Logger } from 'pino'
import type * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import type { Config } from '../config'
import { connectionAccess } from '../collaboration/auth'
import type { ChangeNote, ClauseHistorySink, UpdateAuthor } from '../collaboration/clauseChanges'
import type { Connection } from '../collaboration/Connection'
import { CollabEndpoint } from '../collaboration/endpoint'
import { PeerLinks } from '../collaboration/peerLinks'
import type { RedisBus } from '../collaboration/redisBus'
import type { Room } from '../collaboration/Room'
import { RoomRegistry } from '../collaboration/RoomRegistry'
import { DraftDamagedError } from '../collaboration/roomLoad'
import { conflict } from '../errors'
import type { Storage } from '../storage/Storage'
import { audit } from './audit'

/**
 * The collaboration service, as the rest of the server sees it: the websocket endpoint, the room
 * registry and the peer links (server/collaboration/) wired in one place, plus the document access
 * HTTP handlers need.
 */
export class CollaborationService {
  private readonly registry: RoomRegistry
  private readonly endpoint: CollabEndpoint
  /** The rooms' links to peer processes over Redis; null: this process is alone. */
  private readonly peers: PeerLinks | null

  constructor(
    private readonly storage: Storage,
    config: Config,
    private readonly log: Logger,
    /** Redis shared with peer processes (REDIS_URL); null: this process is alone. */
    bus: RedisBus | null = null,
    /** Where the rooms report who changed which clause (the per-clause history); null: not kept. */
    history: ClauseHistorySink | null = null,
  ) {
    this.peers = bus ? new PeerLinks(bus, config.peerHeartbeatMs, log) : null
    this.registry = new RoomRegistry(storage, config, log, this.peers, (room) => this.reportDamage(room), history)
    this.endpoint = new CollabEndpoint(storage, this.registry, config.maxPayloadBytes, log)
  }

  attach(server: Server): void {
    this.endpoint.attach(server)
  }

  /** A draft whose stored log is beyond the limits: marked for the secretariat (and audited) once per new reason. */
  private async reportDamage(room: Room): Promise<void> {
    const reason = room.damage?.reason
    if (!reason) return
    this.log.error({ draftId: room.draftId, reason }, 'draft opened read-only: its stored log is beyond the limits (npm run admin -- draft repair)')
    const health = await this.storage.docs.getHealth(room.draftId)
    if (health?.damage === reason) return
    await this.storage.docs.setDamage(room.draftId, reason)
    await audit(this.storage, new Date(), { action: 'draft.damaged', groupId: (await this.storage.getDraft(room.draftId))?.groupId ?? null, actorName: 'server', target: room.draftId, data: { reason } })
  }

  /**
   * Runs `read` on the draft's document, loading it once for everyone (connections and other
   * readers share the load); a draft loaded only for reading stays a moment for the next request.
   */
  async readDoc<T>(draftId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.registry.lease(draftId)
    try {
      await room.settled()
      return read(room.doc)
    } finally {
      this.registry.release(room, true)
    }
  }

  /**
   * Runs `edit` on the draft's live document as a server-side change (loading the draft if no one
   * has it open): persisted, then broadcast to every connected editor. `by`: the user it is made
   * for, its stored update's author and the actor of its clause events (none: the server's own).
   */
  async withDoc<T>(draftId: string, edit: (doc: Y.Doc) => T, by: UpdateAuthor | null = null, note: ChangeNote | null = null): Promise<T> {
    const room = await this.registry.lease(draftId)
    try {
      return await room.change(edit, by, note)
    } catch (error) {
      if (error instanceof DraftDamagedError) throw conflict(error.message)
      throw error
    } finally {
      this.registry.release(room)
    }
  }

  /** The live Y.Doc of a loaded draft (e.g. to read its content), or null when not loaded. */
  loadedDoc(draftId: string): Y.Doc | null {
    const room = this.registry.get(draftId)
    return room?.isLoaded ? room.doc : null
  }

  /**
   * Checks again, by the upgrade's own rule (connectionAccess), the connections `which` selects: one
   * that may no longer read is closed (4401 credential ended, 4403 no longer a member), the others
   * take the user's current role and become read-only or writable. Called by AccessService for every
   * change of rights, phase or credential, whichever process made it.
   */
  async recheck(which: (conn: Connection, draftId: string) => boolean): Promise<void> {
    for (const room of this.registry.loaded()) {
      for (const conn of [...room.connections]) {
        if (!which(conn, room.draftId)) continue
        const access = await connectionAccess(this.storage, conn.credentialHash, room.draftId)
        if (!room.connections.has(conn)) continue
        if (!access.ok) {
          room.close(conn, access.code)
          continue
        }
        conn.user = access.user
        conn.readOnly = access.readOnly
        conn.text = access.text
        conn.decide = access.decide
      }
    }
  }

  /** The open connections of a user in this process (inspection and tests). */
  connectionsOf(userId: string): Connection[] {
    return [...this.registry.loaded()].flatMap((room) => [...room.connections]).filter((conn) => conn.user.id === userId)
  }

  /** Closes (4401) at once every connection of this process opened with a credential that has just ended. */
  credentialEnded(credentialHash: string): void {
    for (const room of this.registry.loaded()) {
      for (const conn of [...room.connections]) {
        if (conn.credentialHash === credentialHash) room.close(conn, CloseCode.SESSION_ENDED)
      }
    }
  }

  /** How many drafts are in memory (loaded or being saved) and how many connections are open. */
  stats(): { rooms: number; connections: number } {
    let connections = 0
    for (const room of this.registry.loaded()) connections += room.connections.size
    return { rooms: this.registry.inMemory, connections }
  }

  /** Closes every connection (1001), saves every loaded draft, and stops. */
  async close(): Promise<void> {
    this.endpoint.closeConnections()
    this.peers?.close()
    await this.registry.unloadAll()
    await this.endpoint.stop()
  }
}
