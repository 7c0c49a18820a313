import { useEffect, useRef, useState } from 'react'
import type { HistoryEvent } from '../../../shared/threadsApi'

export interface MeetingSignals {
  /** Changes when the meeting shown may have changed: read it again. */
  readonly meeting: number
  /** Changes when a meeting may have opened or closed: read the draft's meetings again. */
  readonly list: number
}

/**
 * Turns the draft's event stream into reload signals for meeting mode: meeting.* events only, so
 * the meeting is not read again on every unrelated event. Events React rendered together (the
 * version jumped by more than one) or a reconnect (the version moved, the event did not) may hide
 * a meeting event: both count as one.
 */
export function useMeetingSignals(version: number, latest: HistoryEvent | null): MeetingSignals {
  const seen = useRef({ version, id: latest?.id ?? 0 })
  const [signals, setSignals] = useState<MeetingSignals>({ meeting: 0, list: 0 })
  useEffect(() => {
    const before = seen.current
    const id = latest?.id ?? 0
    seen.current = { version, id }
    if (version === before.version) return
    const missed = version - before.version > 1 || id === before.id
    const type: string = latest?.type ?? ''
    if (!missed && !type.startsWith('meeting.')) return
    const list = missed || type === 'meeting.opened' || type === 'meeting.closed'
    setSignals((s) => ({ meeting: s.meeting + 1, list: list ? s.list + 1 : s.list }))
  }, [version, latest])
  return signals
}
