import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** The collaboration websocket's base URL on this page's host (the session cookie goes with it). */
export function collabBase(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`
}

/** How long the server may take to send its copy before the recovery gives up (and keeps the local copy). */
const SYNC_TIMEOUT_MS = 20_000

/**
 * The server's current state of the draft in a fresh Y.Doc: a second connection that only
 * receives (an empty document has nothing to send, so the guard has nothing to refuse).
 */
export function syncedServerCopy(draftId: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(collabBase(), draftId, doc, { disableBc: true })
  return new Promise<Y.Doc>((resolve, reject) => {
    const done = (error: Error | null) => {
      clearTimeout(timer)
      provider.off('sync', onSync)
      provider.off('connection-close', onClose)
      provider.destroy()
      if (error) {
        doc.destroy()
        reject(error)
      } else resolve(doc)
    }
    const onSync = (synced: boolean) => {
      if (synced) done(null)
    }
    const onClose = (event: CloseEvent | null) => {
      // A normal drop is retried by the provider; a close code of ours means it will not succeed.
      if (event && event.code >= 4000) done(new Error(`the server closed the copy's connection (${event.code})`))
    }
    const timer = setTimeout(() => done(new Error('the server did not send its copy in time')), SYNC_TIMEOUT_MS)
    provider.on('sync', onSync)
    provider.on('connection-close', onClose)
  })
}
