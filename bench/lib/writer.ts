import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { clausesMap } from '../../shared/draft/ydoc'
import { marker, nowUs } from './marker'
import { HocuspocusClient } from './hocuspocusClient'
import type { Target } from './servers'

/** The first text node of a clause's body: where a writer types. */
export function clauseText(doc: Y.Doc, clauseIndex: number): Y.XmlText {
  const ids = [...clausesMap(doc).keys()].sort()
  const clause = clausesMap(doc).get(ids[clauseIndex % ids.length] ?? '')
  const body = clause?.get('body')
  const paragraph = body instanceof Y.XmlFragment ? body.get(0) : null
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  if (!(text instanceof Y.XmlText)) throw new Error('the clause has no text to type into')
  return text
}

/**
 * A real client with a Y.Doc that types timestamped words into one clause: y-websocket's
 * WebsocketProvider over `ws` (ours, the reference), or HocuspocusClient with the document.
 */
export class Writer {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider | null = null
  private readonly hocuspocus: HocuspocusClient | null = null

  constructor(
    target: Target,
    draftId: string,
    client: number,
    private readonly clauseIndex: number,
  ) {
    if (target.kind === 'hocuspocus') {
      this.hocuspocus = new HocuspocusClient(target.url(draftId, client), draftId, target.token(client), {}, this.doc)
      return
    }
    const { serverUrl, params } = target.providerUrl(client)
    this.provider = new WebsocketProvider(serverUrl, draftId, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params,
      disableBc: true,
    })
  }

  synced(timeoutMs = 60_000): Promise<void> {
    if (this.hocuspocus) return this.hocuspocus.synced.then(() => undefined)
    const provider = this.provider
    if (!provider || provider.synced) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('writer did not sync')), timeoutMs)
      provider.once('sync', () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  /** One keystroke-sized change carrying its send time (µs; now unless given); the provider sends it at once. */
  type(sentUs = nowUs()): void {
    const text = clauseText(this.doc, this.clauseIndex)
    text.insert(text.length, `${marker(sentUs)} `)
  }

  destroy(): void {
    this.provider?.destroy()
    this.hocuspocus?.close()
    this.doc.destroy()
  }
}
