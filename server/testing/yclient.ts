import { onTestFinished } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { waitFor } from './waitFor'

export interface TestClient {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  synced(): Promise<void>
  destroy(): void
}

/** A real y-websocket client (Node `ws`) on `/collab/:draftId`; destroyed when the test finishes. */
export function connectClient(wsUrl: string, draftId: string, token: string, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(`${wsUrl}/collab`, draftId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  })
  const client: TestClient = {
    doc,
    provider,
    synced: () => waitFor(() => provider.synced, { message: `client of ${draftId} to sync` }).then(() => undefined),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
  onTestFinished(() => client.destroy())
  return client
}
