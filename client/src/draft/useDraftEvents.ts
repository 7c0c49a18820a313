import { useCallback, useEffect, useState } from 'react'
import type { HistoryEvent } from '../../../shared/threadsApi'

/** Events that change only the meeting's screen, floor or attendance: nothing the text's views (threads, positions, statuses, rounds) show. */
const MEETING_ONLY: ReadonlySet<string> = new Set(['meeting.screen', 'meeting.floor', 'meeting.attendance'])

export interface DraftEvents {
  /** Changes on every event (and on a reconnect). */
  readonly version: number
  /** Changes on every event but the meeting's screen, floor and attendance: what the text's views reload on (a meeting sends many of those). */
  readonly contentVersion: number
  readonly latest: HistoryEvent | null
}

/**
 * Listens to the draft's live event stream (server-sent events). Returns counters that change
 * on events, for views to refetch, and the latest event.
 */
export function useDraftEvents(draftId: string): DraftEvents {
  const [state, setState] = useState<DraftEvents>({ version: 0, contentVersion: 0, latest: null })
  useEffect(() => {
    const source = new EventSource(`/api/drafts/${encodeURIComponent(draftId)}/events`)
    source.addEventListener('draft-event', (message) => {
      const latest = JSON.parse((message as MessageEvent<string>).data) as HistoryEvent
      setState((s) => ({ version: s.version + 1, contentVersion: MEETING_ONLY.has(latest.type) ? s.contentVersion : s.contentVersion + 1, latest }))
    })
    // EventSource reconnects by itself; a reconnect may have missed events, so refetch then (not on the first open).
    let opened = false
    source.addEventListener('open', () => {
      if (opened) setState((s) => ({ ...s, version: s.version + 1, contentVersion: s.contentVersion + 1 }))
      opened = true
    })
    return () => source.close()
  }, [draftId])
  return state
}

/** Loads something for a draft and reloads it whenever the draft's events say it changed. */
export function useLiveResource<T>(load: () => Promise<T>, version: number, deps: readonly unknown[]): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [nonce, setNonce] = useState(0)
  useEffect(() => {
    let current = true
    load().then(
      (value) => {
        if (!current) return
        setData(value)
        setError(null)
      },
      (e: unknown) => {
        if (current) setError(e instanceof Error ? e.message : 'Could not load.')
      },
    )
    return () => {
      current = false
    }
    // `load` is a new function each render: `deps` name what it really depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps stand for `load`'s inputs
  }, [version, nonce, ...deps])
  // Stable, so it can be handed to memoized components.
  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { data, error, reload }
}
