import type { HistoryEvent } from '../../shared/threadsApi'
import { waitFor } from './waitFor'

/** A draft's live event stream read as a browser would (server-sent events), collecting every event. */
export async function openEventStream(baseUrl: string, draftId: string, token: string) {
  const abort = new AbortController()
  const response = await fetch(`${baseUrl}/api/drafts/${draftId}/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal })
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no event stream')
  const events: HistoryEvent[] = []
  let connected = false
  const pump = (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      // Messages end with a blank line; keep a partial one for the next read.
      const messages = buffer.split('\n\n')
      buffer = messages.pop() ?? ''
      for (const message of messages) {
        if (message.includes(': connected')) connected = true
        const data = message.split('\n').find((line) => line.startsWith('data: '))
        if (data) events.push(JSON.parse(data.slice(6)) as HistoryEvent)
      }
    }
  })().catch(() => undefined)
  // "connected": events of other processes (Redis) reach this stream from now on.
  await waitFor(() => connected, { message: 'the event stream connected' })
  return {
    events,
    /** Waits for an event matching `match` and returns it. */
    next: async (match: (e: HistoryEvent) => boolean, message = 'the event'): Promise<HistoryEvent> => {
      const found = await waitFor(() => events.find(match), { message })
      if (!found) throw new Error(`no ${message}`)
      return found
    },
    close: async () => {
      abort.abort()
      await pump
    },
  }
}
